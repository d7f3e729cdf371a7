import { Agent, request } from 'undici';
import type { Contender } from './Contender.js';
import { benchModel } from './Contender.js';
import { openAiText, readSse } from './readSse.js';

/**
 * The same bare loop on the OpenAI-compatible route: it separates what the route costs
 * (OpenAI chunks are about twice the bytes of OCI's frames) from what the SDKs on it cost.
 */
export const bareOpenAiLoop: Contender = {
  open: ({ url, credentials }) => {
    const agent = new Agent({ connections: 8 });
    const uri = `${url}/openai/v1/chat/completions`;
    return {
      stream: async (prompt, maxTokens) => {
        const body = JSON.stringify({
          model: benchModel,
          stream: true,
          messages: [{ role: 'user', content: prompt }],
          ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
        });
        const response = await request(uri, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.apiKey}` },
          body,
          dispatcher: agent,
        });
        if (response.statusCode !== 200) throw new Error(`bare OpenAI loop: HTTP ${response.statusCode}: ${await response.body.text()}`);
        let text = '';
        let pieces = 0;
        await readSse(response.body, (frame) => {
          const delta = openAiText(frame);
          if (delta !== '') {
            text += delta;
            pieces += 1;
          }
        });
        return { text, pieces };
      },
      close: () => agent.close(),
    };
  },
};
