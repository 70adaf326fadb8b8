import type { z } from 'zod';
import { AppError } from '../../shared/i18n/errors.js';

/** A short, readable summary of what was wrong: "metadata.subject: Too small; files: Required". */
export function summariseZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ')
    .slice(0, 500);
}

/** Parse a request part with a shared schema, or answer 400 with what was wrong. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const res = schema.safeParse(value);
  if (!res.success) throw new AppError('validation_failed', { details: summariseZodError(res.error) });
  return res.data;
}
