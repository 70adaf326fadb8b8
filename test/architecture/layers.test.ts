import { describe, expect, it } from 'vitest';
import { checkFile, checkRendererReach, checkShellReach, checkSliceImports, checkTree, sliceOf } from '../../scripts/check-layers.js';

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

  it('knows a feature slice from machinery, in every runtime', () => {
    expect(sliceOf('/r/src/main/core/tasks/store.ts')?.slice).toBe('tasks');
    expect(sliceOf('/r/src/renderer/features/incoming/DocumentView.tsx')?.slice).toBe('incoming');
    expect(sliceOf('/r/src/shared/dashboard/rpc.ts')?.slice).toBe('dashboard');
    expect(sliceOf('/r/src/main/core/sync/pull.ts')).toBeNull();
    expect(sliceOf('/r/src/server/http/app.ts')).toBeNull();
    expect(sliceOf('/r/src/shared/model/primitives.ts')).toBeNull();
  });

  it('catches one slice reaching into another instead of using its public module', () => {
    // Into another slice's inside: refused, in the same runtime or across runtimes.
    expect(checkSliceImports('/r/src/main/core/tasks/handlers.ts', "import { dashboard } from '../dashboard/query.js';")).toHaveLength(1);
    expect(checkSliceImports('/r/src/renderer/features/search/SearchPage.tsx', "import { useMailSearch } from '../mail/useMailSearch.js';")).toHaveLength(1);
    expect(checkSliceImports('/r/src/server/tasks/files.ts', "import { p } from '../../shared/incoming/secretContent.js';")).toHaveLength(1);
    // Through its public module: fine.
    expect(checkSliceImports('/r/src/renderer/features/search/SearchPage.tsx', "import { useMailSearch } from '../mail/index.js';")).toHaveLength(0);
    expect(checkSliceImports('/r/src/server/tasks/files.ts', "import { p } from '../incoming/index.js';")).toHaveLength(0);
    expect(checkSliceImports('/r/src/server/tasks/store.ts', "import { Task } from '../../shared/tasks/schemas.js';")).toHaveLength(0);
    // The same feature in another runtime is the same slice; machinery is not a slice.
    expect(checkSliceImports('/r/src/main/core/tasks/store.ts', "import { createTask } from '../../../shared/tasks/rules.js';")).toHaveLength(0);
    expect(checkSliceImports('/r/src/main/core/tasks/store.ts', "import { Outbox } from '../sync/outbox.js';")).toHaveLength(0);
  });

  it('lets the server and the core share Node-only code in src/node, which imports no runtime and the renderer never loads', () => {
    expect(checkFile('/r/src/server/seed/content/pdf.ts', "import { fontFace } from '../../../node/pdfFonts.js';")).toHaveLength(0);
    expect(checkFile('/r/src/main/core/schedule/pdf.ts', "import { fontFace } from '../../../node/pdfFonts.js';")).toHaveLength(0);
    expect(checkFile('/r/src/node/pdfFonts.ts', "import { readFileSync } from 'node:fs'; import { nfc } from '../shared/text/vietnamese.js';")).toHaveLength(0);
    expect(checkFile('/r/src/node/pdfFonts.ts', "import { loadTask } from '../server/tasks/index.js';")).toHaveLength(1);
    expect(checkFile('/r/src/node/pdfFonts.ts', "import { Outbox } from '../main/core/sync/outbox.js';")).toHaveLength(1);
    expect(checkFile('/r/src/renderer/app/x.tsx', "import { fontFace } from '../../node/pdfFonts.js';")).toHaveLength(1);
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

  it('catches the renderer loading a shared module that reaches zod, however far down (§24)', () => {
    const tree = (renderer: string): Map<string, string> =>
      new Map([
        ['/r/src/renderer/features/x.tsx', renderer],
        ['/r/src/shared/model/organisation.ts', "import { z } from 'zod'; export const Unit = z.object({});"],
        ['/r/src/shared/domain/rights.ts', "import type { Unit } from '../model/organisation.js'; import { isAgencyLeader } from './org.js'; export const canDirect = isAgencyLeader;"],
        ['/r/src/shared/domain/org.ts', 'export const isAgencyLeader = () => true;'],
        ['/r/src/shared/domain/rules.ts', "import { canDirect } from './rights.js'; import { Unit } from '../model/organisation.js'; export const x = [canDirect, Unit];"],
        ['/r/src/shared/rpc/host.ts', "import { z } from 'zod'; export const info = z.object({});"],
      ]);
    // The rights and names: zod-free, allowed; the schemas' types by `import type` too.
    expect(checkRendererReach(tree("import { canDirect } from '../../shared/domain/rights.js';"))).toEqual([]);
    expect(checkRendererReach(tree("import type { Unit } from '../../shared/model/organisation.js'; import { type Unit as U } from '../../shared/model/organisation.js';"))).toEqual([]);
    // A schema module, directly or two steps down, is refused, naming the chain.
    expect(checkRendererReach(tree("import { Unit } from '../../shared/model/organisation.js';"))).toHaveLength(1);
    expect(checkRendererReach(tree("import { x } from '../../shared/domain/rules.js';"))).toEqual([
      expect.objectContaining({ file: '/r/src/renderer/features/x.tsx', specifier: '../../shared/domain/rules.js → src/shared/model/organisation.ts → zod' }),
    ]);
    expect(checkRendererReach(tree("const m = await import('../../shared/domain/rules.js');"))).toHaveLength(1);
    // zod itself, and the one boundary that may use it (the host's app.info, parsed jitless).
    expect(checkRendererReach(tree("import { z } from 'zod';"))).toHaveLength(1);
    expect(checkRendererReach(tree("import { info } from '../../shared/rpc/host.js';"))).toEqual([]);
  });

  it('catches the renderer importing Node or the core', () => {
    expect(checkFile('/r/src/renderer/app/x.tsx', "import fs from 'node:fs';")).toHaveLength(1);
    expect(checkFile('/r/src/renderer/app/x.tsx', "import { c } from '../../main/core/core.js';")).toHaveLength(1);
  });
});
