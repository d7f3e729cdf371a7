/**
 * Property tests of the SSE decoder (core's StreamDecoder) on real recorded streams and on
 * hostile input: any chunking gives the same events; random bytes, random frames and garbage
 * frames fail only with a typed StreamParseError; a huge event is refused at maxEventChars.
 */
import type { ChatEvent } from '@oci-genai-rx/core';
import { StreamParseError } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { StreamDecoder } from '../../packages/core/src/internal/StreamDecoder.js';
import type { WireRecording } from './support/recordWire.js';
import { recordWire } from './support/recordWire.js';


let emulator: Emulator;
let recordings: WireRecording[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 30 });
  recordings = await recordWire(emulator);
});
afterAll(() => emulator.close());

interface Decoded {
  readonly events: ChatEvent[];
  readonly ended: boolean;
  readonly error: unknown;
  /** Characters handed to the decoder before it threw (or all of them). */
  readonly fedBytes: number;
}

/** Feeds `chunks` the way the client does (stop at the first error), then ends the body. */
function decode(chunks: readonly Uint8Array[], format: WireRecording['format'] = 'GENERIC', operation: WireRecording['operation'] = 'chat', maxEventChars = 1 << 20): Decoded {
  const events: ChatEvent[] = [];
  let ended = false;
  let fedBytes = 0;
  const decoder = new StreamDecoder({ format, operation, maxEventChars, opcRequestId: 'fuzz', events: { next: (event) => events.push(event) }, onLogicalEnd: () => (ended = true) });
  try {
    for (const chunk of chunks) {
      fedBytes += chunk.length;
      decoder.push(chunk);
    }
    decoder.end();
  } catch (error) {
    return { events, ended, error, fedBytes };
  }
  return { events, ended, error: undefined, fedBytes };
}

