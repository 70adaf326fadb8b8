/**
 * `npm start`: the desktop app when the Electron runtime is installed and can run
 * here; otherwise say so plainly (Vietnamese, then English) and run the web host,
 * which prints the URL to open. Either way the demo agency is offered when no
 * agency server is configured; `--demo` goes straight to it.
 *
 *   npm start [-- --demo] [-- --web] [-- --server URL] [-- --port P]
 *
 * Builds what is missing or older than its sources first (the renderer with
 * Vite, the Node/Electron side with tsc), with a message instead of a wall of
 * build output. A newcomer never meets a stack trace: failures are explained,
 * and IOFFICE_DEBUG=1 shows the details.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type ElectronCheck = { ok: true; binary: string } | { ok: false; reason: 'package-missing' | 'binary-missing' | 'no-display' };

export interface ElectronCheckEnv {
  /** require.resolve from the project. */
  resolve(specifier: string): string;
  exists(path: string): boolean;
  read(path: string): string;
  env: Record<string, string | undefined>;
  platform: string;
}

/** Is the Electron runtime here (package, downloaded binary) and could it open a window? Pure over `io`. */
export function checkElectron(io: ElectronCheckEnv): ElectronCheck {
  let pkgDir: string;
  try {
    pkgDir = dirname(io.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'package-missing' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = io.exists(pathFile) ? io.read(pathFile).trim() : '';
  const override = io.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(pkgDir, 'dist', relative) : '';
  if (!binary || !io.exists(binary)) return { ok: false, reason: 'binary-missing' };
  if (io.platform === 'linux' && !io.env.DISPLAY && !io.env.WAYLAND_DISPLAY) return { ok: false, reason: 'no-display' };
  return { ok: true, binary };
}

const WHY: Record<Exclude<ElectronCheck, { ok: true }>['reason'] | 'native-abi' | 'forced', [string, string]> = {
  'package-missing': ['Chưa cài bộ chạy ứng dụng máy tính (Electron).', 'The desktop runtime (Electron) is not installed.'],
  'binary-missing': [
    'Bộ chạy ứng dụng máy tính (Electron) chưa được tải về máy này.',
    'The desktop runtime (Electron) has not been downloaded on this machine (`node node_modules/electron/install.js` fetches it where the network allows).',
  ],
  'no-display': ['Máy này không có màn hình đồ họa để mở cửa sổ ứng dụng.', 'This machine has no graphical display to open the app window on.'],
  'native-abi': [
    'Thư viện SQLite chưa được dựng cho Electron (chạy `npm run rebuild:electron`).',
    'The SQLite module is built for Node, not Electron (run `npm run rebuild:electron`).',
  ],
  forced: ['Đã chọn chạy trên trình duyệt (--web).', 'Running in the browser as asked (--web).'],
};

function say(vi: string, en: string): void {
  console.log(`${vi}\n  (${en})`);
}

function newest(paths: string[]): number {
  let t = 0;
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) walk(join(p, name));
    } else t = Math.max(t, s.mtimeMs);
  };
  for (const p of paths) walk(p);
  return t;
}

/** Missing, or older than any of its sources. */
export function isStale(output: string, sources: string[]): boolean {
  if (!existsSync(output)) return true;
  return newest(sources) > statSync(output).mtimeMs;
}

/** Run a build quietly; on failure show its last lines and where the full log is. */
function quietly(label: [string, string], command: string, args: string[]): boolean {
  say(label[0], label[1]);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: process.env });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const logDir = join(ROOT, '.data', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `build-${Date.now()}.log`);
  writeFileSync(logFile, output);
  if (r.status === 0) {
    console.log(`  ✓ ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return true;
  }
  console.log(output.split('\n').slice(-15).join('\n'));
  say(`Dựng không thành công; nhật ký đầy đủ: ${logFile}`, `The build failed; full log: ${logFile}`);
  return false;
}

function ensureRenderer(): void {
  const index = join(ROOT, 'dist', 'renderer', 'index.html');
  const config = join(ROOT, 'vite.config.ts');
  if (process.env.IOFFICE_RENDERER_DIR) return; // a build of one's own
  if (!existsSync(config) || !existsSync(join(ROOT, 'src', 'renderer'))) return; // the web host explains a missing UI
  if (!isStale(index, [join(ROOT, 'src', 'renderer'), join(ROOT, 'src', 'shared'), config])) return;
  const vite = createRequire(join(ROOT, 'package.json')).resolve('vite/bin/vite.js');
  quietly(
    [
      existsSync(index) ? 'Giao diện đã thay đổi: đang dựng lại…' : 'Đang dựng giao diện người dùng (lần đầu, khoảng một phút)…',
      existsSync(index) ? 'The user interface changed: rebuilding…' : 'Building the user interface (first run, about a minute)…',
    ],
    process.execPath,
    [vite, 'build', '--logLevel', 'warn'],
  );
}

function ensureMain(): boolean {
  const entry = join(ROOT, 'dist', 'main', 'main', 'shell', 'main.js');
  if (!isStale(entry, [join(ROOT, 'src', 'main'), join(ROOT, 'src', 'shared'), join(ROOT, 'src', 'server'), join(ROOT, 'tsconfig.main.json')])) return true;
  const tsx = createRequire(join(ROOT, 'package.json')).resolve('tsx/cli');
  return quietly(['Đang dựng ứng dụng máy tính…', 'Building the desktop app…'], process.execPath, [tsx, join(ROOT, 'scripts', 'build-main.ts')]);
}

/** better-sqlite3-multiple-ciphers must be built for Electron's ABI, or the core cannot open its database. */
function nativeModulesFit(binary: string): boolean {
  const r = spawnSync(binary, ['-e', "require('better-sqlite3-multiple-ciphers')(':memory:').close()"], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return r.status === 0;
}

async function runWeb(args: string[], why: [string, string]): Promise<void> {
  say(why[0], why[1]);
  say('iOffice sẽ chạy trong trình duyệt web của bạn thay cho cửa sổ ứng dụng.', 'iOffice will run in your web browser instead of its own window.');
  ensureRenderer();
  const { main } = await import('../src/main/web/main.js');
  await main(args);
}

function runElectron(binary: string, args: string[]): void {
  const child = spawn(binary, ['.', ...args], { cwd: ROOT, stdio: 'inherit', env: process.env });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

export async function launch(argv: string[]): Promise<void> {
  const forceWeb = argv.includes('--web');
  const args = argv.filter((a) => a !== '--web');
  const require = createRequire(join(ROOT, 'package.json'));
  const check = checkElectron({
    resolve: (s) => require.resolve(s),
    exists: existsSync,
    read: (p) => readFileSync(p, 'utf8'),
    env: process.env,
    platform: process.platform,
  });
  if (forceWeb) return runWeb(args, WHY.forced);
  if (!check.ok) return runWeb(args, WHY[check.reason]);
  if (!nativeModulesFit(check.binary)) return runWeb(args, WHY['native-abi']);
  ensureRenderer();
  if (!ensureMain()) return runWeb(args, ['Không dựng được ứng dụng máy tính.', 'The desktop app could not be built.']);
  say('Đang mở iOffice…', 'Opening iOffice…');
  runElectron(check.binary, args);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  launch(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`Không khởi động được iOffice: ${err instanceof Error ? err.message : String(err)}`);
    console.error('  (iOffice could not start. Set IOFFICE_DEBUG=1 for details.)');
    if (process.env.IOFFICE_DEBUG) console.error(err);
    process.exit(1);
  });
}
