import { isChatEvent } from '@oci-genai-rx/core';

/**
 * What counts as a token for the operators of this package, which are generic over the
 * stream's value type: on an `Observable<string>` every string is a token; on an
 * `Observable<ChatEvent>` a token is a `text`, `reasoning` or `tool-call` event, while
 * `start`, `finish` and `usage` are metadata (they neither reset an idle timeout nor make a
 * retry unsafe).
 */

/** True for a string, or a `text`, `reasoning` or `tool-call` event. */
export function isToken(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  // Three comparisons rather than isChatEvent plus a Set lookup: this runs for every token in
  // streamTimeout and again in retryStream. Each of these types is a ChatEvent type.
  const type: unknown = (value as { readonly type?: unknown }).type;
  return type === 'text' || type === 'reasoning' || type === 'tool-call';
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
