/**
 * The core's RPC methods of the leaders' dashboard (DASHBOARD_RPC), spread into the
 * service's handler table like mailHandlers. The figures are those of the confirmed
 * records in the cache (query.ts): instant, and the same offline.
 */
import { AppError, vnToday } from '../../../shared/index.js';
import type { OrgView } from '../../../shared/domain/org.js';
import type { DASHBOARD_RPC } from '../../../shared/dashboard/rpc.js';
import type { Handlers } from '../api/service.js';
import type { Db } from '../db/open.js';
import { exportDashboard } from './export.js';
import { dashboard, drill } from './query.js';

/** What the dashboard needs of the signed-in session. */
export interface DashboardContext {
  db: Db;
  org: OrgView | null;
  now(): Date;
}

export type DashboardHandlers = Pick<Handlers, keyof typeof DASHBOARD_RPC>;

function need(getCtx: () => DashboardContext | null): DashboardContext {
  const ctx = getCtx();
  if (!ctx) throw new AppError('not_signed_in');
  return ctx;
}

export function dashboardHandlers(getCtx: () => DashboardContext | null): DashboardHandlers {
  return {
    'dashboard.get': async (p) => {
      const ctx = need(getCtx);
      return dashboard(ctx.db, p, ctx.org, vnToday(ctx.now()));
    },
    'dashboard.drill': async (p) => {
      const ctx = need(getCtx);
      return drill(ctx.db, p, ctx.org, vnToday(ctx.now()));
    },
    'dashboard.export': async (p) => {
      const ctx = need(getCtx);
      return exportDashboard(ctx.db, p, ctx.org, vnToday(ctx.now()));
    },
  };
}
