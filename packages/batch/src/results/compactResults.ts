import { createReadStream, createWriteStream, fsyncSync, openSync, closeSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseResult } from './readResults.js';

/**
 * Rewrites the output file with only each id's latest line, dropping the lines a later line
 * replaced (after `--retry-failed`). Lines that are not results are kept as they are: this
 * program never deletes what it does not understand.
 *
 * Two streaming passes (find each id's last line, then copy those lines), so memory holds ids
 * only. The new file is written beside the old one, flushed to disk, and renamed over it: a
 * crash at any point leaves either the old file or the new one, never half of each.
 *
 * @returns How many lines were dropped.
 * @example
 * await compactResults('results.jsonl'); // 3
 */
export async function compactResults(path: string): Promise<number> {
  const lastLineOf = new Map<string, number>();
  let number = 0;
  for await (const text of lines(path)) {
    number += 1;
    const parsed = parseResult(text);
    if (parsed !== undefined) lastLineOf.set(parsed.id, number);
  }

  const temporary = `${path}.compacting`;
  const output = createWriteStream(temporary, 'utf8');
  let dropped = 0;
  number = 0;
  for await (const text of lines(path)) {
    number += 1;
    const parsed = parseResult(text);
    if (parsed !== undefined && lastLineOf.get(parsed.id) !== number) {
      dropped += 1;
      continue;
    }
    if (!output.write(`${text}\n`)) await once(output, 'drain');
  }
  output.end();
  await once(output, 'finish');
  const fd = openSync(temporary, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path);
  return dropped;
}

function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
}
