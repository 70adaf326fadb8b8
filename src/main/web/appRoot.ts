/**
 * Where the project (or the packaged app) lives, found from this file's own
 * location: the same code runs from src/ under tsx and from dist/main/ when built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppRoot {
  dir: string;
  version: string;
}

export function findAppRoot(from: string = fileURLToPath(import.meta.url)): AppRoot {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === 'ioffice-desktop') return { dir, version: parsed.version ?? '0.0.0' };
      } catch {
        // keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('iOffice: package.json not found above ' + from);
    dir = up;
  }
}

/** The built renderer: dist/renderer beside package.json (IOFFICE_RENDERER_DIR overrides). */
export function defaultRendererDir(root: AppRoot = findAppRoot()): string {
  return process.env.IOFFICE_RENDERER_DIR ?? join(root.dir, 'dist', 'renderer');
}
