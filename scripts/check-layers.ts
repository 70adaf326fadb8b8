/**
 * The layering rules of docs/architecture.md, checked on every import in src/:
 *   shared   imports only shared and zod (no Node, no DOM, no other layer)
 *   server   never imports main/ or renderer/
 *   core     never imports electron, shell, web, renderer or server
 *   renderer never imports main/ or server/, nor Node built-ins
 *            nor (at run time) any shared module that reaches zod, nor zod itself
 *            (§24: the rules and rights it needs are zod-free; types come by `import type`)
 *   node     (src/node) Node-only code the server and the core both use (the PDF font subsetter):
 *            imports shared, node and packages, never a runtime's code; the renderer never imports it
 *   shell    is the only place that imports 'electron', and never reaches server
 *            code, directly or through what it imports (the demo agency runs in
 *            its own process, src/main/web/demoProcess.ts)
 * Run: `npx tsx scripts/check-layers.ts` (also part of the test suite).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

type Layer = 'shared' | 'node' | 'server' | 'core' | 'shell' | 'web' | 'renderer' | 'other';

export function layerOf(path: string): Layer {
  const p = path.split(sep).join('/');
  if (p.includes('src/shared/')) return 'shared';
  if (p.includes('src/node/')) return 'node';
  if (p.includes('src/server/')) return 'server';
  if (p.includes('src/main/core/')) return 'core';
  if (p.includes('src/main/shell/')) return 'shell';
  if (p.includes('src/main/web/')) return 'web';
  if (p.includes('src/renderer/')) return 'renderer';
  return 'other';
}

const SHARED_PACKAGES = new Set(['zod']);
const isNodeBuiltin = (s: string): boolean => s.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'stream', 'worker_threads'].includes(s);

/** The import specifiers of a source text (static imports, re-exports, dynamic imports, require). */
export function importsOf(source: string, fileName = 'x.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) out.push((node.arguments[0]).text);
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) out.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Check one file's imports; `file` is a path inside src/. */
export function checkFile(file: string, source: string): Violation[] {
  const from = layerOf(file);
  const violations: Violation[] = [];
  for (const specifier of importsOf(source, file)) {
    const relativeImport = specifier.startsWith('.');
    const target: Layer | 'package' = relativeImport ? layerOf(resolve(dirname(file), specifier)) : 'package';
    const bad = (rule: string): void => {
      violations.push({ file, specifier, rule });
    };
    switch (from) {
      case 'shared':
        if (target === 'package' ? !SHARED_PACKAGES.has(specifier) : target !== 'shared') bad('shared imports only shared and zod');
        break;
      case 'server':
        if (target === 'core' || target === 'shell' || target === 'web' || target === 'renderer') bad('server never imports main or renderer');
        if (specifier === 'electron') bad('only the shell imports electron');
        break;
      case 'core':
        if (target === 'shell' || target === 'web' || target === 'renderer' || target === 'server') bad('core never imports shell, web, renderer or server');
        if (specifier === 'electron' || specifier.startsWith('electron/')) bad('core never imports electron');
        break;
      case 'renderer':
        if (target === 'core' || target === 'shell' || target === 'web' || target === 'server' || target === 'node') bad('renderer never imports main, server or node code');
        if (target === 'package' && isNodeBuiltin(specifier)) bad('renderer never imports Node built-ins');
        break;
      case 'node':
        if (target !== 'package' && target !== 'shared' && target !== 'node') bad('node code imports only shared, node and packages');
        if (specifier === 'electron') bad('only the shell imports electron');
        break;
      case 'web':
        if (target === 'shell' || target === 'renderer') bad('web host never imports shell or renderer code');
        if (specifier === 'electron') bad('only the shell imports electron');
        break;
      case 'shell':
        if (target === 'renderer') bad('shell never imports renderer code');
        if (target === 'server') bad('shell never imports server code');
        break;
      default:
        break;
    }
  }
  return violations;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts)$/u.test(name)) yield p;
  }
}

