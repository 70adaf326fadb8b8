/**
 * Shared pieces of the benchmarks: a real PostgreSQL (the private cluster of
 * scripts/postgres.sh, fsync on), a reference server on it, percentiles, memory
 * sampling of a process, and the table every benchmark prints.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../src/server/db/database.js';
import { startServer, type RunningServer } from '../src/server/server.js';

let built = false;
/** Compile the core once (dist/main): benchmarks fork it on plain Node, as the desktop runs it, not through tsx. */
export function buildMain(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build:main'], { stdio: 'ignore' });
  built = true;
}

export async function benchDatabaseUrl(): Promise<string> {
  const admin = process.env.BENCH_DATABASE_URL ?? execFileSync('bash', ['scripts/postgres.sh', 'start'], { encoding: 'utf8' }).trim();
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres(admin, 1);
  await db.query(`CREATE DATABASE ${name}`);
  await db.close();
  return admin.replace(/\/[^/]*$/u, `/${name}`);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = url.slice(url.lastIndexOf('/') + 1);
  const db = await openPostgres(url.replace(/\/[^/]*$/u, '/postgres'), 1);
  await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await db.close();
}

export async function benchServer(databaseUrl: string): Promise<RunningServer> {
  return startServer({ dataDir: mkdtempSync(join(tmpdir(), 'ioffice-bench-')), databaseUrl, logLevel: 'silent' });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Sample a process's RSS every `everyMs`; stop() returns the peak in MB. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = 0;
  const t = setInterval(() => {
    const v = rssMb(pid);
    if (v > peak) peak = v;
  }, everyMs);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, rssMb(pid) || 0);
    },
  };
}

export interface Row {
  benchmark: string;
  metric: string;
  value: string;
  target: string;
  verdict: string;
}

export const rows: Row[] = [];

export function record(benchmark: string, metric: string, value: string, target = '', ok?: boolean): void {
  rows.push({ benchmark, metric, value, target, verdict: ok === undefined ? '' : ok ? 'meets' : 'MISSES' });
}

export function printTable(): void {
  const header: Row = { benchmark: 'benchmark', metric: 'metric', value: 'value', target: 'target', verdict: 'verdict' };
  const all = [header, ...rows];
  const w = (k: keyof Row): number => Math.max(...all.map((r) => r[k].length));
  const line = (r: Row): string => `| ${(['benchmark', 'metric', 'value', 'target', 'verdict'] as const).map((k) => r[k].padEnd(w(k))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${(['benchmark', 'metric', 'value', 'target', 'verdict'] as const).map((k) => '-'.repeat(w(k) + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export const ms = (n: number): string => `${n.toFixed(0)} ms`;
