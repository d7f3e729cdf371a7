import { collectText, continueAnswer } from '@oci-genai-rx/core';
import type { ApiFormat, ChatEvent, ChatRequest } from '@oci-genai-rx/core';
import { fc, test } from '@fast-check/vitest';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeStream } from '../src/resumeStream.js';
import type { ResumeEvent } from '../src/resumeStream.js';
import { startEmulatorClient } from './support/emulatorClient.js';
import type { EmulatorClient } from './support/emulatorClient.js';

const TOKENS = 30;
let harness: EmulatorClient;
beforeAll(async () => {
  harness = await startEmulatorClient({ tokens: TOKENS });
});
afterAll(() => harness.close());

const models: Record<ApiFormat, string> = {
  GENERIC: 'meta.llama-3.3-70b-instruct',
  COHERE: 'cohere.command-r-plus-08-2024',
  COHEREV2: 'cohere.command-a-03-2025',
};

/** The answer, broken after `breakAfter` text deltas on the first request, resumed once. */
async function resumed(request: ChatRequest, breakAfter: number): Promise<Array<ChatEvent | ResumeEvent>> {
  const { client, emulator } = harness;
  emulator.setFault(`disconnect-after=${breakAfter}`, { times: 1 });
  const stream = client.chat(request).pipe(resumeStream({ resume: (partial) => client.chat(continueAnswer(request, partial)) }));
  return lastValueFrom(stream.pipe(toArray()));
}

const textOf = (events: ReadonlyArray<ChatEvent | ResumeEvent>): string => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');

describe('resumeStream against the emulator', () => {
  for (const format of ['GENERIC', 'COHERE', 'COHEREV2'] as const) {
    it(`${format}: a stream reset midway resumes into exactly the uninterrupted answer`, async () => {
      const request: ChatRequest = { model: models[format], prompt: 'What is a river?' };
      const whole = await firstValueFrom(harness.client.chat(request).pipe(collectText()));
      const events = await resumed(request, 11);
      expect(textOf(events)).toBe(whole);
      const resume = events.find((e): e is ResumeEvent => e.type === 'resume');
      expect(resume).toMatchObject({ attempt: 1, resumedAfterChars: textOf(events.slice(0, events.indexOf(resume as ResumeEvent))).length });
      expect(events.filter((e) => e.type === 'finish')).toHaveLength(1);
    });
  }

  test.prop([fc.integer({ min: 1, max: TOKENS - 1 }), fc.constantFrom<ApiFormat>('GENERIC', 'COHERE', 'COHEREV2'), fc.constantFrom('Tell me a joke.', 'Why is the sky blue?', '川について教えて。')], { numRuns: 15 })(
    'for any reset point, the resumed text equals the uninterrupted answer',
    async (breakAfter, format, prompt) => {
      const request: ChatRequest = { model: models[format], prompt };
      const whole = await firstValueFrom(harness.client.chat(request).pipe(collectText()));
      expect(textOf(await resumed(request, breakAfter))).toBe(whole);
    },
  );

  it('bills the resent conversation: the continuation\u2019s prompt tokens include the partial answer', async () => {
    const request: ChatRequest = { model: models.GENERIC, prompt: 'What is a river?' };
    const plain = await lastValueFrom(harness.client.chat(request).pipe(toArray()));
    const events = await resumed(request, 15);
    const promptTokens = (list: ReadonlyArray<ChatEvent | ResumeEvent>) => list.flatMap((e) => (e.type === 'usage' ? [e.usage.promptTokens ?? 0] : []));
    const [original = 0] = promptTokens(plain);
    const [continuation = 0] = promptTokens(events);
    expect(continuation).toBeGreaterThan(original);
  });
});
