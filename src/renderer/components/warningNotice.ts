import type { MutationWarning } from '../../shared/rpc/contract.js';
import type { MutationName } from '../../shared/incoming/mutations.js';
import type { Lang } from '../app/i18n/lang.js';
import { bodyText } from '../app/util.js';

/** Warnings with a title of their own; any other code gets the general one. */
const TITLED = ['action_time_adjusted', 'duplicate_document'] as const;
type Titled = (typeof TITLED)[number];
const isTitled = (code: string | undefined): code is Titled => (TITLED as readonly (string | undefined)[]).includes(code);

type T = (key: 'sync.warnedTitle' | `sync.warning.${Titled}` | `mutation.${MutationName}`) => string;

/**
 * The notice for an action the server applied with warnings (the `warned` event):
 * a title naming what happened (the clock, a possible duplicate), then the action
 * and the server's own words in the user's language. Nothing was undone, so it
 * informs and does not ask anything (decisions §18).
 */
export function warningNotice(w: Pick<MutationWarning, 'name' | 'warnings'>, t: T, lang: Lang): { title: string; description: string } {
  const codes = new Set(w.warnings.map((x) => x.code));
  const only = codes.size === 1 ? [...codes][0] : undefined;
  const title = isTitled(only) ? t(`sync.warning.${only}`) : t('sync.warnedTitle');
  return { title, description: `${t(`mutation.${w.name as MutationName}`)}: ${w.warnings.map((x) => bodyText(x, lang)).join(' ')}` };
}
