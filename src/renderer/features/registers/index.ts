/**
 * The registers slice's public module for the shell ("Sổ văn bản", issue #10): the page is
 * lazy, so its code loads when the registers are first opened.
 */
import { lazy } from 'react';

export const RegistersPage = lazy(() => import('./RegistersPage.js').then((m) => ({ default: m.RegistersPage })));