/** Cuts `bytes` at the given positions (any order, duplicates allowed: empty chunks are fine too). */
function cut(bytes: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

const recordingIndex = fc.nat({ max: 41 });
const utf8 = new TextEncoder();

describe('StreamDecoder', () => {
  test('recorded streams are the ones the suite expects', () => {
    expect(recordings).toHaveLength(42);
    for (const recording of recordings) {
      const whole = decode([recording.bytes], recording.format, recording.operation);
      expect(whole.error, recording.name).toBeUndefined();
      expect(whole.ended, recording.name).toBe(true);
      expect(whole.events.some((event) => event.type === 'text' || event.type === 'tool-call'), recording.name).toBe(true);
    }
  });

  test.prop([recordingIndex, fc.array(fc.nat(), { maxLength: 60 })], { numRuns: 300 })('any chunking of a real stream gives the same events', (index, positions) => {
    const recording = recordings[index % recordings.length]!;
    const whole = decode([recording.bytes], recording.format, recording.operation);
    const chunked = decode(cut(recording.bytes, positions), recording.format, recording.operation);
    expect(chunked).toEqual(whole);
  });

  test.prop([recordingIndex], { numRuns: 42 })('one byte per read gives the same events', (index) => {
    const recording = recordings[index % recordings.length]!;
    const bytes = Array.from(recording.bytes, (byte) => Uint8Array.of(byte));
    expect(decode(bytes, recording.format, recording.operation)).toEqual(decode([recording.bytes], recording.format, recording.operation));
  });

  test.prop([fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), fc.constantFrom<WireRecording['format']>('GENERIC', 'COHERE', 'COHEREV2', 'LLAMA')], { numRuns: 500 })(
    'random bytes fail only with StreamParseError',
    (chunks, format) => {
      const result = decode(chunks, format, format === 'LLAMA' ? 'generateText' : 'chat');
      if (result.error !== undefined) expect(result.error).toBeInstanceOf(StreamParseError);
    },
  );

  const sseToken = fc.oneof(
    fc.constantFrom('data: ', 'data:', '\n', '\r\n', '\r', '\n\n', ': keep-alive', 'event: x', 'id: 7', 'retry: 10', 'retry: x', 'bogus: 1', '[DONE]', '{', '}', '"text":', '"finishReason":"stop"', '{"message":{"content":[{"text":"hi"}]}}', '{"apiFormat":"COHERE","text":"hi"}', '日本', '\u0000'),
    fc.string({ maxLength: 12 }),
  );
  test.prop([fc.array(sseToken, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom<WireRecording['format']>('GENERIC', 'COHERE', 'COHEREV2')], { numRuns: 500 })(
    'random SSE-like text fails only with StreamParseError',
    (tokens, positions, format) => {
      const result = decode(cut(utf8.encode(tokens.join('')), positions), format);
      if (result.error !== undefined) expect(result.error).toBeInstanceOf(StreamParseError);
    },
  );

  const wireValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(null, true, 0, -1, 1.5, '', 'x', 'stop', 'COMPLETE', 'TEXT', 'ASSISTANT', 'FUNCTION', '{"x": ', 'TOOL_CALL'),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('text', 'type', 'role', 'content', 'message', 'toolCalls', 'id', 'name', 'arguments', 'parameters', 'finishReason', 'usage', 'index', 'reasoningContent', 'thinking', 'chatHistory', 'apiFormat', 'errorMessage', 'completionTokens'), tie('value'), { maxKeys: 5 }),
    ),
  })).value;
  test.prop([fc.array(wireValue, { minLength: 1, maxLength: 8 }), fc.constantFrom<WireRecording['format']>('GENERIC', 'COHERE', 'COHEREV2', 'LLAMA')], { numRuns: 1000 })(
    'random JSON frames in the wire vocabulary give events or a StreamParseError, never a TypeError',
    (frames, format) => {
      const text = frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join('');
      const result = decode([utf8.encode(text)], format, format === 'LLAMA' ? 'generateText' : 'chat');
      if (result.error !== undefined) expect(result.error).toBeInstanceOf(StreamParseError);
      for (const event of result.events) {
        expect(['start', 'text', 'reasoning', 'tool-call', 'finish', 'usage']).toContain(event.type);
        if (event.type === 'text' || event.type === 'reasoning') expect(event.text).not.toBe('');
      }
    },
  );

  test.prop([recordingIndex, fc.nat(), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\r\n]/.test(s))], { numRuns: 300 })(
    'a garbage frame stops the stream with a StreamParseError naming it, after exactly the events before it',
    (index, where, garbage) => {
      fc.pre(!isJsonObjectOrSkipped(garbage));
      const recording = recordings[index % recordings.length]!;
      const text = new TextDecoder().decode(recording.bytes);
      const separator = text.includes('\r\n') ? '\r\n\r\n' : text.includes('\r') ? '\r\r' : '\n\n';
      const frames = text.split(separator);
      const at = where % frames.length;
      const broken = [...frames.slice(0, at), `data: ${garbage}`, ...frames.slice(at)].join(separator);
      const before = decode([utf8.encode(frames.slice(0, at).join(separator) + (at > 0 ? separator : ''))], recording.format, recording.operation);
      const result = decode([utf8.encode(broken)], recording.format, recording.operation);
      if (before.ended) return; // the logical end came first: what follows is the client's to ignore
      expect(result.error).toBeInstanceOf(StreamParseError);
      expect((result.error as StreamParseError).frame).toContain(garbage.trim().slice(0, 150));
      expect(result.events).toEqual(before.events);
      expect((result.error as StreamParseError).tokensReceived).toBe(before.events.filter((e) => e.type === 'text').length);
    },
  );

  test.prop([fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 1, max: 512 }), fc.boolean()], { numRuns: 200 })(
    'an event larger than maxEventChars is refused with a StreamParseError before much more than the limit is buffered',
    (maxEventChars, chunkSize, manyLines) => {
      // One endless line, or an endless event of short data lines without the blank line.
      const piece = manyLines ? 'data: aaaaaaaa\n' : 'a';
      const chunk = utf8.encode(piece.repeat(Math.ceil(chunkSize / piece.length)));
      const chunks = Array.from({ length: Math.ceil((maxEventChars * 4) / chunk.length) + 2 }, () => chunk);
      const result = decode([utf8.encode('data: '), ...chunks], 'GENERIC', 'chat', maxEventChars);
      expect(result.error).toBeInstanceOf(StreamParseError);
      // The limit counts the event's data characters; a `data: ` prefix per short line is not data, hence the factor 2.
      expect(result.fedBytes).toBeLessThanOrEqual(2 * maxEventChars + 2 * chunk.length + 6);
    },
  );
});

/** True when the decoder would accept `text` as a frame (a JSON object, `[DONE]` or blank). */
function isJsonObjectOrSkipped(text: string): boolean {
  if (text.trim() === '' || text === '[DONE]') return true;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
