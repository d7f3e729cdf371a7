import { describe, expect, it } from 'vitest';
import { answerTokens } from '../src/internal/answers/answerTokens.js';
import type { RequestSettings } from '../src/internal/server/Exchange.js';
import { planAnswer, type AnswerRequest } from '../src/internal/answers/planAnswer.js';

const settings: RequestSettings = { ttftMs: 0, tokenIntervalMs: 0, tokens: 40, language: undefined, defaultLanguage: 'en' };
const ask = (text: string, extra: Partial<AnswerRequest> = {}): AnswerRequest => ({
  modelId: 'meta.llama-3.3-70b-instruct',
  conversation: [{ role: 'USER', text }],
  maxTokens: undefined,
  reasoning: false,
  ...extra,
});

describe('planAnswer', () => {
  it('gives the same text for the same request', () => {
    expect(planAnswer(ask('What is a river?'), settings).text()).toBe(planAnswer(ask('What is a river?'), settings).text());
  });

  it('gives different texts for different prompts and different models', () => {
    const base = planAnswer(ask('What is a river?'), settings).text();
    expect(planAnswer(ask('What is a lake?'), settings).text()).not.toBe(base);
    expect(planAnswer(ask('What is a river?', { modelId: 'xai.grok-4' }), settings).text()).not.toBe(base);
  });

  it('sends exactly `tokens` tokens, the first without a leading space, the last closing a sentence', () => {
    for (const tokens of [1, 2, 7, 40, 333]) {
      const list = [...planAnswer(ask('Hello'), { ...settings, tokens }).tokens()];
      expect(list).toHaveLength(tokens);
      expect(list[0]?.startsWith(' ')).toBe(false);
      expect(list.at(-1)).toMatch(/[.!?]$/);
    }
  });

  it('reads like English: several sentences with spaces and punctuation', () => {
    const text = planAnswer(ask('Explain streams.'), { ...settings, tokens: 200 }).text();
    expect(text.split(/[.!?](?=\s|$)/).length).toBeGreaterThan(5);
    expect(text).toMatch(/^[A-Z]/);
    expect(text).toMatch(/\w+ \w+/);
  });

  it('now and then says "Dr." or a decimal number, the hard cases for sentence splitting', () => {
    const text = planAnswer(ask('Tell me everything.'), { ...settings, tokens: 5000 }).text();
    expect(text).toMatch(/ Dr\. [A-Z]/);
    expect(text).toMatch(/ \d+\.\d+/);
  });

  it('is cut by maxTokens to a prefix of the full answer, finishing with length', () => {
    const full = planAnswer(ask('Hello'), settings);
    const cut = planAnswer(ask('Hello', { maxTokens: 10 }), settings);
    expect(full.finish).toBe('stop');
    expect(cut.finish).toBe('length');
    expect(cut.tokenCount).toBe(10);
    expect(full.text().startsWith(cut.text())).toBe(true);
  });

  it('answers "Tell me a joke." with the seed article joke, in any case', () => {
    for (const prompt of ['Tell me a joke.', 'tell me a joke', 'TELL ME A JOKE.']) {
      const text = planAnswer(ask(prompt), settings).text();
      expect(text.startsWith('Why was the computer cold?\n\nBecause it left its Windows open.')).toBe(true);
    }
  });

  it('finds the joke request inside a message list', () => {
    const conversation = [
      { role: 'SYSTEM', text: 'You are funny.' },
      { role: 'USER', text: 'Tell me a joke.' },
    ];
    expect(planAnswer(ask('', { conversation }), settings).text()).toMatch(/^Why was the computer cold\?/);
  });

  it('answers in Japanese when the prompt holds Japanese, with 1-3 character tokens and Japanese punctuation', () => {
    const answer = planAnswer(ask('ストリーミングについて教えてください'), { ...settings, tokens: 300 });
    const tokens = [...answer.tokens()];
    expect(answer.language).toBe('ja');
    expect(tokens.every((token) => [...token].length >= 1 && [...token].length <= 3)).toBe(true);
    const text = tokens.join('');
    expect(text).toMatch(/。/);
    expect(text).toMatch(/、/);
    expect(text).toMatch(/[「」]/);
    expect(text).not.toMatch(/ /);
  });

  it('answers in Japanese when the request forces it, and in English when forced so', () => {
    expect(planAnswer(ask('Hello'), { ...settings, language: 'ja' }).language).toBe('ja');
    expect(planAnswer(ask('こんにちは'), { ...settings, language: 'en' }).language).toBe('en');
    expect(planAnswer(ask('Hello'), { ...settings, defaultLanguage: 'ja' }).language).toBe('ja');
  });

  it('tells a Japanese joke when asked for one in Japanese', () => {
    expect(planAnswer(ask('冗談を言って'), settings).text()).toMatch(/^「布団が吹っ飛んだ！」|^アルミ缶/);
  });

  it('sends reasoning tokens first for reasoning models, counted in completion tokens', () => {
    const answer = planAnswer(ask('Why?', { reasoning: true }), settings);
    expect(answer.reasoningCount).toBe(12);
    expect(answer.reasoningText()).toMatch(/^Let me think this through\./);
    expect(answer.completionTokens).toBe(52);
  });

  it('makes a 100,000-token answer lazily and fast', () => {
    let count = 0;
    for (const _ of answerTokens({ seed: 'big', language: 'en', length: 100_000 })) count += 1;
    expect(count).toBe(100_000);
  });
});

