/**
 * Client sync benchmarks, with the real core in its own process (as the desktop
 * runs it) against the reference server on real PostgreSQL:
 *  - initial sync of 100,000 documents (metadata and history, no files) into an
 *    empty cache, with the core's peak memory;
 *  - a change made by one client visible in a second client's cache.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/seed/content/organisation.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import { forkCore, eventually, type ForkedCore } from '../test/helpers/core.js';
import { benchDatabaseUrl, benchServer, buildMain, dropDatabase, ms, percentile, record, sampleRss } from './lib.js';

const INITIAL_DOCS = Number(process.env.BENCH_INITIAL_DOCUMENTS ?? 100_000);
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 100);
const SEARCH_ROUNDS = 20;

export async function benchInitialSync(): Promise<void> {
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const core = (buildMain(), forkCore({ args: ['--poll-ms', '600000', ...(process.env.BENCH_PULL_LIMIT ? ['--pull-limit', process.env.BENCH_PULL_LIMIT] : [])], built: true }));
  try {
    let t = performance.now();
    await seedDemo(server.context, { documents: INITIAL_DOCS, withPdfs: false });
    const seedMs = performance.now() - t;
    const name = `initial sync, ${INITIAL_DOCS.toLocaleString('en')} documents (PostgreSQL → core)`;
    record(name, 'server seed (bulk load, for reference)', ms(seedMs));
    const rss = sampleRss(core.child.pid!);
    t = performance.now();
    await core.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.leader, password: DEMO_PASSWORD });
    await eventually(async () => {
      const s = await core.rpc.call('sync.status', {});
      if (s.state === 'syncing' || s.lastSyncAt === null) return false;
      const list = await core.rpc.call('incoming.list', { limit: 1 });
      return list.total >= INITIAL_DOCS;
    }, 600_000, 50);
    const elapsed = performance.now() - t;
    const peak = rss.stop();
    const rate = INITIAL_DOCS / (elapsed / 1000);
    record(name, 'end to end (login → all in cache)', ms(elapsed));
    record(name, 'throughput', `${rate.toFixed(0)} docs/s`, '≥ 10,000 docs/s', rate >= 10_000);
    record(name, 'core peak memory (RSS)', `${peak.toFixed(0)} MB`, '< 300 MB', peak < 300);
    await benchDocumentSearch(core, INITIAL_DOCS);
  } finally {
    await core.kill('SIGTERM');
    await server.close();
    await dropDatabase(dbUrl);
  }
}

export async function benchIncremental(): Promise<void> {
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const writer = (buildMain(), forkCore({ args: ['--poll-ms', '600000', ...(process.env.BENCH_PULL_LIMIT ? ['--pull-limit', process.env.BENCH_PULL_LIMIT] : [])], built: true }));
  const reader = (buildMain(), forkCore({ args: ['--poll-ms', '600000', ...(process.env.BENCH_PULL_LIMIT ? ['--pull-limit', process.env.BENCH_PULL_LIMIT] : [])], built: true }));
  try {
    await seedDemo(server.context, { documents: 300, withPdfs: false });
    await writer.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.leader, password: DEMO_PASSWORD });
    await reader.rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.clerk, password: DEMO_PASSWORD });
    const open = await eventually(async () => {
      const l = await reader.rpc.call('incoming.list', { filter: 'all', limit: 500 });
      const w = await writer.rpc.call('incoming.list', { filter: 'all', limit: 500 });
      return l.total >= 300 && w.total >= 300 ? w.items.filter((i) => i.status !== 'done') : null;
    }, 60_000);
    const latencies: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const doc = open[i % open.length]!;
      const seen = reader.rpc.waitFor('changed', (p) => p.scope === 'incoming' && (p.ids ?? []).includes(doc.id), 10_000);
      const t = performance.now();
      await writer.rpc.call('mutate', {
        name: 'incoming.addOpinion',
        args: { documentId: doc.id, opinionId: randomUUID(), kind: 'opinion', content: `Ý kiến chỉ đạo bổ sung số ${i + 1}`, progress: null },
      });
      await seen;
      latencies.push(performance.now() - t);
    }
    const name = `incremental: change on client A visible in client B (${ROUND_TRIPS} round trips)`;
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    record(name, 'p50', ms(p50), '< 150 ms', p50 < 150);
    record(name, 'p95', ms(p95), '< 500 ms', p95 < 500);
  } finally {
    await writer.kill('SIGTERM');
    await reader.kill('SIGTERM');
    await server.close();
    await dropDatabase(dbUrl);
  }
}

/** Search in the cache just filled: accented and unaccented, common and rare words, a number/symbol. */
async function benchDocumentSearch(core: ForkedCore, docs: number): Promise<void> {
  const first = (await core.rpc.call('incoming.list', { limit: 1 })).items[0];
  if (!first) throw new Error('no documents to search');
  const queries: [string, string][] = [
    ['common words, accented', 'kế hoạch'],
    ['common words, no accents', 'ke hoach'],
    ['an issuer, no accents', 'van phong chinh phu'],
    ['rarer words, accented', 'giải ngân vốn đầu tư công'],
    ['number/symbol', `${first.codeNumber}/${first.codeNotation}`],
    ['no match', 'xylophone'],
  ];
  const name = `search, ${docs.toLocaleString('en')} documents in the cache (incoming.search, 50 results)`;
  for (const [label, query] of queries) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < SEARCH_ROUNDS; i++) {
      const t = performance.now();
      found = (await core.rpc.call('incoming.search', { query, limit: 50 })).length;
      times.push(performance.now() - t);
    }
    if (label !== 'no match' && found === 0) throw new Error(`search "${query}" found nothing`);
    const p95 = percentile(times, 95);
    record(name, `${label} "${query}" (${found} shown): p50 / p95`, `${percentile(times, 50).toFixed(1)} / ${p95.toFixed(1)} ms`, 'p95 < 1 s', p95 < 1000);
  }
}
