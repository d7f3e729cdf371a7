import type { ChatEvent } from '@oci-genai-rx/core';
import { firstValueFrom, from, lastValueFrom, Observable, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { PartialJsonError } from '../src/PartialJsonError.js';
import { partialJson } from '../src/partialJson.js';
import { testScheduler } from './support/marbles.js';

/** Every emission of partialJson over these tokens, in order. */
async function emissions(tokens: readonly string[], options?: Parameters<typeof partialJson>[0]): Promise<unknown[]> {
  return lastValueFrom(from(tokens).pipe(partialJson(options), toArray()));
}

/** The error partialJson fails with over these tokens. */
async function failure(tokens: readonly string[], options?: Parameters<typeof partialJson>[0]): Promise<PartialJsonError> {
  try {
    await emissions(tokens, options);
  } catch (error) {
    if (error instanceof PartialJsonError) return error;
    throw error;
  }
  throw new Error('partialJson did not fail');
}

describe('partialJson', () => {
  it('emits the value so far after each token and the whole value last', async () => {
    expect(await emissions(['{"name": "Ad', 'a", "age": 3', '6, "tags": ["x"]}'])).toEqual([
      { name: 'Ad' },
      { name: 'Ada' },
      { name: 'Ada', age: 36, tags: ['x'] },
    ]);
  });

  it('grows a long string exactly, chunk by chunk, across the lengths where it is flattened', async () => {
    // 30,000 characters in 7-character chunks (with escapes and a surrogate pair split between
    // chunks) pass the parser's flattening points several times.
    const body = Array.from({ length: 2500 }, (_, k) => `w${k}\t "q" 😀 `).join('');
    const json = JSON.stringify({ body });
    const tokens = Array.from({ length: Math.ceil(json.length / 7) }, (_, k) => json.slice(k * 7, k * 7 + 7));
    const values = (await emissions(tokens)) as { body?: string }[];
    expect(values.at(-1)).toEqual({ body });
    let previous = -1;
    for (const value of values) {
      const text = value.body ?? '';
      expect(body.startsWith(text)).toBe(true);
      expect(text.length).toBeGreaterThan(previous);
      previous = text.length;
    }
    expect(previous).toBe(body.length);
  });

  it('shows a number only once a character after it proves it complete', async () => {
    expect(await emissions(['[1', '2', ', 3', 'e2', ']'])).toEqual([[], [12], [12, 300]]);
  });

  it('shows true, false and null only when the whole word has arrived', async () => {
    expect(await emissions(['{"a": tr', 'ue, "b": nu', 'll, "c": f', 'alse}'])).toEqual([{}, { a: true }, { a: true, b: null }, { a: true, b: null, c: false }]);
  });

  it('cuts strings cleanly inside escapes and surrogate pairs', async () => {
    expect(await emissions(['["caf', 'e\\u00', 'e9 \\', 'n', ' \uD83D', '\uDE00"]'])).toEqual([
      ['caf'],
      ['cafe'],
      ['cafe\u00e9 '],
      ['cafe\u00e9 \n'],
      ['cafe\u00e9 \n '],
      ['cafe\u00e9 \n \uD83D\uDE00'],
    ]);
  });

  it('shows a key only once its value has started', async () => {
    expect(await emissions(['{"ok": 1, "na', 'me"', ': ', '"', 'x"}'])).toEqual([{ ok: 1 }, { ok: 1, name: '' }, { ok: 1, name: 'x' }]);
  });

  it('never mutates an emitted value and keeps the identity of unchanged parts', async () => {
    const seen = await emissions(['{"done": {"a": [1, 2]}, "todo": "wr', 'iting', '", "more": [3]}']);
    expect(seen).toEqual([
      { done: { a: [1, 2] }, todo: 'wr' },
      { done: { a: [1, 2] }, todo: 'writing' },
      { done: { a: [1, 2] }, todo: 'writing', more: [3] },
    ]);
    const [first, second] = seen as Array<{ done: unknown }>;
    expect(first).not.toBe(second);
    expect(first?.done).toBe(second?.done);
  });

  it('skips a ```json fence and whatever follows its end', async () => {
    expect(await emissions(['```json\n{"a"', ': "b"}\n```', '\nHope this helps!'])).toEqual([{}, { a: 'b' }]);
  });

  it('reads the text events of a chat stream and ignores reasoning and tool calls', async () => {
    const events: ChatEvent[] = [
      { type: 'start', opcRequestId: 'r1', model: 'm', format: 'GENERIC' },
      { type: 'reasoning', text: '{"not": "this"}' },
      { type: 'text', text: '{"city": "Mun' },
      { type: 'tool-call', toolCall: { id: 'call-1', name: 'x', arguments: '{}' } },
      { type: 'text', text: 'ich"}' },
      { type: 'finish', reason: 'stop', rawReason: 'stop' },
    ];
    expect(await lastValueFrom(from(events).pipe(partialJson(), toArray()))).toEqual([{ city: 'Mun' }, { city: 'Munich' }]);
  });

  it('starts over when retryStream announces a reset', async () => {
    const source = from(['{"a": "lo', { type: 'reset' as const, attempt: 1, error: new Error('x'), discardedTokens: 1 }, '{"b": 2}']);
    expect(await lastValueFrom(source.pipe(partialJson(), toArray()))).toEqual([{ a: 'lo' }, { b: 2 }]);
  });

  it('quotes only the text since the last reset in its error', async () => {
    const source = from(['{"a": "lo', { type: 'reset' as const, attempt: 1, error: new Error('x'), discardedTokens: 1 }, '{"b":', ' 2', ',}']);
    const error = await lastValueFrom(source.pipe(partialJson(), toArray())).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'invalid-json', text: '{"b": 2,}', offset: 8 });
  });

  it('fails with invalid-json, the offset and the raw text when the text is not JSON', async () => {
    const error = await failure(['{"a": 1', ',}']);
    expect(error).toMatchObject({ name: 'PartialJsonError', code: 'INVALID_OUTPUT', type: 'invalid-json', offset: 8, text: '{"a": 1,}' });
    expect(error.message).toContain('expected a key in double quotes');
  });

  it('skips prose before a ```json fence, in any chunking', async () => {
    const text = 'Here it is, with `code` and `` two ticks:\n\n```json\n{"a": [1]}\n```\nEnjoy!';
    expect(await emissions([text])).toEqual([{ a: [1] }]);
    expect((await emissions([...text])).at(-1)).toEqual({ a: [1] });
    expect(await emissions(['以下が結果です。```', 'json\n["x"]```'])).toEqual([['x']]);
    expect(await emissions(['`', 'x` is: ```json\n1\n```'])).toEqual([1]);
    expect(await failure(['`x` is all'])).toMatchObject({ type: 'invalid-json', offset: 0 });
  });

  it('fails with invalid-json at the prose when no fence follows it', async () => {
    const error = await failure(['  Sorry, I cannot ', 'answer in JSON.']);
    expect(error).toMatchObject({ type: 'invalid-json', offset: 2, text: '  Sorry, I cannot answer in JSON.' });
    expect(error.message).toContain('no ```json fence follows the prose');
  });

  it('reads a text that starts like a JSON literal as JSON, not prose', async () => {
    expect(await failure(['the answer'])).toMatchObject({ type: 'invalid-json', offset: 1 });
  });

  it('fails with invalid-json on text after the value outside a fence', async () => {
    expect(await failure(['{} and more'])).toMatchObject({ type: 'invalid-json', offset: 3 });
  });

  it('fails with incomplete when the stream ends before the value', async () => {
    const error = await failure(['{"a": [1, 2']);
    expect(error).toMatchObject({ type: 'incomplete', text: '{"a": [1, 2' });
  });

  it('completes a number at the root when the stream ends', async () => {
    expect(await emissions(['4', '2'])).toEqual([42]);
  });

  it('emits the schema output as the whole value', async () => {
    const schema = z.object({ name: z.string().transform((name) => name.toUpperCase()) });
    expect(await emissions(['{"name": "a', 'da"}'], { schema })).toEqual([{ name: 'a' }, { name: 'ADA' }]);
  });

  it('fails with the schema issues and the raw text when the whole value is rejected', async () => {
    const error = await failure(['{"name": 4', '2}'], { schema: z.object({ name: z.string() }) });
    expect(error.type).toBe('schema');
    expect(error.text).toBe('{"name": 42}');
    expect(error.issues).toEqual([expect.objectContaining({ path: ['name'] })]);
    expect(error.message).toContain('name: ');
  });

  it('waits for an async schema before emitting the whole value and completing', async () => {
    const schema = z.object({ n: z.number() }).refine((value) => Promise.resolve(value.n > 1), 'n must be above 1');
    expect(await emissions(['{"n": 2}'], { schema })).toEqual([{ n: 2 }]);
    await expect(failure(['{"n": 0}'], { schema })).resolves.toMatchObject({ type: 'schema', issues: [expect.objectContaining({ message: 'n must be above 1' })] });
  });

  it('inside a long array, emits a change once the characters since the last emission pay for copying the array', async () => {
    // 160 numbers, then a string streamed one character at a time: the open array holds 161
    // entries, so at 16 copies per character an emission needs 11 characters (161 / 16 = 10.06).
    const head = `[${'1,'.repeat(160)}"`;
    const tokens = [head, ...'a'.repeat(50), '"]'];
    const strings = (await emissions(tokens)).map((value) => (value as unknown[])[160]);
    expect(strings).toEqual(['', 'a'.repeat(11), 'a'.repeat(22), 'a'.repeat(33), 'a'.repeat(44), 'a'.repeat(50)]);
    const every = (await emissions(tokens, { copiesPerCharacter: Infinity })).map((value) => (value as unknown[])[160]);
    expect(every).toEqual(['', ...Array.from({ length: 50 }, (_, i) => 'a'.repeat(i + 1)), 'a'.repeat(50)]);
  });

  it('emits after every change inside small containers', async () => {
    const seen = await emissions(['{"list": [1, 2], "note": "', ...'abc', '"}']);
    expect(seen).toEqual([{ list: [1, 2], note: '' }, { list: [1, 2], note: 'a' }, { list: [1, 2], note: 'ab' }, { list: [1, 2], note: 'abc' }, { list: [1, 2], note: 'abc' }]);
  });

  it('refuses a copy budget that is not a number above 0', () => {
    for (const copiesPerCharacter of [0, -1, Number.NaN, '16']) {
      expect(() => partialJson({ copiesPerCharacter } as never)).toThrow(/copiesPerCharacter must be a number above 0/);
    }
  });

  it('refuses a schema that is not a Standard Schema', () => {
    expect(() => partialJson({ schema: { parse: () => 1 } as never })).toThrow(/Standard Schema/);
  });

  it('passes the source error through', async () => {
    const source = new Subject<string>();
    const result = firstValueFrom(source.pipe(partialJson(), toArray()));
    source.next('{"a":');
    source.error(new RangeError('boom'));
    await expect(result).rejects.toThrow(RangeError);
  });

  it('emits as tokens arrive and stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d|', { a: '{"x": "', b: 'h', c: 'i"', d: '}' });
      expectObservable(source.pipe(partialJson()), '^----!').toBe('a-b-c', { a: { x: '' }, b: { x: 'h' }, c: { x: 'hi' } });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('emits the whole value when its last character arrives, then completes with the source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a-b--|', { a: '[1', b: ']' });
      expectObservable(source.pipe(partialJson())).toBe('a-b--|', { a: [], b: [1] });
    });
  });

  it('does not hang on an Observable that never completes after the value', async () => {
    const source = new Observable<string>((subscriber) => subscriber.next('{"a": 1}'));
    expect(await firstValueFrom(source.pipe(partialJson()))).toEqual({ a: 1 });
  });
});
