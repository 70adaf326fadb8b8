/**
 * The schedule slice's public module for the shell and the other renderer slices
 * (docs/generic-sync-plan.md §2): the screens are lazy, so the schedule's code loads only
 * when first shown (the notifier is small and always mounted).
 */
import { lazy } from 'react';

/** "Lịch công tác": the week in its views (#/schedule/<date>/<view>). */
export const SchedulePage = lazy(() => import('./SchedulePage.js').then((m) => ({ default: m.SchedulePage })));
/** One entry (#/schedule/entry/<id>). */
export const ScheduleEntryPage = lazy(() => import('./EntryPage.js').then((m) => ({ default: m.EntryPage })));
/** "Đưa vào lịch" on an incoming document. */
export const DocumentScheduleButton = lazy(() => import('./DocumentScheduleButton.js').then((m) => ({ default: m.DocumentScheduleButton })));
/** App-wide toasts of the revisions that concern me (mounted in the shell). */
export { ScheduleNotifier } from './Notices.js';
/** The Search page's "Lịch công tác" section. */
export { ScheduleResults, useScheduleSearch } from './ScheduleResults.js';
