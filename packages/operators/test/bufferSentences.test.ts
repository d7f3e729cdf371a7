import { from, Subject, Subscription, type Observable, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { bufferSentences } from '../src/bufferSentences.js';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('bufferSentences', () => {
  it('holds back the trailing partial sentence and emits it when the source completes', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--b--|', { a: 'Hi. By', b: 'e now' });
      expectObservable(source.pipe(bufferSentences())).toBe('-x-----(y|)', { x: 'Hi. ', y: 'Bye now' });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('emits a sentence when the first non-space character after it arrives', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-b-c-|', { a: 'One.', b: ' ', c: 'Two' });
      expectObservable(source.pipe(bufferSentences())).toBe('-----x-(y|)', { x: 'One. ', y: 'Two' });
    });
  });

  it('emits the buffered partial text before passing an error on', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-#', { a: 'Done. Half', b: ' a sent' }, new Error('boom'));
      expectObservable(source.pipe(bufferSentences())).toBe('-x---(y#)', { x: 'Done. ', y: 'Half a sent' }, new Error('boom'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('passes an error on at once when nothing is buffered', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#', { a: 'Done. ' }).pipe(bufferSentences())).toBe('---(x#)', { x: 'Done. ' });
      expectObservable(cold('--#').pipe(bufferSentences())).toBe('--#');
    });
  });

  it('decides a period after a title with the next token and emits the sentence no later than that', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-b-c-|', { a: 'Hello Dr.', b: ' Smith. How', c: ' are you?' });
      expectObservable(source.pipe(bufferSentences())).toBe('---x---(y|)', { x: 'Hello Dr. Smith. ', y: 'How are you?' });
    });
  });

  it('decides whether "3." is a decimal with the next token', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-b-|', { a: 'It costs 3.', b: '50 now. Then' });
      expectObservable(source.pipe(bufferSentences())).toBe('---x-(y|)', { x: 'It costs 3.50 now. ', y: 'Then' });
    });
  });

  it('decides an abbreviation by the case of the word in the next token', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const upper = cold('-a-b-|', { a: 'He moved to the U.S.', b: ' Then' });
      expectObservable(upper.pipe(bufferSentences())).toBe('---x-(y|)', { x: 'He moved to the U.S. ', y: 'Then' });
      const lower = cold('-a-b-|', { a: 'We met at 5 p.m.', b: ' and' });
      expectObservable(lower.pipe(bufferSentences())).toBe('-----(y|)', { y: 'We met at 5 p.m. and' });
    });
  });

  it('flushes the buffered text after maxWaitMs without a boundary, in virtual time', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 5ms b 20ms |', { a: 'Al', b: 'pha' });
      expectObservable(source.pipe(bufferSentences({ maxWaitMs: 10 }))).toBe('10ms x 16ms |', { x: 'Alpha' });
      expectSubscriptions(source.subscriptions).toBe('^ 26ms !');
    });
  });

  it('restarts the maxWaitMs clock at each emitted sentence', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 5ms b 20ms |', { a: 'Alpha', b: ' done. Be' });
      expectObservable(source.pipe(bufferSentences({ maxWaitMs: 10 }))).toBe('6ms x 9ms y 10ms |', { x: 'Alpha done. ', y: 'Be' });
    });
  });

  it('flushes a sentence still waiting for its next character when maxWaitMs expires', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 20ms |', { a: 'One. ' });
      expectObservable(source.pipe(bufferSentences({ maxWaitMs: 10 }))).toBe('10ms x 10ms |', { x: 'One. ' });
    });
  });

  it('does not flush half a surrogate pair when maxWaitMs expires', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 20ms b|', { a: 'Hi \uD83D', b: '\uDE00!' });
      expectObservable(source.pipe(bufferSentences({ maxWaitMs: 10 }))).toBe('10ms x 11ms (y|)', { x: 'Hi ', y: '😀!' });
    });
  });

  it('does not flush a code fence still being received when maxWaitMs expires', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 20ms b 5ms |', { a: 'Code:\n```\nx = 1', b: '\n```\nOk' });
      expectObservable(source.pipe(bufferSentences({ maxWaitMs: 10 }))).toBe('x 20ms y 5ms (z|)', {
        x: 'Code:\n',
        y: '```\nx = 1\n```\n',
        z: 'Ok',
      });
    });
  });

  it('merges sentences shorter than minLength with the next one', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-----|', { a: 'Hi. Yo. This is longer. End' });
      expectObservable(source.pipe(bufferSentences({ minLength: 8 }))).toBe('-(xy)--(z|)', {
        x: 'Hi. Yo. ',
        y: 'This is longer. ',
        z: 'End',
      });
    });
  });

  it('splits a sentence longer than maxLength at a clause mark, else at whitespace', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-b-|', { a: 'one two three, four five six', b: ' seven eight nine' });
      expectObservable(source.pipe(bufferSentences({ maxLength: 20 }))).toBe('-x-y-(z|)', {
        x: 'one two three, ',
        y: 'four five six seven ',
        z: 'eight nine',
      });
    });
  });

  it('holds sentence ends inside an open quote, and emits them all with the token that settles the fourth', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-d-e-------|', { a: 'He said "Stop.', b: ' Go home.', c: ' It rained.', d: ' We slept.', e: ' Bye' });
      expectObservable(source.pipe(bufferSentences())).toBe('---------(wxyz)--(v|)', {
        w: 'He said "Stop. ',
        x: 'Go home. ',
        y: 'It rained. ',
        z: 'We slept. ',
        v: 'Bye',
      });
      expectSubscriptions(source.subscriptions).toBe('^----------------!');
    });
  });

  it('emits quoted speech of several sentences as one sentence once the quote closes', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-b-c-d-|', { a: '彼は「一。', b: '二。三。', c: '四。」と', d: '言った。次' });
      expectObservable(source.pipe(bufferSentences())).toBe('-------x-(y|)', { x: '彼は「一。二。三。四。」と言った。', y: '次' });
    });
  });

  it('sends a token that is not a string to the error callback as a TypeError naming it, after the buffered text', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<unknown>('-a-b-c-|', { a: 'Hi. Th', b: 1, c: 'ere.' });
      const error = new TypeError('bufferSentences: every token must be a string, got number 1. Map the source to text first (for core\'s events: toText()).');
      expectObservable((source as Observable<string>).pipe(bufferSentences())).toBe('-x-(y#)', { x: 'Hi. ', y: 'Th' }, error);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('errors on [1, 2, 3] and on [null, "Hi. There."] instead of emitting "" or throwing past the subscriber', () => {
    for (const tokens of [[1, 2, 3], [null, 'Hi. There.']]) {
      const values: string[] = [];
      let failure: unknown;
      from(tokens as unknown as string[]).pipe(bufferSentences()).subscribe({ next: (v) => values.push(v), error: (e: unknown) => (failure = e) });
      expect(values).toEqual([]);
      expect(failure).toBeInstanceOf(TypeError);
      expect(String((failure as Error).message)).toContain(tokens[0] === null ? 'got null' : 'got number 1');
    }
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-d-|', { a: 'One. ', b: 'Two. ', c: 'Thr', d: 'ee.' });
      expectObservable(source.pipe(bufferSentences()), '^----!').toBe('---x-', { x: 'One. ' });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('cancels the maxWaitMs timer and stops the source when unsubscribed', () => {
    const timers: Subscription[] = [];
    const scheduler: SchedulerLike = {
      now: () => 0,
      schedule: () => {
        const timer = new Subscription();
        timers.push(timer);
        return timer;
      },
    };
    const source = new Subject<string>();
    const subscription = source.pipe(bufferSentences({ maxWaitMs: 100, scheduler })).subscribe();
    source.next('partial');
    expect(timers.map((timer) => timer.closed)).toEqual([false]);
    subscription.unsubscribe();
    expect(timers.map((timer) => timer.closed)).toEqual([true]);
    expect(source.observed).toBe(false);
  });

  it('produces the output shown in its doc comment, at the tokens it names', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const english = cold('-a-b-c-|', { a: 'Hello Dr. Sm', b: 'ith. How', c: ' are you?' });
      expectObservable(english.pipe(bufferSentences())).toBe('---x---(y|)', { x: 'Hello Dr. Smith. ', y: 'How are you?' });
      const japanese = cold('-a-b-c-|', { a: '今日は「晴れ。」と', b: '言った。明日', c: 'は雨？' });
      expectObservable(japanese.pipe(bufferSentences())).toBe('---x---(y|)', { x: '今日は「晴れ。」と言った。', y: '明日は雨？' });
      const unclosed = cold('-a-b-c-d-e-------|', { a: '彼は「一。', b: '二。', c: '三。', d: '四。', e: '五。' });
      expectObservable(unclosed.pipe(bufferSentences())).toBe('---------(wxyz)--(v|)', { w: '彼は「一。', x: '二。', y: '三。', z: '四。', v: '五。' });
    });
  });
});
