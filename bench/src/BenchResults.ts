import type { BatchScalingResult } from './batchScaling.js';
import type { BurstInstructionReport } from './burstInstructions.js';
import type { FirstTokenResult } from './firstToken.js';
import type { HedgeAndResumeResult } from './hedgeAndResume.js';
import type { InstructionCountReport } from './instructionCounts.js';
import type { Machine } from './machine.js';
import type { ManyStreamsResult } from './manyStreams.js';
import type { OperatorCostResult } from './measureOperators.js';
import type { SentenceQualityResult } from './sentenceQuality.js';
import type { ThroughputReport } from './throughput.js';

/** Everything one `pnpm bench` run measured. */
export interface BenchResults {
  readonly machine: Machine;
  readonly durationS: number;
  /** The long streams, as the emulator sends them fastest (about 16 KiB per write). */
  readonly throughput: ThroughputReport;
  /** A shorter stream with one event per socket write, as a paced live stream arrives. */
  readonly pacedThroughput: ThroughputReport;
  /** Steady-state instructions per token (valgrind) of the bare loop, core's events and the usual pipeline. */
  readonly instructions: InstructionCountReport;
  readonly operators: OperatorCostResult;
  readonly firstToken: FirstTokenResult;
  readonly manyStreams: ManyStreamsResult;
  /** Instructions per started stream (valgrind) of the burst, signed in slices and in one turn. */
  readonly burstInstructions: BurstInstructionReport;
  /** The batch runner across worker processes, and in local mode. */
  readonly batchScaling: BatchScalingResult;
  readonly hedgeAndResume: HedgeAndResumeResult;
  /** The pySBD golden rules: bufferSentences streamed, and Intl.Segmenter. */
  readonly sentenceQuality: SentenceQualityResult;
}
