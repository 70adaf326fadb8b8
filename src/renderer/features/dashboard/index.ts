/**
 * The dashboard slice's public module for the shell: the screen is lazy, so chart.js
 * and the dashboard's code load only when a leader first opens it.
 */
import { lazy } from 'react';

export const DashboardPage = lazy(() => import('./DashboardPage.js').then((m) => ({ default: m.DashboardPage })));

/** The calendar periods (pure, no chart): the registers page offers the same month, quarter and year. */
export { periodRange, type DayRange } from './period.js';
