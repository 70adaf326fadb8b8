import type { z } from 'zod';
import { AppError } from '../../shared/i18n/errors.js';
import { controlCharacterIssue } from '../../shared/model/primitives.js';

/** A short, readable summary of what was wrong: "metadata.subject: Too small; files: Required". */
export function summariseZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ')
    .slice(0, 500);
}

/** The error for a failed parse: a control character gets its own message (§18), anything else `code` with the summary. */
export function invalidInput(error: z.ZodError, code: 'validation_failed' | 'invalid_mutation'): AppError {
  const control = controlCharacterIssue(error);
  if (control) return new AppError('control_characters', control);
  return new AppError(code, { details: summariseZodError(error) });
}

/** Parse a request part with a shared schema, or answer 400 with what was wrong. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const res = schema.safeParse(value);
  if (!res.success) throw invalidInput(res.error, 'validation_failed');
  return res.data;
}
