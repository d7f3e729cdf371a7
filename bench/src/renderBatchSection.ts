import type { BatchScalingResult } from './batchScaling.js';

const f1 = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const f2 = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** Where the batch section sits in docs/BENCHMARKS.md, so that `pnpm bench:batch` can replace it alone. */
export const batchSectionStart = '<!-- batch:start -->';
export const batchSectionEnd = '<!-- batch:end -->';

/**
 * The "Batches across worker processes" section of docs/BENCHMARKS.md.
 *
 * @example
 * renderBatchSection(result); // '<!-- batch:start -->\n## Batches across worker processes …'
 */
export function renderBatchSection(result: BatchScalingResult, command: string): string {
  const one = result.runs.find((run) => run.workers === 1);
  const base = one?.promptsPerSecond ?? Number.NaN;
  const rows = result.runs.map((run) => [
    `${run.workers} worker process${run.workers === 1 ? '' : 'es'} × ${result.concurrency} streams`,
    f2(run.promptsPerSecond),
    `${f2(run.promptsPerSecond / base)}x`,
    f1(run.workerCpuMsPerPrompt),
    f1(run.redisCommandsPerPrompt),
    f2(run.redisCpuMsPerPrompt),
  ]);
  rows.push([`local mode, one process × ${result.concurrency} streams`, f2(result.local.promptsPerSecond), `${f2(result.local.promptsPerSecond / base)}x`, f1(result.local.cpuMsPerPrompt), '–', '–']);
  const overhead = (one?.workerCpuMsPerPrompt ?? Number.NaN) - result.local.cpuMsPerPrompt;
  const million = (bytes: number): string => `${f2((bytes * 1_000_000) / 1024 ** 3)} GiB`;
  return `${batchSectionStart}
## Batches across worker processes

Measured by \`${command}\` (bench/src/batchScaling.ts): ${result.prompts} prompts against an emulator paced like OCI
(${result.ttftMs} ms to the first token, ${result.tokensPerSecond} tokens/s, ${result.tokens}-token answers), with the request limit set far
above the pace so that it never binds. Each worker is an \`oci-genai-batch work\` process on the same machine and the same
Redis (redis-server, AOF on); the time runs from the enqueue to the last result. Local mode runs the same batch in the
bench's own process.

${table(['run', 'prompts/s', 'ratio to 1 worker', 'CPU per prompt (ms)', 'Redis commands per prompt', 'Redis CPU per prompt (ms)'], rows)}

- Throughput grows with workers while the machine has CPU to spare: on this shared 2-core machine the workers
  compete with each other (and with other jobs) for the same cores, so the ratio flattens early; on separate
  machines each worker brings its own cores and the pace is set by OCI and the global limit.
- **Queue overhead per job**: CPU per prompt of one worker minus local mode's: ${f1(overhead)} ms (within the noise of
  this machine); Redis commands per prompt, every one inside BullMQ's Lua scripts counted, about
  ${f1(one?.redisCommandsPerPrompt ?? Number.NaN)}, for about ${f2(one?.redisCpuMsPerPrompt ?? Number.NaN)} ms of Redis CPU: one Redis core serves several hundred prompts per second.

Redis memory (INFO used_memory deltas over ${result.memoryPrompts} prompts, answers of ${result.resultLineBytes} bytes of JSON):

${table(['what', 'bytes each', 'for 1M prompts'], [
  ['a waiting job (job hash, wait list, input order, digest)', f1(result.bytesPerQueuedJob), million(result.bytesPerQueuedJob)],
  ['what stays per prompt once its job is removed (input order, digest)', f1(result.bytesPerPromptRecord), million(result.bytesPerPromptRecord)],
  ['a result line', f1(result.bytesPerResult), million(result.bytesPerResult)],
])}
${batchSectionEnd}`;
}
