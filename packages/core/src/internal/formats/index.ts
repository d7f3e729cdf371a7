import type { ApiFormat, WireFormat } from '../../events.js';
import { chatCompletions } from './chatCompletions.js';
import { responses } from './responses.js';
import { cohere } from './cohere.js';
import { cohereV2 } from './cohereV2.js';
import { generateText } from './generateText.js';
import { generic } from './generic.js';
import type { ChatWireFormat, FrameDecoder, OpenAiWireFormat } from './WireFormat.js';

export { generateText } from './generateText.js';
export type { ChatWireFormat, FrameDecoder, FrameEvents, GenerateTextWireFormat, OpenAiWireFormat, WireFrame } from './WireFormat.js';

/**
 * Every chat format by its `apiFormat` name. The order matters: error messages list the names in
 * it, and among the formats a model family prefers, the first wins. Add a format here and in
 * its own file; `ApiFormat` follows from these keys.
 *
 * @example
 * ```ts
 * chatFormats.COHERE.createDecoder();
 * ```
 */
export const chatFormats = { GENERIC: generic, COHERE: cohere, COHEREV2: cohereV2 } as const satisfies Record<string, ChatWireFormat>;

/** The chat format names in table order. */
export const chatFormatNames = Object.keys(chatFormats) as readonly ApiFormat[];

/** The format when the request names none and the model family does not tell. */
export const defaultChatFormat: ApiFormat = 'GENERIC';

const byName: Readonly<Record<string, ChatWireFormat>> = chatFormats;

/**
 * The chat format named `name`, or `undefined` for a name no format has.
 *
 * @example
 * ```ts
 * chatFormatNamed('COHERE') === chatFormats.COHERE; // true
 * chatFormatNamed('OPENAI');                        // undefined
 * ```
 */
export function chatFormatNamed(name: string): ChatWireFormat | undefined {
  return Object.hasOwn(byName, name) ? byName[name] : undefined;
}

/**
 * Every OpenAI-compatible route by its `route` option. Add a route here and in its own file.
 *
 * @example
 * ```ts
 * openAiRoutes.responses.path; // '/openai/v1/responses'
 * ```
 */
export const openAiRoutes = { 'chat-completions': chatCompletions, responses } as const satisfies Record<string, OpenAiWireFormat>;

const byFormat: ReadonlyMap<string, OpenAiWireFormat> = new Map(Object.values(openAiRoutes).map((route) => [route.format, route]));

/**
 * A fresh decoder for one stream of the given chat format, OpenAI-compatible route, or of generateText.
 *
 * @example
 * ```ts
 * createFrameDecoder('COHEREV2', 'chat').decode(frame, streamDecoder); // its events go to the stream decoder's text() and next()
 * ```
 */
export function createFrameDecoder(format: WireFormat, operation: 'chat' | 'generateText'): FrameDecoder {
  if (operation === 'generateText') return generateText.createDecoder();
  const route = byFormat.get(format);
  if (route !== undefined) return route.createDecoder();
  return (chatFormatNamed(format) ?? chatFormats[defaultChatFormat]).createDecoder();
}
