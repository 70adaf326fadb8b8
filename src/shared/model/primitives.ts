import { z } from 'zod';
import { isValidIsoDate } from '../text/vietnamese.js';

const nfcTrim = (s: string): string => s.normalize('NFC').trim();

/**
 * Control characters no text may carry (docs/decisions.md §18): every C0 control
 * except TAB, LF and CR, DEL, and every C1 control. NUL is the one that hurts
 * (PostgreSQL refuses it, so a single one made the server fail with a 500 and held
 * the outbox); the others are invisible, never typed, and only ever pasted junk.
 * Line breaks and tabs stay: several fields are multi-line text areas.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** "U+0000" for the first forbidden control character in `s`, or null. */
export function findControlCharacter(s: string): string | null {
  const m = CONTROL_CHARACTER.exec(s);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The zod issue every schema raises for a control character; `controlCharacterIssue` finds it again. */
const CONTROL_ISSUE = 'control_characters';

/** A string refused if it holds a control character (the same check on the server and in the core). */
export const noControlCharacters = <S extends z.ZodString>(schema: S) =>
  schema.check((ctx) => {
    const char = findControlCharacter(ctx.value);
    if (char) ctx.issues.push({ code: 'custom', message: `control character ${char} is not allowed`, params: { kind: CONTROL_ISSUE, char }, input: ctx.value, continue: false });
  });

/** The first control-character issue of a failed parse: the field's path and the character. */
export function controlCharacterIssue(error: z.ZodError): { field: string; char: string } | null {
  for (const i of error.issues) {
    const params = (i as { params?: { kind?: unknown; char?: unknown } }).params;
    if (i.code === 'custom' && params?.kind === CONTROL_ISSUE) return { field: i.path.join('.') || '(text)', char: String(params.char) };
  }
  return null;
}

/**
 * Every text field is NFC-normalised and trimmed as it is parsed (DOMAIN.md §10),
 * refused if it holds a control character, then length-checked. `overwrite` keeps
 * it one cheap schema (this runs for every field of every synced document).
 */
export const text = (max: number) => noControlCharacters(z.string().overwrite(nfcTrim)).max(max);

export const requiredText = (max: number) => noControlCharacters(z.string().overwrite(nfcTrim)).min(1).max(max);

/** A string at a boundary that is not free text (a device name, a cursor, a header value): no control characters, no normalising. */
export const plainString = (max: number) => noControlCharacters(z.string().max(max));

export const isoDate = z.string().refine(isValidIsoDate, { message: 'expected a date YYYY-MM-DD' });
export const isoDateTime = z.string().datetime({ offset: true });
export const uuid = z.string().uuid();
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/u, 'expected a lower-case SHA-256 hex digest');

/** A file name as the user gave it: NFC, no path, no control characters. */
export const fileName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(255)
      .refine((s) => !/[/\\\u0000-\u001f]/u.test(s) && s !== '.' && s !== '..', {
        message: 'file names may not contain path separators or control characters',
      }),
  );
