import type { ChatEvent, OciGenAiClient } from '@oci-genai-rx/core';
import { mergePrompts } from '@oci-genai-rx/operators';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { benchModel } from './contenders/Contender.js';

/** What one burst of streams, all subscribed at once through one client, did to the process. */
export interface BurstFigures {
  readonly completed: number;
  /** Streams that completed with exactly `tokens` text deltas and a finish event. */
  readonly whole: number;
  readonly failures: readonly string[];
  /** Most streams between their start and their end at one moment. */
  readonly peakConcurrent: number;
  readonly wallMs: number;
  /** CPU (user + system) of this process from the subscription of the burst to its last completion, per stream, ms. */
  readonly cpuMsPerStream: number;
  /** Event-loop delay over the same span (`monitorEventLoopDelay`, 10 ms resolution), ms. */
  readonly loopDelayP50Ms: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}

/**
 * Subscribes `streams` prompts at once (mergePrompts with concurrency `streams`, so every
 * stream starts in the same turn) through `client` and waits for all of them to end. Each
 * answer has `tokens` tokens; with `maxTokens`, that many (the emulator stops there).
 *
 * @example
 * ```ts
 * const figures = await measureBurst(client, 1000, 20);
 * figures.loopDelayP99Ms; // 12.3
 * ```
 */
export async function measureBurst(client: OciGenAiClient, streams: number, tokens: number, maxTokens?: number): Promise<BurstFigures> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const deltas = new Map<number, number>();
  const finished = new Set<number>();
  const failures: string[] = [];
  let completed = 0;
  let whole = 0;
  let running = 0;
  let peakConcurrent = 0;
  const prompts = Array.from({ length: streams }, (_, i) => `Question ${i}: tell me about rivers.`);
  delay.enable();
  // The histogram records the gap between two of its timer's ticks, so it sees nothing until it
  // has ticked once: a stall in the very turn it is enabled in would go unrecorded.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    mergePrompts(prompts, (prompt) => client.chat({ model: benchModel, prompt, ...(maxTokens === undefined ? {} : { maxTokens }) }), { concurrency: streams }).subscribe({
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
  const cpu = process.cpuUsage(cpuBefore);
  delay.disable();
  return {
    completed,
    whole,
    failures,
    peakConcurrent,
    wallMs,
    cpuMsPerStream: (cpu.user + cpu.system) / 1000 / streams,
    loopDelayP50Ms: delay.percentile(50) / 1e6,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    loopDelayMaxMs: delay.max / 1e6,
  };
}
