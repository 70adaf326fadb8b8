import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the session (server URL, token, user) is kept between runs. An interface,
 * so the Electron shell can keep it with safeStorage instead of a plain file.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A JSON file readable by the owner only (mode 0600), replaced atomically on each write. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  private async readAll(): Promise<Record<string, string>> {
    try {
      const v: unknown = JSON.parse(await fsp.readFile(this.file, 'utf8'));
      return v !== null && typeof v === 'object' ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private async writeAll(data: Record<string, string>): Promise<void> {
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fh = await fsp.open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(data));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, this.file);
    // rename keeps the temp file's mode, but an older file may have been created looser.
    if (fs.existsSync(this.file)) await fsp.chmod(this.file, 0o600);
  }

  async get(key: string): Promise<string | null> {
    return (await this.readAll())[key] ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    const all = await this.readAll();
    all[key] = value;
    await this.writeAll(all);
  }

  async delete(key: string): Promise<void> {
    const all = await this.readAll();
    if (!(key in all)) return;
    delete all[key];
    await this.writeAll(all);
  }
}
