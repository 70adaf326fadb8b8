/**
 * The shell must compile to JavaScript that Electron can run (it cannot run here):
 * build dist/main into a scratch folder and check what Electron will load — an ESM
 * main that imports only electron, Node built-ins, packages and files that exist; a
 * CommonJS preload that requires only electron; and a core entry that really runs
 * (under plain Node, forked as the shell forks it, minus Electron).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcessTransport } from '../../src/main/core/rpc/transports.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { buildMain } from '../../scripts/build-main.js';
import { importsOf } from '../../scripts/check-layers.js';

const OUT = resolve('.tmp', `build-test-${randomBytes(4).toString('hex')}`);

function* jsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* jsFiles(p);
    else if (/\.(c|m)?js$/u.test(name)) yield p;
  }
}

describe('the build of the Node/Electron side (npm run build:main)', () => {
  beforeAll(() => buildMain(OUT), 180_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('emits the entries Electron loads, and the SQL the server reads', () => {
    for (const f of ['main/shell/main.js', 'main/shell/preload.cjs', 'main/core/process.js', 'main/web/demoProcess.js', 'server/db/migrations/001_initial.sql'])
      expect(existsSync(join(OUT, f)), f).toBe(true);
  });

  it('the preload is CommonJS and requires only electron', () => {
    const js = readFileSync(join(OUT, 'main/shell/preload.cjs'), 'utf8');
    expect(js).toMatch(/^"use strict";/u);
    expect(js).not.toMatch(/\bimport\s/u);
    expect(importsOf(js, 'preload.cjs')).toEqual(['electron']);
  });

  it('every relative import of every emitted module exists (nothing left behind by the build)', () => {
    for (const file of jsFiles(OUT)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'), file)) {
        if (spec.startsWith('.')) expect(existsSync(resolve(dirname(file), spec)), `${file} → ${spec}`).toBe(true);
      }
    }
  });

  it('only the shell imports electron, and main is an ES module', () => {
    for (const file of jsFiles(OUT)) {
      const imports = importsOf(readFileSync(file, 'utf8'), file);
      if (imports.includes('electron')) expect(file, file).toMatch(/main[\\/]shell[\\/](main\.js|preload\.cjs)$/u);
    }
    const main = ts.createSourceFile('main.js', readFileSync(join(OUT, 'main/shell/main.js'), 'utf8'), ts.ScriptTarget.Latest);
    expect(main.statements.some((s) => ts.isImportDeclaration(s))).toBe(true);
  });

  it('the emitted core runs under plain Node (no tsx), as its own process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioffice-built-core-'));
    const child = fork(join(OUT, 'main/core/process.js'), ['--data-dir', dataDir], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    const rpc = new RpcClient(childProcessTransport(child), { timeoutMs: 30_000 });
    try {
      expect(await rpc.call('session.get')).toEqual({ signedIn: false, serverUrl: null, user: null, agency: null });
    } finally {
      rpc.close();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('the emitted core refuses `--secrets parent` outside an Electron utilityProcess, with a clear message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioffice-built-core-'));
    const child = fork(join(OUT, 'main/core/process.js'), ['--data-dir', dataDir, '--secrets', 'parent'], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toContain('--secrets');
    expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/u); // no stack trace
  });
});
