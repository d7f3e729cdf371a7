import { describe, expect, it } from 'vitest';
import { TextBuffer } from '../../src/internal/sentences/TextBuffer.js';

/** A buffer holding `chunks`, appended one by one. */
function bufferOf(...chunks: string[]): TextBuffer {
  const buffer = new TextBuffer();
  for (const chunk of chunks) buffer.append(chunk);
  return buffer;
}

describe('TextBuffer', () => {
  it('takes up to a position inside the latest chunk and keeps the rest of that chunk', () => {
    const buffer = bufferOf('Hello', ' Dr.', ' Smith. ', 'How');
    expect(buffer.take(17)).toBe('Hello Dr. Smith. ');
    expect([buffer.start, buffer.end]).toEqual([17, 20]);
    buffer.append(' are you?');
    expect(buffer.take(buffer.end)).toBe('How are you?');
    expect(buffer.take(buffer.end)).toBe('');
  });

  it('takes up to a position further back, across chunks, and keeps the rest in order', () => {
    const buffer = bufferOf('ab', 'cd', 'ef', 'gh');
    expect(buffer.take(3)).toBe('abc');
    expect(buffer.take(5)).toBe('de');
    buffer.append('ij');
    expect(buffer.take(99)).toBe('fghij');
    expect([buffer.start, buffer.end]).toEqual([10, 10]);
  });

  it('takes nothing at or before what was taken', () => {
    const buffer = bufferOf('abc', 'def');
    expect(buffer.take(2)).toBe('ab');
    expect(buffer.take(2)).toBe('');
    expect(buffer.take(1)).toBe('');
    expect(buffer.take(6)).toBe('cdef');
  });

  it('reads a code unit anywhere in the text not taken, and -1 outside it', () => {
    const buffer = bufferOf('ab', 'cd', 'ef');
    buffer.take(1);
    expect([0, 1, 2, 3, 4, 5, 6].map((at) => buffer.codeAt(at))).toEqual([-1, 0x62, 0x63, 0x64, 0x65, 0x66, -1]);
  });

  it('joins back to the input under any sequence of cuts', () => {
    const chunks = ['The ', 'quiet', ' river', '. ', 'It', ' flows', '.'];
    const text = chunks.join('');
    for (let first = 0; first <= text.length; first++) {
      for (let second = first; second <= text.length; second++) {
        const buffer = new TextBuffer();
        const pieces: string[] = [];
        let at = 0;
        for (const chunk of chunks) {
          buffer.append(chunk);
          at += chunk.length;
          for (const cut of [first, second]) if (cut <= at) pieces.push(buffer.take(cut));
        }
        pieces.push(buffer.take(text.length));
        expect(pieces.join('')).toBe(text);
      }
    }
  });
});
