/**
 * Soak: thousands of streams through mergePrompts with random faults and random unsubscribes.
 * Every stream ends exactly once, in its whole answer, a prefix of it, or a typed error; the
 * emulator ends with no stream and no connection; the heap ends where it was after warm-up.
 *
 * CI runs SOAK_STREAMS=2000 (default) within SOAK_SECONDS=60; run longer locally with e.g.
 * `SOAK_STREAMS=50000 SOAK_SECONDS=600 pnpm --filter @oci-genai-rx/bench exec vitest run reliability/soak.test.ts`.
 * The heap check needs `global.gc` (bench/vitest.config.ts passes --expose-gc); without it the
 * heap is still reported but not asserted.
 */
import type { ChatEvent } from '@oci-genai-rx/core';
import { OciGenAiError } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { mergePrompts, retryStream, streamTimeout } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import { take, takeUntil, timer } from 'rxjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wireFormats } from './support/formats.js';
import { clientFor, eventually, settle, textOf } from './support/harness.js';
import { failOnUnhandledRejections } from './support/unhandledRejections.js';

failOnUnhandledRejections();

const streams = Number(process.env['SOAK_STREAMS'] ?? 2000);
const budgetMs = Number(process.env['SOAK_SECONDS'] ?? 60) * 1000;
const warmupStreams = Math.min(300, Math.ceil(streams / 5));
/** Heap growth allowed between the end of warm-up and the end of the soak (both after a full GC). */
const heapMarginBytes = 8 * 1024 * 1024;

const prompts = ['Tell me about rivers.', 'Explain streams.', '川について教えてください。'];
/** Faults and how often (weight); '' is a clean request. */
const faults: ReadonlyArray<readonly [string, number]> = [
  ['', 30],
  ['chunk-bytes=5;split-utf8', 5],
  ['line-ending=crlf;events-per-write=2', 5],
  ['line-ending=cr;no-final-newline', 5],
  ['keepalive=1;token-interval-ms=2', 3],
  ['linger', 5],
  ['done=off', 3],
  ['status=429', 4],
  ['status=503;non-json-error', 3],
  ['status=400', 2],
  ['redirect', 2],
  ['disconnect-after=0', 4],
  ['disconnect-after=3', 4],
  ['garbage-after=2', 4],
  ['stall-after=3', 2],
  ['tokens=2', 3],
];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 8 });
});
afterAll(() => emulator.close());

/** A small seeded random source, so a failing soak can be replayed with SOAK_SEED. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Plan {
  readonly format: (typeof wireFormats)[number];
  readonly prompt: string;
  readonly fault: string;
  /** Unsubscribe after this many values, or after this many ms, or never. */
  readonly cut: { readonly afterValues: number } | { readonly afterMs: number } | undefined;
}

