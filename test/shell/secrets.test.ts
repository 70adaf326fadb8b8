import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/core.js';
import { FileSecretStore } from '../../src/main/core/session/secretStore.js';
import { RpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { answerSecretRequest, isSecretRequest, ParentSecretStore } from '../../src/main/core/session/secretChannel.js';
import { migrateFileSecrets, SafeStorageSecretStore, safeStorageVerdict, type SafeStorageLike } from '../../src/main/shell/secrets.js';
import { FAST_SYNC, signIn } from '../helpers/core.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** A stand-in for Electron's safeStorage: a reversible transform that never leaves the plain text visible. */
function fakeSafeStorage(over: Partial<SafeStorageLike> = {}): SafeStorageLike & { calls: number } {
  const s = {
    calls: 0,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(plain: string): Buffer {
      s.calls += 1;
      return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString(blob: Buffer): string {
      if (blob.subarray(0, 3).toString() !== 'v10') throw new Error('bad blob');
      return Buffer.from(blob.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    },
    ...over,
  };
  return s;
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ioffice-secrets-'));

describe('the session kept with safeStorage', () => {
  it('trusts safeStorage only with a real key store', () => {
    expect(safeStorageVerdict(fakeSafeStorage(), 'linux')).toEqual({ usable: true });
    expect(safeStorageVerdict(fakeSafeStorage(), 'win32')).toEqual({ usable: true });
    expect(safeStorageVerdict(fakeSafeStorage({ isEncryptionAvailable: () => false }), 'win32')).toMatchObject({ usable: false, reason: { vi: expect.any(String), en: expect.any(String) } });
    expect(safeStorageVerdict(fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }), 'linux')).toMatchObject({ usable: false });
    expect(safeStorageVerdict(fakeSafeStorage({ isEncryptionAvailable: () => { throw new Error('not ready'); } }), 'darwin')).toMatchObject({ usable: false });
  });

  it('stores each value encrypted, 0600, and reads it back', async () => {
    const dir = tmp();
    const store = new SafeStorageSecretStore(dir, fakeSafeStorage());
    expect(await store.get('session')).toBeNull();
    await store.set('session', '{"token":"bí-mật-123"}');
    expect(await store.get('session')).toBe('{"token":"bí-mật-123"}');
    const file = join(dir, 'session.bin');
    expect(readFileSync(file).includes(Buffer.from('bí-mật-123'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.delete('session');
    expect(await store.get('session')).toBeNull();
    await store.delete('session'); // absent is fine
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an unreadable blob (another account, a reset keychain) counts as absent', async () => {
    const dir = tmp();
    const store = new SafeStorageSecretStore(dir, fakeSafeStorage());
    writeFileSync(join(dir, 'session.bin'), 'garbage');
    expect(await store.get('session')).toBeNull();
  });

  it('refuses key names that could leave its folder', async () => {
    const store = new SafeStorageSecretStore(tmp(), fakeSafeStorage());
    for (const bad of ['../x', 'a/b', '', '.hidden', 'x'.repeat(65), 'a\\b']) await expect(store.set(bad, 'v'), bad).rejects.toThrow(/not allowed/u);
  });

  it('moves a plain-file session into safeStorage and deletes the file', async () => {
    const dir = tmp();
    const plain = new FileSecretStore(join(dir, 'core', 'session.json'));
    await plain.set('session', 'S');
    await plain.set('dbKey', 'K');
    const safe = new SafeStorageSecretStore(join(dir, 'secrets'), fakeSafeStorage());
    expect((await migrateFileSecrets(join(dir, 'core', 'session.json'), safe)).sort()).toEqual(['dbKey', 'session']);
    expect(existsSync(join(dir, 'core', 'session.json'))).toBe(false);
    expect(await safe.get('session')).toBe('S');
    expect(await migrateFileSecrets(join(dir, 'core', 'session.json'), safe)).toEqual([]);
  });
});

describe('the core in its utility process asks main for secrets over the parent port', () => {
  /** Two ends of a parent port: the core's (utility) and main's. */
  function channel(): { coreLink: { postMessage(m: unknown): void; onMessage(l: (m: unknown) => void): void }; mainInbox: (l: (m: unknown) => void) => void; toCore: (m: unknown) => void } {
    const [a, b] = createMemoryTransportPair();
    return { coreLink: { postMessage: (m) => a.postMessage(m), onMessage: (l) => void a.onMessage(l) }, mainInbox: (l) => void b.onMessage(l), toCore: (m) => b.postMessage(m) };
  }

  it('get / set / delete round-trip, failures come back as errors', async () => {
    const c = channel();
    const backing = new SafeStorageSecretStore(tmp(), fakeSafeStorage());
    c.mainInbox((m) => {
      if (isSecretRequest(m)) void answerSecretRequest(backing, m).then(c.toCore);
    });
    const store = new ParentSecretStore(c.coreLink);
    await store.set('session', 'xyz');
    expect(await store.get('session')).toBe('xyz');
    await store.delete('session');
    expect(await store.get('session')).toBeNull();
    await expect(store.set('../bad', 'v')).rejects.toThrow(/not allowed/u);
  });

  it('times out when main does not answer', async () => {
    const c = channel();
    const store = new ParentSecretStore(c.coreLink, 50);
    await expect(store.get('session')).rejects.toThrow(/no answer/u);
  });

  it('ignores what is not a well-formed request', () => {
    expect(isSecretRequest({ kind: 'secret-request', id: 1, op: 'set', key: 'k' })).toBe(false);
    expect(isSecretRequest({ kind: 'secret-request', id: 1, op: 'drop', key: 'k' })).toBe(false);
    expect(isSecretRequest({ kind: 'request', id: 1, method: 'session.get' })).toBe(false);
  });

  describe('with the real core and server', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('signing in keeps the token only in the encrypted store; a restart resumes from it', async () => {
      const dataDir = tmp();
      const secretsDir = tmp();
      const safe = fakeSafeStorage();
      const backing = new SafeStorageSecretStore(secretsDir, safe);
      const open = (): { rpc: RpcClient; close(): Promise<void> } => {
        const c = channel();
        c.mainInbox((m) => {
          if (isSecretRequest(m)) void answerSecretRequest(backing, m).then(c.toCore);
        });
        const core = createCore({ dataDir, secretStore: new ParentSecretStore(c.coreLink), sync: FAST_SYNC });
        const [ui, coreEnd] = createMemoryTransportPair();
        core.attach(coreEnd);
        const rpc = new RpcClient(ui);
        return { rpc, close: async () => (rpc.close(), await core.close()) };
      };
      const first = open();
      const session = await signIn(first.rpc, server.url, 'vanthu');
      expect(session.signedIn).toBe(true);
      await first.close();
      expect(safe.calls).toBeGreaterThan(0);
      expect(existsSync(join(dataDir, 'session.json'))).toBe(false);
      const saved = await backing.get('session');
      expect(saved).toContain('"token"');
      expect(readFileSync(join(secretsDir, 'session.bin')).includes(Buffer.from('"token"'))).toBe(false);

      const second = open();
      expect(await second.rpc.call('session.get')).toMatchObject({ signedIn: true, user: { username: 'vanthu' } });
      await second.close();
    });
  });
});
