import type { ChatRequest } from '@oci-genai-rx/core';

/** The languages the speech example speaks. */
export type SpeechLanguage = 'en' | 'ja';

/** What each language asks when no prompt is given, and how it asks the model to answer in it. */
const languages = {
  en: { prompt: 'Tell me a joke.', system: 'Answer in a few short spoken sentences.' },
  ja: { prompt: '日本の四季について話してください。', system: '日本語で、短い文をいくつか話すように答えてください。' },
} as const satisfies Record<SpeechLanguage, { prompt: string; system: string }>;

/**
 * The chat request of the speech example: the prompt (or the language's default one) with a
 * system prompt asking for short spoken sentences in that language. A Japanese system prompt
 * is also what makes the emulator answer in Japanese.
 *
 * @example
 * speechRequest('meta.llama-3.3-70b-instruct', 'ja'); // { model, prompt: '日本の四季について話してください。', system: '日本語で…' }
 */
export function speechRequest(model: string, language: SpeechLanguage, prompt?: string): ChatRequest {
  const { prompt: defaultPrompt, system } = languages[language];
  return { model, prompt: prompt ?? defaultPrompt, system };
}
