/**
 * The fold of the dashboard's grouped counts is shared with the core (shared/dashboard/fold.ts),
 * so the server's figures and the desktop's are made by the same code; re-exported here for
 * the server's slice.
 */
export { foldDashboard, monthsOf, type GroupedCounts } from '../../shared/dashboard/fold.js';
