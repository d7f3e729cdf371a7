import type { OperatorFunction } from 'rxjs';
import { filter, map } from 'rxjs';
import type { ChatEvent, TextEvent } from './events.js';

/**
 * Projects a stream of events to the answer's text deltas: `Observable<string>` of tokens.
 * Completes, errors and unsubscribes with its source.
 *
 * @returns An operator keeping only `text` events, as their strings.
 * @example
 * ```ts
 * client.chat({ model, prompt: 'Say hi.' }).pipe(toText()).subscribe((token) => process.stdout.write(token));
 * // Hello, world
 * ```
 */
export function toText(): OperatorFunction<ChatEvent, string> {
  return (source) => source.pipe(
    filter((event): event is TextEvent => event.type === 'text'),
    map((event) => event.text),
  );
}