it(`${streams} streams with random faults and unsubscribes end cleanly`, { timeout: budgetMs + 120_000 }, async () => {
  const seed = Number(process.env['SOAK_SEED'] ?? Date.now() % 100_000);
  const random = seeded(seed);
  const totalWeight = faults.reduce((sum, [, weight]) => sum + weight, 0);
  const pickFault = (): string => {
    let roll = random() * totalWeight;
    for (const [fault, weight] of faults) if ((roll -= weight) < 0) return fault;
    return '';
  };
  const plan = (): Plan => ({
    format: wireFormats[Math.floor(random() * wireFormats.length)]!,
    prompt: prompts[Math.floor(random() * prompts.length)]!,
    fault: pickFault(),
    cut: random() < 0.15 ? (random() < 0.5 ? { afterValues: 1 + Math.floor(random() * 8) } : { afterMs: Math.floor(random() * 30) }) : undefined,
  });

  const clients = new Map(wireFormats.map((format) => [format, clientFor(emulator, { maxConnections: 64, finishGraceMs: 50, ...format.clientOptions?.(emulator) })]));
  const clientOf = (format: (typeof wireFormats)[number]) => clients.get(format)!;
  const clean = new Map<string, string>();
  for (const format of wireFormats) {
    for (const prompt of prompts) {
      const run = await settle(format.ask(clientOf(format), prompt));
      expect(run.error).toBeUndefined();
      clean.set(`${format.name}|${prompt}`, textOf(run.values));
    }
  }

  const problems: string[] = [];
  const outcomes = { whole: 0, cut: 0, error: 0 };
  const started = Date.now();
  /** One stream through the default operators, maybe cut short by its subscriber. */
  const run = (p: Plan): Observable<ChatEvent> => {
    let stream = p.format.ask(clientOf(p.format), p.prompt, p.fault === '' ? {} : { 'x-emulator-fault': p.fault }).pipe(
      streamTimeout({ firstTokenMs: 5_000, idleMs: 250 }),
      retryStream({ count: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 }),
    );
    if (p.cut !== undefined) stream = 'afterValues' in p.cut ? stream.pipe(take(p.cut.afterValues)) : stream.pipe(takeUntil(timer(p.cut.afterMs)));
    return stream;
  };
  /** Checks how one stream ended against its clean answer. */
  const record = (p: Plan, values: readonly ChatEvent[], error: unknown, completed: boolean): void => {
    const reference = clean.get(`${p.format.name}|${p.prompt}`) ?? '';
    const text = textOf(values);
    const label = `${p.format.name} "${p.prompt}" fault="${p.fault}" cut=${JSON.stringify(p.cut)}`;
    if (!reference.startsWith(text) && !p.fault.startsWith('tokens=')) problems.push(`${label}: text is not a prefix of the answer: ${JSON.stringify(text.slice(0, 80))}`);
    if (error !== undefined) {
      outcomes.error += 1;
      if (!(error instanceof OciGenAiError)) problems.push(`${label}: untyped error ${error instanceof Error ? error.message : JSON.stringify(error)}`);
    } else if (completed && p.cut === undefined) {
      outcomes.whole += 1;
      if (text !== reference && !p.fault.startsWith('tokens=')) problems.push(`${label}: completed with a partial answer (${text.length}/${reference.length} chars)`);
    } else {
      outcomes.cut += 1;
    }
  };

  /** Runs `count` planned streams through mergePrompts and records each one's end. */
  const soak = (count: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const plans: Plan[] = [];
      const values = new Map<number, ChatEvent[]>();
      const ends = new Map<number, number>();
      const indices = {
        *[Symbol.iterator]() {
          for (let i = 0; i < count && Date.now() - started < budgetMs; i += 1) {
            plans.push(plan());
            yield i;
          }
        },
      };
      mergePrompts(indices, (i) => run(plans[i]!), { concurrency: 32 }).subscribe({
        next: (item) => {
          const p = plans[item.index]!;
          if (item.type === 'event') {
            (values.get(item.index) ?? values.set(item.index, []).get(item.index)!).push(item.event);
            return;
          }
          ends.set(item.index, (ends.get(item.index) ?? 0) + 1);
          record(p, values.get(item.index) ?? [], item.type === 'error' ? item.error : undefined, item.type === 'complete');
          values.delete(item.index);
        },
        error: reject,
        complete: () => {
          const twice = [...ends.entries()].filter(([, n]) => n !== 1);
          if (twice.length > 0) problems.push(`streams that ended more than once: ${twice.map(([i]) => i).join(', ')}`);
          if (ends.size !== plans.length) problems.push(`${plans.length - ends.size} streams never ended`);
          resolve(plans.length);
        },
      });
    });

  const gc = (globalThis as { gc?: () => void }).gc;
  await soak(warmupStreams);
  await eventually(() => emulator.counters.activeStreams === 0, 'no stream left after warm-up');
  gc?.();
  gc?.();
  const heapAfterWarmup = process.memoryUsage().heapUsed;
  const ran = await soak(streams - warmupStreams);
  await eventually(() => emulator.counters.activeStreams === 0, `emulator activeStreams back to 0 (is ${emulator.counters.activeStreams})`);
  gc?.();
  gc?.();
  const heapAtEnd = process.memoryUsage().heapUsed;
  for (const client of clients.values()) await client.close();
  await eventually(() => emulator.counters.openConnections === 0, `emulator openConnections back to 0 (is ${emulator.counters.openConnections})`);

  const summary = `seed ${seed}: ${warmupStreams + ran} streams in ${Date.now() - started} ms (${outcomes.whole} whole, ${outcomes.cut} cut by the subscriber, ${outcomes.error} typed errors); heap after warm-up ${(heapAfterWarmup / 2 ** 20).toFixed(1)} MB, at the end ${(heapAtEnd / 2 ** 20).toFixed(1)} MB${gc === undefined ? ' (no global.gc: not asserted)' : ''}`;
  console.info(summary);
  expect(problems, summary).toEqual([]);
  expect(warmupStreams + ran, 'the time budget must leave room for most streams').toBeGreaterThanOrEqual(Math.min(streams, 1000));
  expect(outcomes.whole).toBeGreaterThan(0);
  expect(outcomes.error).toBeGreaterThan(0);
  if (gc !== undefined) expect(heapAtEnd - heapAfterWarmup, summary).toBeLessThan(heapMarginBytes);
});
