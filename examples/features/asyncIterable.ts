import { toAsyncIterable, toText } from '@oci-genai-rx/core';
import type { Connection } from '../common/connect.js';

/**
 * `toAsyncIterable`: the answer's tokens in a `for await` loop, for code without RxJS; then a
 * loop that breaks after three tokens, which unsubscribes and so aborts the request.
 *
 * @example
 * await asyncIterableExample(connection);
 * // Why was the computer cold?
 * // …
 */
export async function asyncIterableExample({ client, model }: Connection): Promise<void> {
  for await (const token of toAsyncIterable(client.chat({ model, prompt: 'Tell me a joke.' }).pipe(toText()))) process.stdout.write(token);
  process.stdout.write('\n');

  const firstTokens: string[] = [];
  for await (const token of toAsyncIterable(client.chat({ model, prompt: 'Tell me a joke.' }).pipe(toText()))) {
    firstTokens.push(token);
    if (firstTokens.length === 3) break; // aborts the request: no more tokens are read or paid for
  }
  console.log(`after a break at 3 tokens: ${JSON.stringify(firstTokens.join(''))}`);
}
