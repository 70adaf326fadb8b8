/**
 * `npm run start:web`: the core, the bundled demo agency when it is wanted, and
 * the web host, in this process; prints the one-time URL.
 *
 *   start:web [--demo] [--port P] [--data-dir DIR] [--server URL] [--renderer-dir DIR]
 *
 * Data: DIR/core (the core's session and caches), DIR/demo (the demo agency);
 * DIR defaults to IOFFICE_DATA_DIR or .data beside package.json.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core.js';
import { RpcClient } from '../../shared/rpc/client.js';
import { createMemoryTransportPair } from '../../shared/rpc/transport.js';
import { defaultRendererDir, findAppRoot } from './appRoot.js';
import { DemoAgency } from './demo.js';
import { buildAppInfo, shouldStartDemo, DEMO_LABEL } from './policy/demo.js';
import { DEMO_PASSWORD } from '../../shared/demoAccounts.js';
import { startWebHost, type WebHost } from './server.js';

export interface RunningWebApp {
  host: WebHost;
  demo: DemoAgency;
  close(): Promise<void>;
}

export interface RunWebOptions {
  argv?: string[];
  /** Where messages go (the terminal). */
  say?: (line: string) => void;
  /** Listen for Enter on stdin to print a fresh one-time link. */
  interactive?: boolean;
}

export class UsageError extends Error {}

const USAGE = 'start:web [--demo] [--port P] [--data-dir DIR] [--server URL] [--renderer-dir DIR]';

export async function runWebApp(opts: RunWebOptions = {}): Promise<RunningWebApp> {
  const say = opts.say ?? ((l: string) => console.log(l));
  let values: { demo?: boolean; port?: string; 'data-dir'?: string; server?: string; 'renderer-dir'?: string; 'demo-documents'?: string };
  try {
    values = parseArgs({
      args: opts.argv ?? process.argv.slice(2),
      options: {
        demo: { type: 'boolean' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        server: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'demo-documents': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\nusage: ${USAGE}`);
  }
  const root = findAppRoot();
  const dataDir = resolve(values['data-dir'] ?? process.env.IOFFICE_DATA_DIR ?? join(root.dir, '.data'));
  const rendererDir = resolve(values['renderer-dir'] ?? defaultRendererDir(root));
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number\nusage: ${USAGE}`);
  const configuredServerUrl = values.server ?? process.env.IOFFICE_SERVER_URL ?? null;
  const preferDemo = values.demo ?? false;
  const documents = Number(values['demo-documents'] ?? process.env.IOFFICE_DEMO_DOCUMENTS ?? 2000);

  const core = createCore({ dataDir: join(dataDir, 'core') });
  const [hostEnd, coreEnd] = createMemoryTransportPair();
  core.attach(coreEnd);
  const rpc = new RpcClient(hostEnd, { timeoutMs: null });
  await core.ready;

  let lastShown = -1;
  let host: WebHost | null = null;
  const demo = new DemoAgency({
    dataDir: join(dataDir, 'demo'),
    documents,
    log: say,
    onStatus: (s) => {
      if (s.state === 'starting' && s.progress && s.progress.done !== lastShown) {
        lastShown = s.progress.done;
        say(`  cơ quan mẫu / demo agency: ${s.progress.done}/${s.progress.total}`);
      }
      void host?.appInfoChanged();
    },
  });
  const session = await rpc.call('session.get');
  const startDemo = shouldStartDemo({ preferDemo, configuredServerUrl, sessionServerUrl: session.signedIn ? session.serverUrl : null, recordedDemoUrl: demo.recordedUrl() });

  try {
    host = await startWebHost({
      attach: (t) => core.attach(t),
      rpc,
      rendererDir,
      port,
      appInfo: () => buildAppInfo({ host: 'web', version: root.version, platform: process.platform, serverUrl: configuredServerUrl, preferDemo, demo: demo.current }),
      log: (m) => {
        if (process.env.IOFFICE_DEBUG) say(m);
      },
    });
  } catch (err) {
    rpc.close();
    await core.close();
    if ((err as { code?: string }).code === 'EADDRINUSE') throw new UsageError(`Cổng ${port} đang bận. (Port ${port} is already in use.)`);
    throw err;
  }

  say('');
  say('iOffice đang chạy trong trình duyệt. Mở địa chỉ sau (chỉ dùng được một lần):');
  say('  (iOffice is running for your browser. Open this address — it works once:)');
  say('');
  const web: WebHost = host;
  say(`    ${web.loginUrl()}`);
  say('');
  if (opts.interactive && process.stdin.isTTY) say('Nhấn Enter để lấy liên kết mới, Ctrl+C để dừng. (Enter: a new link; Ctrl+C: stop.)');

  if (startDemo) {
    demo
      .start()
      .then((url) => {
        // A session resumed on the demo agency was retrying while it started: sync now.
        void rpc.call('sync.now').catch(() => {});
        say(`${DEMO_LABEL.vi} sẵn sàng tại ${url} — chọn "${DEMO_LABEL.vi}" ở màn hình đăng nhập; mật khẩu ${DEMO_PASSWORD}.`);
        say(`  (${DEMO_LABEL.en} ready at ${url}: pick it on the sign-in screen; password ${DEMO_PASSWORD}.)`);
      })
      .catch((err: unknown) => {
        say(`Không khởi động được cơ quan mẫu: ${err instanceof Error ? err.message : String(err)}`);
        say('  (The demo agency could not start; you can still sign in to a real agency server.)');
      });
  }

  let onLine: ((chunk: Buffer) => void) | null = null;
  if (opts.interactive && process.stdin.isTTY) {
    onLine = () => say(`    ${web.newLoginUrl()}`);
    process.stdin.on('data', onLine);
  }

  let closing: Promise<void> | null = null;
  return {
    host: web,
    demo,
    close() {
      closing ??= (async () => {
        if (onLine) {
          process.stdin.off('data', onLine);
          process.stdin.pause();
        }
        await web.close();
        rpc.close();
        await core.close();
        await demo.close();
      })();
      return closing;
    },
  };
}

/** The command line: messages for people, never a stack trace (unless IOFFICE_DEBUG). */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  let app: RunningWebApp;
  try {
    app = await runWebApp({ argv, interactive: true });
  } catch (err) {
    if (err instanceof UsageError) console.error(err.message);
    else {
      console.error(`Không khởi động được iOffice: ${err instanceof Error ? err.message : String(err)}`);
      console.error('  (iOffice could not start. Set IOFFICE_DEBUG=1 for details.)');
      if (process.env.IOFFICE_DEBUG) console.error(err);
    }
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nĐang dừng iOffice… (Stopping…)');
    const force = setTimeout(() => process.exit(0), 8000);
    force.unref();
    void app.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
