import { open } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import type { ResultLine } from '../results/ResultLine.js';
import { isErrorLine } from '../results/ResultLine.js';
import { ResultWriteError, writeFailureReason } from '../results/ResultWriteError.js';
import { batchKeys } from './batchKeys.js';

/** What {@link exportResults} wrote. */
export interface ExportReport {
  /** Result lines written: one per prompt id that has a result. */
  readonly written: number;
  /** Of those, error lines. */
  readonly failed: number;
  /** Prompt ids without a result yet (still queued or running). */
  readonly missing: number;
}

/** Ids per round trip. */
const CHUNK = 1_000;

/**
 * Writes the results of queue `queue` to `path` (replacing it), one JSONL line per prompt id, in
 * input order, in the same format as local mode. A failed write (a full disk) rejects with a
 * `ResultWriteError`. Reads the results hash in chunks, so memory
 * holds one chunk whatever the batch's size.
 *
 * @example
 * await exportResults(redis, 'nightly', 'results.jsonl'); // { written: 1000, failed: 2, missing: 0 }
 */
export async function exportResults(redis: Redis, queue: string, path: string): Promise<ExportReport> {
  const keys = batchKeys(queue);
  const output = await open(path, 'w');
  let written = 0;
  let failed = 0;
  let missing = 0;
  try {
    const total = await redis.zcard(keys.order);
    for (let start = 0; start < total; start += CHUNK) {
      const ids = await redis.zrange(keys.order, start, start + CHUNK - 1);
      if (ids.length === 0) break;
      const lines = await redis.hmget(keys.results, ...ids);
      let text = '';
      for (const line of lines) {
        if (line === null) {
          missing += 1;
          continue;
        }
        written += 1;
        if (isErrorLine(JSON.parse(line) as ResultLine)) failed += 1;
        text += `${line}\n`;
      }
      try {
        await output.write(text);
      } catch (error) {
        throw new ResultWriteError(writeFailureReason(error), { written: written - lines.filter((line) => line !== null).length, cause: error });
      }
    }
  } finally {
    await output.close();
  }
  return { written, failed, missing };
}
