/**
 * The layering rules of docs/architecture.md, checked on every import in src/:
 *   shared   imports only shared and zod (no Node, no DOM, no other layer)
 *   server   never imports main/ or renderer/
 *   core     never imports electron, shell, web, renderer or server
 *   renderer never imports main/ or server/, nor Node built-ins
 *   shell    is the only place that imports 'electron'
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

type Layer = 'shared' | 'server' | 'core' | 'shell' | 'web' | 'renderer' | 'other';

export function layerOf(path: string): Layer {
  const p = path.split(sep).join('/');
  if (p.includes('src/shared/')) return 'shared';
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
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) out.push((node.arguments[0] as ts.StringLiteral).text);
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
        if (target === 'core' || target === 'shell' || target === 'web' || target === 'server') bad('renderer never imports main or server');
        if (target === 'package' && isNodeBuiltin(specifier)) bad('renderer never imports Node built-ins');
        break;
      case 'web':
        if (target === 'shell' || target === 'renderer') bad('web host never imports shell or renderer code');
        if (specifier === 'electron') bad('only the shell imports electron');
        break;
      case 'shell':
        if (target === 'renderer') bad('shell never imports renderer code');
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

export function checkTree(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(join(root, 'src'))) violations.push(...checkFile(file, readFileSync(file, 'utf8')));
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const root = process.cwd();
  const violations = checkTree(root);
  for (const v of violations) console.error(`${relative(root, v.file)}: imports '${v.specifier}' — ${v.rule}`);
  if (violations.length > 0) process.exit(1);
  console.log('layering: ok');
}
