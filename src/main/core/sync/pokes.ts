import { createParser } from 'eventsource-parser';
import { AppError, POKE_EVENT } from '../../../shared/index.js';
import { Backoff, sleep, type BackoffOptions } from './backoff.js';
import type { ServerClient } from './http.js';

export interface PokeListenerOptions {
  backoff?: BackoffOptions;
  /** The server sends a heartbeat every 15 s; silence this long means a dead connection. */
  silenceMs?: number;
}

/**
 * Listens to the server's poke stream (SSE over fetch) and calls `onPoke` for each
 * poke; reconnects with backoff. The server pokes once on connect, so a reconnect
 * after an outage also triggers a sync.
 */
export class PokeListener {
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly backoff: Backoff;
  private readonly silenceMs: number;

  constructor(
    private readonly client: ServerClient,
    private readonly onPoke: () => void,
    private readonly onUnauthenticated: () => void,
    opts: PokeListenerOptions = {},
  ) {
    this.backoff = new Backoff(opts.backoff);
    this.silenceMs = opts.silenceMs ?? 45_000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const stop = this.stopper.signal;
    while (!stop.aborted) {
      try {
        await this.listenOnce();
      } catch (err) {
        if (stop.aborted) return;
        if (err instanceof AppError && err.code === 'unauthenticated') {
          this.onUnauthenticated();
          return;
        }
      }
      if (stop.aborted) return;
      await sleep(this.backoff.next(), stop);
    }
  }

  private async listenOnce(): Promise<void> {
    const conn = new AbortController();
    const stop = (): void => conn.abort();
    this.stopper.signal.addEventListener('abort', stop, { once: true });
    let watchdog: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => conn.abort(), this.silenceMs);
    };
    try {
      arm();
      const res = await this.client.events(conn.signal);
      const parser = createParser({
        onEvent: (ev) => {
          if (ev.event !== POKE_EVENT) return;
          // A stream that delivers is a healthy one: the next outage starts from short delays again.
          this.backoff.reset();
          this.onPoke();
        },
      });
      const decoder = new TextDecoder();
      if (!res.body) return;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } finally {
      clearTimeout(watchdog);
      this.stopper.signal.removeEventListener('abort', stop);
      conn.abort();
    }
  }
}
