import { benchModel } from './Contender.js';

/**
 * The native GENERIC chat body the bare loops send: the same content core sends for
 * `{ model, prompt }`, so the emulator answers every contender with the same text.
 */
export function ociChatBody(compartmentId: string, prompt: string, maxTokens: number | undefined): string {
  return JSON.stringify({
    compartmentId,
    servingMode: { servingType: 'ON_DEMAND', modelId: benchModel },
    chatRequest: {
      apiFormat: 'GENERIC',
      isStream: true,
      messages: [{ role: 'USER', content: [{ type: 'TEXT', text: prompt }] }],
      ...(maxTokens === undefined ? {} : { maxTokens }),
    },
  });
}
