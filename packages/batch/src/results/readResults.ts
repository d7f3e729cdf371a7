import { closeSync, createReadStream, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Whether an id's latest line in the output file is an answer or an error. */
export type ResultStatus = 'ok' | 'failed';

/** What an existing output file holds, enough to resume. */
export interface ResultsOnDisk {
  /** Each id's latest status: a later line for an id wins over an earlier one. */
  readonly statusById: ReadonlyMap<string, ResultStatus>;
  /** Lines replaced by a later line for the same id (from `--retry-failed`); compaction drops them. */
  readonly superseded: number;
  /** Lines that are not a result (e.g. cut short by a full disk); they are ignored. */
  readonly malformed: number;
  /** False when the file's last line has no newline: the next append must start a new line. */
  readonly endsWithNewline: boolean;
}

/**
 * Reads the output file of an earlier run, line by line (only ids and statuses are kept, so a
 * file of millions of answers does not fill memory). A missing file is an empty result set, and so
 * is an output that is not a regular file (`/dev/stdout`, a pipe): there is nothing to resume from.
 *
 * @example
 * (await readResults('results.jsonl')).statusById.get('q-1'); // 'ok'
 */
export async function readResults(path: string): Promise<ResultsOnDisk> {
  const statusById = new Map<string, ResultStatus>();
  let superseded = 0;
  let malformed = 0;
  if (!existsSync(path) || !statSync(path).isFile()) return { statusById, superseded, malformed, endsWithNewline: true };
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const parsed = parseResult(text);
    if (parsed === undefined) {
      malformed += 1;
      continue;
    }
    if (statusById.has(parsed.id)) superseded += 1;
    statusById.set(parsed.id, parsed.status);
  }
  return { statusById, superseded, malformed, endsWithNewline: endsWithNewline(path) };
}

/** True for an empty file or one whose last byte is a newline. */
function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** The id and status of one output line, or undefined when the line is not a result. */
export function parseResult(text: string): { id: string; status: ResultStatus } | undefined {
  try {
    const json = JSON.parse(text) as { id?: unknown; error?: unknown; text?: unknown };
    if (typeof json.id !== 'string') return undefined;
    if (json.error !== undefined) return { id: json.id, status: 'failed' };
    return typeof json.text === 'string' ? { id: json.id, status: 'ok' } : undefined;
  } catch {
    return undefined;
  }
}
