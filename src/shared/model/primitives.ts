import { z } from 'zod';
import { isValidIsoDate } from '../text/vietnamese.js';

const nfcTrim = (s: string): string => s.normalize('NFC').trim();

/**
 * Every text field is NFC-normalised and trimmed as it is parsed (DOMAIN.md §10),
 * then length-checked. `overwrite` keeps it one cheap schema (this runs for every
 * field of every synced document).
 */
export const text = (max: number) => z.string().overwrite(nfcTrim).max(max);

export const requiredText = (max: number) => z.string().overwrite(nfcTrim).min(1).max(max);

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
