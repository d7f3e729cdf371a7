import { resolve } from 'node:path';
import type { ConnectionSettings } from '../common/connectionFlags.js';
import { numberFlag } from '../common/numberFlag.js';
import { exampleHelp, parseExampleFlags } from '../common/parseExampleFlags.js';
import { UsageError } from '../common/UsageError.js';

/** The batch runner's command line, parsed and checked. */
export interface BatchFlags {
  readonly help: boolean;
  readonly input: string;
  readonly output: string;
  readonly concurrency: number;
  readonly requestsPerMinute: number | undefined;
  readonly tokensPerMinute: number | undefined;
  readonly retries: number;
  readonly retryFailed: boolean;
  readonly adaptive: boolean;
  readonly firstTokenTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly progressIntervalMs: number;
  readonly connection: ConnectionSettings;
}

export const batchHelp = `${exampleHelp(
  `Runs every prompt of a JSONL file and appends one JSONL result per prompt as it completes.
A re-run skips the ids already in the output, so a crashed or interrupted run resumes.`,
  'pnpm batch -- --input prompts.jsonl --output results.jsonl [options]',
  `  --input <path>               prompts, one {"id", "prompt", …} object per line (required)
  --output <path>              results, appended one line per prompt (required)
  --concurrency <n>            prompts running at once (default 4; the ceiling with adaptive concurrency)
  --rpm <n>                    requests started per minute (default: no limit)
  --tpm <n>                    tokens (prompt + answer) per minute (default: no limit)
  --retries <n>                retries per prompt on 429, 5xx and failures before the first token (default 3)
  --retry-failed               also run again the ids whose latest result is an error
  --fixed-concurrency          keep the concurrency fixed (default: halve it when a prompt ends in 429)
  --first-token-timeout <s>    seconds to wait for an attempt's first token (default 60)
  --idle-timeout <s>           seconds allowed between two tokens (default 30)
  --progress-interval <s>      seconds between progress lines when stderr is not a terminal (default 5)`,
)}
Exit status: 0 when every prompt has an answer, 1 when some have an error line, 2 for bad
flags or input, 130 when interrupted (run again to resume).`;

/**
 * Parses the batch runner's arguments.
 *
 * @throws {UsageError} naming the flag that is missing or malformed.
 * @example
 * parseBatchFlags(['--input', 'p.jsonl', '--output', 'r.jsonl', '--rpm', '60']).requestsPerMinute; // 60
 */
export function parseBatchFlags(argv: readonly string[]): BatchFlags {
  const { values, help, connection } = parseExampleFlags(argv, {
    input: { type: 'string' },
    output: { type: 'string' },
    concurrency: { type: 'string' },
    rpm: { type: 'string' },
    tpm: { type: 'string' },
    retries: { type: 'string' },
    'retry-failed': { type: 'boolean', default: false },
    'fixed-concurrency': { type: 'boolean', default: false },
    'first-token-timeout': { type: 'string' },
    'idle-timeout': { type: 'string' },
    'progress-interval': { type: 'string' },
  });
  const { input, output } = values;
  if (!help) {
    if (input === undefined) throw new UsageError('--input is required: the JSONL file of prompts.');
    if (output === undefined) throw new UsageError('--output is required: the JSONL file results are appended to.');
    // Appending results to the prompts would mix them with the prompts they answer.
    if (resolve(input) === resolve(output)) throw new UsageError('--output must be another file than --input.');
  }
  const whole = { integer: true, positive: true };
  return {
    help,
    input: input ?? '',
    output: output ?? '',
    concurrency: numberFlag('--concurrency', values.concurrency, 4, whole),
    requestsPerMinute: numberFlag('--rpm', values.rpm, undefined, whole),
    tokensPerMinute: numberFlag('--tpm', values.tpm, undefined, whole),
    retries: numberFlag('--retries', values.retries, 3, { integer: true, min: 0 }),
    retryFailed: values['retry-failed'],
    adaptive: !values['fixed-concurrency'],
    firstTokenTimeoutMs: numberFlag('--first-token-timeout', values['first-token-timeout'], 60, { positive: true }) * 1000,
    idleTimeoutMs: numberFlag('--idle-timeout', values['idle-timeout'], 30, { positive: true }) * 1000,
    progressIntervalMs: numberFlag('--progress-interval', values['progress-interval'], 5, { positive: true }) * 1000,
    connection,
  };
}
