/**
 * Character classes for the sentence scanner. Everything works on single UTF-16 code units, so a
 * decision never depends on where a chunk boundary fell: a lone surrogate is simply "other".
 */

export const LF = 0x0a;
export const BACKTICK = 0x60;
export const TILDE = 0x7e;
export const DOUBLE_QUOTE = 0x22;

/** How a terminator character ends a sentence. */
export const Term = {
  None: 0,
  /** `.`: needs a space after it, and the word before it decides (abbreviations, decimals). */
  Period: 1,
  /** `…`, `‥`: an ellipsis, which only ends a sentence before an upper-case word. */
  Ellipsis: 2,
  /** `!`, `?` and their combined forms, `।`, `॥`, `؟`, `۔`: end a sentence unless a lower-case word follows. */
  Strong: 3,
  /** `。`, `｡`, `！`, `？`: end a sentence with no space needed. */
  Cjk: 4,
  /** `．`: like `。`, except between digits (３．１４). */
  FullStop: 5,
} as const;
export type Term = (typeof Term)[keyof typeof Term];

export function terminatorKind(c: number): Term {
  switch (c) {
    case 0x2e: return Term.Period;
    case 0x2026: case 0x2025: return Term.Ellipsis;
    case 0x21: case 0x3f: case 0x203c: case 0x2047: case 0x2048: case 0x2049: return Term.Strong;
    // Devanagari danda and double danda, Arabic question mark, Urdu full stop: scripts without case.
    case 0x964: case 0x965: case 0x61f: case 0x6d4: return Term.Strong;
    case 0x3002: case 0xff61: case 0xff01: case 0xff1f: return Term.Cjk;
    case 0xff0e: return Term.FullStop;
    default: return Term.None;
  }
}

/** The same set as JavaScript's `\s`, so that `trimEnd()` in tests agrees with the scanner. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Han, kana and the high surrogates of the CJK extension planes (U+20000–U+2FFFF). */
export function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)
    || (c >= 0x3005 && c <= 0x3007) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xf900 && c <= 0xfaff)
    || (c >= 0xff66 && c <= 0xff9f) || (c >= 0xd840 && c <= 0xd87f);
}

export function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

const upperRe = /^[\p{Lu}\p{Lt}]$/u;
const lowerRe = /^\p{Ll}$/u;
const wordRe = /^[\p{L}\p{N}]$/u;

export function isUpper(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return upperRe.test(String.fromCharCode(c));
}

export function isLower(c: number): boolean {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  return lowerRe.test(String.fromCharCode(c));
}

/** A letter or digit of an alphabetic script (not CJK): what glues `3.14`, `e.g` and `a.com`. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  return !isCjk(c) && wordRe.test(String.fromCharCode(c));
}

/** Letters that tell the scanner it is reading alphabetic text (cheap ranges only: hot path). */
export function isLatinLetter(c: number): boolean {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Brackets and curly quotes whose depth the scanner tracks: a terminator inside them is not final. */
export function isOpener(c: number): boolean {
  switch (c) {
    case 0x28: case 0x5b: case 0x7b: case 0x201c: case 0xab:
    case 0x300c: case 0x300e: case 0xff08: case 0x3010: case 0x3014: case 0x300a: case 0x3008:
    case 0xff3b: case 0xff5b: case 0x3016: case 0x3018: case 0x301d:
      return true;
    default:
      return false;
  }
}

export function isCloser(c: number): boolean {
  switch (c) {
    case 0x29: case 0x5d: case 0x7d: case 0x201d: case 0xbb:
    case 0x300d: case 0x300f: case 0xff09: case 0x3011: case 0x3015: case 0x300b: case 0x3009:
    case 0xff3d: case 0xff5d: case 0x3017: case 0x3019: case 0x301f: case 0x301e:
      return true;
    default:
      return false;
  }
}

/** What may follow a terminator and still belong to its sentence: closers and any quote mark. */
export function isTrailingCloser(c: number): boolean {
  return isCloser(c) || c === DOUBLE_QUOTE || c === 0x27 || c === 0x2019 || c === 0xff02 || c === 0xff07 || c === 0x203a;
}

/** `•`, `‣`, `⁃`, `◦`, `∙`: a list item starts at one that follows whitespace. */
export function isBullet(c: number): boolean {
  return c === 0x2022 || c === 0x2023 || c === 0x2043 || c === 0x25e6 || c === 0x2219;
}

/** CJK text, CJK punctuation, a quote, a bracket or a bullet: each ends the word an abbreviation check reads. */
export function isWordBreak(c: number): boolean {
  return isOpener(c) || isCloser(c) || c === DOUBLE_QUOTE || c === 0x201e || isCjk(c) || isBullet(c)
    || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20);
}

/** `,;:` count as clause ends only before a space; `、，；：` always do. */
export const Clause = { None: 0, Ascii: 1, Cjk: 2 } as const;
export type Clause = (typeof Clause)[keyof typeof Clause];

export function clauseKind(c: number): Clause {
  if (c === 0x2c || c === 0x3b || c === 0x3a) return Clause.Ascii;
  if (c === 0x3001 || c === 0xff0c || c === 0xff1b || c === 0xff1a || c === 0xff64) return Clause.Cjk;
  return Clause.None;
}

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Flags of {@link charFlags}: what the scanner's fast path needs to know of a code unit that can
 * neither end a sentence nor change a bracket, quote, fence or line.
 */
export const CharFlag = {
  /** Not a space, terminator, bracket, quote or fence character. */
  Ordinary: 1,
  /** Ends the word an abbreviation check reads ({@link isWordBreak}). */
  WordBreak: 2,
  /** {@link isCjk}: the text around is CJK. */
  Cjk: 4,
  /** {@link isLatinLetter}: the text around is alphabetic. */
  Latin: 8,
  /** {@link isSpace}, except a line feed (which counts toward a blank line). */
  InlineSpace: 16,
} as const;

/** The top three bits of a {@link charFlags} entry hold the code unit's {@link Term}. */
const TERM_SHIFT = 5;

/**
 * {@link terminatorKind} from the code unit's {@link charFlags} entry: one shift instead of the
 * switch, whose compiled form (about 1.3 KB of machine code, and its copies where TurboFan inlined
 * it) cost the sentence-end path instruction-cache misses (callgrind's cache simulation: about 4
 * a token in the usual pipeline).
 */
export function termOf(flags: Uint8Array, c: number): Term {
  return ((flags[c] ?? 0) >>> TERM_SHIFT) as Term;
}

let flags: Uint8Array | undefined;

/**
 * One byte of {@link CharFlag}s and {@link Term} (see {@link termOf}) per UTF-16 code unit (64 KiB, built on first use): one load
 * replaces the chain of class tests on the per-character path.
 */
export function charFlags(): Uint8Array {
  if (flags !== undefined) return flags;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const special = isSpace(c) || terminatorKind(c) !== Term.None || isOpener(c) || isCloser(c)
      || c === DOUBLE_QUOTE || c === BACKTICK || c === TILDE || isBullet(c);
    table[c] = (special ? 0 : CharFlag.Ordinary) | (isWordBreak(c) ? CharFlag.WordBreak : 0)
      | (isCjk(c) ? CharFlag.Cjk : 0) | (isLatinLetter(c) ? CharFlag.Latin : 0) | (isSpace(c) && c !== LF ? CharFlag.InlineSpace : 0)
      | (terminatorKind(c) << TERM_SHIFT);
  }
  flags = table;
  return table;
}
