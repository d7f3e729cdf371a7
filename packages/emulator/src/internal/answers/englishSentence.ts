import type { Random } from './random.js';

// Parts of speech in a loose repeating pattern: the answers read like English without
// needing a grammar, which is all a stand-in model has to do.
const pattern = ['det', 'adj', 'noun', 'verb', 'det', 'noun', 'prep', 'det', 'adj', 'noun', 'conj', 'det', 'noun', 'adv', 'verb'] as const;
type PartOfSpeech = (typeof pattern)[number];

const words: Record<PartOfSpeech, readonly string[]> = {
  det: ['the', 'a', 'every', 'this', 'our', 'each', 'that', 'one'],
  adj: ['quiet', 'bright', 'careful', 'small', 'steady', 'curious', 'gentle', 'clever', 'early', 'patient', 'simple', 'silver'],
  noun: ['river', 'stream', 'answer', 'token', 'garden', 'engineer', 'model', 'signal', 'window', 'library', 'idea', 'sentence', 'harbor', 'lantern', 'mountain', 'server'],
  verb: ['builds', 'follows', 'carries', 'finds', 'shapes', 'explains', 'remembers', 'measures', 'opens', 'guides', 'writes', 'watches'],
  prep: ['near', 'beside', 'under', 'across', 'behind', 'toward', 'inside', 'beyond'],
  conj: ['and', 'while', 'because', 'so', 'but', 'until'],
  adv: ['slowly', 'often', 'quietly', 'always', 'rarely', 'gladly', 'soon', 'still'],
};
const surnames = ['Smith', 'Tanaka', 'Okafor', 'Rossi', 'Novak', 'Larsen'];
const numbers: ReadonlyArray<readonly [string, string]> = [['3', '14'], ['2', '5'], ['1', '75'], ['42', '0'], ['9', '81']];

/**
 * One English sentence of exactly `length` tokens (at least 1): words with a leading
 * space, commas and the closing mark as their own tokens, now and then an abbreviation
 * (" Dr.") or a decimal number split like a real tokenizer does (" 3", ".", "14"), so that
 * sentence splitters downstream meet the hard cases.
 *
 * @example
 * englishSentence(seededRandom('x'), 5); // [' The', ' quiet', ' river', ' builds', '.']
 */
export function englishSentence(random: Random, length: number): string[] {
  if (length <= 1) return [' Indeed.'];
  const body: string[] = [];
  const bodyLength = length - 1;
  let position = 0;
  while (body.length < bodyLength) {
    const room = bodyLength - body.length;
    const roll = random.next();
    const previous = body[body.length - 1];
    // Never two names in a row: "Dr. Okafor Dr. Okafor" reads like a stutter.
    if (roll < 0.04 && room >= 2 && !surnames.includes(previous?.trim() ?? '')) {
      body.push(' Dr.', ` ${random.pick(surnames)}`);
    } else if (roll < 0.08 && room >= 3) {
      const [whole, fraction] = random.pick(numbers);
      body.push(` ${whole}`, '.', fraction);
    } else if (roll < 0.16 && room >= 2 && previous !== undefined && previous !== ',') {
      body.push(',');
    } else {
      const partOfSpeech = pattern[position % pattern.length] ?? 'noun';
      position += 1;
      const word = random.pick(words[partOfSpeech]);
      body.push(` ${body.length === 0 ? capitalize(word) : word}`);
    }
  }
  const closing = random.next();
  body.push(closing < 0.8 ? '.' : closing < 0.9 ? '!' : '?');
  return body;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
