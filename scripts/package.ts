/**
 * `npm run package`: the installers (Windows NSIS, Linux AppImage and .deb) with
 * electron-builder, after checking first that it can get what it needs, so a
 * closed network ends in a plain explanation (Vietnamese, then English) and a
 * non-zero exit, not in electron-builder's ENOTFOUND stack trace.
 *
 *   npm run package [-- --electron-dist DIR]
 *
 * electron-builder needs, per target platform, Electron's prebuilt runtime (from
 * GitHub, or a downloaded copy: ELECTRON_DIST / --electron-dist, or electron's
 * download cache) and its own packaging tools (NSIS, AppImage, also from GitHub).
 * IOFFICE_DEBUG=1 shows the details of a failed check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where electron-builder downloads Electron and its tools from. */
const DOWNLOAD_HOST = 'https://github.com';

export interface PackageCheck {
  /** A folder holding an unpacked Electron runtime (electron-builder's electronDist). */
  electronDist: string | null;
  /** Electron zips already in the download cache, by platform ('linux', 'win32'). */
  cachedPlatforms: string[];
  /** Could the download host be reached (null: not asked, because nothing needs downloading). */
  online: boolean | null;
}

export type PackageVerdict = { ok: true; builderArgs: string[] } | { ok: false; message: [vi: string, en: string][] };

const TARGETS = ['linux', 'win32'] as const;

/** What to do, given what is here. Pure. */
export function packageVerdict(c: PackageCheck): PackageVerdict {
  const builderArgs = ['--config', 'electron-builder.yml', '--linux', '--win', ...(c.electronDist ? [`-c.electronDist=${c.electronDist}`] : [])];
  if (c.online) return { ok: true, builderArgs };
  const missing = c.electronDist ? [] : TARGETS.filter((t) => !c.cachedPlatforms.includes(t));
  const message: [string, string][] = [
    [
      'Không đóng gói được: máy này không kết nối được tới GitHub, nơi electron-builder tải bộ chạy Electron và công cụ đóng gói (NSIS, AppImage).',
      'Cannot package: this machine cannot reach GitHub, where electron-builder downloads the Electron runtime and its packaging tools (NSIS, AppImage).',
    ],
  ];
  if (missing.length > 0)
    message.push([
      `Thiếu bộ chạy Electron cho: ${missing.join(', ')} (chưa có trong bộ nhớ đệm tải về).`,
      `Missing the Electron runtime for: ${missing.join(', ')} (not in the download cache).`,
    ]);
  message.push(
    [
      'Cách đóng gói: chạy `npm run package` trên một máy có mạng (lần đầu tải khoảng 200 MB); hoặc chép bộ chạy Electron 41 đã giải nén vào một thư mục rồi chạy `npm run package -- --electron-dist THƯ_MỤC` (công cụ đóng gói vẫn cần tải một lần).',
      'How to package: run `npm run package` on a machine with network access (about 200 MB the first time); or copy an unpacked Electron 41 runtime into a folder and run `npm run package -- --electron-dist DIR` (the packaging tools still download once).',
    ],
    ['Ứng dụng vẫn chạy được ngay trên máy này: `npm start` (mở trên trình duyệt).', 'The app still runs here: `npm start` (in the browser).'],
  );
  return { ok: false, message };
}

function electronCacheDir(): string {
  if (process.env.ELECTRON_CACHE) return process.env.ELECTRON_CACHE;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? homedir(), 'electron', 'Cache');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}

/** Electron zips anywhere in the cache (it keeps them in hashed sub-folders). */
function cachedPlatforms(dir: string): string[] {
  const found = new Set<string>();
  const walk = (d: string, depth: number): void => {
    if (depth > 2 || !existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), depth + 1);
      const m = /^electron-v[\d.]+-(linux|win32)-x64\.zip$/u.exec(e.name);
      if (m) found.add(m[1]!);
    }
  };
  walk(dir, 0);
  return [...found];
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch (err) {
    if (process.env.IOFFICE_DEBUG) console.error(err);
    return false;
  }
}

function flag(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

async function main(): Promise<number> {
  const dist = flag('--electron-dist') ?? process.env.ELECTRON_DIST ?? null;
  if (dist && !existsSync(dist)) {
    console.log(`Không thấy thư mục bộ chạy Electron: ${dist}\n  (No Electron runtime folder at ${dist}.)`);
    return 2;
  }
  const verdict = packageVerdict({
    electronDist: dist ? resolve(dist) : null,
    cachedPlatforms: cachedPlatforms(electronCacheDir()),
    online: await reachable(process.env.IOFFICE_PACKAGE_PROBE_URL ?? DOWNLOAD_HOST),
  });
  if (!verdict.ok) {
    for (const [vi, en] of verdict.message) console.log(`${vi}\n  (${en})`);
    return 2;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  const pack = spawnSync(npx, ['--yes', 'electron-builder@26', ...verdict.builderArgs], { cwd: ROOT, stdio: 'inherit' });
  return pack.status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(fileURLToPath(import.meta.url))) process.exitCode = await main();
