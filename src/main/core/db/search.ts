import { cleanText, foldForSearch, formatNumberSymbol } from '../../../shared/index.js';
import type { IncomingDocument } from '../../../shared/index.js';

/**
 * Accent-insensitive search text. FTS5's `remove_diacritics 2` strips the marks
 * but cannot turn đ into d (no Unicode decomposition), so both the indexed text
 * and the query go through the same foldForSearch().
 */
export function searchBody(doc: Pick<IncomingDocument, 'subject' | 'issuer' | 'codeNumber' | 'codeNotation' | 'documentType' | 'signerName' | 'description'>): string {
  return foldForSearch(
    cleanText(
      [doc.subject, doc.issuer, formatNumberSymbol(doc.codeNumber, doc.codeNotation), doc.documentType, doc.signerName, doc.description].join(' \n '),
    ),
  );
}

/** The folded words of a query, as FTS5 will tokenise them. */
export function queryTerms(query: string): string[] {
  return foldForSearch(cleanText(query))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
}

/**
 * An FTS5 MATCH expression: every word must occur, the last one as a prefix
 * (the user may still be typing). Words are quoted so nothing the user types is
 * read as FTS syntax.
 */
export function ftsMatchExpression(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ');
}

/** The same match done in memory, for local registrations not yet in the index. */
export function matchesTerms(body: string, terms: readonly string[]): boolean {
  const words = body.split(/[^\p{L}\p{N}]+/u);
  return terms.every((t, i) => (i === terms.length - 1 ? words.some((w) => w.startsWith(t)) : words.includes(t)));
}
