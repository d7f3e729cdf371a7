import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../src/events.js';
import { toText } from '../src/toText.js';

const testScheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const events: Record<string, ChatEvent> = {
  s: { type: 'start', opcRequestId: 'req-1', model: 'm', format: 'GENERIC' },
  a: { type: 'text', text: 'Hel' },
  b: { type: 'text', text: 'lo' },
  r: { type: 'reasoning', text: 'hmm' },
  u: { type: 'usage', usage: { totalTokens: 9 } },
  f: { type: 'finish', reason: 'stop', rawReason: 'stop' },
};

describe('toText', () => {
  it('emits the text of text events only, in order, and completes with the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('s a r b f u |', events);
      expectObservable(source.pipe(toText())).toBe('- a - b - - |', { a: 'Hel', b: 'lo' });
      expectSubscriptions(source.subscriptions).toBe('^ - - - - - !');
    });
  });

  it('passes an error of the source through', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a b #', events, new Error('broken'));
      expectObservable(source.pipe(toText())).toBe('a b #', { a: 'Hel', b: 'lo' }, new Error('broken'));
    });
  });

  it('stops the source when unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a b a b |', events);
      expectObservable(source.pipe(toText()), '^ - !').toBe('a b', { a: 'Hel', b: 'lo' });
      expectSubscriptions(source.subscriptions).toBe('^ - !');
    });
  });
});
