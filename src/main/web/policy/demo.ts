/**
 * The bundled demo agency ("Cơ quan mẫu (đào tạo)") as both hosts present it:
 * when to start it, and what the sign-in screen is told (pure).
 */
import type { AppInfo, DemoInfo, DemoState } from '../../../shared/rpc/host.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../../shared/demoAccounts.js';

export const DEMO_LABEL = { vi: 'Cơ quan mẫu (đào tạo)', en: 'Demo agency (training)' } as const;

export function demoAccounts(): DemoInfo['accounts'] {
  return [
    { username: DEMO_USERS.clerk, label: { vi: 'Văn thư — Văn phòng UBND tỉnh', en: 'Clerk, Provincial Office' } },
    { username: DEMO_USERS.leader, label: { vi: 'Chủ tịch UBND tỉnh (lãnh đạo cơ quan)', en: 'Chairman (agency leader)' } },
    { username: DEMO_USERS.unitLeader, label: { vi: 'Trưởng phòng Kinh tế', en: 'Head of the Economic Department' } },
    { username: DEMO_USERS.specialist, label: { vi: 'Chuyên viên Phòng Kinh tế', en: 'Specialist, Economic Department' } },
  ];
}

export interface DemoDecisionInput {
  /** `--demo`: go straight to the demo agency. */
  preferDemo: boolean;
  /** An agency server configured for this installation (`--server`, IOFFICE_SERVER_URL). */
  configuredServerUrl: string | null;
  /** The server of the remembered session, if someone is signed in. */
  sessionServerUrl: string | null;
  /** Where the demo agency listened last time (it keeps its port between runs). */
  recordedDemoUrl: string | null;
}

const sameServer = (a: string, b: string): boolean => a.replace(/\/+$/u, '').toLowerCase() === b.replace(/\/+$/u, '').toLowerCase();

/**
 * Start the demo agency when asked to, when the remembered session is on it (or
 * the core would stay offline), or when no agency server is known at all (first
 * run: offer training). Not when the user works with a real agency server.
 */
export function shouldStartDemo(i: DemoDecisionInput): boolean {
  if (i.preferDemo) return true;
  if (i.sessionServerUrl) return i.recordedDemoUrl !== null && sameServer(i.sessionServerUrl, i.recordedDemoUrl);
  return i.configuredServerUrl === null;
}

export interface DemoStatus {
  state: DemoState;
  url: string | null;
  progress: { done: number; total: number } | null;
  error: { vi: string; en: string } | null;
}

export const DEMO_OFF: DemoStatus = { state: 'off', url: null, progress: null, error: null };

export function buildAppInfo(i: { host: 'electron' | 'web'; version: string; platform: string; serverUrl: string | null; preferDemo: boolean; demo: DemoStatus }): AppInfo {
  const ready = i.demo.state === 'ready' ? i.demo.url : null;
  return {
    name: 'iOffice',
    version: i.version,
    host: i.host,
    platform: i.platform,
    serverUrl: i.serverUrl,
    demoServerUrl: ready,
    demo: {
      state: i.demo.state,
      url: ready,
      preferred: i.preferDemo,
      progress: i.demo.progress,
      accounts: i.demo.state === 'off' ? [] : demoAccounts(),
      password: i.demo.state === 'off' ? null : DEMO_PASSWORD,
      error: i.demo.error,
    },
  };
}
