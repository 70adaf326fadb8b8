/**
 * The core's SecretStore (src/main/core/session/secretStore.ts) on top of
 * Electron's safeStorage (OS keychain: DPAPI, Keychain, libsecret/kwallet):
 * each value encrypted, one file per key in userData/secrets/, 0600, replaced
 * atomically. The safeStorage object is passed in, so this file does not import
 * electron and the tests use a fake.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from '../core/session/secretStore.js';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export type SafeStorageVerdict = { usable: true } | { usable: false; reason: { vi: string; en: string } };

/**
 * Whether to trust safeStorage. On Linux without a keyring Chromium falls back to
 * `basic_text`: "encrypted" with a fixed, public key — no better than a file, and
 * misleading, so it counts as unavailable.
 */
export function safeStorageVerdict(s: SafeStorageLike, platform: string): SafeStorageVerdict {
  let available = false;
  try {
    available = s.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available)
    return {
      usable: false,
      reason: {
        vi: 'Hệ điều hành không cung cấp kho khóa bảo mật: phiên đăng nhập được lưu trong tệp chỉ chủ tài khoản đọc được.',
        en: 'The OS offers no secure key store: the session is kept in a file readable by this account only.',
      },
    };
  if (platform === 'linux' && s.getSelectedStorageBackend?.() === 'basic_text')
    return {
      usable: false,
      reason: {
        vi: 'Không có GNOME Keyring hoặc KWallet: phiên đăng nhập được lưu trong tệp chỉ chủ tài khoản đọc được.',
        en: 'No GNOME Keyring or KWallet: the session is kept in a file readable by this account only.',
      },
    };
  return { usable: true };
}

const KEY_RE = /^[A-Za-z0-9_.-]{1,64}$/u;

export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly dir: string,
    private readonly safe: SafeStorageLike,
    private readonly log: (message: string, err?: unknown) => void = () => {},
  ) {}

  private file(key: string): string {
    if (!KEY_RE.test(key) || key.startsWith('.')) throw new Error(`secret key ${JSON.stringify(key)} is not allowed`);
    return path.join(this.dir, `${key}.bin`);
  }

  async get(key: string): Promise<string | null> {
    let blob: Buffer;
    try {
      blob = await fsp.readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return this.safe.decryptString(blob);
    } catch (err) {
      // Another OS account, a reset keychain: unreadable is the same as absent (sign in again).
      this.log(`secret ${key} could not be decrypted; treating it as absent`, err);
      return null;
    }
  }

  async set(key: string, value: string): Promise<void> {
    const file = this.file(key);
    const blob = this.safe.encryptString(value);
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const fh = await fsp.open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(blob);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, file);
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }
}

/**
 * Move what the core's plain-file store (FileSecretStore's JSON) holds into the
 * safe store, then remove the file: a machine that ran without a keychain once
 * does not keep its token in clear text after the keychain appears.
 */
export async function migrateFileSecrets(jsonFile: string, to: SecretStore): Promise<string[]> {
  if (!fs.existsSync(jsonFile)) return [];
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(await fsp.readFile(jsonFile, 'utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  const moved: string[] = [];
  for (const [k, v] of Object.entries(data ?? {})) {
    if (typeof v !== 'string') continue;
    await to.set(k, v);
    moved.push(k);
  }
  await fsp.rm(jsonFile, { force: true });
  return moved;
}
