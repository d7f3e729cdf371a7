import type { ChatEvent, ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import type { Observable } from 'rxjs';

/** One wire format the client speaks, and how to ask for an answer in it. */
export interface WireFormat {
  readonly name: string;
  /** Streams an answer to `prompt`, with extra (unsigned) request headers such as `x-emulator-fault`. */
  readonly ask: (client: OciGenAiClient, prompt: string, headers?: Readonly<Record<string, string>>) => Observable<ChatEvent>;
  /** How its client differs from the signed default (a Generative AI API key instead of signing). */
  readonly clientOptions?: (emulator: Emulator) => Partial<ClientOptions>;
}

/**
 * Every format of the wire spec: chat GENERIC, COHERE, COHEREV2, generateText COHERE and LLAMA,
 * and the OpenAI-compatible routes (Responses, signed and with an API key; chat completions).
 */
export const wireFormats: readonly WireFormat[] = [
  { name: 'chat GENERIC', ask: (client, prompt, headers = {}) => client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt, headers }) },
  { name: 'chat COHERE', ask: (client, prompt, headers = {}) => client.chat({ model: 'cohere.command-r-plus-08-2024', prompt, headers }) },
  { name: 'chat COHEREV2', ask: (client, prompt, headers = {}) => client.chat({ model: 'cohere.command-a-03-2025', format: 'COHEREV2', prompt, headers }) },
  { name: 'generateText COHERE', ask: (client, prompt, headers = {}) => client.generateText({ model: 'cohere.command', prompt, headers }) },
  { name: 'generateText LLAMA', ask: (client, prompt, headers = {}) => client.generateText({ model: 'meta.llama-3.1-70b-instruct', prompt, headers }) },
  { name: 'Responses, signed', ask: (client, prompt, headers = {}) => client.chat({ model: 'openai.gpt-oss-120b', prompt, headers, route: 'responses' }) },
  {
    name: 'Responses, API key',
    ask: (client, prompt, headers = {}) => client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt, headers }),
    clientOptions: (emulator) => ({ auth: { type: 'generative-ai-api-key', apiKey: emulator.credentials.apiKey } }),
  },
  { name: 'chat completions, signed', ask: (client, prompt, headers = {}) => client.chat({ model: 'xai.grok-4', prompt, headers, route: 'chat-completions' }) },
];
