import { closeSync, openSync, writeSync } from 'node:fs';
import type { ResultLine } from './ResultLine.js';

/** The output file, open for appending one result line at a time. */
export interface ResultFile {
  /** Appends one line; when it returns, the line is in the file. */
  append(line: ResultLine): void;
  close(): void;
}

/**
 * Opens (or creates) the output file for appending.
 *
 * Each result is written with one synchronous `write` as soon as its prompt ends: once it
 * returns, the line is the kernel's, so a crash, a SIGKILL or Ctrl-C a moment later loses
 * nothing already answered. (Surviving a power cut would need an fsync per line, which costs
 * milliseconds each on real disks; a re-run redoes the few prompts lost then.) Lines are never
 * rewritten here: a later line for an id wins when the file is read back.
 *
 * @param startOnNewLine False when the file ends in a partial line (a crash mid-write): a newline is written first so the next result stays parseable.
 * @example
 * const file = openResultFile('results.jsonl', true);
 * file.append({ id: 'q-1', text: 'Hi!' });
 * file.close();
 */
export function openResultFile(path: string, startOnNewLine: boolean): ResultFile {
  const fd = openSync(path, 'a');
  const write = (text: string): void => {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  };
  if (!startOnNewLine) write('\n');
  return {
    append: (line) => write(`${JSON.stringify(line)}\n`),
    close: () => closeSync(fd),
  };
}
