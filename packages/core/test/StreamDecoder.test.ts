import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../src/index.js';
import { StreamParseError } from '../src/index.js';
import { StreamDecoder } from '../src/internal/StreamDecoder.js';
import type { RecordedStream } from './fixtures/recordedStreams.js';
import { openAiStreams } from './fixtures/openAiStreams.js';
import { recordedStreams as nativeStreams } from './fixtures/recordedStreams.js';

const recordedStreams: readonly RecordedStream[] = [...nativeStreams, ...openAiStreams];

const encoder = new TextEncoder();

function decode(stream: Pick<RecordedStream, 'format' | 'operation'>, chunks: readonly Uint8Array[], maxEventChars = 1 << 20) {
  const events: ChatEvent[] = [];
  let logicalEnds = 0;
  const decoder = new StreamDecoder({
    format: stream.format,
    operation: stream.operation,
    maxEventChars,
    opcRequestId: 'REQ1',
    events: { next: (event) => events.push(event) },
    onLogicalEnd: () => logicalEnds++,
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return { events, logicalEnds, decoder };
}

/** Cuts bytes at the given offsets (sorted, deduplicated, inside the range). */
function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

const generic = { format: 'GENERIC', operation: 'chat' } as const;
const frame = (text: string) => `data: {"index":0,"message":{"role":"ASSISTANT","content":[{"type":"TEXT","text":"${text}"}]}}`;

describe('StreamDecoder', () => {
  for (const stream of recordedStreams) {
    it(`decodes ${stream.name} into the expected events`, () => {
      const { events, logicalEnds } = decode(stream, [encoder.encode(stream.wire)]);
      expect(events).toEqual(stream.events);
      expect(logicalEnds).toBe(1);
    });
  }

  it('decodes one byte at a time, splitting every multi-byte character', () => {
    const stream = recordedStreams[1]!;
    const bytes = encoder.encode(stream.wire);
    expect(decode(stream, [...bytes].map((b) => Uint8Array.of(b))).events).toEqual(stream.events);
  });

  test.prop([fc.constantFrom(...recordedStreams), fc.array(fc.nat(), { maxLength: 40 })])(
    'gives the same events for any split of a recorded stream into chunks',
    (stream, offsets) => {
      const chunks = cut(encoder.encode(stream.wire), offsets);
      expect(decode(stream, chunks).events).toEqual(stream.events);
    },
  );

  test.prop([fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 20 })])(
    'reads LF, CRLF and CR line endings, split anywhere, alike',
    (eol, offsets) => {
      const wire = [frame('A'), '', ': keep-alive', frame('B'), '', 'data: {"finishReason":"stop"}', '', ''].join(eol);
      const { events } = decode(generic, cut(encoder.encode(wire), offsets));
      expect(events).toEqual([
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B' },
        { type: 'finish', reason: 'stop', rawReason: 'stop' },
      ]);
    },
  );

  it('delivers a last event that lacks its trailing blank line', () => {
    const wire = `${frame('A')}\n\ndata: {"finishReason":"stop"}`;
    const { events, decoder } = decode(generic, [encoder.encode(wire)]);
    expect(events.map((e) => e.type)).toEqual(['text', 'finish']);
    expect(decoder.ended).toBe(true);
  });

  it('treats [DONE] as the logical end and does not require it', () => {
    const withDone = decode(generic, [encoder.encode(`${frame('A')}\n\ndata: [DONE]\n\n`)]);
    expect(withDone.events).toEqual([{ type: 'text', text: 'A' }]);
    expect(withDone.logicalEnds).toBe(1);
    const withoutAnyEnd = decode(generic, [encoder.encode(`${frame('A')}\n\n`)]);
    expect(withoutAnyEnd.decoder.ended).toBe(false);
  });

  it('skips events whose data is empty or blank and decodes the frames around them', () => {
    const wire = `${frame('A')}\n\ndata:\n\ndata:   \n\ndata: \t\ndata: \n\n${frame('B')}\n\n`;
    const { events } = decode(generic, [encoder.encode(wire)]);
    expect(events).toEqual([{ type: 'text', text: 'A' }, { type: 'text', text: 'B' }]);
  });

  it('raises a StreamParseError that quotes a frame that is not JSON', () => {
    const wire = `${frame('A')}\n\ndata: <html>oops</html>\n\n`;
    const error = (() => {
      try {
        decode(generic, [encoder.encode(wire)]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).message).toContain('<html>oops</html>');
    expect((error as StreamParseError).tokensReceived).toBe(1);
    expect((error as StreamParseError).opcRequestId).toBe('REQ1');
  });

  it('delivers the events of a read by the time push returns, and those before a bad frame before its error', () => {
    const events: ChatEvent[] = [];
    const decoder = new StreamDecoder({
      ...generic, maxEventChars: 1 << 20, opcRequestId: 'REQ1', onLogicalEnd: () => {},
      events: { next: (event) => events.push(event) },
    });
    const delivered = () => events.map((event) => (event.type === 'text' ? event.text : event.type));
    decoder.push(encoder.encode(`${frame('A')}\n\n${frame('B')}\n\n${frame('C').slice(0, 20)}`));
    expect(delivered()).toEqual(['A', 'B']);
    expect(() => decoder.push(encoder.encode(`${frame('C').slice(20)}\n\n${frame('D')}\n\ndata: {oops\n\n${frame('E')}\n\n`))).toThrow(StreamParseError);
    expect(delivered()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('raises a StreamParseError for a JSON frame that is not an object', () => {
    expect(() => decode(generic, [encoder.encode('data: [1,2]\n\n')])).toThrow(StreamParseError);
  });

  it('rejects an event larger than the buffer limit instead of growing without bound', () => {
    const huge = `data: {"text":"${'x'.repeat(5000)}`;
    expect(() => decode(generic, [encoder.encode(huge)], 1000)).toThrow(/max buffer size/);
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = Uint8Array.of(...encoder.encode('data: {"text":"'), 0xff, 0xfe, ...encoder.encode('"}\n\n'));
    expect(() => decode(generic, [bytes])).toThrow(/not valid UTF-8/);
  });

  it.each([
    ['a frame that is not JSON', [encoder.encode('data: <html>oops</html>\n\n')], 'not-json'],
    ['a JSON frame that is not an object', [encoder.encode('data: [1,2]\n\n')], 'not-json'],
    ['bytes that are not UTF-8', [Uint8Array.of(...encoder.encode('data: {"text":"'), 0xff, 0xfe, ...encoder.encode('"}\n\n'))], 'bad-utf8'],
    ['an event past the buffer limit', [encoder.encode(`data: {"text":"${'x'.repeat(5000)}`)], 'too-large'],
    ['a line that is not SSE', [encoder.encode('nonsense\n\n')], 'not-sse'],
  ] as const)('names the reason for %s', (_name, chunks, reason) => {
    let error: unknown;
    try {
      decode(generic, chunks, 1000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).reason).toBe(reason);
  });

  it.each(['GENERIC', 'COHERE', 'COHEREV2'] as const)('reads null and other non-objects inside %s arrays as absent, not as a TypeError', (format) => {
    const frames = [
      '{"toolCalls":[null,3]}',
      '{"message":{"content":[null,"x",{"type":"TEXT","text":"A"}],"toolCalls":[null]}}',
      '{"finishReason":"stop","chatHistory":[null]}',
    ];
    const { events } = decode({ format, operation: 'chat' }, [encoder.encode(frames.map((f) => `data: ${f}\n\n`).join(''))]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', rawReason: 'stop' });
  });

  it.each([
    ['GENERIC', '{"message":{"toolCalls":[{"arguments":"{\\"x\\": 1}"}]}}', 'before any call was named'],
    ['GENERIC', '{"message":{"toolCalls":[{"id":"a","name":"f"}]}}\n\ndata: {"message":{"toolCalls":[{"id":"b","name":"g"}]}}\n\ndata: {"message":{"toolCalls":[{"id":"a","arguments":"{"}]}}\n\ndata: {"message":{"toolCalls":[{"arguments":"}"}]}}', '2 calls are open'],
    ['CHAT_COMPLETIONS', '{"choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"{}"}}]}}]}', 'before any call was named'],
  ] as const)('refuses a %s tool-call fragment that belongs to no call, or to either of two, as a StreamParseError with reason tool-call', (format, frames, message) => {
    const wire = `data: ${frames}\n\ndata: {"finishReason":"tool_calls"}\n\n`;
    let caught: unknown;
    try {
      decode({ format, operation: 'chat' }, [encoder.encode(wire)]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StreamParseError);
    expect((caught as StreamParseError).reason).toBe('tool-call');
    expect((caught as Error).message).toContain(message);
  });

  it('keeps sequential GENERIC fragments without ids with the call named last', () => {
    const frames = ['{"id":"a","name":"f"}', '{"arguments":"{\\"x\\":"}', '{"arguments":"1}"}', '{"id":"b","name":"g"}', '{"arguments":"{}"}']
      .map((call) => `data: {"message":{"toolCalls":[${call}]}}\n\n`).join('');
    const { events } = decode(generic, [encoder.encode(`${frames}data: {"finishReason":"tool_calls"}\n\n`)]);
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCall: { id: 'a', name: 'f', arguments: '{"x":1}' } },
      { type: 'tool-call', toolCall: { id: 'b', name: 'g', arguments: '{}' } },
    ]);
  });

  it('counts text deltas as tokens', () => {
    const { decoder } = decode(recordedStreams[0]!, [encoder.encode(recordedStreams[0]!.wire)]);
    expect(decoder.tokensReceived).toBe(2);
  });
});
