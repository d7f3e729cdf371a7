import type { ChatEvent } from './events.js';

/** Every `ChatEvent['type']`; the `Record` makes a new event type a compile error here until it is added. */
const eventTypes: Readonly<Record<ChatEvent['type'], true>> = {
  start: true,
  text: true,
  reasoning: true,
  'tool-call': true,
  finish: true,
  usage: true,
};

/**
 * True when `value` is a {@link ChatEvent}: an object whose `type` is one of the event types.
 * For code generic over a stream's values (an operator on `Observable<string | ChatEvent>`):
 * check once, then narrow on `event.type` with the real types.
 *
 * @example
 * ```ts
 * isChatEvent({ type: 'text', text: 'Hi' }); // true
 * isChatEvent('Hi');                         // false
 * if (isChatEvent(value) && value.type === 'start') console.log(value.opcRequestId);
 * ```
 */
export function isChatEvent(value: unknown): value is ChatEvent {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  const { type } = value;
  return typeof type === 'string' && Object.hasOwn(eventTypes, type);
}
