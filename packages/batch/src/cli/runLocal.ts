import { basename } from 'node:path';
import { compactResults } from '../results/compactResults.js';
import { planBatch } from '../local/planBatch.js';
import { startProgress } from '../progress/startProgress.js';
import { readPrompts } from '../prompts/readPrompts.js';
import { readResults } from '../results/readResults.js';
import type { ResultFile } from '../results/ResultFile.js';
import { openResultFile } from '../results/ResultFile.js';
import { ResultWriteError } from '../results/ResultWriteError.js';
import type { BatchSettings } from '../local/runBatch.js';
import { runBatch } from '../local/runBatch.js';
import type { RunEnd } from '../results/writeResults.js';
import { writeResults } from '../results/writeResults.js';
import { BatchStats } from '../stats/BatchStats.js';
import { batchSummary, summaryLine } from '../stats/BatchSummary.js';
import { exitCodes } from './exitCodes.js';
import type { Connect } from './Connection.js';
import { localHelp, parseLocalFlags } from './localFlags.js';
import { UsageError } from './UsageError.js';

/**
 * Local mode, the default command: JSONL prompts in, one JSONL result per prompt out, appended
 * as each prompt ends, so that a crash or Ctrl-C loses nothing and a re-run resumes where it
 * stopped.
 *
 * @param argv The arguments after the program name.
 * @param connect Where answers come from.
 * @returns The exit status (see {@link exitCodes}).
 * @example
 * await runLocal(['--input', 'prompts.jsonl', '--output', 'results.jsonl'], connectToService); // 0
 */
export async function runLocal(argv: readonly string[], connect: Connect): Promise<number> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const flags = parseLocalFlags(argv);
  if (flags.help) {
    process.stdout.write(`${localHelp}\n`);
    return exitCodes.ok;
  }
  const prompts = await readPrompts(flags.input);
  const onDisk = await readResults(flags.output);
  if (onDisk.malformed > 0) log(`warning: ${onDisk.malformed} line(s) of ${flags.output} are not results; they are kept and ignored.`);
  const plan = planBatch(prompts, onDisk.statusById, flags.retryFailed);

  const connection = await connect(flags.connection);
  try {
    log(
      `${prompts.length} prompts in ${flags.input}: running ${plan.toRun.length}, ` +
        `skipping ${plan.skippedOk + plan.skippedFailed} already in ${flags.output}; ${connection.model} at ${connection.description}`,
    );
    const stats = new BatchStats(plan.toRun.length, flags.concurrency);
    const file = openOutput(flags.output, onDisk.endsWithNewline);
    const progress = plan.toRun.length === 0 ? undefined : startProgress(stats, flags.progressIntervalMs);
    let end: RunEnd | ResultWriteError | undefined;
    try {
      const settings: BatchSettings = {
        ...flags,
        client: connection.client,
        model: connection.model,
        // On a terminal the bar shows the limit; in a log, each change gets its own line.
        ...(!process.stderr.isTTY && { onLimitChange: (limit: number) => log(`concurrency limit now ${limit} (halved on 429, +1 per success)`) }),
      };
      end = await writeResults(runBatch(plan.toRun, settings, stats), file).catch((error: unknown) => {
        if (error instanceof ResultWriteError) return error;
        throw error;
      });
    } finally {
      progress?.stop();
      closeFile(file, end instanceof ResultWriteError);
    }

    const summary = batchSummary(prompts.length, plan, stats);
    if (end instanceof ResultWriteError) {
      // The answer whose line failed was paid for but is not on disk: it counts as not run.
      const lost = summary.ok + summary.failed - end.written;
      log(
        `batch: stopped: could not write to ${flags.output}: ${end.reason}. ` +
          `This run wrote ${end.written} result line(s) before that; ${lost} answer(s) received were not recorded and ` +
          `${summary.notRun} prompt(s) were not run. Every line already in the file is intact: free the space and run the same command again to resume.`,
      );
      process.stdout.write(`${summaryLine({ ...summary, ok: end.written, failed: 0, notRun: summary.notRun + lost }, basename(flags.output))}\n`);
      return exitCodes.outputFailed;
    }

    // Re-run ids got a newer line that wins; drop the older ones so each id appears once.
    const rerun = plan.toRun.filter((prompt) => onDisk.statusById.has(prompt.id)).length;
    if (onDisk.superseded + rerun > 0) {
      const dropped = await compactResults(flags.output);
      if (dropped > 0) log(`compacted ${flags.output}: dropped ${dropped} superseded line(s)`);
    }
    process.stdout.write(`${summaryLine(summary, basename(flags.output))}\n`);
    if (end === 'interrupted') return exitCodes.interrupted;
    if (summary.failed + summary.skippedFailed > 0) {
      log(`some prompts failed: see the "error" lines in ${flags.output}, and run again with --retry-failed`);
      return exitCodes.somePromptsFailed;
    }
    return exitCodes.ok;
  } finally {
    await connection.close();
  }
}

function openOutput(path: string, endsWithNewline: boolean): ResultFile {
  try {
    return openResultFile(path, endsWithNewline);
  } catch (error) {
    throw new UsageError(`cannot open --output ${path}: ${error instanceof Error ? error.message : String(error)}. Give a file in a folder you can write to.`, { cause: error });
  }
}

/** A close that fails after a failed write (a full disk) must not hide the write's error, which is reported. */
function closeFile(file: ResultFile, afterWriteError: boolean): void {
  try {
    file.close();
  } catch (error) {
    if (!afterWriteError) throw error;
  }
}
