/**
 * Deterministic token arrays for the in-process benchmarks (no HTTP): English with the cases
 * bufferSentences has rules for (titles, decimals, initials, lists, quotes), and Japanese with
 * 。！？ and balanced 「」. Seeded, so every run measures the same text.
 */

const englishWords = ['the', 'river', 'quiet', 'engineer', 'token', 'stream', 'measures', 'follows', 'bright', 'lantern', 'garden', 'remembers', 'model', 'answer', 'window', 'across'];
const englishExtras = ['Dr. Okafor', 'e.g. this', '3.14', 'U.S. rivers', 'v2.1', '"quoted words"', '(in brackets)', 'Mr. Lee'];
const japaneseWords = ['私たちは', '東京の人々は', '新しい技術は', 'データを', '文章を', '答えを', 'とても', '少しずつ', '作ります', '届けます', '「速さ」を', '考えています'];
const englishEnds = ['.', '!', '?'];
const japaneseEnds = ['。', '！', '？'];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` English tokens (a word with its leading space, or a punctuation mark) forming
 * sentences of 6 to 18 tokens.
 *
 * @example
 * englishTokens(4); // ['The', ' quiet', ' river', '.']
 */
export function englishTokens(count: number, seed = 1): string[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tokens: string[] = [];
  let sentence = 0;
  let length = 6 + Math.floor(random() * 13);
  while (tokens.length < count) {
    if (sentence === length - 1) {
      tokens.push(pick(englishEnds));
      sentence = 0;
      length = 6 + Math.floor(random() * 13);
      continue;
    }
    const word = random() < 0.08 ? pick(englishExtras) : pick(englishWords);
    tokens.push(sentence === 0 ? `${tokens.length === 0 ? '' : ' '}${word[0]?.toUpperCase() ?? ''}${word.slice(1)}` : ` ${word}`);
    sentence += 1;
  }
  return tokens;
}

/**
 * `count` Japanese tokens of 1 to 3 characters, sentences ending in 。！？ (quotes balanced).
 * With `unclosedQuote`, the text starts with a 「 that is never closed.
 */
export function japaneseTokens(count: number, seed = 2, unclosedQuote = false): string[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tokens: string[] = unclosedQuote ? ['「'] : [];
  let pending: string[] = [];
  while (tokens.length < count) {
    if (pending.length === 0) {
      const words = 3 + Math.floor(random() * 5);
      const sentence = Array.from({ length: words }, () => pick(japaneseWords)).join('') + pick(japaneseEnds);
      pending = [...sentence];
    }
    const size = Math.min(pending.length, 1 + Math.floor(random() * 3));
    tokens.push(pending.splice(0, size).join(''));
  }
  return tokens;
}

/** JSON text cut into tokens of 1 to 6 characters, as models stream it. */
function jsonTokens(text: string, random: () => number): string[] {
  const tokens: string[] = [];
  for (let offset = 0; offset < text.length; ) {
    const size = 1 + Math.floor(random() * 6);
    tokens.push(text.slice(offset, offset + size));
    offset += size;
  }
  return tokens;
}

/**
 * About `count` tokens of a JSON object whose `body` is one long string of English (with
 * escapes), the shape of an essay asked for as structured output.
 *
 * @example
 * jsonStringTokens(6); // ['{"ti', 'tle":', '"A"', ',"bo', 'dy":"', 'The…']
 */
export function jsonStringTokens(count: number, seed = 3): string[] {
  const body = englishTokens(count, seed).join('');
  return jsonTokens(JSON.stringify({ title: 'A report', body, tags: ['bench', 'json'] }), seeded(seed));
}

/**
 * About `count` tokens of `{"records": [...]}`: `records1x * count / 100000` records of
 * about 4 KB each (the number of records grows with `count`, the text of each does not).
 *
 * @example
 * jsonRecordTokens(100_000, 100); // 100 records, ~400 KB of JSON
 */
export function jsonRecordTokens(count: number, records1x: number, seed = 4): string[] {
  const random = seeded(seed);
  const records = Array.from({ length: Math.max(1, Math.round((records1x * count) / 100_000)) }, (_, id) => ({
    id,
    title: `Record ${id}`,
    done: random() < 0.5,
    note: englishTokens(1000, seed + id).join(''),
  }));
  return jsonTokens(JSON.stringify({ records }), random);
}
