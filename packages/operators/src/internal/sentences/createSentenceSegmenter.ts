/**
 * The scanner plus the `minLength` merge: a small factory with the tiny interface the operator
 * needs, and no knowledge of RxJS or time.
 */
import { SentenceScanner } from './SentenceScanner.js';
import type { SentenceOptions } from './SentenceOptions.js';

export interface SentenceSegmenter {
  /** Reads a token; returns the sentences it completed. */
  push(token: string): readonly string[];
  /** The stream ended (or failed): returns everything still buffered. */
  end(): readonly string[];
  /** Returns what is buffered now, holding back only an unfinished code fence or half a surrogate pair. */
  flushPartial(): readonly string[];
  /** True while some received text has not been returned yet. */
  readonly buffered: boolean;
}

/** `options` come checked from `resolveSentenceOptions`. */
export function createSentenceSegmenter(options: SentenceOptions): SentenceSegmenter {
  const { minLength, maxLength } = options;
  const scanner = new SentenceScanner(options);
  // No merging: the scanner is the segmenter (one call less per token).
  if (minLength === 0) return scanner;
  /** Sentences shorter than minLength, waiting to be merged with the next one. */
  let held = '';

  /** Merges `pieces` into `held` where minLength asks for it; maxLength wins over minLength. */
  const merge = (pieces: readonly string[], final: boolean): string[] => {
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
