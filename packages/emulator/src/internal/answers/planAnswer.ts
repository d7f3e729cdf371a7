import { answerTokens, type TextPlan } from './answerTokens.js';
import type { RequestSettings } from '../server/Exchange.js';
import { continueFrom, readContinuation } from './continuation.js';
import { jokeFor } from './jokes.js';
import { containsJapanese, type Language } from './Language.js';
import { seededRandom } from './random.js';

/** One message of a conversation, reduced to what decides the answer. */
export interface Turn {
  /** Upper case: USER, ASSISTANT, SYSTEM, DEVELOPER, TOOL, CHATBOT. */
  readonly role: string;
  readonly text: string;
}

/** What the answer depends on. */
export interface AnswerRequest {
  readonly modelId: string;
  readonly conversation: readonly Turn[];
  readonly maxTokens: number | undefined;
  readonly reasoning: boolean;
  /** generateText continues the prompt: its first token keeps a leading space. */
  readonly leadingSpace?: boolean;
}

/** The answer to send: its tokens (made lazily), length, finish and usage. */
export interface Answer {
  readonly language: Language;
  /** Hash input of the answer; other per-request choices (pads, ids) derive from it. */
  readonly seed: string;
  /** Text tokens that will be sent. */
  readonly tokenCount: number;
  /** 'length' when maxTokens cut the answer short. */
  readonly finish: 'stop' | 'length';
  /** Reasoning tokens sent before the text (reasoning models only). */
  readonly reasoningCount: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  tokens(): Iterable<string>;
  reasoningTokens(): Iterable<string>;
  text(): string;
  reasoningText(): string;
}

const reasoningLength = 12;
const reasoningOpening = { en: ['Let', ' me', ' think', ' this', ' through', '.'], ja: ['考え', 'てみ', 'ます', '。'] } as const;

/**
 * Plans the answer to a conversation: deterministic from the model id and the messages
 * (same request, same text, on every route that carries the same content), in Japanese
 * when asked or when the conversation holds Japanese, opening with a joke when the last
 * user message asks for one, `settings.tokens` long unless `maxTokens` cuts it.
 *
 * @example
 * const answer = planAnswer({ modelId: 'meta.llama-3.3-70b-instruct', conversation: [{ role: 'USER', text: 'Tell me a joke.' }], maxTokens: undefined, reasoning: false }, settings);
 * answer.text(); // 'Why was the computer cold?\n\nBecause it left its Windows open. The quiet …'
 */
export function planAnswer(request: AnswerRequest, settings: RequestSettings): Answer {
  // A conversation ending in a prefix of the planned answer asks for the rest of that answer.
  const continuation = readContinuation(request);
  const rest = continuation && continueFrom(planAnswer(continuation.original, settings), continuation);
  if (rest !== undefined) return rest;
  const conversation = request.conversation.map((turn) => [turn.role.toUpperCase(), turn.text]);
  const seed = JSON.stringify([request.modelId, conversation]);
  const allText = request.conversation.map((turn) => turn.text).join('\n');
  const language: Language =
    settings.language ?? (settings.defaultLanguage === 'ja' || containsJapanese(allText) ? 'ja' : 'en');
  const lastUser = [...request.conversation].reverse().find((turn) => turn.role.toUpperCase() === 'USER')?.text ?? '';
  const jokeChoice = /^\s*tell me a joke\.?\s*$/i.test(lastUser) ? 0 : seededRandom(`${seed}|joke`).int(0, 999);
  const plan: TextPlan = {
    seed,
    language,
    length: settings.tokens,
    opening: jokeFor(lastUser, language, jokeChoice),
    leadingSpace: request.leadingSpace === true,
  };
  const tokenCount = Math.min(settings.tokens, request.maxTokens ?? Number.POSITIVE_INFINITY);
  const reasoningCount = request.reasoning ? reasoningLength : 0;
  const reasoningPlan: TextPlan = { seed: `${seed}|reasoning`, language, length: reasoningCount, opening: reasoningOpening[language] };
  const promptTokens = request.conversation.reduce((sum, turn) => sum + 4 + Math.ceil(Buffer.byteLength(turn.text) / 4), 0);
  const tokens = (): Iterable<string> => take(answerTokens(plan), tokenCount);
  const reasoningTokens = (): Iterable<string> => answerTokens(reasoningPlan);
  return {
    language,
    seed,
    tokenCount,
    finish: tokenCount < settings.tokens ? 'length' : 'stop',
    reasoningCount,
    promptTokens,
    completionTokens: tokenCount + reasoningCount,
    tokens,
    reasoningTokens,
    text: () => [...tokens()].join(''),
    reasoningText: () => [...reasoningTokens()].join(''),
  };
}

function* take(source: Iterable<string>, count: number): Generator<string, void, undefined> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of source) {
    yield item;
    taken += 1;
    if (taken >= count) return;
  }
}
