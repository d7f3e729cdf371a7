/**
 * What counts as a token for the operators of this package, which are generic over the
 * stream's value type: on an `Observable<string>` every string is a token; on an
 * `Observable<ChatEvent>` a token is a `text`, `reasoning` or `tool-call` event, while
 * `start`, `finish` and `usage` are metadata (they neither reset an idle timeout nor make a
 * retry unsafe).
 */

/** The event types that carry generated content. */
const tokenTypes: ReadonlySet<unknown> = new Set(['text', 'reasoning', 'tool-call']);

/** True for a string, or an object whose `type` is `text`, `reasoning` or `tool-call`. */
export function isToken(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return typeof value === 'object' && value !== null && tokenTypes.has((value as { type?: unknown }).type);
}

/**
 * The generated text a value carries, for counting and estimating: a string itself, the
 * `text` of a text or reasoning event, the name and arguments of a tool call; '' for metadata.
 */
export function tokenText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isToken(value)) return '';
  const event = value as { text?: unknown; toolCall?: { name?: unknown; arguments?: unknown } };
  if (typeof event.text === 'string') return event.text;
  const { name, arguments: args } = event.toolCall ?? {};
  return `${typeof name === 'string' ? name : ''}${typeof args === 'string' ? args : ''}`;
}

/** The answer text of a value: a string itself or a `text` event's text (not reasoning, not tool calls). */
export function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  const event = value as { type?: unknown; text?: unknown } | null;
  return typeof event === 'object' && event !== null && event.type === 'text' && typeof event.text === 'string' ? event.text : '';
}