describe('planAnswer with no length asked for (the emulator\'s own reply)', () => {
  const natural: RequestSettings = { ...settings, tokens: undefined };
  const reply = (text: string, extra: Partial<AnswerRequest> = {}) => planAnswer(ask(text, extra), natural);

  it('answers "Tell me a joke." with the joke alone, finishing with stop', () => {
    const answer = reply('Tell me a joke.');
    expect(answer.text()).toBe('Why was the computer cold?\n\nBecause it left its Windows open.');
    expect(answer.finish).toBe('stop');
    expect(answer.tokenCount).toBe(15);
  });

  it('answers anything else in a few whole sentences that quote the question, with no generated filler', () => {
    const text = reply('What is a river?').text();
    expect(text).toMatch(/^You asked about “What is a river”\. I am the oci-genai-rx emulator/);
    expect(text.split(/(?<=[.!?])\s/)).toHaveLength(4);
    expect(text).toMatch(/token by token\.$/);
    expect(text).not.toMatch(/quiet|lantern|Dr\. /);
  });

  it('answers in Japanese when asked in Japanese: a joke, or sentences that end with 。', () => {
    expect(reply('冗談を言って。').text()).toMatch(/^「布団が吹っ飛んだ！」/);
    const seasons = reply('日本の四季について話してください。').text();
    expect(seasons).toMatch(/^日本には四つの季節があります。/);
    expect(seasons.split('。').filter((sentence) => sentence !== '')).toHaveLength(4);
  });

  it('answers a request for code with a fenced Markdown code block', () => {
    expect(reply('Show me some code.').text()).toMatch(/\n```ts\nconst answer = client\.chat\(.*\n```\n/s);
  });

  it('repeats the text after "Repeat after me:" exactly, HTML and all', () => {
    const text = 'A <img src=x onerror=alert(1)> and <script>alert(2)</script>, **bold**.';
    expect(reply(`Repeat after me: ${text}`).text()).toBe(text);
  });

  it('is cut by maxTokens with finish length, as a prefix of the same reply', () => {
    const whole = reply('What is a river?');
    const cut = reply('What is a river?', { maxTokens: 5 });
    expect(cut.finish).toBe('length');
    expect(cut.tokenCount).toBe(5);
    expect(whole.text().startsWith(cut.text())).toBe(true);
  });

  it('keeps the leading space generateText continues with, and none for chat', () => {
    expect(reply('What is a river?', { leadingSpace: true }).text()).toMatch(/^ You asked/);
    expect(reply('Hello').text()).toMatch(/^Hello! I am/);
  });

  it('thinks in one whole thought on reasoning models', () => {
    expect(reply('What is a river?', { reasoning: true }).reasoningText()).toBe('Let me think this through. A short answer will do.');
  });
});
