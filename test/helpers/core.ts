/**
 * Start the client core for a test, in this process (over an in-memory transport)
 * or as its own process (forked through tsx, as the desktop shell would start it),
 * and talk to it with the typed RPC client the UI uses.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core.js';
import { childProcessTransport } from '../../src/main/core/rpc/transports.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { Session } from '../../src/shared/rpc/contract.js';
import { FIXTURE_PASSWORD } from './fixtures.js';

/** Fast retries so tests see a restarted server within a second or two. */
export const FAST_SYNC = { retryBaseMs: 100, retryMaxMs: 1000, pollMs: 60_000 } as const;

export const tempDir = (prefix = 'ioffice-core-'): string => mkdtempSync(join(tmpdir(), prefix));

export interface InProcessCore {
  rpc: RpcClient;
  core: Core;
  dataDir: string;
  close(): Promise<void>;
}

export function startCore(options: Partial<CoreOptions> = {}): InProcessCore {
  const dataDir = options.dataDir ?? tempDir();
  const core = createCore({ sync: FAST_SYNC, ...options, dataDir });
  const [uiEnd, coreEnd] = createMemoryTransportPair();
  core.attach(coreEnd);
  const rpc = new RpcClient(uiEnd);
  return {
    rpc,
    core,
    dataDir,
    async close() {
      rpc.close();
      await core.close();
    },
  };
}

export interface ForkedCore {
  rpc: RpcClient;
  child: ChildProcess;
  dataDir: string;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `built`: run the compiled core (dist/main, `npm run build:main`) on plain Node, as the desktop does; else the sources through tsx. */
export function forkCore(options: { dataDir?: string; args?: string[]; built?: boolean } = {}): ForkedCore {
  const dataDir = options.dataDir ?? tempDir();
  const args = [
    '--data-dir',
    dataDir,
    '--retry-base-ms',
    String(FAST_SYNC.retryBaseMs),
    '--retry-max-ms',
    String(FAST_SYNC.retryMaxMs),
    '--poll-ms',
    String(FAST_SYNC.pollMs),
    ...(options.args ?? []),
  ];
  // BENCH_CORE_EXEC_ARGV (e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof") profiles the core in benchmarks.
  const extra = process.env.BENCH_CORE_EXEC_ARGV?.split(' ').filter(Boolean) ?? [];
  const child = fork(options.built ? 'dist/main/main/core/process.js' : 'src/main/core/process.ts', args, {
    execArgv: options.built ? extra : ['--import', 'tsx', ...extra],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const rpc = new RpcClient(childProcessTransport(child));
  return {
    rpc,
    child,
    dataDir,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const r = await exited;
      rpc.close();
      return r;
    },
  };
}

export function signIn(rpc: RpcClient, serverUrl: string, username: string, password = FIXTURE_PASSWORD): Promise<Session> {
  return rpc.call('session.login', { serverUrl, username, password });
}

/** Poll until `fn` returns a truthy value (for effects that arrive by poke). */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
