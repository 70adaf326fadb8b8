/**
 * States this server would not write today, found in the database: written by an
 * older server (a control character before text refused them, a history summary
 * quoting a long opinion before summaries were clipped). Clients refuse such a
 * document and set it aside (decisions §18); the server repairs it the next time
 * it is written, so any action on it brings it back to every client, and it
 * checks every state it writes, so no new one can be unreadable.
 */
import { IncomingDocument } from '../../shared/incoming/model.js';
import { AppError } from '../../shared/i18n/errors.js';
import { CONTROL_CHARACTER } from '../../shared/model/primitives.js';

type Stored = Omit<IncomingDocument, 'readAt'>;

const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'gu');

function at(root: unknown, path: readonly PropertyKey[]): { parent: Record<PropertyKey, unknown>; key: PropertyKey } | null {
  let node = root as Record<PropertyKey, unknown> | null;
  for (const k of path.slice(0, -1)) {
    const next = node?.[k];
    if (typeof next !== 'object' || next === null) return null;
    node = next as Record<PropertyKey, unknown>;
  }
  const key = path.at(-1);
  return node && key !== undefined ? { parent: node, key } : null;
}

/** Make a stored state readable again: control characters removed, over-long texts clipped with "…". Unrepairable issues are left for `checkWritable`. */
export function repairLegacyState<T extends Stored>(state: T): T {
  let current = state;
  // A field may carry two faults (a control character hides its length): a few passes.
  for (let pass = 0; pass < 3; pass++) {
    const parsed = IncomingDocument.safeParse({ ...current, readAt: null });
    if (parsed.success) return current;
    const next = structuredClone(current);
    let changed = false;
    for (const issue of parsed.error.issues) {
      const slot = at(next, issue.path);
      const value = slot?.parent[slot.key];
      if (!slot || typeof value !== 'string') continue;
      const kind = (issue as { params?: { kind?: unknown } }).params?.kind;
      if (issue.code === 'custom' && kind === 'control_characters') {
        slot.parent[slot.key] = value.replace(CONTROL_CHARACTERS, '');
        changed = true;
      } else if (issue.code === 'too_big' && typeof issue.maximum === 'number' && value.length > issue.maximum) {
        slot.parent[slot.key] = `${value.slice(0, Number(issue.maximum) - 1).replace(/[\uD800-\uDBFF]$/u, '')}…`;
        changed = true;
      }
    }
    if (!changed) return current;
    current = next;
  }
  return current;
}

/** Every state is checked with the clients' own schema before it is stored: none written from now on can be refused by them. */
export function checkWritable(doc: IncomingDocument): void {
  const parsed = IncomingDocument.safeParse(doc);
  if (!parsed.success) throw new AppError('invalid_mutation', { details: `the document would not be readable (${parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')).join(', ')})` });
}
