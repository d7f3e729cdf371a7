import type { ChatEvent } from '@oci-genai-rx/core';
import { fc, test } from '@fast-check/vitest';
import { concat, from, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { resumeStream } from '../src/resumeStream.js';
import type { ResumeEvent } from '../src/resumeStream.js';
import { StreamTimeoutError } from '../src/StreamTimeoutError.js';
import { badRequest, connectionReset } from './support/errors.js';
import { testScheduler } from './support/marbles.js';

const text = (t: string): ChatEvent => ({ type: 'text', text: t });
const start = (id: string): ChatEvent => ({ type: 'start', opcRequestId: id, model: 'm', format: 'GENERIC' });
const finish: ChatEvent = { type: 'finish', reason: 'stop', rawReason: 'stop' };

const ev = {
  s: start('first'),
  S: start('second'),
  a: text('Why did the scarecrow'),
  b: text(' the scarecrow win'),
  c: text(' an award?'),
  x: text('s'),
  y: text(' win'),
  t: { type: 'tool-call', toolCall: { id: 't1', name: 'getTime', arguments: '{}' } },
  f: finish,
} satisfies Record<string, ChatEvent>;

const resumed = (error: unknown, resumedAfterChars: number, attempt = 1): ResumeEvent => ({
  type: 'resume', attempt, error, resumedAfterChars, opcRequestId: 'second',
});

describe('resumeStream', () => {
  it('mirrors a stream that does not break', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('s a c f|', ev).pipe(resumeStream({ resume: () => cold('#') }));
      expectObservable(result).toBe('s a c f|', ev);
    });
  });

  it('continues after a break, with the partial text, dropping the restated words', () => {
    const reset = connectionReset(1);
    const asked: string[] = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const continuation = cold('S b c f|', ev);
      const result = cold('s a #', ev, reset).pipe(
        resumeStream({ resume: (partial) => (asked.push(partial), continuation) }),
      );
      expectObservable(result).toBe('s a r w c f|', { ...ev, r: resumed(reset, 21), w: text(' win') });
      expectSubscriptions(continuation.subscriptions).toBe('--^---!');
    });
    expect(asked).toEqual(['Why did the scarecrow']);
  });

  it('holds back a continuation\u2019s text only while it could still be a restatement', () => {
    const reset = connectionReset(1);
    testScheduler().run(({ cold, expectObservable }) => {
      // 's' could begin 'scarecrow' again, so it waits; 's win' cannot, so both go out together.
      const result = cold('s a #', ev, reset).pipe(resumeStream({ resume: () => cold('S x y f|', ev) }));
      expectObservable(result).toBe('s a r - z f|', { ...ev, r: resumed(reset, 21), z: text('s win') });
    });
  });

  it('passes through an error before any text, without resuming', () => {
    const reset = connectionReset(0);
    testScheduler().run(({ cold, expectObservable }) => {
      const continuation = cold('S c|', ev);
      const result = cold('s #', ev, reset).pipe(resumeStream({ resume: () => continuation }));
      expectObservable(result).toBe('s #', ev, reset);
      expect(continuation.subscriptions).toEqual([]);
    });
  });

  it('passes through errors it must not resume: a 400, or any error after a tool call', () => {
    const rejected = badRequest();
    const reset = connectionReset(2);
    testScheduler().run(({ cold, expectObservable }) => {
      const resume = () => cold('S c|', ev);
      expectObservable(cold('s a #', ev, rejected).pipe(resumeStream({ resume }))).toBe('s a #', ev, rejected);
      expectObservable(cold('s a t #', ev, reset).pipe(resumeStream({ resume }))).toBe('s a t #', ev, reset);
    });
  });

  it('resumes an idle timeout, and gives up after maxResumes', () => {
    const idle = new StreamTimeoutError('No token for 5 ms after the last one', { phase: 'idle', waitedMs: 5, tokensReceived: 1, opcRequestId: 'first' });
    const reset = connectionReset(1);
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('s a #', ev, idle).pipe(resumeStream({ maxResumes: 1, resume: () => cold('S c #', ev, reset) }));
      expectObservable(result).toBe('s a r c #', { ...ev, r: resumed(idle, 21) }, reset);
    });
  });

  it('stops the continuation when unsubscribed mid-resume', () => {
    const reset = connectionReset(1);
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('s a #', ev, reset);
      const continuation = cold('S 9ms c|', ev);
      const result = source.pipe(resumeStream({ resume: () => continuation }));
      expectObservable(result, '^ 5ms !').toBe('s a r', { ...ev, r: resumed(reset, 21) });
      expectSubscriptions(source.subscriptions).toBe('^-!');
      expectSubscriptions(continuation.subscriptions).toBe('--^ 3ms !');
    });
  });

  it('refuses options that cannot work, when called', () => {
    expect(() => resumeStream({ resume: 'x' as never })).toThrow(TypeError);
    expect(() => resumeStream({ resume: () => from([]), maxResumes: -1 })).toThrow(/maxResumes/);
    expect(() => resumeStream({ resume: () => from([]), minOverlapChars: 0 })).toThrow(/minOverlapChars/);
  });

  const words = fc.constantFrom('the', 'scarecrow', 'won', 'an', 'award', 'because', 'he', 'was', 'outstanding', 'in', 'his', 'field', '.', ',', '\u3002', '\u8349');
  const answer = fc.array(words, { minLength: 2, maxLength: 40 }).map((w) => w.join(' '));

  test.prop([answer, fc.nat(), fc.nat({ max: 30 }), fc.nat({ max: 6 })])(
    'joins any break point of any answer to the rest, restated or not, into the whole answer',
    (whole, cutAt, restated, pieces) => {
      const cut = 1 + (cutAt % (whole.length - 1));
      const shown = whole.slice(0, cut);
      const rest = whole.slice(cut);
      // The model restates the last `restated` characters (a restatement shorter than 8 is not dropped).
      const restatement = restated >= 8 && restated <= shown.length ? shown.slice(-restated) : '';
      // A rest that by chance begins by repeating the text shown is indistinguishable from a restatement.
      fc.pre(![...Array(Math.min(200, shown.length) + 1).keys()].some((k) => k >= 8 && shown.endsWith(rest.slice(0, k)) && rest.length >= k));
      const continuation = restatement + rest;
      const size = Math.max(1, Math.ceil(continuation.length / (pieces + 1)));
      const chunks: ChatEvent[] = [];
      for (let i = 0; i < continuation.length; i += size) chunks.push(text(continuation.slice(i, i + size)));
      const broken: Observable<ChatEvent> = concat(from([start('first'), text(shown)]), throwError(() => connectionReset(1)));
      let out = '';
      broken
        .pipe(resumeStream({ resume: () => from([start('second'), ...chunks, finish]) }))
        .subscribe((event) => {
          if (event.type === 'text') out += event.text;
        });
      expect(out).toBe(whole);
    },
  );
});
