import { describe, expect, it } from 'vitest';
import { isChatEvent } from '../src/index.js';

describe('isChatEvent', () => {
  it('recognises every event type', () => {
    for (const type of ['start', 'text', 'reasoning', 'tool-call', 'finish', 'usage']) expect(isChatEvent({ type })).toBe(true);
  });

  it('refuses strings, null, objects without a type, unknown types and inherited names', () => {
    for (const value of ['text', null, undefined, 42, {}, { type: 'complete' }, { type: 3 }, { type: 'toString' }, { type: 'constructor' }]) {
      expect(isChatEvent(value)).toBe(false);
    }
  });
});
