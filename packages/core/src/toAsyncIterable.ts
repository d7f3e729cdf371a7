import type { Observable } from 'rxjs';
import { eachValueFrom } from 'rxjs-for-await';

/**
 * An Observable as an async iterable, for `for await` loops (no RxJS knowledge needed).
 * It is `eachValueFrom` of rxjs-for-await, by RxJS's lead author: lossless and in order.
 *
 * - **Lazy**: the request is sent when the loop starts (the first `next()`), not before.
 * - **Backpressure**: an Observable pushes, so the stream is not paused while the loop body
 *   awaits something: values the loop has not taken yet wait in a buffer, in order, without a
 *   bound (a token is a few bytes; a whole answer fits easily). Nothing is dropped or repeated.
 * - **Error**: the values before the error are delivered first, then the loop throws it.
 * - **Early exit**: `break`, `return` or a throw in the loop body unsubscribes, which aborts
 *   the HTTP request and closes its socket, and raises nothing.
 *
 * @param source Any Observable, e.g. `client.chat(request).pipe(toText())`.
 * @returns An async iterable iterator over the source's values.
 *
 * @example
 * ```ts
 * for await (const token of toAsyncIterable(client.chat({ model, prompt: 'Tell me a joke.' }).pipe(toText()))) {
 *   process.stdout.write(token);
 * }
 * // Why did the scarecrow win an award? Because he was outstanding in his field.
 * ```
 */
export function toAsyncIterable<T>(source: Observable<T>): AsyncIterableIterator<T> {
  return eachValueFrom(source);
}
