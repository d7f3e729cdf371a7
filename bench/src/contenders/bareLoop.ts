import { DefaultRequestSigner, SimpleAuthenticationDetailsProvider } from 'oci-common';
import { Agent, request } from 'undici';
import type { Contender } from './Contender.js';
import { ociChatBody } from './ociChatBody.js';
import { genericText, readSse } from './readSse.js';

/**
 * The floor: what a careful hand-written client does and nothing more. oci-common signs the
 * request, undici sends it, eventsource-parser and `JSON.parse` read the stream.
 */
export const bareLoop: Contender = {
  open: ({ url, credentials }) => {
    const provider = new SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, credentials.privateKeyPem, null);
    const signer = new DefaultRequestSigner(provider);
    const agent = new Agent({ connections: 8 });
    const uri = `${url}/20231130/actions/chat`;
    return {
      stream: async (prompt, maxTokens) => {
        const body = ociChatBody(credentials.compartmentId, prompt, maxTokens);
        const headers = new Headers({ 'content-type': 'application/json' });
        await signer.signHttpRequest({ method: 'POST', uri, headers, body });
        const response = await request(uri, { method: 'POST', headers: Object.fromEntries(headers), body, dispatcher: agent });
        if (response.statusCode !== 200) throw new Error(`bare loop: HTTP ${response.statusCode}: ${await response.body.text()}`);
        let text = '';
        let pieces = 0;
        await readSse(response.body, (frame) => {
          const delta = genericText(frame);
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
