/**
 * `npm run bench -- outgoing` (issue #10): outgoing documents with the real core in its own
 * process against the reference server on real PostgreSQL, the clerk (ha.nguyenthi) signed in.
 * The demo seed (src/server/seed/seedOutgoing.ts) makes BENCH_OUTGOING_DOCUMENTS (default
 * 100,000) outgoing documents over two years through the shared rules — every state, numbered
 * in their registers, dispatched, units' copies — beside the demo's 2,000 incoming documents,
 * with BENCH_OUTGOING_ISSUES (default 100) signed ones left awaiting their number; without own
 * PDFs (`withPdfs: false`: each signer's documents share one signed set, real signatures).
 *  1. the clerk's first sync of all she sees (for reference, with the core's peak memory);
 *  (b) the lists: the first page (100 rows) of every view ("Dự thảo của tôi", "Chờ tôi duyệt",
 *      "Chờ ký", "Chờ cấp số", "Đã phát hành", "Tất cả") the first time it is asked after the
 *      sync, then p50 / p95 of BENCH_OUTGOING_ROUNDS (default 30) asks, and with a filter (type,
 *      year); target < 300 ms (issue #10);
 *  (c) search without accents: `outgoing.search` (the header's search box) and the "Tất cả" list
 *      with a query, for common and rare words and a number/symbol;
 *  (a) issuing in a row: the clerk imports her PKCS#12 key file (the seed's, for the agency) and
 *      issues the documents awaiting a number one after the other, each as she would: ask for
 *      the number (`mutate` outgoing.issue) and wait for the server's answer (`sync.now`: the
 *      push, the server numbering it in the register's series under its row lock, the pull),
 *      then seal it in the core (`outgoing.seal`: the number and date stamped, the agency's
 *      signature) and wait for the server to take it (`sync.now`); per document p50 / p95 and
 *      the total, with the two halves apart.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/seed/content/organisation.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import type { RunningServer } from '../src/server/server.js';
import { OUTGOING_VIEWS } from '../src/shared/outgoing/constants.js';
import type { RpcClient } from '../src/shared/rpc/client.js';
import { vnDateParts } from '../src/shared/text/vietnamese.js';
import { eventually, type ForkedCore } from '../test/helpers/core.js';
import { benchDatabaseUrl, benchServer, dropDatabase, ms, percentile, record, sampleRss } from './lib.js';
import { coreForBench } from './schedule.js';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const n = (v: number): string => v.toLocaleString('en');
const p5095 = (times: number[]): string => `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`;

type Rpc = Pick<RpcClient, 'call'>;

/** What the clerk sees on the server: outgoing documents and incoming ones (the agency's register, units' copies she keeps). */
async function heldFor(server: RunningServer, username: string): Promise<{ outgoing: number; incoming: number }> {
  const q = server.context.db;
  const user = (await q.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;
  const count = async (kind: string): Promise<number> =>
    Number((await q.query<{ n: string }>('SELECT count(*) AS n FROM record_access WHERE user_id = $1 AND kind = $2', [user, kind])).rows[0]!.n);
  return { outgoing: await count('outgoing'), incoming: await count('incoming') };
}

async function untilSynced(rpc: Rpc, held: { outgoing: number; incoming: number }): Promise<void> {
  await eventually(
    async () => {
      const s = await rpc.call('sync.status', {});
      if (s.state === 'syncing' || s.lastSyncAt === null) return false;
      if ((await rpc.call('incoming.list', { limit: 1 })).total < held.incoming) return false;
      return (await rpc.call('outgoing.list', { view: 'all', limit: 1 })).total >= held.outgoing;
    },
    3_600_000,
    500,
  );
}

async function timed(rounds: number, fn: () => Promise<unknown>): Promise<{ first: number; times: number[] }> {
  let t = performance.now();
  await fn();
  const first = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { first, times };
}

export async function benchOutgoing(): Promise<void> {
  const documents = env('BENCH_OUTGOING_DOCUMENTS', 100_000);
  const issues = env('BENCH_OUTGOING_ISSUES', 100);
  const rounds = env('BENCH_OUTGOING_ROUNDS', 30);
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  const certificates = mkdtempSync(join(tmpdir(), 'ioffice-bench-keys-'));
  const name = `outgoing, ${n(documents)} documents + the demo's 2,000 incoming (PostgreSQL → core → RPC, the clerk)`;
  let core: ForkedCore | null = null;
  try {
    let t = performance.now();
    const seeded = await seedDemo(server.context, {
      documents: 2000,
      withPdfs: false,
      tasks: 0,
      schedule: false,
      outgoing: { count: documents, awaitingNumber: issues, awaitingSeal: 0, certificatesDir: certificates },
    });
    const seedMs = performance.now() - t;
    const held = await heldFor(server, DEMO_USERS.clerk);
    const copies = Number((await server.context.db.query<{ n: string }>('SELECT count(*) AS n FROM documents WHERE receiving_unit_id IS NOT NULL')).rows[0]!.n);
    record(name, `server seed: ${n(seeded.outgoing)} outgoing documents through the rules, ${n(copies)} units' copies (bulk load, for reference)`, ms(seedMs));

    // 1. The clerk's first sync.
    core = coreForBench();
    const rpc = core.rpc;
    await rpc.call('sync.status', {});
    const rss = sampleRss(core.child.pid!);
    t = performance.now();
    await rpc.call('session.login', { serverUrl: server.url, username: DEMO_USERS.clerk, password: DEMO_PASSWORD });
    await untilSynced(rpc, held);
    const syncMs = performance.now() - t;
    const records = held.outgoing + held.incoming;
    record(name, `first sync of the clerk's ${n(held.outgoing)} outgoing and ${n(held.incoming)} incoming documents`, `${ms(syncMs)}, ${((syncMs * 1000) / records).toFixed(0)} µs a record`);
    record(name, 'core peak memory (RSS), first sync', `${rss.stop().toFixed(0)} MB`);

    // (b) The lists: each view's first page.
    const counts = await rpc.call('outgoing.counts', {});
    for (const view of OUTGOING_VIEWS) {
      const r = await timed(rounds, () => rpc.call('outgoing.list', { view, limit: 100 }));
      const worst = Math.max(r.first, percentile(r.times, 95));
      record(name, `outgoing.list "${view}" (${n(counts[view])} rows), first page of 100: first ask / p50 / p95`, `${r.first.toFixed(1)} ms / ${p5095(r.times)}`, '< 300 ms', worst < 300);
    }
    const year = vnDateParts(new Date()).year - 1;
    for (const [label, params] of [
      ['"Đã phát hành", type Quyết định', { view: 'issued', documentType: 'Quyết định' }],
      [`"Tất cả", year ${year}`, { view: 'all', year }],
      ['"Đã phát hành", urgent', { view: 'issued', urgency: 'urgent' }],
    ] as const) {
      const r = await timed(rounds, () => rpc.call('outgoing.list', { ...params, limit: 100 }));
      const total = (await rpc.call('outgoing.list', { ...params, limit: 1 })).total;
      const worst = Math.max(r.first, percentile(r.times, 95));
      record(name, `outgoing.list ${label} (${n(total)} rows), first page: first ask / p50 / p95`, `${r.first.toFixed(1)} ms / ${p5095(r.times)}`, '< 300 ms', worst < 300);
    }
    // The next pages, as the list scrolls (keyset cursors): ten pages of "Tất cả".
    let cursor: string | null = null;
    const pages: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      const page: { nextCursor: string | null } = await rpc.call('outgoing.list', { view: 'all', limit: 100, cursor });
      pages.push(performance.now() - s);
      cursor = page.nextCursor;
    }
    record(name, 'outgoing.list "Tất cả", the next 10 pages scrolling: p50 / max', `${percentile(pages, 50).toFixed(1)} / ${Math.max(...pages).toFixed(1)} ms`, '< 300 ms', Math.max(...pages) < 300);

    // (c) Search without accents.
    const someIssued = (await rpc.call('outgoing.list', { view: 'issued', limit: 1 })).items[0]!;
    for (const query of ['chuyen doi so', 'dau tu cong', 'phong chong thien tai', 'Đề án 06', someIssued.numberSymbol ?? '']) {
      const s = await timed(rounds, () => rpc.call('outgoing.search', { query, limit: 20 }));
      const found = (await rpc.call('outgoing.search', { query, limit: 20 })).length;
      record(name, `outgoing.search "${query}" (${found} shown): first / p50 / p95`, `${s.first.toFixed(1)} ms / ${p5095(s.times)}`, '< 300 ms', Math.max(s.first, percentile(s.times, 95)) < 300);
      const l = await timed(Math.min(rounds, 10), () => rpc.call('outgoing.list', { view: 'all', query, limit: 100 }));
      const total = (await rpc.call('outgoing.list', { view: 'all', query, limit: 1 })).total;
      record(name, `outgoing.list "Tất cả" searching "${query}" (${n(total)} rows): first / p50 / p95`, `${l.first.toFixed(1)} ms / ${p5095(l.times)}`, '< 300 ms', Math.max(l.first, percentile(l.times, 95)) < 300);
    }

    // (a) Issuing in a row: number (push, server, pull), then seal in the core and push.
    const key = await rpc.call('outgoing.importPkcs12', { bytes: new Uint8Array(readFileSync(join(certificates, `${DEMO_USERS.clerk}.p12`))), password: DEMO_PASSWORD, label: 'Chứng thư số cơ quan' });
    const waiting = (await rpc.call('outgoing.list', { view: 'to_issue', limit: 500 })).items.filter((i) => i.status === 'to_issue').slice(0, issues);
    const numberTimes: number[] = [];
    const sealTimes: number[] = [];
    const perDocument: number[] = [];
    const start = performance.now();
    for (const item of waiting) {
      const t0 = performance.now();
      await rpc.call('mutate', { name: 'outgoing.issue', args: { documentId: item.id } });
      await rpc.call('sync.now', {});
      const numbered = await rpc.call('outgoing.get', { id: item.id });
      if (numbered?.document.status !== 'numbered') throw new Error(`${item.id} not numbered: ${numbered?.document.status}`);
      const t1 = performance.now();
      await rpc.call('outgoing.seal', { documentId: item.id, key: { store: 'file', id: key.id, password: DEMO_PASSWORD } });
      const status = await rpc.call('sync.now', {});
      const issued = await rpc.call('outgoing.get', { id: item.id });
      if (issued?.document.status !== 'issued' || status.pendingCount !== 0 || issued.pending.length > 0) throw new Error(`${item.id} not issued: ${issued?.document.status}, ${status.pendingCount} pending`);
      const t2 = performance.now();
      numberTimes.push(t1 - t0);
      sealTimes.push(t2 - t1);
      perDocument.push(t2 - t0);
    }
    const total = performance.now() - start;
    const label = `issuing ${waiting.length} documents in a row (one clerk, PKCS#12 key)`;
    record(name, `${label}: per document, number + seal, p50 / p95`, p5095(perDocument));
    record(name, `${label}: the number (mutate, push, server numbers it, pull): p50 / p95`, p5095(numberTimes));
    record(name, `${label}: the seal (stamps and the agency's signature in the core, push, server checks it): p50 / p95`, p5095(sealTimes));
    record(name, `${label}: total`, `${(total / 1000).toFixed(1)} s`);
  } finally {
    await core?.kill('SIGTERM');
    await server.close();
    await dropDatabase(dbUrl);
  }
}
