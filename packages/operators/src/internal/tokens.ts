import { isChatEvent, type ChatEvent } from '@oci-genai-rx/core';

/**
 * What counts as a token for the operators of this package, which are generic over the
 * stream's value type: on an `Observable<string>` every string is a token; on an
 * `Observable<ChatEvent>` a token is a `text`, `reasoning` or `tool-call` event, while
 * `start`, `finish` and `usage` are metadata (they neither reset an idle timeout nor make a
 * retry unsafe).
 */

/** The event types that carry generated content. */
const tokenTypes: ReadonlySet<ChatEvent['type']> = new Set(['text', 'reasoning', 'tool-call']);

/** True for a string, or a `text`, `reasoning` or `tool-call` event. */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' || (isChatEvent(value) && tokenTypes.has(value.type));
}

/**
 * The generated text a value carries, for counting and estimating: a string itself, the
 * `text` of a text or reasoning event, the name and arguments of a tool call; '' for metadata.
 */
export function tokenText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isChatEvent(value)) return '';
  if (value.type === 'text' || value.type === 'reasoning') return value.text;
  if (value.type === 'tool-call') return `${value.toolCall.name}${value.toolCall.arguments}`;
  return '';
}

/** The answer text of a value: a string itself or a `text` event's text (not reasoning, not tool calls). */
export function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  return isChatEvent(value) && value.type === 'text' ? value.text : '';
}
