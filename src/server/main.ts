/**
 * The reference server's command line.
 *
 *   serve [--data-dir DIR] [--host H] [--port P] [--demo]
 *       Serve over HTTP. The database is PGlite in DIR/pg unless DATABASE_URL is set.
 *       --demo seeds the bundled demo agency first when the database is empty.
 *   seed  [--data-dir DIR] [--documents N]
 *       Seed the demo agency into an empty database, then exit.
 *   secret-policy [--data-dir DIR] [--agency CODE] [--confidential M] [--secret M] [--top-secret M]
 *       Show, or set, what of a Mật / Tối mật / Tuyệt mật document reaches desktops:
 *       M is `metadata` (the register entry only: the Decree 30 default) or `full`
 *       (docs/decisions.md §19). Clients pick the change up at their next pull.
 *       On PGlite, only with the server stopped (one process owns the folder); a
 *       running server takes it from its administrator: PUT /admin/secret-content-policy.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openServerContext, startServer } from './server.js';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/content/organisation.js';
import { isSeeded, seedDemo } from './seed/seedDemo.js';
import { demoCertificatesDir } from './seed/seedOutgoing.js';
import { setSecretContentPolicy } from './incoming/secretPolicy.js';
import { SECRET_CONTENT_MODES, type SecretContentMode, type SecretContentPolicy } from '../shared/incoming/secretContent.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string', default: process.env.IOFFICE_DATA_DIR ?? '.data/server' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.PORT ?? '8480' },
    demo: { type: 'boolean', default: false },
    documents: { type: 'string', default: '2000' },
    agency: { type: 'string' },
    confidential: { type: 'string' },
    secret: { type: 'string' },
    'top-secret': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const command = positionals[0] ?? 'serve';
const dataDir = resolve(values['data-dir']);
const databaseUrl = process.env.DATABASE_URL;

function say(vi: string, en: string): void {
  console.log(`${vi}\n  (${en})`);
}

async function seedIfEmpty(context: Awaited<ReturnType<typeof openServerContext>>): Promise<void> {
  if (await isSeeded(context.db)) return;
  say('Đang tạo dữ liệu cơ quan mẫu (lần đầu, khoảng một phút)…', 'Creating the demo agency (first run only, about a minute)…');
  const stats = await seedDemo(context, {
    documents: Number(values.documents),
    outgoing: { certificatesDir: demoCertificatesDir(dataDir) },
    onProgress: (n, total) => process.stdout.write(`\r  ${n}/${total}`),
  });
  process.stdout.write('\n');
  say(
    `Đã tạo ${stats.users} người dùng, ${stats.documents} văn bản đến, ${stats.outgoing} văn bản đi và ${stats.tasks} công việc.`,
    `Created ${stats.users} users, ${stats.documents} incoming and ${stats.outgoing} outgoing documents and ${stats.tasks} tasks.`,
  );
  if (stats.keyFiles.length > 0)
    say(
      `Khoá ký số thử nghiệm (PKCS#12, mật khẩu ${DEMO_PASSWORD}): ${demoCertificatesDir(dataDir)}`,
      `Demo signing keys (PKCS#12, password ${DEMO_PASSWORD}): ${demoCertificatesDir(dataDir)}`,
    );
}

function secretMode(name: string, value: string | undefined): SecretContentMode | undefined {
  if (value === undefined) return undefined;
  if (!(SECRET_CONTENT_MODES as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${SECRET_CONTENT_MODES.join(', ')} (was "${value}")`);
  return value as SecretContentMode;
}

/** `secret-policy`: show or change an agency's per-level policy (the only agency when --agency is not given). */
async function secretPolicy(context: Awaited<ReturnType<typeof openServerContext>>): Promise<void> {
  const agencies = (await context.db.query<{ id: string; code: string }>('SELECT id, code FROM agencies ORDER BY code')).rows;
  const agency = values.agency === undefined ? (agencies.length === 1 ? agencies[0] : undefined) : agencies.find((a) => a.code === values.agency);
  if (!agency) throw new Error(values.agency === undefined ? `--agency CODE is required (agencies: ${agencies.map((a) => a.code).join(', ') || 'none'})` : `unknown agency ${values.agency}`);
  const change: Partial<SecretContentPolicy> = {};
  for (const [level, flag] of [['confidential', 'confidential'], ['secret', 'secret'], ['top_secret', 'top-secret']] as const) {
    const mode = secretMode(flag, values[flag]);
    if (mode) change[level] = mode;
  }
  const { policy, pokeUsers } = await setSecretContentPolicy(context.db, agency.id, change);
  context.pokes.publish(pokeUsers);
  const label = (m: SecretContentMode): string => (m === 'full' ? 'toàn bộ nội dung (full)' : 'chỉ thông tin đăng ký (metadata)');
  say(
    `Cơ quan ${agency.code} — đồng bộ xuống máy trạm: Mật: ${label(policy.confidential)}; Tối mật: ${label(policy.secret)}; Tuyệt mật: ${label(policy.top_secret)}.`,
    `What of secret documents reaches desktops: ${JSON.stringify(policy)}`,
  );
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(
      'usage: server serve [--data-dir DIR] [--host H] [--port P] [--demo] | seed [--data-dir DIR] [--documents N]\n' +
        '       | secret-policy [--data-dir DIR] [--agency CODE] [--confidential metadata|full] [--secret metadata|full] [--top-secret metadata|full]',
    );
    return;
  }
  if (command === 'secret-policy') {
    const context = await openServerContext({ dataDir, databaseUrl });
    try {
      await secretPolicy(context);
    } finally {
      await context.pokes.stop();
      await context.db.close();
    }
    return;
  }
  if (command === 'seed') {
    const context = await openServerContext({ dataDir, databaseUrl });
    await seedIfEmpty(context);
    await context.pokes.stop();
    await context.db.close();
    return;
  }
  if (command !== 'serve') throw new Error(`unknown command ${command}`);
  const options = { dataDir, databaseUrl, host: values.host, port: Number(values.port) };
  const context = await openServerContext(options);
  if (values.demo) await seedIfEmpty(context);
  const server = await startServer({ ...options, logLevel: process.env.LOG_LEVEL ?? 'warn' }, context);
  say(`Máy chủ iOffice đang chạy tại ${server.url} (cơ sở dữ liệu: ${context.db.kind === 'postgres' ? 'PostgreSQL' : `PGlite trong ${dataDir}`}).`, `iOffice server listening on ${server.url}.`);
  if (values.demo)
    say(
      `Cơ quan mẫu — đăng nhập bằng: ${DEMO_USERS.clerk} (văn thư), ${DEMO_USERS.leader} (lãnh đạo), ${DEMO_USERS.unitLeader} (trưởng phòng), ${DEMO_USERS.specialist} (chuyên viên); mật khẩu ${DEMO_PASSWORD}.`,
      'Demo agency accounts above, all with the same password.',
    );
  const stop = async (): Promise<void> => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`Không khởi động được máy chủ: ${err instanceof Error ? err.message : String(err)}`);
  console.error(`  (The server could not start.)`);
  process.exit(1);
});
