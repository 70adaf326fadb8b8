/**
 * A small seeded, deterministic PRNG for the demo data, so the bundled demo agency
 * is the same on every machine and every run. mulberry32: 32-bit state, fast, good
 * enough for picking names and dates (not for anything security-related).
 */
import { createHash } from 'node:crypto';

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `n` distinct elements (or all of them when there are fewer). */
  sample<T>(items: readonly T[], n: number): T[];
  /** A v4-shaped UUID drawn from this generator. */
  uuid(): string;
  /** An independent generator derived from this one and a label. */
  fork(label: string): Random;
}

/** 32-bit string hash (FNV-1a), to turn labels into seeds. */
export function hashSeed(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function formatUuid(bytes: ArrayLike<number>): string {
  const b = Array.from({ length: 16 }, (_, i) => bytes[i] ?? 0);
  b[6] = ((b[6] as number) & 0x0f) | 0x40; // version 4
  b[8] = ((b[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A deterministic v4-shaped UUID from a name: the same name gives the same id everywhere. */
export function uuidFromName(name: string): string {
  return formatUuid(createHash('sha256').update(name, 'utf8').digest());
}

export function createRandom(seed: number | string): Random {
  const s = typeof seed === 'string' ? hashSeed(seed) : seed >>> 0;
  const next = mulberry32(s);
  const rnd: Random = {
    next,
    int(min, max) {
      if (max < min) throw new RangeError(`int(${min}, ${max})`);
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty array');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(items) {
      if (items.length === 0) throw new RangeError('weighted pick from an empty array');
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return (items[items.length - 1] as (typeof items)[number])[0];
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    sample(items, n) {
      return rnd.shuffle(items).slice(0, Math.max(0, n));
    },
    uuid() {
      const bytes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const w = Math.floor(next() * 4294967296) >>> 0;
        bytes.push(w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
      }
      return formatUuid(bytes);
    },
    fork(label) {
      return createRandom((hashSeed(label) ^ Math.floor(next() * 4294967296)) >>> 0);
    },
  };
  return rnd;
}
