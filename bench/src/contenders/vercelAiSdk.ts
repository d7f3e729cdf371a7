import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import type { Contender } from './Contender.js';
import { benchModel } from './Contender.js';

/** The Vercel AI SDK 6: `streamText` with `@ai-sdk/openai-compatible` on the OpenAI-compatible route, reading `textStream`. */
export const vercelAiSdk: Contender = {
  open: ({ url, credentials }) => {
    // The SDK warns on the console about settings the provider ignores; the bench has none to fix.
    (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
    const provider = createOpenAICompatible({ name: 'oci', baseURL: `${url}/openai/v1`, apiKey: credentials.apiKey });
    return {
      stream: async (prompt, maxTokens) => {
        const result = streamText({
          model: provider.chatModel(benchModel),
          prompt,
          maxRetries: 0,
          ...(maxTokens === undefined ? {} : { maxOutputTokens: maxTokens }),
        });
        let text = '';
        let pieces = 0;
        for await (const delta of result.textStream) {
          if (delta !== '') {
            text += delta;
            pieces += 1;
          }
        }
        return { text, pieces };
      },
      close: () => Promise.resolve(),
    };
  },
};
