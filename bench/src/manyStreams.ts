/**
 * Child process: many concurrent streams through mergePrompts in one process: do they all
 * complete, what memory do they take, and how late does the event loop run while they all start
 * at once. The burst runs with core's default signing (in slices across turns) and with the whole
 * burst signed in one turn (`signingSliceMs: Infinity`, core's signing before slices), in
 * alternating rounds, a fresh client each, so the two compare within one run, after a burst
 * in each mode that warms the process up.
 */
import { childMain } from './childProcess.js';
import type { BurstFigures } from './measureBurst.js';
import { measureBurst } from './measureBurst.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
import { warmBurstClient } from './warmBurstClient.js';

export interface ManyStreamsInput {
  readonly streams: number;
  /** Tokens per answer. */
  readonly tokens: number;
  readonly ttftMs: number;
  readonly tokenIntervalMs: number;
  /** Rounds of the burst in each signing mode; default 3. */
  readonly rounds?: number;
}

/** The first burst with default signing (its memory and connections), and every round of both modes. */
export interface ManyStreamsResult extends BurstFigures {
  readonly streams: number;
  readonly tokens: number;
  readonly newConnections: number;
  readonly baselineRssMb: number;
  readonly baselineHeapMb: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** (peak − baseline) / streams, KiB. */
  readonly rssPerStreamKb: number;
  readonly heapPerStreamKb: number;
  /**
   * Each round's burst signed in slices (core's default) and signed in one turn
   * (`signingSliceMs: Infinity`); `startOnly` is the same burst with one-token answers, the cost
   * of starting a stream (signing, connecting) without its tokens.
   */
  readonly burst: BurstModes & { readonly startOnly: BurstModes };
}

/** One figure per round in each signing mode. */
export interface BurstModes {
  readonly sliced: readonly BurstFigures[];
  readonly unsliced: readonly BurstFigures[];
}

const mb = (bytes: number): number => bytes / (1024 * 1024);

childMain<ManyStreamsInput, ManyStreamsResult>(async ({ streams, tokens, ttftMs, tokenIntervalMs, rounds = 3 }) => {
  const emulator = await startEmulatorProcess({ tokens, ttftMs, tokenIntervalMs });
  try {
    const sliced: BurstFigures[] = [];
    const unsliced: BurstFigures[] = [];
    let first: Omit<ManyStreamsResult, 'burst'> | undefined;
    // One unmeasured burst in each mode first. The first burst of a process compiles the request
    // path and tiers up undici's HTTP parser (callgrind: about 1.3 M instructions a stream, and
    // in CPU time up to 1.9 ms a stream more than the next burst of the same mode), and it would
    // land on whichever mode went first: the sliced one, in round 0.
    for (const signingSliceMs of [undefined, Infinity]) {
      const client = await warmBurstClient(emulator, streams, signingSliceMs);
      await measureBurst(client, streams, tokens);
      await client.close();
    }
    for (let round = 0; round < rounds; round += 1) {
      // Alternate which mode goes first, so a drift of the machine favours neither.
      const modes = round % 2 === 0 ? ['sliced', 'unsliced'] as const : ['unsliced', 'sliced'] as const;
      for (const mode of modes) {
        const client = await warmBurstClient(emulator, streams, mode === 'sliced' ? undefined : Infinity);
        (globalThis as { gc?: () => void }).gc?.();
        const baseline = process.memoryUsage();
        let peakRss = baseline.rss;
        let peakHeap = baseline.heapUsed;
        const sampler = setInterval(() => {
          const usage = process.memoryUsage();
          peakRss = Math.max(peakRss, usage.rss);
          peakHeap = Math.max(peakHeap, usage.heapUsed);
        }, 10);
        const connectionsBefore = (await emulator.counters()).connectionsAccepted;
        const figures = await measureBurst(client, streams, tokens);
        clearInterval(sampler);
        const usage = process.memoryUsage();
        peakRss = Math.max(peakRss, usage.rss);
        peakHeap = Math.max(peakHeap, usage.heapUsed);
        const newConnections = (await emulator.counters()).connectionsAccepted - connectionsBefore;
        await client.close();
        (mode === 'sliced' ? sliced : unsliced).push(figures);
        if (mode === 'sliced' && first === undefined) {
          first = {
            ...figures,
            streams,
            tokens,
            newConnections,
            baselineRssMb: mb(baseline.rss),
            baselineHeapMb: mb(baseline.heapUsed),
            peakRssMb: mb(peakRss),
            peakHeapMb: mb(peakHeap),
            rssPerStreamKb: (peakRss - baseline.rss) / 1024 / streams,
            heapPerStreamKb: (peakHeap - baseline.heapUsed) / 1024 / streams,
          };
        }
      }
    }
    if (first === undefined) throw new Error('rounds must be at least 1');
    const startOnly = { sliced: [] as BurstFigures[], unsliced: [] as BurstFigures[] };
    for (let round = 0; round < rounds; round += 1) {
      for (const mode of round % 2 === 0 ? ['sliced', 'unsliced'] as const : ['unsliced', 'sliced'] as const) {
        const client = await warmBurstClient(emulator, streams, mode === 'sliced' ? undefined : Infinity);
        startOnly[mode].push(await measureBurst(client, streams, 1, 1));
        await client.close();
      }
    }
    return { ...first, burst: { sliced, unsliced, startOnly } };
  } finally {
    await emulator.close();
  }
});
