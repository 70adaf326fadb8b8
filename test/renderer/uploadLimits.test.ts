/**
 * The registration form tells the clerk the limits the core and the server enforce:
 * it used to promise 100 MB a file while both refuse anything over 50 MB, so a
 * 60 MB scan passed the form and failed afterwards.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/app/i18n/en.js';
import { vi } from '../../src/renderer/app/i18n/vi.js';
import { MAX_FILE_BYTES, MAX_FILES_PER_DOCUMENT } from '../../src/shared/sync/limits.js';
import { MAX_FILE_BYTES as WIRE_MAX_FILE_BYTES } from '../../src/shared/sync/protocol.js';
import { RegisterIncomingArgs } from '../../src/shared/incoming/mutations.js';

const fill = (s: string, values: Record<string, number>): string => s.replace(/\{\{(\w+)\}\}/gu, (_m, k: string) => String(values[k]));
const mb = MAX_FILE_BYTES / 1024 / 1024;

describe('upload limits on the registration form', () => {
  it('the hint and the refusal name the limit the server enforces, in both languages', () => {
    expect(WIRE_MAX_FILE_BYTES).toBe(MAX_FILE_BYTES);
    for (const m of [vi, en]) {
      const hint = fill(m.register.uploadHint, { count: MAX_FILES_PER_DOCUMENT, mb });
      const tooLarge = fill(m.register.tooLarge, { mb });
      expect(hint).toContain(`${mb} MB`);
      expect(hint).toContain(String(MAX_FILES_PER_DOCUMENT));
      expect(tooLarge).toContain(`${mb} MB`);
    }
  });

  it('a registration may hold as many files as the form allows, and no more', () => {
    const file = (i: number) => ({ sha256: i.toString(16).padStart(64, '0'), name: `to-${i}.pdf`, size: 1000, mime: 'application/pdf' });
    const base = RegisterIncomingArgs.shape.files;
    expect(base.safeParse(Array.from({ length: MAX_FILES_PER_DOCUMENT }, (_, i) => file(i))).success).toBe(true);
    expect(base.safeParse(Array.from({ length: MAX_FILES_PER_DOCUMENT + 1 }, (_, i) => file(i))).success).toBe(false);
  });
});
