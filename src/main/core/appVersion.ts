import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This build's version, from the package.json above this file (the same code runs
 * from src/ under tsx, from dist/main/ when built, and inside the packaged app).
 * The sync engine keeps documents it could not read under it and pulls them again
 * when it changes (decisions §18). The web host's appRoot finds the same file; the
 * core may not import the host, hence this small twin.
 */
export function coreAppVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; ) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === 'ioffice-desktop') return parsed.version ?? '0.0.0';
      } catch {
        // an unreadable package.json on the way up: keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) return '0.0.0';
    dir = up;
  }
}
