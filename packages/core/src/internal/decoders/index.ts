import type { WireFormat } from '../../events.js';
import { createChatCompletionsDecoder } from '../formats/chatCompletions.js';
import { createResponsesDecoder } from '../formats/responses.js';
import { createCohereDecoder } from './cohereDecoder.js';
import { createCohereV2Decoder } from './cohereV2Decoder.js';
import type { FrameDecoder } from './FrameDecoder.js';
import { createGenerateTextDecoder } from './generateTextDecoder.js';
import { createGenericDecoder } from './genericDecoder.js';

export type { FrameDecoder, WireFrame, EmitEvent } from './FrameDecoder.js';

/** A fresh decoder for one stream of the given chat format, or of generateText. */
export function createFrameDecoder(format: WireFormat, operation: 'chat' | 'generateText'): FrameDecoder {
  if (operation === 'generateText') return createGenerateTextDecoder();
  if (format === 'CHAT_COMPLETIONS') return createChatCompletionsDecoder();
  if (format === 'RESPONSES') return createResponsesDecoder();
  if (format === 'COHERE') return createCohereDecoder();
  if (format === 'COHEREV2') return createCohereV2Decoder();
  return createGenericDecoder();
}
