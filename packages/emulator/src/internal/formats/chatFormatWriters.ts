import type { ChatFormatWriters } from './ChatFormatWriter.js';
import { cohereChat } from './cohere/cohereChat.js';
import { cohereV2Chat } from './cohereV2/cohereV2Chat.js';
import { genericChat } from './generic/genericChat.js';

/**
 * Every chat format's writer by `apiFormat`: add a format's folder and its row here.
 *
 * @example
 * chatFormatWriters.COHERE.endsWithDone(model); // false
 */
export const chatFormatWriters: ChatFormatWriters = { GENERIC: genericChat, COHERE: cohereChat, COHEREV2: cohereV2Chat };
