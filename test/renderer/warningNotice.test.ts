/** The notice for the core's `warned` event, in Vietnamese and English. */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/app/i18n/en.js';
import { vi } from '../../src/renderer/app/i18n/vi.js';
import { warningNotice } from '../../src/renderer/components/warningNotice.js';
import { errorBody } from '../../src/shared/i18n/errors.js';

type Tree = { [k: string]: string | Tree };
/** i18next's lookup, enough for these keys (mutation names hold dots: 'mutation.incoming.register'). */
const translator = (tree: Tree) => (key: string): string => {
  const path = key.startsWith('mutation.') ? ['mutation', key.slice('mutation.'.length)] : key.split('.');
  let node: string | Tree | undefined = tree;
  for (const part of path) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`missing translation ${key}`);
  return node;
};

describe('warning notice', () => {
  const clock = { name: 'incoming.register', warnings: [errorBody('action_time_adjusted', { serverTime: '02/01/2027 08:15' })] };

  it('tells a clerk in Vietnamese that the computer clock is off and the server time was used', () => {
    const n = warningNotice(clock, translator(vi), 'vi');
    expect(n.title).toBe('Giờ máy tính của bạn lệch; thao tác được ghi theo giờ máy chủ');
    expect(n.description).toBe(`Vào sổ văn bản đến: ${clock.warnings[0]!.message.vi}`);
    expect(n.description).toContain('02/01/2027 08:15');
  });

  it('in English too, and names a possible duplicate, or falls back to a general title', () => {
    expect(warningNotice(clock, translator(en as unknown as Tree), 'en').title).toBe("Your computer's clock is off; the action was recorded at the server's time");
    const dup = warningNotice({ name: 'incoming.register', warnings: [errorBody('duplicate_document')] }, translator(vi), 'vi');
    expect(dup.title).toBe('Đã vào sổ, nhưng có thể trùng văn bản đã có');
    const both = warningNotice({ name: 'incoming.register', warnings: [clock.warnings[0]!, errorBody('duplicate_document')] }, translator(en), 'en');
    expect(both.title).toBe('The server recorded the action, with a remark');
    expect(both.description).toContain('Possible duplicate');
  });
});
