/**
 * The options of the sentence scanner, checked once when `bufferSentences` is called and then
 * handed, resolved, to every subscription's scanner.
 */
import { abbreviationKey } from './abbreviations.js';

export type SentenceLocale = 'auto' | 'en' | 'ja' | 'zh';

/** What `bufferSentences` passes on of its options (see `BufferSentencesOptions` for meanings). */
export interface SentenceOptionsInput {
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly maxQuoteLength?: number | undefined;
  readonly locale?: SentenceLocale | undefined;
  readonly abbreviations?: readonly string[] | undefined;
}

/** Checked options with their defaults filled in. */
export interface SentenceOptions {
  readonly minLength: number;
  readonly maxLength: number;
  readonly maxQuoteLength: number;
  readonly locale: SentenceLocale;
  /** Extra abbreviation keys (see `abbreviationKey`). */
  readonly abbreviations: ReadonlySet<string>;
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
  return { minLength, maxLength, maxQuoteLength, locale, abbreviations: new Set(abbreviations.map(abbreviationKey)) };
}
