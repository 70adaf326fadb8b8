/**
 * The core's dashboard slice, as the composition root and other slices use it
 * (docs/generic-sync-plan.md §2): its RPC handlers, and the figures, the drill-down and
 * the export over the `record_deadlines` views (their tables: core/tasks/schema.ts).
 */
export { dashboardHandlers, type DashboardContext, type DashboardHandlers } from './handlers.js';
export { dashboard, drill, type DashboardQuery, type DrillQuery } from './query.js';
export { exportDashboard, exportFileName } from './export.js';
