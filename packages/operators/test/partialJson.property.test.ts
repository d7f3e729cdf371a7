import { fc, test } from '@fast-check/vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect } from 'vitest';
import { partialJson } from '../src/partialJson.js';
import { PartialJsonParser } from '../src/internal/partialJson/PartialJsonParser.js';

/** The emissions of partialJson over these tokens, collected synchronously (after every change with `copiesPerCharacter: Infinity`). */
function emissions(tokens: readonly string[], copiesPerCharacter?: number): unknown[] {
  const seen: unknown[] = [];
  from(tokens).pipe(partialJson({ copiesPerCharacter })).subscribe({ next: (value) => seen.push(value) });
  return seen;
}

/** The text cut at these offsets (sorted, deduplicated, inside the text). */
function cut(text: string, offsets: readonly number[]): string[] {
  const points = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of [...points, text.length]) {
    if (point > start) pieces.push(text.slice(start, point));
    start = Math.max(start, point);
  }
  return pieces;
}

/** True when `partial` could be a prefix's value of `whole`: strings prefixes, containers subsets, scalars equal. */
function isPartialOf(partial: unknown, whole: unknown): boolean {
  if (typeof partial === 'string') return typeof whole === 'string' && whole.startsWith(partial);
  if (Array.isArray(partial)) {
    return Array.isArray(whole) && partial.length <= whole.length && partial.every((item, i) => isPartialOf(item, whole[i]));
  }
  if (partial !== null && typeof partial === 'object') {
    if (whole === null || typeof whole !== 'object' || Array.isArray(whole)) return false;
    return Object.entries(partial).every(([key, value]) => Object.hasOwn(whole, key) && isPartialOf(value, (whole as Record<string, unknown>)[key]));
  }
  return Object.is(partial, whole);
}

// JSON with random whitespace between tokens, non-ASCII and astral characters, escapes.
const jsonText = fc.oneof(
  fc.json({ depthSize: 'medium' }),
  fc.jsonValue({ depthSize: 'small' }).map((value) => JSON.stringify(value, null, 2)),
  fc.record({ title: fc.string({ unit: 'grapheme' }), items: fc.array(fc.record({ id: fc.integer(), note: fc.string({ unit: 'binary' }) })) }).map((value) => JSON.stringify(value)),
  // Prose, then the JSON in a fence (what JSON.parse reads is the fence's content).
  fc.tuple(fc.constantFrom('Here it is:\n\n', 'Sure! `x` is ', '以下です。'), fc.json({ depthSize: 'small' })).map(([prose, json]) => `${prose}\`\`\`json\n${json}\n\`\`\`\nDone.`),
);
/** What JSON.parse reads of a generated text: the fence's content when prose precedes it. */
function jsonOf(text: string): unknown {
  const fence = /```json\n([^]*)\n```/.exec(text);
  return JSON.parse(fence === null ? text : (fence[1] as string));
}
const offsets = fc.array(fc.nat(), { maxLength: 40 });

describe('partialJson properties', () => {
  test.prop([jsonText, offsets])('ends with JSON.parse of the whole text however it is cut', (text, cuts) => {
    const seen = emissions(cut(text, cuts));
    expect(seen[seen.length - 1]).toEqual(jsonOf(text));
  });

  test.prop([jsonText, offsets])('emits exactly what the text up to each cut parses to, with no copy budget', (text, cuts) => {
    const pieces = cut(text, cuts);
    // What the text up to each cut parses to, read in one piece: the reference.
    const expected: unknown[] = [];
    let prefix = '';
    let previous: { root: unknown; done: boolean } = { root: undefined, done: false };
    for (const piece of pieces) {
      prefix += piece;
      const parser = new PartialJsonParser();
      parser.push(prefix);
      const now = { root: parser.snapshot.root, done: parser.done };
      if (now.done ? !previous.done : now.root !== undefined && JSON.stringify(now.root) !== JSON.stringify(previous.root)) expected.push(now.root);
      previous = now;
    }
    if (!previous.done) expected.push(jsonOf(text)); // a number at the root ends with the stream
    expect(emissions(pieces, Infinity)).toEqual(expected);
  });

  test.prop([jsonText, offsets])('within the copy budget, emits a subsequence of what every change shows, and the same last value', (text, cuts) => {
    const pieces = cut(text, cuts);
    const every = emissions(pieces, Infinity);
    const budgeted = emissions(pieces, 1);
    let at = 0;
    for (const value of budgeted) {
      while (at < every.length && every[at] !== value && JSON.stringify(every[at]) !== JSON.stringify(value)) at++;
      expect(at).toBeLessThan(every.length);
      at++;
    }
    expect(budgeted[budgeted.length - 1]).toEqual(every[every.length - 1]);
  });

  test.prop([jsonText, offsets])('only ever shows values the whole value extends', (text, cuts) => {
    const whole: unknown = jsonOf(text);
    for (const value of emissions(cut(text, cuts))) expect(isPartialOf(value, whole)).toBe(true);
  });

  test.prop([jsonText, offsets])('shows a subsequence of what one character at a time shows', async (text, cuts) => {
    // One character at a time with no copy budget: every prefix's value (with the budget, a
    // character-by-character stream skips values that a coarser cut may show).
    const fine = await lastValueFrom(from([...text.split('')]).pipe(partialJson({ copiesPerCharacter: Infinity }), toArray()));
    const coarse = emissions(cut(text, cuts));
    let at = 0;
    for (const value of coarse) {
      while (at < fine.length && JSON.stringify(fine[at]) !== JSON.stringify(value)) at++;
      expect(at).toBeLessThan(fine.length);
      at++;
    }
  });
});
