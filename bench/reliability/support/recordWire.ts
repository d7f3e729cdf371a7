import type { Emulator } from '@oci-genai-rx/emulator';
import { DefaultRequestSigner, SimpleAuthenticationDetailsProvider } from 'oci-common';
import { request } from 'undici';

/** The raw bytes of one streamed answer, as they came off the socket, and how to decode them. */
export interface WireRecording {
  readonly name: string;
  readonly format: 'GENERIC' | 'COHERE' | 'COHEREV2' | 'LLAMA';
  readonly operation: 'chat' | 'generateText';
  readonly bytes: Uint8Array;
}

interface Recipe {
  readonly name: string;
  readonly format: WireRecording['format'];
  readonly operation: WireRecording['operation'];
  readonly modelId: string;
  readonly details: (prompt: string) => Record<string, unknown>;
}

const textPart = (prompt: string): unknown[] => [{ role: 'USER', content: [{ type: 'TEXT', text: prompt }] }];
const weatherTool = { type: 'FUNCTION', name: 'getWeather', description: 'The weather in a city.', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

const recipes: readonly Recipe[] = [
  { name: 'GENERIC', format: 'GENERIC', operation: 'chat', modelId: 'meta.llama-3.3-70b-instruct', details: (p) => ({ apiFormat: 'GENERIC', isStream: true, streamOptions: { isIncludeUsage: true }, messages: textPart(p) }) },
  { name: 'GENERIC reasoning', format: 'GENERIC', operation: 'chat', modelId: 'xai.grok-3-mini-reasoning', details: (p) => ({ apiFormat: 'GENERIC', isStream: true, messages: textPart(p) }) },
  {
    name: 'GENERIC tool call',
    format: 'GENERIC',
    operation: 'chat',
    modelId: 'meta.llama-3.3-70b-instruct',
    details: () => ({ apiFormat: 'GENERIC', isStream: true, messages: textPart('What is the weather in Munich?'), tools: [weatherTool], toolChoice: { type: 'REQUIRED' } }),
  },
  { name: 'COHERE', format: 'COHERE', operation: 'chat', modelId: 'cohere.command-r-plus-08-2024', details: (p) => ({ apiFormat: 'COHERE', isStream: true, message: p }) },
  { name: 'COHEREV2', format: 'COHEREV2', operation: 'chat', modelId: 'cohere.command-a-03-2025', details: (p) => ({ apiFormat: 'COHEREV2', isStream: true, messages: textPart(p) }) },
  { name: 'generateText COHERE', format: 'COHERE', operation: 'generateText', modelId: 'cohere.command', details: (p) => ({ runtimeType: 'COHERE', isStream: true, prompt: p }) },
  { name: 'generateText LLAMA', format: 'LLAMA', operation: 'generateText', modelId: 'meta.llama-3.1-70b-instruct', details: (p) => ({ runtimeType: 'LLAMA', isStream: true, prompt: p }) },
];

/**
 * Records real streams from the emulator (every format, English and Japanese, LF, CRLF and CR
 * line endings, keep-alive comments) for the decoder's property tests.
 */
export async function recordWire(emulator: Emulator): Promise<WireRecording[]> {
  const { credentials } = emulator;
  const signer = new DefaultRequestSigner(new SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, credentials.privateKeyPem, null));
  const recordings: WireRecording[] = [];
  for (const recipe of recipes) {
    for (const [language, prompt] of [['en', 'Tell me about rivers.'], ['ja', '川について教えてください。']] as const) {
      for (const fault of ['', 'line-ending=crlf', 'line-ending=cr;keepalive=1;token-interval-ms=2']) {
        const uri = `${emulator.url}/20231130/actions/${recipe.operation}`;
        const key = recipe.operation === 'chat' ? 'chatRequest' : 'inferenceRequest';
        const body = JSON.stringify({ compartmentId: credentials.compartmentId, servingMode: { servingType: 'ON_DEMAND', modelId: recipe.modelId }, [key]: recipe.details(prompt) });
        const headers = new Headers({ 'content-type': 'application/json' });
        await signer.signHttpRequest({ method: 'POST', uri, headers, body });
        if (fault !== '') headers.set('x-emulator-fault', fault);
        const response = await request(uri, { method: 'POST', headers: Object.fromEntries(headers), body });
        const bytes = new Uint8Array(await response.body.arrayBuffer());
        if (response.statusCode !== 200) throw new Error(`${recipe.name}: ${response.statusCode} ${Buffer.from(bytes).toString()}`);
        recordings.push({ name: `${recipe.name} ${language} ${fault || 'lf'}`, format: recipe.format, operation: recipe.operation, bytes });
      }
    }
  }
  return recordings;
}
