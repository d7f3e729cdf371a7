import { Agent, request } from 'undici';
import type { Contender } from './Contender.js';
import { benchModel } from './Contender.js';
import { readSse, responsesText } from './readSse.js';

/**
 * The bare loop on OCI's Responses route (`/openai/v1/responses`, which Oracle recommends for new
 * apps), with a Generative AI API key: the floor that core's Responses row is held to, so the
 * ratio measures core and not the route's bigger frames.
 */
export const bareResponsesLoop: Contender = {
  open: ({ url, credentials }) => {
    const agent = new Agent({ connections: 8 });
    const uri = `${url}/openai/v1/responses`;
    return {
      stream: async (prompt, maxTokens) => {
        const body = JSON.stringify({
          model: benchModel,
          stream: true,
          input: [{ role: 'user', content: prompt }],
          ...(maxTokens === undefined ? {} : { max_output_tokens: maxTokens }),
        });
        const response = await request(uri, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.apiKey}` },
          body,
          dispatcher: agent,
        });
        if (response.statusCode !== 200) throw new Error(`bare Responses loop: HTTP ${response.statusCode}: ${await response.body.text()}`);
        let text = '';
        let pieces = 0;
        await readSse(response.body, (frame) => {
          const delta = responsesText(frame);
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
