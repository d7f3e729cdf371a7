/**
 * Child process: many concurrent streams through mergePrompts in one process: do they all
 * complete, what memory do they take, and how late does the event loop run.
 */
import type { ChatEvent } from '@oci-genai-rx/core';
import { mergePrompts } from '@oci-genai-rx/operators';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { childMain } from './childProcess.js';
import { benchModel } from './contenders/Contender.js';
import { createBenchClient } from './contenders/createBenchClient.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';

export interface ManyStreamsInput {
  readonly streams: number;
  /** Tokens per answer. */
  readonly tokens: number;
  readonly ttftMs: number;
  readonly tokenIntervalMs: number;
}

export interface ManyStreamsResult {
  readonly streams: number;
  readonly tokens: number;
  readonly completed: number;
  /** Streams that completed with exactly `tokens` text deltas and a finish event. */
  readonly whole: number;
  readonly failures: readonly string[];
  /** Most streams between their start and their end at one moment. */
  readonly peakConcurrent: number;
  readonly wallMs: number;
  readonly newConnections: number;
  readonly baselineRssMb: number;
  readonly baselineHeapMb: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** (peak − baseline) / streams, KiB. */
  readonly rssPerStreamKb: number;
  readonly heapPerStreamKb: number;
  /** Event-loop delay (`monitorEventLoopDelay`, 10 ms resolution), ms. */
  readonly loopDelayP50Ms: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}

const mb = (bytes: number): number => bytes / (1024 * 1024);

childMain<ManyStreamsInput, ManyStreamsResult>(async ({ streams, tokens, ttftMs, tokenIntervalMs }) => {
  const emulator = await startEmulatorProcess({ tokens, ttftMs, tokenIntervalMs });
  try {
    const client = createBenchClient(emulator, { maxConnections: streams + 24 });
    // Warm-up: load and compile the whole path once, so the baseline includes the code.
    for (let i = 0; i < 3; i += 1) {
      await new Promise<void>((resolve, reject) => client.chat({ model: benchModel, prompt: 'warm-up' }).subscribe({ error: reject, complete: resolve }));
    }
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 10);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const connectionsBefore = (await emulator.counters()).connectionsAccepted;

    const deltas = new Map<number, number>();
    const finished = new Set<number>();
    const failures: string[] = [];
    let completed = 0;
    let whole = 0;
    let running = 0;
    let peakConcurrent = 0;
    const prompts = Array.from({ length: streams }, (_, i) => `Question ${i}: tell me about rivers.`);
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      mergePrompts(prompts, (prompt) => client.chat({ model: benchModel, prompt }), { concurrency: streams }).subscribe({
        next: (item) => {
          if (item.type === 'event') {
            const event: ChatEvent = item.event;
            if (event.type === 'start') {
              running += 1;
              peakConcurrent = Math.max(peakConcurrent, running);
            }
            if (event.type === 'text') deltas.set(item.index, (deltas.get(item.index) ?? 0) + 1);
            if (event.type === 'finish') finished.add(item.index);
            return;
          }
          running -= 1;
          if (item.type === 'complete') {
            completed += 1;
            if (deltas.get(item.index) === tokens && finished.has(item.index)) whole += 1;
          } else if (failures.length < 10) {
            failures.push(`prompt ${item.index}: ${item.error instanceof Error ? `${item.error.name}: ${item.error.message}` : String(item.error)}`);
          }
        },
        error: reject,
        complete: resolve,
      });
    });
    const wallMs = performance.now() - start;
    clearInterval(sampler);
    delay.disable();
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    const newConnections = (await emulator.counters()).connectionsAccepted - connectionsBefore;
    await client.close();
    return {
      streams,
      tokens,
      completed,
      whole,
      failures,
      peakConcurrent,
      wallMs,
      newConnections,
      baselineRssMb: mb(baseline.rss),
      baselineHeapMb: mb(baseline.heapUsed),
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
      rssPerStreamKb: (peakRss - baseline.rss) / 1024 / streams,
      heapPerStreamKb: (peakHeap - baseline.heapUsed) / 1024 / streams,
      loopDelayP50Ms: delay.percentile(50) / 1e6,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
    };
  } finally {
    await emulator.close();
  }
});
