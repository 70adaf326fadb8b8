/**
 * The core's schedule slice (issue #9), as the composition root uses it: its cache step, its
 * LocalKind and its RPC handlers.
 */
export { SCHEDULE_CACHE_STEP } from './schema.js';
export { ScheduleStore } from './store.js';
export { scheduleHandlers, type ScheduleContext, type ScheduleHandlers } from './handlers.js';
