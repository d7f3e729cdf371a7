import { describe, expect, it } from 'vitest';
import { answerText, isToken, tokenText } from '../../src/internal/tokens.js';

describe('tokens', () => {
  it('counts strings and text, reasoning and tool-call events as tokens', () => {
    expect(isToken('hi')).toBe(true);
    expect(isToken('')).toBe(true);
    expect(isToken({ type: 'text', text: 'a' })).toBe(true);
    expect(isToken({ type: 'reasoning', text: 'a' })).toBe(true);
    expect(isToken({ type: 'tool-call', toolCall: { name: 'f', arguments: '{}' } })).toBe(true);
  });

  it('treats start, finish, usage and anything else as metadata', () => {
    for (const value of [{ type: 'start' }, { type: 'finish' }, { type: 'usage' }, null, undefined, 42, {}]) {
      expect(isToken(value)).toBe(false);
    }
  });

  it('gives the text a token carries, and the name and arguments of a tool call', () => {
    expect(tokenText('abc')).toBe('abc');
    expect(tokenText({ type: 'reasoning', text: 'why' })).toBe('why');
    expect(tokenText({ type: 'tool-call', toolCall: { name: 'sqrt', arguments: '{"x":4}' } })).toBe('sqrt{"x":4}');
    expect(tokenText({ type: 'usage', usage: {} })).toBe('');
  });

  it("gives only the answer's text as answer text", () => {
    expect(answerText('abc')).toBe('abc');
    expect(answerText({ type: 'text', text: 'yes' })).toBe('yes');
    expect(answerText({ type: 'reasoning', text: 'why' })).toBe('');
  });
});
