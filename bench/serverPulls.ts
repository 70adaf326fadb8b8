/**
 * Server: 200 concurrent clients doing incremental pulls on real PostgreSQL
 * while documents keep changing. Each client is a real session (demo users,
 * several devices each) that first syncs fully, then pulls in a closed loop.
 */
import { randomUUID } from 'node:crypto';
import { API_PREFIX } from '../src/shared/sync/protocol.js';
import { DEMO_PASSWORD, demoOrganisation } from '../src/server/seed/content/organisation.js';
import { seedDemo } from '../src/server/seed/seedDemo.js';
import { benchDatabaseUrl, benchServer, dropDatabase, ms, percentile, record } from './lib.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const DOCUMENTS = Number(process.env.BENCH_PULL_DOCUMENTS ?? 5000);
const DURATION_MS = Number(process.env.BENCH_PULL_SECONDS ?? 20) * 1000;

async function post(url: string, path: string, token: string | null, body: unknown): Promise<any> {
  const res = await fetch(`${url}${API_PREFIX}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function benchServerPulls(): Promise<void> {
  const dbUrl = await benchDatabaseUrl();
  const server = await benchServer(dbUrl);
  try {
    await seedDemo(server.context, { documents: DOCUMENTS, withPdfs: false });
    const users = demoOrganisation().users.filter((u) => u.role !== 'admin');
    const clients: { token: string; clientId: string; cursor: string | null }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const u = users[i % users.length]!;
      const { token } = await post(server.url, '/auth/login', null, { username: u.username, password: DEMO_PASSWORD, deviceName: `bench ${i}` });
      clients.push({ token, clientId: randomUUID(), cursor: null });
    }
    // Initial sync of every client, so the measured pulls are incremental.
    await Promise.all(
      clients.map(async (c) => {
        for (;;) {
          const r = await post(server.url, '/sync/pull', c.token, { clientId: c.clientId, cursor: c.cursor, limit: 1000 });
          c.cursor = r.cursor;
          if (!r.more) return;
        }
      }),
    );
    // A clerk keeps registering documents (about 10 a second) during the run.
    const clerk = demoOrganisation().users.find((u) => u.role === 'clerk')!;
    const clerkToken = (await post(server.url, '/auth/login', null, { username: clerk.username, password: DEMO_PASSWORD })).token as string;
    const writerId = randomUUID();
    let writes = 0;
    const until = Date.now() + DURATION_MS;
    const writer = (async () => {
      while (Date.now() < until) {
        writes += 1;
        await post(server.url, '/sync/push', clerkToken, {
          clientId: writerId,
          mutations: [
            {
              id: writes,
              name: 'incoming.register',
              createdAt: new Date().toISOString(),
              args: {
                documentId: randomUUID(),
                files: [],
                metadata: {
                  issuer: 'Sở Nội vụ tỉnh Kon Tum', codeNumber: String(writes), codeNotation: 'SNV-TCBC', issuedDate: '2026-11-20', documentType: 'Công văn',
                  subject: `Về việc rà soát biên chế năm 2027 (${writes})`, signerName: 'Lê Văn Hòa', signerPosition: 'Giám đốc', urgency: 'normal',
                  confidentiality: 'normal', dueDate: null, pageCount: 2, description: '',
                },
              },
            },
          ],
        });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const latencies: number[] = [];
    let docsReceived = 0;
    await Promise.all(
      clients.map(async (c) => {
        while (Date.now() < until) {
          const t = performance.now();
          const r = await post(server.url, '/sync/pull', c.token, { clientId: c.clientId, cursor: c.cursor, limit: 500 });
          latencies.push(performance.now() - t);
          docsReceived += r.changes.length;
          c.cursor = r.cursor;
        }
      }),
    );
    await writer;
    const seconds = DURATION_MS / 1000;
    const name = `server: ${CLIENTS} clients pulling (PostgreSQL, ${DOCUMENTS} docs, ${writes} writes)`;
    record(name, 'pull latency p50', ms(percentile(latencies, 50)));
    record(name, 'pull latency p95', ms(percentile(latencies, 95)));
    record(name, 'pull latency p99', ms(percentile(latencies, 99)));
    record(name, 'throughput', `${(latencies.length / seconds).toFixed(0)} pulls/s`);
    record(name, 'documents delivered', `${docsReceived}`);
  } finally {
    await server.close();
    await dropDatabase(dbUrl);
  }
}
