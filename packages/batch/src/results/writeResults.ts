import type { Observable } from 'rxjs';
import { Subscription } from 'rxjs';
import type { ResultFile } from './ResultFile.js';
import type { ResultLine } from './ResultLine.js';
import { ResultWriteError, writeFailureReason } from './ResultWriteError.js';

/** How a run ended: every prompt ended, or a signal stopped it. */
export type RunEnd = 'completed' | 'interrupted';

const stopSignals = ['SIGINT', 'SIGTERM'] as const;

/**
 * Appends each result to the file the moment it arrives, until the run completes or the
 * process gets SIGINT (Ctrl-C) or SIGTERM: then the run is unsubscribed, which aborts the
 * running requests, and the lines already written stay. A failure to write (a full disk)
 * stops the run and rejects with a {@link ResultWriteError} that counts the lines written:
 * results must not be dropped silently.
 *
 * @example
 * const end = await writeResults(runBatch(prompts, settings, stats), file); // 'completed'
 */
export function writeResults(results: Observable<ResultLine>, file: ResultFile): Promise<RunEnd> {
  return new Promise<RunEnd>((resolve, reject) => {
    let settled = false;
    let written = 0;
    // Created first: an empty run completes inside subscribe(), and settle() must find it.
    const subscription = new Subscription();
    const settle = (end: () => void): void => {
      if (settled) return;
      settled = true;
      for (const signal of stopSignals) process.off(signal, interrupt);
      subscription.unsubscribe();
      end();
    };
    const interrupt = (): void => settle(() => resolve('interrupted'));
    for (const signal of stopSignals) process.once(signal, interrupt);
    subscription.add(
      results.subscribe({
        next: (line) => {
          try {
            file.append(line);
            written += 1;
          } catch (error) {
            settle(() => reject(new ResultWriteError(writeFailureReason(error), { written: written, cause: error })));
          }
        },
        error: (error: unknown) => settle(() => reject(asError(error))),
        complete: () => settle(() => resolve('completed')),
      }),
    );
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
