import type { Language } from './Language.js';

// The first one is the seed article's answer, token for token.
const englishJokes: ReadonlyArray<readonly string[]> = [
  ['Why', ' was', ' the', ' computer', ' cold', '?', '\n', '\n', 'Because', ' it', ' left', ' its', ' Windows', ' open', '.'],
  ['Why', " don't", ' scientists', ' trust', ' atoms', '?', ' Because', ' they', ' make', ' up', ' everything', '!'],
  ['I', ' told', ' my', ' friend', ' a', ' joke', ' about', ' UDP', ',', ' but', ' I', " don't", ' know', ' if', ' she', ' got', ' it', '.'],
];
const japaneseJokes: ReadonlyArray<readonly string[]> = [
  ['「', '布団', 'が吹', 'っ飛', 'んだ', '！」', 'と父', 'が言', 'いま', 'した', '。'],
  ['アル', 'ミ缶', 'の上', 'にあ', 'る', 'ミカ', 'ン', 'を見', 'て、', 'みん', 'な笑', 'いま', 'した', '。'],
];

/** Prompts that ask for a joke: the seed's "Tell me a joke." in any case, and its Japanese forms. */
const askingForAJoke = /tell me a joke|ジョーク|冗談/i;

/**
 * The joke that opens the answer when the prompt asks for one, as tokens (the first
 * without a leading space), or undefined when it does not.
 *
 * @example
 * jokeFor('Tell me a joke.', 'en', 0)?.join(''); // 'Why was the computer cold?\n\nBecause it left its Windows open.'
 */
export function jokeFor(prompt: string, language: Language, choice: number): readonly string[] | undefined {
  if (!askingForAJoke.test(prompt)) return undefined;
  const jokes = language === 'ja' ? japaneseJokes : englishJokes;
  return jokes[Math.abs(choice) % jokes.length];
}
