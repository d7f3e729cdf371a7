/**
 * The scanner plus the `minLength` merge: a small factory with the tiny interface the operator
 * needs, and no knowledge of RxJS or time.
 */
import { abbreviationKey } from './abbreviations.js';
import type { SentenceLocale } from './PendingBoundary.js';
import { SentenceScanner } from './SentenceScanner.js';

export interface SentenceSegmenterOptions {
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly maxQuoteLength?: number | undefined;
  readonly locale?: SentenceLocale | undefined;
  readonly abbreviations?: readonly string[] | undefined;
}

export interface SentenceSegmenter {
  /** Reads a token; returns the sentences it completed. */
  push(token: string): string[];
  /** The stream ended (or failed): returns everything still buffered. */
  end(): string[];
  /** Returns what is buffered now, holding back only an unfinished code fence or half a surrogate pair. */
  flushPartial(): string[];
  /** True while some received text has not been returned yet. */
  readonly buffered: boolean;
}

const LOCALES: readonly SentenceLocale[] = ['auto', 'en', 'ja', 'zh'];

/** Long enough for a quotation of a few ordinary sentences; short enough to speak without a stall. */
export const DEFAULT_MAX_QUOTE_LENGTH = 200;

/** Checks the options up front, with messages that say how to fix them. */
export function validateSentenceOptions(options: SentenceSegmenterOptions): void {
  const { minLength, maxLength, maxQuoteLength, locale, abbreviations } = options;
  if (minLength !== undefined && !(minLength >= 0)) {
    throw new RangeError(`bufferSentences: minLength must be a number of characters >= 0, got ${String(minLength)}.`);
  }
  if (maxLength !== undefined && !(maxLength >= 1)) {
    throw new RangeError(`bufferSentences: maxLength must be a number of characters >= 1 (or Infinity for no limit), got ${String(maxLength)}.`);
  }
  if (maxQuoteLength !== undefined && !(maxQuoteLength >= 0)) {
    throw new RangeError(`bufferSentences: maxQuoteLength must be a number of characters >= 0 (or Infinity for no length limit), got ${String(maxQuoteLength)}.`);
  }
  if (locale !== undefined && !LOCALES.includes(locale)) {
    throw new RangeError(`bufferSentences: locale must be one of ${LOCALES.join(', ')}, got ${String(locale)}.`);
  }
  if (abbreviations !== undefined && !abbreviations.every((a) => typeof a === 'string' && abbreviationKey(a) !== '')) {
    throw new TypeError('bufferSentences: abbreviations must be non-empty strings such as "approx." or "Sgt".');
  }
}

export function createSentenceSegmenter(options: SentenceSegmenterOptions = {}): SentenceSegmenter {
  validateSentenceOptions(options);
  const minLength = options.minLength ?? 0;
  const maxLength = options.maxLength ?? Infinity;
  const scanner = new SentenceScanner({
    maxLength,
    maxQuoteLength: options.maxQuoteLength ?? DEFAULT_MAX_QUOTE_LENGTH,
    locale: options.locale ?? 'auto',
    abbreviations: new Set((options.abbreviations ?? []).map(abbreviationKey)),
  });
  /** Sentences shorter than minLength, waiting to be merged with the next one. */
  let held = '';

  /** Merges `pieces` into `held` where minLength asks for it; maxLength wins over minLength. */
  const merge = (pieces: string[], final: boolean): string[] => {
    const out: string[] = [];
    for (const piece of pieces) {
      if (held.length > 0 && held.length + piece.trimEnd().length > maxLength) {
        out.push(held);
        held = '';
      }
      held += piece;
      if (held.length >= minLength) {
        out.push(held);
        held = '';
      }
    }
    if (final && held.length > 0) {
      out.push(held);
      held = '';
    }
    return out;
  };

  return {
    push: (token) => merge(scanner.push(token), false),
    end: () => merge(scanner.end(), true),
    flushPartial: () => merge(scanner.flushPartial(), true),
    get buffered() {
      return held.length > 0 || scanner.buffered;
    },
  };
}
