import { describe, expect, it } from 'vitest';
import { planToolCall } from '../src/internal/answers/planToolCall.js';

const tools = [
  { name: 'getWeather', parameters: [['city', 'string']] as const },
  { name: 'sqrt', parameters: [['x', 'number']] as const },
];
const plan = (lastUserText: string, toolResults: number) => planToolCall({ tools, choice: 'auto', lastUserText, toolResults, seed: 's' });

describe('planToolCall', () => {
  it('calls the named tools one per step, in the order the message names them, then answers in text', () => {
    const text = 'Take the sqrt of 16, then getWeather for the result.';
    expect(plan(text, 0)).toMatchObject({ name: 'sqrt', parameters: { x: 16 }, alongside: [] });
    expect(plan(text, 1)).toMatchObject({ name: 'getWeather', alongside: [] });
    expect(plan(text, 2)).toBeUndefined();
  });

  it('calls every named tool at once when the message asks for them in parallel, with distinct ids', () => {
    const first = plan('getWeather and sqrt in parallel, please', 0);
    expect(first).toMatchObject({ name: 'getWeather', alongside: [{ name: 'sqrt', arguments: '{"x":16}' }] });
    expect(first?.alongside[0]?.id).not.toBe(first?.id);
    expect(plan('getWeather and sqrt in parallel, please', 2)).toBeUndefined();
  });

  it('gives the same calls for the same request', () => {
    expect(plan('sqrt of 16?', 0)).toEqual(plan('sqrt of 16?', 0));
  });

  it('calls the first tool once when the message only says "tool"', () => {
    expect(plan('Use a tool.', 0)).toMatchObject({ name: 'getWeather' });
    expect(plan('Use a tool.', 1)).toBeUndefined();
  });
});