/** The source file a relative import names ('./x.js' is './x.ts' or './x.tsx' on disk), if it is in `files`. */
function resolveImport(files: ReadonlyMap<string, string>, from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?js$/u, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, join(base, 'index.ts')]) if (files.has(candidate)) return candidate;
  return null;
}

/**
 * The shell loads into Electron's main process everything it imports, transitively:
 * a chain that ends in src/server (e.g. shell → web/policy → server seed) puts the
 * server in the desktop's main process. One violation per shell file, naming the chain.
 */
export function checkShellReach(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const entry of files.keys()) {
    if (layerOf(entry) !== 'shell') continue;
    const via = new Map<string, string | null>([[entry, null]]);
    const queue = [entry];
    let hit: string | null = null;
    while (queue.length > 0 && hit === null) {
      const file = queue.shift()!;
      for (const specifier of importsOf(files.get(file)!, file)) {
        if (!specifier.startsWith('.')) continue;
        const target = resolveImport(files, file, specifier);
        if (target === null || via.has(target)) continue;
        via.set(target, file);
        if (layerOf(target) === 'server') {
          hit = target;
          break;
        }
        queue.push(target);
      }
    }
    if (hit === null) continue;
    const chain: string[] = [];
    for (let f: string | null | undefined = hit; f; f = via.get(f)) chain.unshift(f);
    violations.push({ file: entry, specifier: chain.slice(1).map((f) => f.slice(f.lastIndexOf(`${sep}src${sep}`) + 1)).join(' → '), rule: 'shell never reaches server code (the demo agency runs in its own process)' });
  }
  return violations;
}

