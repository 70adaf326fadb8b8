/**
 * The bundled demo agency: the embedded reference server (PGlite) with the demo
 * seed, on loopback, with its data in `dataDir` (e.g. .data/demo). The web host
 * runs it in-process; the Electron shell runs it in a utility process
 * (demoProcess.ts) so the main thread stays free.
 *
 *  - It keeps its port between runs (`dataDir/port`): the core remembers the
 *    session's server URL and keys its cache by it, so a new port every run would
 *    leave a signed-in user offline against a server that moved.
 *  - The seed is marked complete (`dataDir/seeded`) only at the end: a first run
 *    interrupted mid-seed starts again from an empty database next time.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openServerContext, startServer, type RunningServer } from '../../server/server.js';
import { isSeeded, seedDemo } from '../../server/seed/seedDemo.js';
import { demoCertificatesDir } from '../../server/seed/seedOutgoing.js';
import { DEMO_PASSWORD } from '../../shared/demoAccounts.js';
import { recordedDemoUrl } from './demoPort.js';
import { DEMO_OFF, type DemoStatus } from './policy/demo.js';

export interface DemoAgencyOptions {
  dataDir: string;
  /** Documents to seed on the first run (the demo has 2,000; tests use fewer). */
  documents?: number;
  log?: (message: string) => void;
  onStatus?: (status: DemoStatus) => void;
}

const errorText = (err: unknown): { vi: string; en: string } => {
  const m = err instanceof Error ? err.message : String(err);
  return { vi: `Không khởi động được cơ quan mẫu: ${m}`, en: `The demo agency could not start: ${m}` };
};

export class DemoAgency {
  private status: DemoStatus = DEMO_OFF;
  private running: RunningServer | null = null;
  private starting: Promise<string> | null = null;
  private closed = false;
  readonly dataDir: string;

  constructor(private readonly o: DemoAgencyOptions) {
    this.dataDir = resolve(o.dataDir);
  }

  get current(): DemoStatus {
    return this.status;
  }

  /** Where it listened last time, even before it starts (to recognise a session on it). */
  recordedUrl(): string | null {
    return recordedDemoUrl(this.dataDir);
  }

  private set(s: DemoStatus): void {
    this.status = s;
    this.o.onStatus?.(s);
  }

  /** Start (once); resolves with the URL. Failures are kept in the status, and rejected. */
  start(): Promise<string> {
    this.starting ??= this.run().catch((err: unknown) => {
      this.set({ state: 'failed', url: null, progress: null, error: errorText(err) });
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private async run(): Promise<string> {
    const log = this.o.log ?? (() => {});
    this.set({ state: 'starting', url: null, progress: null, error: null });
    mkdirSync(this.dataDir, { recursive: true });
    const marker = join(this.dataDir, 'seeded');
    if (!existsSync(marker) && existsSync(join(this.dataDir, 'pg'))) {
      log('Dữ liệu cơ quan mẫu chưa tạo xong lần trước: tạo lại. (The demo seed was interrupted last time: starting it again.)');
      rmSync(join(this.dataDir, 'pg'), { recursive: true, force: true });
      rmSync(join(this.dataDir, 'files'), { recursive: true, force: true });
    }
    const context = await openServerContext({ dataDir: this.dataDir });
    try {
      if (!existsSync(marker) || !(await isSeeded(context.db))) {
        const total = this.o.documents ?? 2000;
        log(`Đang tạo dữ liệu cơ quan mẫu (${total} văn bản, chỉ lần đầu, khoảng một phút)… (Creating the demo agency, first run only…)`);
        this.set({ state: 'starting', url: null, progress: { done: 0, total }, error: null });
        const stats = await seedDemo(context, {
          documents: total,
          outgoing: { certificatesDir: demoCertificatesDir(this.dataDir) },
          onProgress: (done, t) => this.set({ state: 'starting', url: null, progress: { done, total: t }, error: null }),
        });
        if (stats.keyFiles.length > 0)
          log(`Khoá ký số thử nghiệm của cơ quan mẫu (PKCS#12, mật khẩu ${DEMO_PASSWORD}): ${demoCertificatesDir(this.dataDir)} (The demo's test signing keys.)`);
        writeFileSync(marker, new Date().toISOString());
      }
      if (this.closed) throw new Error('closed while starting');
      const recorded = this.recordedUrl();
      const port = recorded ? Number(new URL(recorded).port) : 0;
      let server: RunningServer;
      try {
        server = await startServer({ dataDir: this.dataDir, host: '127.0.0.1', port, logLevel: 'warn' }, context);
      } catch (err) {
        if ((err as { code?: string }).code !== 'EADDRINUSE' || port === 0) throw err;
        log(`Cổng ${port} của cơ quan mẫu đang bận: dùng cổng khác. (Port ${port} is taken: using another; a session on the old address must sign in again.)`);
        server = await startServer({ dataDir: this.dataDir, host: '127.0.0.1', port: 0, logLevel: 'warn' }, context);
      }
      this.running = server;
      writeFileSync(join(this.dataDir, 'port'), new URL(server.url).port);
      this.set({ state: 'ready', url: server.url, progress: null, error: null });
      return server.url;
    } catch (err) {
      if (!this.running) {
        await context.pokes.stop().catch(() => {});
        await context.db.close().catch(() => {});
      }
      throw err;
    }
  }

  /** Stop the server. A first seed in progress is not waited for beyond a few seconds (the process is ending). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.starting) await Promise.race([this.starting.catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
    const r = this.running;
    this.running = null;
    if (r) await r.close();
    if (this.status.state !== 'failed') this.set(DEMO_OFF);
  }
}
