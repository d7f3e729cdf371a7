/**
 * The batch runner: JSONL prompts in, one JSONL result per prompt out, appended as each prompt
 * ends, so that a crash or Ctrl-C loses nothing and a re-run resumes where it stopped.
 *
 *     pnpm batch -- --input examples/batch/prompts.sample.jsonl --output results.jsonl
 *
 * See README.md for the formats and every flag.
 */
import { basename } from 'node:path';
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import { connect } from '../common/connect.js';
import { runMain } from '../common/runMain.js';
import { UsageError } from '../common/UsageError.js';
import { batchHelp, parseBatchFlags } from './batchFlags.js';
import { BatchStats } from './BatchStats.js';
import { batchSummary, summaryLine } from './BatchSummary.js';
import { compactResults } from './compactResults.js';
import { planBatch } from './planBatch.js';
import { startProgress } from './progress/startProgress.js';
import { PromptFileError, readPrompts } from './readPrompts.js';
import { readResults } from './readResults.js';
import { openResultFile } from './ResultFile.js';
import type { BatchSettings } from './runBatch.js';
import { runBatch } from './runBatch.js';
import type { RunEnd } from './writeResults.js';
import { writeResults } from './writeResults.js';

/** The embedded emulator's pace: quick, yet slow enough to watch the progress bar move. */
const EMULATOR_PACE: EmulatorOptions = { tokens: 60, tokenIntervalMs: 10 };

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(argv: readonly string[]): Promise<number> {
  const flags = parseBatchFlags(argv);
  if (flags.help) {
    process.stdout.write(`${batchHelp}\n`);
    return 0;
  }
  const prompts = await readPrompts(flags.input).catch((error: unknown) => {
    throw error instanceof PromptFileError || isMissingFile(error) ? new UsageError(error instanceof Error ? error.message : String(error)) : error;
  });
  const onDisk = await readResults(flags.output);
  if (onDisk.malformed > 0) log(`warning: ${onDisk.malformed} line(s) of ${flags.output} are not results; they are kept and ignored.`);
  const plan = planBatch(prompts, onDisk.statusById, flags.retryFailed);

  const connection = await connect(flags.connection, { emulator: EMULATOR_PACE });
  try {
    log(
      `${prompts.length} prompts in ${flags.input}: running ${plan.toRun.length}, ` +
        `skipping ${plan.skippedOk + plan.skippedFailed} already in ${flags.output}; ${connection.model} at ${connection.description}`,
    );
    const stats = new BatchStats(plan.toRun.length, flags.concurrency);
    const file = openResultFile(flags.output, onDisk.endsWithNewline);
    const progress = plan.toRun.length === 0 ? undefined : startProgress(stats, flags.progressIntervalMs);
    let end: RunEnd;
    try {
      const settings: BatchSettings = {
        ...flags,
        client: connection.client,
        model: connection.model,
        // On a terminal the bar shows the limit; in a log, each change gets its own line.
        ...(!process.stderr.isTTY && { onLimitChange: (limit: number) => log(`concurrency limit now ${limit} (halved on 429, +1 per success)`) }),
      };
      end = await writeResults(runBatch(plan.toRun, settings, stats), file);
    } finally {
      progress?.stop();
      file.close();
    }

    // Re-run ids got a newer line that wins; drop the older ones so each id appears once.
    const rerun = plan.toRun.filter((prompt) => onDisk.statusById.has(prompt.id)).length;
    if (onDisk.superseded + rerun > 0) {
      const dropped = await compactResults(flags.output);
      if (dropped > 0) log(`compacted ${flags.output}: dropped ${dropped} superseded line(s)`);
    }
    const summary = batchSummary(prompts.length, plan, stats);
    process.stdout.write(`${summaryLine(summary, basename(flags.output))}\n`);
    if (end === 'interrupted') return 130;
    if (summary.failed + summary.skippedFailed > 0) {
      log(`some prompts failed: see the "error" lines in ${flags.output}, and run again with --retry-failed`);
      return 1;
    }
    return 0;
  } finally {
    await connection.close();
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

runMain('batch', main);
