import OpenAI from 'openai';
import type { Contender } from './Contender.js';
import { benchModel } from './Contender.js';

/** openai-node 6 on the emulator's OpenAI-compatible route, the way its README streams. */
export const openAiSdk: Contender = {
  open: ({ url, credentials }) => {
    const client = new OpenAI({ baseURL: `${url}/openai/v1`, apiKey: credentials.apiKey, maxRetries: 0 });
    return {
      stream: async (prompt, maxTokens) => {
        const stream = await client.chat.completions.create({
          model: benchModel,
          messages: [{ role: 'user', content: prompt }],
          stream: true,
          ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
        });
        let text = '';
        let pieces = 0;
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta?.content ?? '';
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
