/**
 * Remote images of an HTML message, fetched by the core when the user allows them
 * for that message, and handed to the renderer inline as data: URIs.
 *
 * Why the core and not the frame: the message is shown in a sandboxed srcdoc
 * frame, which inherits the app's Content-Security-Policy (img-src 'self' data:
 * blob:), so the page itself cannot load a remote image — and widening img-src to
 * every http(s) host would let any page of the app reach the network
 * (docs/decisions.md §17). Caps keep a hostile message from filling memory:
 * image/* only, 5 MB an image, 15 MB and 40 images a message, 10 s each.
 */

const MAX_IMAGE = 5 * 1024 * 1024;
const MAX_TOTAL = 15 * 1024 * 1024;
const MAX_IMAGES = 40;
const TIMEOUT_MS = 10_000;
const CACHE_BYTES = 30 * 1024 * 1024;

/** A small cache by URL so re-reading an allowed message does not fetch again. */
const cache = new Map<string, string>();
let cacheBytes = 0;

function remember(url: string, dataUri: string): void {
  cache.set(url, dataUri);
  cacheBytes += dataUri.length;
  for (const [k, v] of cache) {
    if (cacheBytes <= CACHE_BYTES) break;
    cache.delete(k);
    cacheBytes -= v.length;
  }
}

async function fetchOne(url: string, budget: number): Promise<string | null> {
  if (!/^https?:\/\//iu.test(url)) return null;
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow', headers: { Accept: 'image/*' }, referrerPolicy: 'no-referrer' });
  if (!res.ok || !res.body) return null;
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!/^image\/[a-z0-9.+-]+$/u.test(type)) {
    await res.body.cancel().catch(() => {});
    return null;
  }
  const limit = Math.min(MAX_IMAGE, budget);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return `data:${type};base64,${Buffer.concat(chunks).toString('base64')}`;
}

/** URL → data: URI for every image that could be fetched within the caps (the rest are left out). */
export async function fetchRemoteImages(urls: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let total = 0;
  for (const url of urls.slice(0, MAX_IMAGES)) {
    const hit = cache.get(url);
    if (hit) {
      out.set(url, hit);
      continue;
    }
    if (total >= MAX_TOTAL) break;
    try {
      const data = await fetchOne(url, MAX_TOTAL - total);
      if (!data) continue;
      total += data.length;
      remember(url, data);
      out.set(url, data);
    } catch {
      // unreachable, too slow, refused: the placeholder stays
    }
  }
  return out;
}
