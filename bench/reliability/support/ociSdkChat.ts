/**
 * Child process for interop.test.ts: streams one answer with the official OCI SDK from the
 * emulator described on stdin (JSON), optionally after importing @oci-genai-rx/core first
 * (argv[2] = 'after-core'), as an app that uses both would. Prints the answer's length or the failure.
 */
import { NoRetryConfigurationDetails, SimpleAuthenticationDetailsProvider } from 'oci-common';
import type { models } from 'oci-generativeaiinference';
import { GenerativeAiInferenceClient } from 'oci-generativeaiinference';

interface Target {
  readonly url: string;
  readonly tenancy: string;
  readonly user: string;
  readonly fingerprint: string;
  readonly privateKeyPem: string;
  readonly compartmentId: string;
}

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const target = JSON.parse(input === '' ? '{}' : input) as Target;
if (process.argv[2] === 'after-core') await import('@oci-genai-rx/core');
const client = new GenerativeAiInferenceClient(
  { authenticationDetailsProvider: new SimpleAuthenticationDetailsProvider(target.tenancy, target.user, target.fingerprint, target.privateKeyPem, null) },
  { retryConfiguration: NoRetryConfigurationDetails },
);
client.endpoint = target.url;
try {
  const servingMode: models.OnDemandServingMode = { servingType: 'ON_DEMAND', modelId: 'meta.llama-3.3-70b-instruct' };
  const content: models.TextContent = { type: 'TEXT', text: 'Hi' };
  const message: models.UserMessage = { role: 'USER', content: [content] };
  const chatRequest: models.GenericChatRequest = {
    apiFormat: 'GENERIC',
    isStream: true,
    messages: [message],
  };
  const stream = await client.chat({ chatDetails: { compartmentId: target.compartmentId, servingMode, chatRequest } });
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) bytes += chunk.length;
  console.log(`ok ${bytes} bytes`);
} catch (error) {
  console.log(`failed: ${JSON.stringify(error)}`);
  process.exitCode = 1;
}
