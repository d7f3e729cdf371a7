import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExampleRun } from '../../../../examples/test/support/exampleProcess.js';
import { finished } from '../../../../examples/test/support/exampleProcess.js';

export { finished };

/** What a finished command printed, and how it ended. */
export type CommandRun = ExampleRun;

/** The package's folder: the working directory of command runs. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The command's entry point, run from source. */
const main = join(packageRoot, 'src', 'cli', 'main.ts');

/**
 * Starts `oci-genai-batch` from its sources as one node process (`node --import tsx`), so that a
 * signal sent to it reaches the program itself and not a wrapper.
 */
export function startBatch(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=@oci-genai-rx/source', main, ...args], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Runs the command to its end. */
export function runBatchCommand(args: readonly string[]): Promise<CommandRun> {
  return finished(startBatch(args));
}
