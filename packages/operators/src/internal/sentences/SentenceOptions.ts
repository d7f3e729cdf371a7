/**
 * The options of the sentence scanner, checked once when `bufferSentences` is called and then
 * handed, resolved, to every subscription's scanner.
 */
import { checkNumberOption, describeValue } from '@oci-genai-rx/core';
import { abbreviationKey } from './abbreviations.js';

export type SentenceLocale = 'auto' | 'en' | 'ja' | 'zh';

/** Clause mode as the caller gives it (see `BufferSentencesOptions.clauses`). */
export interface ClausesInput {
  readonly minChars?: number | undefined;
  readonly pieces?: 'first' | 'all' | undefined;
}

/** Clause mode, checked, with its defaults. */
export interface ClauseOptions {
  readonly minChars: number;
  readonly pieces: 'first' | 'all';
}

/** Long enough to be worth speaking on its own ("Well, as far as I know, " is 24). */
export const DEFAULT_CLAUSE_MIN_CHARS = 20;

/** What `bufferSentences` passes on of its options (see `BufferSentencesOptions` for meanings). */
export interface SentenceOptionsInput {
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly maxQuoteLength?: number | undefined;
  readonly locale?: SentenceLocale | undefined;
  readonly abbreviations?: readonly string[] | undefined;
  readonly clauses?: ClausesInput | undefined;
}

/** Checked options with their defaults filled in. */
export interface SentenceOptions {
  readonly minLength: number;
  readonly maxLength: number;
  readonly maxQuoteLength: number;
  readonly locale: SentenceLocale;
  /** Extra abbreviation keys (see `abbreviationKey`). */
  readonly abbreviations: ReadonlySet<string>;
  /** Clause mode, or null when pieces end only at sentence ends. */
  readonly clauses: ClauseOptions | null;
}

const LOCALES: readonly SentenceLocale[] = ['auto', 'en', 'ja', 'zh'];

/** Long enough for a quotation of a few ordinary sentences; short enough to speak without a stall. */
export const DEFAULT_MAX_QUOTE_LENGTH = 200;

/** Checks the options, with messages that say how to fix them, and fills in the defaults. */
export function resolveSentenceOptions(options: SentenceOptionsInput): SentenceOptions {
  const { minLength = 0, maxLength = Infinity, maxQuoteLength = DEFAULT_MAX_QUOTE_LENGTH, locale = 'auto', abbreviations = [] } = options;
  if (!(minLength >= 0)) {
    throw new RangeError(`bufferSentences: minLength must be a number of characters >= 0, got ${String(minLength)}.`);
  }
  if (!(maxLength >= 1)) {
    throw new RangeError(`bufferSentences: maxLength must be a number of characters >= 1 (or Infinity for no limit), got ${String(maxLength)}.`);
  }
  if (!(maxQuoteLength >= 0)) {
    throw new RangeError(`bufferSentences: maxQuoteLength must be a number of characters >= 0 (or Infinity for no length limit), got ${String(maxQuoteLength)}.`);
  }
  if (!LOCALES.includes(locale)) {
    throw new RangeError(`bufferSentences: locale must be one of ${LOCALES.join(', ')}, got ${String(locale)}.`);
  }
  if (!Array.isArray(abbreviations) || !abbreviations.every((a) => typeof a === 'string' && abbreviationKey(a) !== '')) {
    throw new TypeError('bufferSentences: abbreviations must be non-empty strings such as "approx." or "Sgt".');
  }
  return { minLength, maxLength, maxQuoteLength, locale, abbreviations: new Set(abbreviations.map(abbreviationKey)), clauses: resolveClauses(options.clauses) };
}

function resolveClauses(clauses: ClausesInput | undefined): ClauseOptions | null {
  if (clauses === undefined) return null;
  if (typeof clauses !== 'object' || clauses === null || Array.isArray(clauses)) {
    throw new TypeError(`bufferSentences: clauses must be an object such as { minChars: 20, pieces: 'first' }, got ${describeValue(clauses)}.`);
  }
  const { minChars = DEFAULT_CLAUSE_MIN_CHARS, pieces = 'first' } = clauses;
  checkNumberOption('bufferSentences', 'clauses.minChars', minChars, { integer: true, min: 0 });
  if (pieces !== 'first' && pieces !== 'all') {
    throw new TypeError(`bufferSentences: clauses.pieces must be 'first' (cut only the first piece at a clause) or 'all', got ${describeValue(pieces)}.`);
  }
  return { minChars, pieces };
}
