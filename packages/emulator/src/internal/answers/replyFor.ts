import { jokeFor } from './jokes.js';
import type { Language } from './Language.js';
import { tokenize } from './tokenize.js';

/** What decides the reply: the last user message, the language, and which joke to tell. */
export interface ReplyRequest {
  readonly prompt: string;
  readonly language: Language;
  /** Which joke, when the prompt asks for one (any whole number). */
  readonly jokeChoice: number;
}

/** Ask for a text back verbatim: the way a test makes the emulator answer exactly what it needs. */
const repeatAfterMe = /^\s*repeat after me:\s?/i;
const greeting = { en: /^\s*(hi|hello|hey|good (morning|afternoon|evening))\b/i, ja: /^\s*(こんにちは|こんばんは|おはよう)/ } as const;
const asksForCode = /\b(code|function|snippet|program|typescript|javascript)\b|コード/i;
const asksAboutSeasons = /四季|季節|\bseasons?\b/i;

const replies = {
  en: {
    greeting: 'Hello! I am the oci-genai-rx emulator, a local stand-in for OCI Generative AI. Ask me anything, and I will answer in a few sentences.',
    code: [
      'Here is the shortest way to stream an answer with oci-genai-rx:',
      '',
      '```ts',
      "const answer = client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' });",
      'answer.pipe(toText()).subscribe((text) => process.stdout.write(text));',
      '```',
      '',
      'Each `text` event is printed the moment it arrives, and unsubscribing cancels the request.',
    ].join('\n'),
    seasons: 'Japan has four distinct seasons. Spring brings the cherry blossoms, and summer is hot and humid. In autumn the leaves turn red and gold. Winter brings deep snow to the north.',
    other: (topic: string) =>
      `You asked about “${topic}”. I am the oci-genai-rx emulator, a local stand-in for OCI Generative AI, so this is a fixed reply rather than a real answer. Ask the same thing again and you will get the same words, which keeps tests repeatable. Against the real service, a model answers here, token by token.`,
  },
  ja: {
    greeting: 'こんにちは！OCI Generative AI の代わりに動く、oci-genai-rx のエミュレーターです。何でも聞いてください。短い文でお答えします。',
    code: [
      'oci-genai-rx で答えを流すいちばん短い書き方です。',
      '',
      '```ts',
      "const answer = client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: '冗談を言って。' });",
      'answer.pipe(toText()).subscribe((text) => process.stdout.write(text));',
      '```',
      '',
      '届いた `text` イベントをすぐに表示します。購読をやめると、リクエストも止まります。',
    ].join('\n'),
    seasons: '日本には四つの季節があります。春には桜が咲き、夏は暑くて湿気があります。秋には木の葉が赤や黄色に色づきます。冬には北の地方に雪がたくさん降ります。',
    other: (topic: string) =>
      `「${topic}」というご質問ですね。これは OCI Generative AI の代わりに動く、ローカルのエミュレーターの返事です。同じ質問には、いつも同じ言葉でお答えします。本物のサービスでは、ここにモデルの答えが少しずつ届きます。`,
  },
} as const;

/**
 * The emulator's own answer to a prompt when no length is asked for: short, coherent, the
 * same every time, and ending on its own. A joke when asked for one; a greeting back; a
 * Markdown code sample when the prompt asks for code; a few sentences on the four seasons
 * (the speech example's Japanese prompt); the text after "Repeat after me:" verbatim; and
 * otherwise a few sentences that say what the emulator is. In Japanese when `language` is.
 *
 * @returns The reply's tokens; joined, the reply.
 * @example
 * replyFor({ prompt: 'Tell me a joke.', language: 'en', jokeChoice: 0 }).join('');
 * // 'Why was the computer cold?\n\nBecause it left its Windows open.'
 */
export function replyFor(request: ReplyRequest): readonly string[] {
  const { prompt, language, jokeChoice } = request;
  if (repeatAfterMe.test(prompt)) return tokenize(prompt.replace(repeatAfterMe, ''));
  const joke = jokeFor(prompt, language, jokeChoice);
  if (joke !== undefined) return joke;
  const words = replies[language];
  if (greeting[language].test(prompt) || greeting.en.test(prompt)) return tokenize(words.greeting);
  if (asksForCode.test(prompt)) return tokenize(words.code);
  if (asksAboutSeasons.test(prompt)) return tokenize(words.seasons);
  return tokenize(words.other(topicOf(prompt)));
}

/** The prompt as one short line, for quoting back. */
function topicOf(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim().replace(/[.?!。？！]+$/u, '');
  const chars = [...line];
  return chars.length <= 60 ? line : `${chars.slice(0, 59).join('')}…`;
}
