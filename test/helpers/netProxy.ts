/**
 * A loopback TCP proxy in front of a real server, to make network faults on
 * demand: unplug the cable (drop every connection, refuse new ones), or cut or
 * corrupt file downloads mid-body. It never answers for the server: it only
 * forwards bytes, or fails to.
 */
import net from 'node:net';

export interface DownloadFault {
  /** Cut the connection after this many bytes of the response body… */
  cutAfter?: number;
  /** …or flip one byte of the body at this offset. */
  corruptAt?: number;
  /** How many file downloads to spoil (then pass through again). Infinity: all. */
  times: number;
}

export interface NetProxy {
  url: string;
  setOffline(offline: boolean): void;
  spoilDownloads(fault: DownloadFault | null): void;
  /** File downloads seen so far (GET /files/…), with the Range header if any. */
  downloads: { range: string | null }[];
  /** Called with the request line ("POST /api/v1/sync/push HTTP/1.1") of each request as it passes. */
  onRequest: ((line: string) => void) | null;
  /** Refuse request bodies over this many bytes with 413, as a reverse proxy does (nginx: 1 MB by default); null: no limit. */
  setMaxBodyBytes(bytes: number | null): void;
  /** Answer every request with this status and an HTML page, as a proxy does when its upstream is down (502/503/504); null: pass through. */
  answerWith(status: number | null): void;
  /** Requests this proxy answered itself, by status. */
  answered: number[];
  /** Hang: hold every request from now on, unanswered, with its connection open (a server that stopped answering); false lets them through. */
  stall(on: boolean): void;
  /** Request lines held by `stall` whose connection the client still keeps open. */
  stalledOpen(): string[];
  close(): Promise<void>;
}

export async function startProxy(targetUrl: string): Promise<NetProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let offline = false;
  let fault: DownloadFault | null = null;
  const downloads: { range: string | null }[] = [];
  let maxBodyBytes: number | null = null;
  let answerStatus: number | null = null;
  let stalling = false;
  const held: { client: net.Socket; line: string; release: () => void }[] = [];
  const answered: number[] = [];

  const server = net.createServer((client) => {
    if (offline) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);

    // Per response: whether it is a spoiled download, and where its body starts.
    let spoil: { cutAfter?: number; corruptAt?: number } | null = null;
    let headerDone = false;
    let headerBuf = Buffer.alloc(0);
    let bodySeen = 0;

    // Once this proxy has answered a request itself, the rest of the connection is dropped (as nginx closes it).
    let answeredHere = false;
    const answer = (status: number): void => {
      answeredHere = true;
      answered.push(status);
      const page = `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>\r\n`;
      client.end(`HTTP/1.1 ${status} Proxy\r\ncontent-type: text/html\r\ncontent-length: ${page.length}\r\nconnection: close\r\n\r\n${page}`, () => drop());
    };

    let holding: Buffer[] | null = null;
    client.on('data', (chunk: Buffer) => {
      if (answeredHere) return;
      if (holding) return void holding.push(chunk);
      if (stalling) {
        const queue = [chunk];
        holding = queue;
        const release = (): void => {
          holding = null;
          for (const c of queue) client.emit('data', c);
        };
        held.push({ client, line: /^[A-Z]+ [^\r\n]*/u.exec(chunk.toString('latin1'))?.[0] ?? '', release });
        return;
      }
      const text = chunk.toString('latin1');
      const line = /^(GET|HEAD|POST|PUT|DELETE|PATCH) [^\r\n]*/u.exec(text)?.[0];
      if (line) proxy.onRequest?.(line);
      if (line && answerStatus !== null) return answer(answerStatus);
      const length = line ? Number(/\r\ncontent-length: *(\d+)/iu.exec(text)?.[1] ?? 0) : 0;
      if (line && maxBodyBytes !== null && length > maxBodyBytes) return answer(413);
      const m = /^GET \/api\/v1\/files\/[0-9a-f]{64}[^\r\n]*\r\n/u.exec(text);
      if (m) {
        const range = /\r\nrange: *([^\r\n]+)/iu.exec(text)?.[1] ?? null;
        downloads.push({ range });
        spoil = null;
        if (fault && fault.times > 0) {
          fault.times -= 1;
          spoil = { ...(fault.cutAfter !== undefined ? { cutAfter: fault.cutAfter } : {}), ...(fault.corruptAt !== undefined ? { corruptAt: fault.corruptAt } : {}) };
        }
        headerDone = false;
        headerBuf = Buffer.alloc(0);
        bodySeen = 0;
      } else if (/^(GET|HEAD|POST|PUT|DELETE|PATCH) \//u.test(text)) {
        spoil = null;
      }
      upstream.write(chunk);
    });

    upstream.on('data', (chunk: Buffer) => {
      if (!spoil) return void client.write(chunk);
      let body = chunk;
      if (!headerDone) {
        headerBuf = Buffer.concat([headerBuf, chunk]);
        const end = headerBuf.indexOf('\r\n\r\n');
        if (end < 0) return;
        headerDone = true;
        client.write(headerBuf.subarray(0, end + 4));
        body = headerBuf.subarray(end + 4);
      }
      if (spoil.corruptAt !== undefined && spoil.corruptAt >= bodySeen && spoil.corruptAt < bodySeen + body.length) {
        body = Buffer.from(body);
        body[spoil.corruptAt - bodySeen] = (body[spoil.corruptAt - bodySeen] as number) ^ 0xff;
      }
      if (spoil.cutAfter !== undefined && bodySeen + body.length >= spoil.cutAfter) {
        client.write(body.subarray(0, spoil.cutAfter - bodySeen), () => drop());
        bodySeen = spoil.cutAfter;
        return;
      }
      bodySeen += body.length;
      client.write(body);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxy: NetProxy = {
    url: `http://127.0.0.1:${port}`,
    downloads,
    onRequest: null,
    answered,
    setMaxBodyBytes(bytes) {
      maxBodyBytes = bytes;
    },
    answerWith(status) {
      answerStatus = status;
    },
    stall(on) {
      stalling = on;
      if (!on) for (const h of held.splice(0)) if (!h.client.destroyed) h.release();
    },
    stalledOpen: () => held.filter((h) => !h.client.destroyed).map((h) => h.line),
    setOffline(v) {
      offline = v;
      if (v) for (const s of sockets) s.destroy();
    },
    spoilDownloads(f) {
      fault = f ? { ...f } : null;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
