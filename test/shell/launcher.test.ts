import { mkdtempSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectron, isStale, type ElectronCheckEnv } from '../../scripts/start.js';

function io(files: Record<string, string>, env: Record<string, string> = { DISPLAY: ':0' }, platform = 'linux', installed = true): ElectronCheckEnv {
  return {
    resolve: (s) => {
      if (!installed) throw new Error(`Cannot find module '${s}'`);
      return '/p/node_modules/electron/package.json';
    },
    exists: (p) => p in files,
    read: (p) => files[p] ?? '',
    env,
    platform,
  };
}

describe('npm start: is the desktop runtime here?', () => {
  it('no package (npm dropped the failed optional dependency)', () => {
    expect(checkElectron(io({}, {}, 'linux', false))).toEqual({ ok: false, reason: 'package-missing' });
  });
  it('the package without its downloaded binary (this machine)', () => {
    expect(checkElectron(io({}))).toEqual({ ok: false, reason: 'binary-missing' });
    expect(checkElectron(io({ '/p/node_modules/electron/path.txt': 'electron' }))).toEqual({ ok: false, reason: 'binary-missing' });
  });
  it('the binary, and a display to open a window on', () => {
    const files = { '/p/node_modules/electron/path.txt': 'electron\n', '/p/node_modules/electron/dist/electron': '' };
    expect(checkElectron(io(files))).toEqual({ ok: true, binary: '/p/node_modules/electron/dist/electron' });
    expect(checkElectron(io(files, {}))).toEqual({ ok: false, reason: 'no-display' });
    expect(checkElectron(io(files, { WAYLAND_DISPLAY: 'wayland-0' }))).toMatchObject({ ok: true });
    expect(checkElectron(io({ '/p/node_modules/electron/path.txt': 'electron.exe', '/p/node_modules/electron/dist/electron.exe': '' }, {}, 'win32'))).toMatchObject({ ok: true });
  });
  it('ELECTRON_OVERRIDE_DIST_PATH points elsewhere', () => {
    expect(checkElectron(io({ '/opt/electron/electron': '' }, { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }))).toEqual({ ok: true, binary: '/opt/electron/electron' });
  });

  it('rebuilds what is missing or older than its sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioffice-stale-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'x');
    const out = join(dir, 'out.js');
    expect(isStale(out, [join(dir, 'src')])).toBe(true);
    writeFileSync(out, 'y');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'src', 'a.ts'), past, past);
    expect(isStale(out, [join(dir, 'src')])).toBe(false);
    writeFileSync(join(dir, 'src', 'b.ts'), 'newer');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'b.ts'), future, future);
    expect(isStale(out, [join(dir, 'src')])).toBe(true);
  });
});
