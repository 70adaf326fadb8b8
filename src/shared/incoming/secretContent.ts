/**
 * What of a state-secret document (Mật, Tối mật, Tuyệt mật) reaches a desktop
 * (docs/decisions.md §19). The agency chooses, per level, between
 *   'metadata' — the register entry only (the Decree 30 default, DOMAIN.md §4):
 *                numbers, symbol, issuer, dates, type, trích yếu, signer, levels,
 *                who handles it with which role and deadline, status, and who wrote
 *                what when — but no file, no notes, no instruction text, no opinion
 *                text, no history summaries;
 *   'full'     — everything, to everyone who may see the document.
 * The server shapes every pulled state and refuses files with this one rule, and
 * the registration form words its note from it, so they cannot disagree.
 * Pure TypeScript (no zod) so the renderer may import it.
 */
import type { Confidentiality, IncomingDocument } from './model.js';

export const SECRET_LEVELS = ['confidential', 'secret', 'top_secret'] as const;
export type SecretLevel = (typeof SECRET_LEVELS)[number];

export const SECRET_CONTENT_MODES = ['metadata', 'full'] as const;
export type SecretContentMode = (typeof SECRET_CONTENT_MODES)[number];

export type SecretContentPolicy = Record<SecretLevel, SecretContentMode>;

/** Decree 30 / DOMAIN.md §4: no secret content on desktops, at any of the three levels. */
export const DEFAULT_SECRET_CONTENT_POLICY: SecretContentPolicy = Object.freeze({ confidential: 'metadata', secret: 'metadata', top_secret: 'metadata' });

/** The parts of a document that a 'metadata' level keeps off desktops. */
export const WITHHELD_PARTS = ['files', 'description', 'instruction', 'assignmentNotes', 'opinionText', 'completionNote', 'historySummaries', 'sourceMailSubject'] as const;
export type WithheldPart = (typeof WITHHELD_PARTS)[number];

const NOTHING: readonly WithheldPart[] = Object.freeze([]);

/** What is withheld from desktops for a document of `level` under `policy` (none: an empty list). */
export function withheldContent(level: Confidentiality, policy: SecretContentPolicy | null | undefined): readonly WithheldPart[] {
  if (level === 'normal') return NOTHING;
  return (policy ?? DEFAULT_SECRET_CONTENT_POLICY)[level] === 'full' ? NOTHING : WITHHELD_PARTS;
}

export const isContentWithheld = (level: Confidentiality, policy: SecretContentPolicy | null | undefined): boolean => withheldContent(level, policy).length > 0;

/**
 * The document as a desktop may hold it: the withheld parts emptied (the entries
 * themselves stay, so who did what when is still there) and `contentWithheld` set.
 */
export function shapeForDesktop<D extends Omit<IncomingDocument, 'readAt'>>(doc: D, policy: SecretContentPolicy | null | undefined): D {
  if (!isContentWithheld(doc.confidentiality, policy)) return doc.contentWithheld ? { ...doc, contentWithheld: false } : doc;
  return {
    ...doc,
    contentWithheld: true,
    files: [],
    description: '',
    instruction: '',
    completionNote: '',
    assignments: doc.assignments.map((a) => ({ ...a, note: '' })),
    opinions: doc.opinions.map((o) => ({ ...o, content: '' })),
    history: doc.history.map((h) => ({ ...h, summary: '', details: {} })),
    ...(doc.sourceMail ? { sourceMail: { ...doc.sourceMail, subject: '' } } : {}),
  };
}
