/**
 * What the word before a single `.` says about it. Keys are lower case, without the final dot.
 */

/** Words that are always followed by more of the same sentence, whatever comes next. */
const TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'rev', 'fr', 'gen', 'sen', 'rep', 'gov', 'pres',
  'capt', 'col', 'lt', 'sgt', 'cmdr', 'hon', 'mt', 'ft', 'messrs', 'mme', 'mlle', 'mssrs',
  'vs', 'v', 'cf', 'viz', 'e.g', 'i.e',
]);

/** Abbreviations that end a sentence only before an upper-case word (`etc. Then` vs `etc. and`). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'jr', 'sr', 'etc', 'co', 'inc', 'ltd', 'corp', 'llc', 'plc', 'no', 'nos', 'nr', 'p', 'pp', 'fig',
  'figs', 'approx', 'ca', 'al', 'a.m', 'p.m', 'u.s', 'u.k', 'u.n', 'e.u', 'dept', 'univ', 'est',
  'vol', 'vols', 'ch', 'chap', 'sec', 'sect', 'ed', 'eds', 'ref', 'refs', 'misc', 'tel', 'ext',
  'avg', 'govt', 'intl', 'assn', 'bros', 'ave', 'blvd', 'rd', 'hwy', 'sq', 'min', 'max', 'op',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'ph.d',
]);

/** How a single `.` after a word behaves once the next non-space character is known. */
export const WordClass = {
  /** An ordinary word: the `.` ends the sentence unless a lower-case word follows. */
  Plain: 0,
  /** `Mr.`, `Dr.`, `e.g.`: never ends the sentence. */
  Title: 1,
  /** A single capital letter (`Jonas E. Smith`, `J. R. R. Tolkien`): never ends the sentence. */
  Initial: 2,
  /** `1.` at the start of a sentence or line, after a colon, or after another marker on the line. */
  ListMarker: 3,
  /** `etc.`, `U.S.`, `p.`: ends the sentence only before an upper-case letter. */
  Abbreviation: 4,
} as const;
export type WordClass = (typeof WordClass)[keyof typeof WordClass];

/** The word before a `.`, as the scanner saw it (the first {@link MAX_WORD} characters only). */
export interface WordBeforePeriod {
  /**
   * The word, or '' for a word of ASCII letters longer than every abbreviation (see
   * {@link longestAbbreviation}): that one can only be plain, and its text is never built.
   */
  readonly text: string;
  readonly length: number;
  /** It is the first word of the sentence or of its line, or follows a colon, or the line has a marker. */
  readonly listContext: boolean;
  /** Only ASCII letters (the common case, classified without a regular expression). */
  readonly asciiLetters: boolean;
  /** The word before it in the sentence began with a lower-case letter (`you and I.`: a pronoun, not an initial). */
  readonly afterLowerWord: boolean;
  /** The scanner saw a list marker (`a.` opening a list, `b.` after `a.`). */
  readonly marker: boolean;
}

/** A {@link WordBeforePeriod} that can be rewritten: the pending run keeps one for the whole stream. */
export type WordRecord = { -readonly [K in keyof WordBeforePeriod]: WordBeforePeriod[K] };

/** Longer words are never abbreviations; the cap keeps the per-character work constant. */
export const MAX_WORD = 16;

const SHORT_NUMBER = /^\d{1,3}$/;
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const LEADING_PUNCTUATION = /^[^\p{L}\p{N}]+/u;
const SINGLE_UPPER = /^[\p{Lu}\p{Lt}]$/u;
const SINGLE_LOWER = /^\p{Ll}$/u;

/** Turns user input (`'Approx.'`, `'e.g.'`) into a lookup key. */
export function abbreviationKey(abbreviation: string): string {
  return abbreviation.trim().replace(/\.$/, '').replace(LEADING_PUNCTUATION, '').toLowerCase();
}

/**
 * The length of the longest abbreviation, built in or in `extra`: a word of ASCII letters longer
 * than that is plain, so the scanner skips building its text (a string a character at a time) and
 * the lookups, at the end of most sentences.
 */
export function longestAbbreviation(extra: ReadonlySet<string>): number {
  let longest = 0;
  for (const list of [TITLES, ABBREVIATIONS, extra]) for (const key of list) longest = Math.max(longest, key.length);
  return longest;
}

export function classifyWord(word: WordBeforePeriod, extra: ReadonlySet<string>): WordClass {
  if (word.length === 0 || word.length > MAX_WORD) return WordClass.Plain;
  if (word.marker) return WordClass.ListMarker;
  if (word.text === 'I' && word.afterLowerWord) return WordClass.Plain;
  if (word.asciiLetters) {
    if (word.text === '') return WordClass.Plain;
    const key = word.text.toLowerCase();
    if (TITLES.has(key)) return WordClass.Title;
    if (ABBREVIATIONS.has(key) || extra.has(key)) return WordClass.Abbreviation;
    if (word.length > 1) return WordClass.Plain;
    return key === word.text ? WordClass.Abbreviation : WordClass.Initial;
  }
  if (word.listContext && SHORT_NUMBER.test(word.text)) return WordClass.ListMarker;
  const core = word.text.replace(LEADING_PUNCTUATION, '');
  const key = core.toLowerCase();
  if (TITLES.has(key)) return WordClass.Title;
  if (ABBREVIATIONS.has(key) || extra.has(key)) return WordClass.Abbreviation;
  if (SINGLE_UPPER.test(core)) return WordClass.Initial;
  if (SINGLE_LOWER.test(core) || DOTTED.test(core)) return WordClass.Abbreviation;
  return WordClass.Plain;
}
