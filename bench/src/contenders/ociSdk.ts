import { NoRetryConfigurationDetails, Region, SimpleAuthenticationDetailsProvider } from 'oci-common';
import type { models } from 'oci-generativeaiinference';
import { GenerativeAiInferenceClient } from 'oci-generativeaiinference';
import type { Contender } from './Contender.js';
import { benchModel } from './Contender.js';
import { genericText, readSse } from './readSse.js';

/**
 * The official OCI TypeScript SDK: `GenerativeAiInferenceClient.chat` with `isStream` hands back
 * the raw `ReadableStream<Uint8Array>`, parsed the usual way (a streaming TextDecoder,
 * eventsource-parser, `JSON.parse`): the same parser as the bare loop, so the difference is the
 * SDK's own request path (its retrier, composeRequest, signing, Node's fetch and web streams).
 */
export const ociSdk: Contender = {
  open: ({ url, credentials }) => {
    const provider = new SimpleAuthenticationDetailsProvider(
      credentials.tenancy,
      credentials.user,
      credentials.fingerprint,
      credentials.privateKeyPem,
      null,
      Region.fromRegionId(credentials.region),
    );
    // No retries: a failure must surface at once (the default retrier waits up to minutes); a success costs the same.
    const client = new GenerativeAiInferenceClient({ authenticationDetailsProvider: provider }, { retryConfiguration: NoRetryConfigurationDetails });
    client.endpoint = url;
    return {
      stream: async (prompt, maxTokens) => {
        const content: models.TextContent = { type: 'TEXT', text: prompt };
        const message: models.UserMessage = { role: 'USER', content: [content] };
        const chatRequest: models.GenericChatRequest = {
          apiFormat: 'GENERIC',
          isStream: true,
          messages: [message],
          ...(maxTokens === undefined ? {} : { maxTokens }),
        };
        const servingMode: models.OnDemandServingMode = { servingType: 'ON_DEMAND', modelId: benchModel };
        const response = await client.chat({ chatDetails: { compartmentId: credentials.compartmentId, servingMode, chatRequest } });
        if (!(response instanceof ReadableStream)) throw new Error('OCI SDK: expected a stream, got a JSON response');
        let text = '';
        let pieces = 0;
        await readSse(response as AsyncIterable<Uint8Array>, (frame) => {
          const delta = genericText(frame);
          if (delta !== '') {
            text += delta;
            pieces += 1;
          }
        });
        return { text, pieces };
      },
      close: () => {
        client.close();
        return Promise.resolve();
      },
    };
  },
};
