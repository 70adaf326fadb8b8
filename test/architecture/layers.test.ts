import { describe, expect, it } from 'vitest';
import { checkFile, checkShellReach, checkTree } from '../../scripts/check-layers.js';

describe('layering', () => {
  it('the source tree follows the layering rules', () => {
    const violations = checkTree(process.cwd()).map((v) => `${v.file}: ${v.specifier} (${v.rule})`);
    expect(violations).toEqual([]);
  });

  it('catches shared importing anything but shared and zod', () => {
    expect(checkFile('/r/src/shared/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(checkFile('/r/src/shared/x.ts', "import { a } from '../server/y.js';")).toHaveLength(1);
    expect(checkFile('/r/src/shared/x.ts', "import { z } from 'zod'; import { b } from './b.js';")).toHaveLength(0);
  });

  it('catches the server importing main', () => {
    expect(checkFile('/r/src/server/http/x.ts', "import { c } from '../../main/core/core.js';")).toHaveLength(1);
  });

  it('catches the core importing electron, even dynamically or as a type', () => {
    expect(checkFile('/r/src/main/core/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(checkFile('/r/src/main/core/x.ts', "const e = await import('electron');")).toHaveLength(1);
    expect(checkFile('/r/src/main/core/x.ts', "type A = import('electron').App;")).toHaveLength(1);
    expect(checkFile('/r/src/main/core/x.ts', "export * from '../../server/server.js';")).toHaveLength(1);
  });

  it('catches the shell reaching server code, directly or through the web host’s policy', () => {
    expect(checkFile('/r/src/main/shell/x.ts', "import { seed } from '../../server/seed/seedDemo.js';")).toHaveLength(1);
    // The chain of issue #7: shell → web/policy/demo → server seed.
    const chain = new Map([
      ['/r/src/main/shell/main.ts', "import { buildAppInfo } from '../web/policy/demo.js';"],
      ['/r/src/main/web/policy/demo.ts', "import { DEMO_USERS } from '../../../server/seed/content/organisation.js';"],
      ['/r/src/server/seed/content/organisation.ts', 'export const DEMO_USERS = {};'],
    ]);
    expect(checkShellReach(chain)).toEqual([
      expect.objectContaining({ file: '/r/src/main/shell/main.ts', specifier: 'src/main/web/policy/demo.ts → src/server/seed/content/organisation.ts' }),
    ]);
    // Through shared instead: fine.
    chain.set('/r/src/main/web/policy/demo.ts', "import { DEMO_USERS } from '../../../shared/demoAccounts.js';");
    chain.set('/r/src/shared/demoAccounts.ts', 'export const DEMO_USERS = {};');
    expect(checkShellReach(chain)).toEqual([]);
  });

  it('catches the renderer importing Node or the core', () => {
    expect(checkFile('/r/src/renderer/app/x.tsx', "import fs from 'node:fs';")).toHaveLength(1);
    expect(checkFile('/r/src/renderer/app/x.tsx', "import { c } from '../../main/core/core.js';")).toHaveLength(1);
  });
});
