import type { Language } from './Language.js';
import { englishSentence } from './englishSentence.js';
import { japaneseSentence } from './japaneseSentence.js';
import { seededRandom } from './random.js';

/** What decides an answer's text: same plan, same tokens. */
export interface TextPlan {
  /** Hashed into the random seed: model id and the conversation. */
  readonly seed: string;
  readonly language: Language;
  /** The full answer length in tokens, before any maxTokens cut. */
  readonly length: number;
  /** Tokens that open the answer (a joke), counted in `length`. */
  readonly opening?: readonly string[] | undefined;
  /** generateText continues the prompt, so its first token keeps its leading space. */
  readonly leadingSpace?: boolean;
}

const sentenceLength = { en: { min: 6, max: 18 }, ja: { min: 8, max: 20 } } as const;

/**
 * The answer's tokens, made lazily so that a 100,000-token answer costs no memory.
 * Exactly `plan.length` tokens; the last one closes a sentence. A caller that stops
 * early (maxTokens) gets a prefix of the same answer.
 *
 * @example
 * [...answerTokens({ seed: 'm|hi', language: 'en', length: 4 })]; // ['The', ' quiet', ' river', '.']
 */
export function* answerTokens(plan: TextPlan): Generator<string, void, undefined> {
  const random = seededRandom(plan.seed);
  const { min, max } = sentenceLength[plan.language];
  let emitted = 0;
  const emit = (token: string): string => {
    emitted += 1;
    if (emitted !== 1 || plan.language === 'ja') return token;
    const bare = token.replace(/^ +/, '');
    return plan.leadingSpace === true ? ` ${bare}` : bare;
  };
  for (const token of plan.opening ?? []) {
    if (emitted >= plan.length) return;
    yield emit(token);
  }
  while (emitted < plan.length) {
    const remaining = plan.length - emitted;
    let length = random.int(min, max);
    if (remaining <= max) length = remaining;
    else if (remaining - length < min) length = remaining - min;
    const sentence = plan.language === 'ja' ? japaneseSentence(random, length) : englishSentence(random, length);
    for (const token of sentence) yield emit(token);
  }
}
