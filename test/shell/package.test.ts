import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageVerdict } from '../../scripts/package.js';

describe('npm run package where Electron cannot be downloaded', () => {
  it('says plainly, in Vietnamese and English, what is missing and how to package, and exits non-zero', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package.ts'], {
      encoding: 'utf8',
      // The download host refuses the connection; nothing in the Electron download cache.
      env: { ...process.env, IOFFICE_PACKAGE_PROBE_URL: 'http://127.0.0.1:1', ELECTRON_CACHE: mkdtempSync(join(tmpdir(), 'ioffice-electron-cache-')), ELECTRON_DIST: '' },
    });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status).toBe(2);
    expect(out).toContain('Không đóng gói được');
    expect(out).toContain('Cannot package');
    expect(out).toContain('Thiếu bộ chạy Electron cho: linux, win32');
    expect(out).toContain('npm run package -- --electron-dist');
    expect(out).not.toMatch(/ENOTFOUND|ECONNREFUSED|\n\s+at /u);
  });

  it('runs electron-builder when the network is there, with a given Electron runtime folder passed on', () => {
    expect(packageVerdict({ electronDist: null, cachedPlatforms: [], online: true })).toEqual({ ok: true, builderArgs: ['--config', 'electron-builder.yml', '--linux', '--win'] });
    const v = packageVerdict({ electronDist: '/opt/electron', cachedPlatforms: [], online: true });
    expect(v.ok && v.builderArgs).toContain('-c.electronDist=/opt/electron');
    // Offline with a runtime at hand: only the packaging tools are missing, and it says so.
    const off = packageVerdict({ electronDist: '/opt/electron', cachedPlatforms: [], online: false });
    expect(off.ok).toBe(false);
    expect(!off.ok && off.message.map(([, en]) => en).join(' ')).not.toContain('Missing the Electron runtime');
  });
});
