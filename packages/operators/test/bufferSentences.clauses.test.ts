import { fc, test } from '@fast-check/vitest';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { bufferSentences } from '../src/bufferSentences.js';
import { chunkBySizes, chunkings, streamSentences } from './fixtures/sentencesStreaming.js';

const first = { clauses: { minChars: 20 } } as const;
const all = { clauses: { minChars: 10, pieces: 'all' } } as const;

describe('bufferSentences clause mode', () => {
  it('ends the first piece after a comma once it holds minChars characters', () => {
    expect(streamSentences(['Well, as far as I know, the train leaves at noon. It is late, as always, sadly.'], first)).toEqual([
      'Well, as far as I know, ',
      'the train leaves at noon. ',
      'It is late, as always, sadly.',
    ]);
  });

  it('cuts every piece at clauses with pieces: all', () => {
    expect(streamSentences(['Well, as far as I know, the train leaves at noon. It is late, as always; sadly: yes.'], all)).toEqual([
      'Well, as far as I know, ',
      'the train leaves at noon. ',
      'It is late, ',
      'as always; ',
      'sadly: yes.',
    ]);
  });

  it('emits a clause piece as soon as the first character after its whitespace arrives', () => {
    const tokens = new Subject<string>();
    const emitted: string[] = [];
    tokens.pipe(bufferSentences(first)).subscribe((piece) => emitted.push(piece));
    const afterEach = ['Well, as far', ' as I know,', ' ', 'the', ' train.'].map((token) => {
      tokens.next(token);
      return [...emitted];
    });
    expect(afterEach).toEqual([[], [], [], ['Well, as far as I know, '], ['Well, as far as I know, ']]);
    tokens.complete();
    expect(emitted).toEqual(['Well, as far as I know, ', 'the train.']);
  });

  it('cuts after 、 and ， with no space after them', () => {
    expect(streamSentences(['東京は、とても大きな町で、人がたくさん住んでいます。'], { clauses: { minChars: 5, pieces: 'all' } })).toEqual([
      '東京は、とても大きな町で、',
      '人がたくさん住んでいます。',
    ]);
    expect(streamSentences(['他说，我们明天一起去，好吗？'], { clauses: { minChars: 3, pieces: 'all' } })).toEqual(['他说，', '我们明天一起去，', '好吗？']);
  });

  it('does not cut at a comma inside brackets or quotes, in a number, or before the minimum', () => {
    const options = { clauses: { minChars: 5, pieces: 'all' } } as const;
    expect(streamSentences(['He said "wait, please, now" and left.'], options)).toEqual(['He said "wait, please, now" and left.']);
    expect(streamSentences(['It costs 1,000,000 dollars today.'], options)).toEqual(['It costs 1,000,000 dollars today.']);
    expect(streamSentences(['So, yes, it works.'], options)).toEqual(['So, yes, ', 'it works.']);
  });

  it('cuts only the first piece of the stream by default', () => {
    expect(streamSentences(['One, two, three, four, five.'], { clauses: { minChars: 4 } })).toEqual(['One, ', 'two, three, four, five.']);
  });

  it('keeps an abbreviation followed by a comma whole', () => {
    expect(streamSentences(['Apples, pears, etc., are fruit. Yes.'], all)).toEqual(['Apples, pears, ', 'etc., are fruit. ', 'Yes.']);
  });

  it('gives the same pieces under every chunking', () => {
    const text = 'Well, as far as I know, the train leaves at noon; then, if all goes well, it arrives. 東京は、とても大きな町で、人が住んでいます。';
    const whole = streamSentences([text], all);
    expect(whole.length).toBeGreaterThan(4);
    for (const [, chunks] of chunkings(text)) expect(streamSentences(chunks, all)).toEqual(whole);
  });

  it('refuses malformed clause options at the call', () => {
    expect(() => bufferSentences({ clauses: 20 as never })).toThrow(new TypeError("bufferSentences: clauses must be an object such as { minChars: 20, pieces: 'first' }, got 20."));
    expect(() => bufferSentences({ clauses: { pieces: 'some' as never } })).toThrow(/clauses\.pieces must be 'first' .* or 'all', got/);
    expect(() => bufferSentences({ clauses: { minChars: '20' as never } })).toThrow(TypeError);
    expect(() => bufferSentences({ clauses: { minChars: -1 } })).toThrow(/clauses\.minChars must be a whole number of at least 0/);
  });
});

const words = ['Well', 'as', 'far', 'I', 'know', 'the', 'train', 'Dr.', 'etc.', '3.14', '1,000', '東京は', 'とても', '他说'];
const marks = [',', ';', ':', '、', '，', '.', '!', '?', '。', '(', ')', '"', '「', '」'];
const spaces = [' ', ' ', '\n', '\n\n'];
const piece = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...words) }, { weight: 3, arbitrary: fc.constantFrom(...marks) }, { weight: 4, arbitrary: fc.constantFrom(...spaces) });
const text = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 20 });
const clauseOptions = fc.record({ minChars: fc.integer({ min: 0, max: 30 }), pieces: fc.constantFrom('first' as const, 'all' as const) });

/** Offsets in the text where one piece ends and the next begins. */
const cutsOf = (pieces: readonly string[]): number[] => {
  let at = 0;
  return pieces.map((p) => (at += p.length));
};

describe('bufferSentences clause mode properties', () => {
  test.prop([text, chunkSizes, chunkSizes, clauseOptions])('gives the same pieces for every chunking, joining back to the input', (input, sizesA, sizesB, clauses) => {
    const whole = streamSentences(input.length > 0 ? [input] : [], { clauses });
    expect(streamSentences(chunkBySizes(input, sizesA), { clauses })).toEqual(whole);
    expect(streamSentences(chunkBySizes(input, sizesB), { clauses })).toEqual(whole);
    expect(whole.join('')).toBe(input);
    expect(whole.filter((p) => p.length === 0)).toEqual([]);
  });

  test.prop([text, clauseOptions])('only adds cuts: every sentence end of sentence mode is still a piece end', (input, clauses) => {
    const chunks = input.length > 0 ? [input] : [];
    const clauseCuts = new Set(cutsOf(streamSentences(chunks, { clauses })));
    expect(cutsOf(streamSentences(chunks)).filter((at) => !clauseCuts.has(at))).toEqual([]);
  });
});
