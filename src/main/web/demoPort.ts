import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the demo agency in `dataDir` listened last time (it keeps its port), or null. Light: no server code. */
export function recordedDemoUrl(dataDir: string): string | null {
  const f = join(dataDir, 'port');
  if (!existsSync(f)) return null;
  const port = Number(readFileSync(f, 'utf8').trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? `http://127.0.0.1:${port}` : null;
}