/** The import specifiers of a source text that load code at run time: type-only imports and re-exports are left out. */
export function runtimeImportsOf(source: string, fileName = 'x.ts'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (c.name === undefined && c.namedBindings !== undefined && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) out.push((node.arguments[0]).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * What the renderer may load of shared/ (docs/decisions.md §24): only modules that,
 * with everything they import at run time, stay free of zod — the rules, rights,
 * text and names it needs, never the schemas (zod 4 probes `new Function`, which the
 * CSP forbids, and would double the bundle). Type-only imports are free. The one
 * exception is the host boundary: src/shared/rpc/host.ts parses what the host says
 * about itself with zod, made jitless first by src/renderer/app/early.ts.
 */
const RENDERER_ZOD_BOUNDARY = ['src/shared/rpc/host.ts', 'src/renderer/app/early.ts'];
const atBoundary = (file: string): boolean => RENDERER_ZOD_BOUNDARY.some((b) => file.split(sep).join('/').endsWith(b));

export function checkRendererReach(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  const reach = new Map<string, string[] | null>(); // file → chain to zod (null: zod-free)
  const zodChain = (file: string, visiting: Set<string>): string[] | null => {
    if (reach.has(file)) return reach.get(file)!;
    if (visiting.has(file)) return null;
    visiting.add(file);
    let found: string[] | null = null;
    for (const specifier of runtimeImportsOf(files.get(file)!, file)) {
      if (specifier === 'zod' || specifier.startsWith('zod/')) found = [specifier];
      else if (specifier.startsWith('.')) {
        const target = resolveImport(files, file, specifier);
        const sub = target === null ? null : zodChain(target, visiting);
        if (sub && target) found = [target.slice(target.lastIndexOf(`${sep}src${sep}`) + 1), ...sub];
      }
      if (found) break;
    }
    visiting.delete(file);
    reach.set(file, found);
    return found;
  };
  for (const [file, source] of files) {
    if (layerOf(file) !== 'renderer' || atBoundary(file)) continue;
    for (const specifier of runtimeImportsOf(source, file)) {
      if (specifier === 'zod' || specifier.startsWith('zod/')) {
        violations.push({ file, specifier, rule: 'renderer never imports zod (only app/early.ts, to make it jitless)' });
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolveImport(files, file, specifier);
      if (target === null || layerOf(target) !== 'shared' || atBoundary(target)) continue;
      const chain = zodChain(target, new Set());
      if (chain) violations.push({ file, specifier: `${specifier} → ${chain.join(' → ')}`, rule: 'renderer imports only zod-free shared modules (import the schema types with `import type`)' });
    }
  }
  return violations;
}

/**
 * Feature slices (docs/decisions.md §26): a feature's code sits in one folder per
 * runtime — src/shared/<f>, src/server/<f>, src/main/core/<f>, src/renderer/features/<f>.
 * Other folders at those levels are machinery (sync, rpc, db, http…), not slices.
 */
const MACHINERY: Readonly<Record<string, readonly string[]>> = {
  'src/shared/': ['sync', 'rpc', 'text', 'domain', 'i18n', 'model'],
  'src/server/': ['http', 'db', 'sync', 'auth', 'blobs', 'org', 'seed'],
  'src/main/core/': ['db', 'sync', 'rpc', 'files', 'session', 'api', 'util'],
  'src/renderer/features/': [],
};

export interface SliceRef {
  /** The folder of the slice in its runtime, e.g. 'src/main/core/tasks/'. */
  folder: string;
  slice: string;
}

export function sliceOf(path: string): SliceRef | null {
  const p = path.split(sep).join('/');
  for (const [base, machinery] of Object.entries(MACHINERY)) {
    const i = p.indexOf(base);
    if (i < 0) continue;
    const rest = p.slice(i + base.length);
    const slash = rest.indexOf('/');
    if (slash < 0) return null; // a file directly under the runtime: machinery
    const slice = rest.slice(0, slash);
    if (machinery.includes(slice)) return null;
    return { folder: p.slice(0, i) + base + slice + '/', slice };
  }
  return null;
}

/** A slice's public modules: what other slices may import of it. */
const PUBLIC_MODULES = ['index.ts', 'index.tsx', 'schemas.ts', 'rpc.ts'];

/**
 * One slice may use another only through its public module (index.ts; for shared
 * code also schemas.ts with the zod side, rpc.ts with its RPC contract): a feature's
 * inside can change without the others noticing, and the structure drawing shows
 * one arrow per dependency between features. The same feature in another runtime
 * is the same slice (core/tasks may import shared/tasks/rules.ts).
 */
export function checkSliceImports(file: string, source: string): Violation[] {
  const from = sliceOf(file);
  if (from === null) return [];
  const out: Violation[] = [];
  for (const specifier of importsOf(source, file)) {
    if (!specifier.startsWith('.')) continue;
    const targetPath = resolve(dirname(file), specifier);
    const to = sliceOf(targetPath);
    if (to === null || to.slice === from.slice) continue;
    const target = targetPath.split(sep).join('/');
    const name = target.slice(to.folder.length).replace(/\.js$/u, '.ts');
    if (PUBLIC_MODULES.includes(name) || PUBLIC_MODULES.includes(name.replace(/\.ts$/u, '.tsx'))) continue;
    out.push({ file, specifier, rule: `slice '${from.slice}' imports slice '${to.slice}' only through its public module (${to.folder}index.ts)` });
  }
  return out;
}

export function checkTree(root: string): Violation[] {
  const violations: Violation[] = [];
  const files = new Map<string, string>();
  for (const file of sourceFiles(join(root, 'src'))) files.set(file, readFileSync(file, 'utf8'));
  for (const [file, source] of files) violations.push(...checkFile(file, source), ...checkSliceImports(file, source));
  violations.push(...checkShellReach(files));
  violations.push(...checkRendererReach(files));
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const root = process.cwd();
  const violations = checkTree(root);
  for (const v of violations) console.error(`${relative(root, v.file)}: imports '${v.specifier}' — ${v.rule}`);
  if (violations.length > 0) process.exit(1);
  console.log('layering: ok');
}
