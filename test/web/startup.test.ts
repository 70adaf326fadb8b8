/**
 * Start-up as a newcomer meets it: `npm start` without the Electron runtime says
 * so and serves the web host; the bundled demo agency is seeded, offered through
 * app.info, usable, and found again (same address, session resumed) after a restart.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { runWebApp, type RunningWebApp } from '../../src/main/web/main.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/server/seed/content/organisation.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { fetchAppInfo, type AppInfo } from '../../src/shared/rpc/host.js';
import { webSocketTransport, type WebSocketLike } from '../../src/shared/rpc/webSocket.js';
import { eventually } from '../helpers/core.js';

function fakeRenderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ioffice-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>iOffice</title>');
  return dir;
}

/** Spend the one-time link like a browser, and open the page's RPC channel. */
async function openPage(app: RunningWebApp): Promise<RpcClient> {
  const res = await fetch(app.host.loginUrl()!, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const ws = new WebSocket(`ws://127.0.0.1:${app.host.port}/rpc`, { headers: { cookie, origin: app.host.url } });
  return new RpcClient(webSocketTransport(ws), { timeoutMs: 60_000 });
}

describe('start-up with the demo agency (web host)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ioffice-startup-'));
  const rendererDir = fakeRenderer();
  const open: RunningWebApp[] = [];
  const lines: string[] = [];
  const start = async (argv: string[]): Promise<RunningWebApp> => {
    const app = await runWebApp({ argv: ['--data-dir', dataDir, '--renderer-dir', rendererDir, '--demo-documents', '3', ...argv], say: (l) => lines.push(l) });
    open.push(app);
    return app;
  };
  afterAll(async () => {
    for (const a of open) await a.close();
  });

  /** Run a step and note how long it took: a failure then says where the time went (with the app's own messages). */
  const t0 = Date.now();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      const v = await fn();
      lines.push(`[test] ${name}: ${Date.now() - t} ms (at ${Date.now() - t0} ms)`);
      return v;
    } catch (err) {
      throw new Error(`${name} failed after ${Date.now() - t} ms: ${String(err)}\n--- the app said:\n${lines.join('\n')}`, { cause: err });
    }
  };

  it('seeds and offers the demo agency; a user signs in to it and sees its documents', async () => {
    const app = await step('start', () => start(['--demo']));
    expect(lines.join('\n')).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/u);
    const rpc = await openPage(app);
    const first = await fetchAppInfo(rpc);
    expect(first.demo.preferred).toBe(true);
    expect(['starting', 'ready']).toContain(first.demo.state);
    let last: AppInfo['demo'] | null = null;
    const info: AppInfo = await step('demo ready', () =>
      eventually(async () => {
        const i = await fetchAppInfo(rpc);
        last = i.demo;
        return i.demo.state === 'ready' ? i : null;
      }, 150_000, 250).catch((err: unknown) => {
        throw new Error(`${String(err)}; last demo status ${JSON.stringify(last)}`);
      }),
    );
    expect(info.demoServerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    expect(info.demo.accounts.map((a) => a.username)).toContain(DEMO_USERS.clerk);
    expect(info.demo.password).toBe(DEMO_PASSWORD);

    await step('login', () => rpc.call('session.login', { serverUrl: info.demoServerUrl!, username: DEMO_USERS.clerk, password: DEMO_PASSWORD }));
    await step('sync', () => rpc.call('sync.now'));
    const list = await step('list', () =>
      eventually(async () => {
        const l = await rpc.call('incoming.list', {});
        return l.total === 3 ? l : null;
      }, 30_000),
    );
    expect(list.items).toHaveLength(3);
    rpc.close();
    await step('close', () => app.close());
    open.length = 0;
  }, 300_000);

  it('after a restart the demo is at the same address and the session resumes (no --demo needed)', async () => {
    const app = await start(['--server', 'http://127.0.0.1:9']);
    const rpc = await openPage(app);
    const info = await eventually(async () => {
      const i = await fetchAppInfo(rpc);
      return i.demo.state === 'ready' ? i : null;
    }, 60_000, 250);
    expect(info.demo.preferred).toBe(false);
    const session = await rpc.call('session.get');
    expect(session).toMatchObject({ signedIn: true, serverUrl: info.demoServerUrl, user: { username: DEMO_USERS.clerk } });
    rpc.close();
  }, 120_000);
});

describe('npm start where the Electron runtime is missing', () => {
  it('says so in Vietnamese and English, serves the web host and prints its URL; Ctrl+C stops it cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioffice-launch-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--server', 'http://127.0.0.1:9'], {
      env: { ...process.env, IOFFICE_DATA_DIR: dataDir, IOFFICE_RENDERER_DIR: fakeRenderer(), ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await eventually(async () => /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/u.exec(out)?.[0] ?? null, 60_000);
    expect(out).toContain('Electron');
    expect(out).toMatch(/chưa|Chưa|không|Không/u); // Vietnamese first
    expect(out).toContain('web browser');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/u); // no stack trace
  }, 90_000);
});
