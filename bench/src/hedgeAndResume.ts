/**
 * Child process: hedged requests against a heavy-tailed first token, and resumed streams
 * against resets at random points, both against the emulator over loopback.
 *
 * Hedging: `requests` prompts at `concurrency`, through core alone and through core +
 * hedgeStream, against an emulator where a seeded `slowShare` of requests waits `slowMs` for
 * the first token instead of `ttftMs`. Resume: `resumes` streams, each reset after a random
 * number of text deltas, resumed once with `continueAnswer`; the text must equal the
 * uninterrupted answer.
 */
import { continueAnswer } from '@oci-genai-rx/core';
import type { ChatEvent, ChatRequest, OciGenAiClient } from '@oci-genai-rx/core';
import { hedgeStream, resumeStream } from '@oci-genai-rx/operators';
import type { HedgeEvent, ResumeEvent } from '@oci-genai-rx/operators';
import { defer, from, lastValueFrom, mergeMap, toArray } from 'rxjs';
import type { Observable, OperatorFunction } from 'rxjs';
import { childMain } from './childProcess.js';
import { benchModel } from './contenders/Contender.js';
import { createBenchClient } from './contenders/createBenchClient.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
import { quantile } from './stats.js';

export interface HedgeAndResumeInput {
  readonly requests: number;
  readonly concurrency: number;
  readonly ttftMs: number;
  readonly slowShare: number;
  readonly slowMs: number;
  readonly afterMs: number;
  readonly resumes: number;
  readonly answerTokens: number;
}

/** Time to first token of one way of sending, over all requests, in ms. */
export interface FirstTokenTail {
  readonly label: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Requests the emulator received beyond one per prompt, as a share of the prompts. */
  readonly extraRequests: number;
}

export interface HedgeAndResumeResult {
  readonly input: HedgeAndResumeInput;
  readonly hedging: readonly FirstTokenTail[];
  readonly resume: {
    readonly streams: number;
    /** Streams whose resumed text equals the uninterrupted answer. */
    readonly identical: number;
    readonly resumed: number;
    /** Prompt tokens billed for the continuations (the conversation re-sent, partial answer included). */
    readonly extraPromptTokens: number;
    /** Prompt tokens of the same prompts answered without a break. */
    readonly originalPromptTokens: number;
    readonly completionTokens: number;
  };
}

childMain<HedgeAndResumeInput, HedgeAndResumeResult>(async (input) => {
  const { requests, concurrency, ttftMs, slowShare, slowMs, afterMs, resumes, answerTokens } = input;
  const hedging: FirstTokenTail[] = [];
  {
    const emulator = await startEmulatorProcess({ tokens: 5, ttftMs, slowFirstToken: { share: slowShare, ms: slowMs, seed: 'bench' } });
    const client = createBenchClient(emulator, { maxConnections: concurrency * 2 + 4 });
    try {
      const ways: Array<[string, OperatorFunction<ChatEvent, ChatEvent | HedgeEvent>]> = [
        ['core alone', (source) => source],
        [`core + hedgeStream({ afterMs: ${afterMs} })`, hedgeStream({ afterMs })],
        // Created once, so that it learns the first-token times across the prompts.
        [`core + hedgeStream({ afterMs: 'p95' })`, hedgeStream({ afterMs: 'p95' })],
      ];
      for (const [label, operator] of ways) {
        const before = (await emulator.counters()).requests;
        const times = await firstTokenTimes(client, requests, concurrency, operator);
        const sent = (await emulator.counters()).requests - before;
        hedging.push({ label, p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), extraRequests: (sent - requests) / requests });
      }
    } finally {
      await client.close();
      await emulator.close();
    }
  }

  const emulator = await startEmulatorProcess({ tokens: answerTokens });
  const client = createBenchClient(emulator, { finishGraceMs: 100 });
  let identical = 0;
  let resumed = 0;
  let extraPromptTokens = 0;
  let originalPromptTokens = 0;
  let completionTokens = 0;
  try {
    for (let i = 0; i < resumes; i++) {
      const request: ChatRequest = { model: benchModel, prompt: `Question ${i}: what is a river?` };
      const uninterrupted = await lastValueFrom(client.chat(request).pipe(toArray()));
      const whole = textOf(uninterrupted);
      originalPromptTokens += promptTokensOf(uninterrupted);
      await emulator.setFault(`disconnect-after=${1 + ((i * 7919) % (answerTokens - 1))}`, 1);
      const events = await lastValueFrom(
        client.chat(request).pipe(resumeStream({ resume: (partial) => client.chat(continueAnswer(request, partial)) }), toArray()),
      );
      if (textOf(events) === whole) identical += 1;
      if (events.some((e) => e.type === 'resume')) resumed += 1;
      // The broken attempt never got to its usage event: the one here is the continuation's.
      extraPromptTokens += promptTokensOf(events);
      completionTokens += events.reduce((sum, e) => sum + (e.type === 'usage' ? (e.usage.completionTokens ?? 0) : 0), 0);
    }
  } finally {
    await client.close();
    await emulator.close();
  }
  return { input, hedging, resume: { streams: resumes, identical, resumed, extraPromptTokens, originalPromptTokens, completionTokens } };
});

const textOf = (events: ReadonlyArray<ChatEvent | ResumeEvent>): string => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
const promptTokensOf = (events: ReadonlyArray<ChatEvent | ResumeEvent>): number =>
  events.reduce((sum, e) => sum + (e.type === 'usage' ? (e.usage.promptTokens ?? 0) : 0), 0);

/** Each prompt's time from subscription to its first text token, `concurrency` at a time. */
function firstTokenTimes(
  client: OciGenAiClient,
  requests: number,
  concurrency: number,
  operator: OperatorFunction<ChatEvent, ChatEvent | HedgeEvent>,
): Promise<number[]> {
  const one = (i: number): Observable<number> =>
    defer(() => {
      const started = performance.now();
      let first = Number.NaN;
      return new Promise<number>((resolve, reject) => {
        client.chat({ model: benchModel, prompt: `Prompt ${i}` }).pipe(operator).subscribe({
          next: (event) => {
            if (Number.isNaN(first) && event.type === 'text') first = performance.now() - started;
          },
          error: reject,
          complete: () => resolve(first),
        });
      });
    });
  return lastValueFrom(from(Array.from({ length: requests }, (_, i) => i)).pipe(mergeMap(one, concurrency), toArray()));
}
