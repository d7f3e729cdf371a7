import type { ChatEvent, OciGenAiClient } from '@oci-genai-rx/core';
import type { Observable } from 'rxjs';

/** One wire format the client speaks, and how to ask for an answer in it. */
export interface WireFormat {
  readonly name: string;
  /** Streams an answer to `prompt`, with extra (unsigned) request headers such as `x-emulator-fault`. */
  readonly ask: (client: OciGenAiClient, prompt: string, headers?: Readonly<Record<string, string>>) => Observable<ChatEvent>;
}

/** Every format of the wire spec: chat GENERIC, COHERE, COHEREV2, and generateText COHERE and LLAMA. */
export const wireFormats: readonly WireFormat[] = [
  { name: 'chat GENERIC', ask: (client, prompt, headers = {}) => client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt, headers }) },
  { name: 'chat COHERE', ask: (client, prompt, headers = {}) => client.chat({ model: 'cohere.command-r-plus-08-2024', prompt, headers }) },
  { name: 'chat COHEREV2', ask: (client, prompt, headers = {}) => client.chat({ model: 'cohere.command-a-03-2025', format: 'COHEREV2', prompt, headers }) },
  { name: 'generateText COHERE', ask: (client, prompt, headers = {}) => client.generateText({ model: 'cohere.command', prompt, headers }) },
  { name: 'generateText LLAMA', ask: (client, prompt, headers = {}) => client.generateText({ model: 'meta.llama-3.1-70b-instruct', prompt, headers }) },
];
