import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's folder: the working directory of command runs. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The command's entry point, run from source. */
const main = join(packageRoot, 'src', 'cli', 'main.ts');

/** What a finished command printed, and how it ended. */
export interface CommandRun {
  /** The exit status, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

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

/** Collects a started command's output until it exits. */
export async function finished(child: ChildProcess): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

/** Runs the command to its end. */
export function runBatchCommand(args: readonly string[]): Promise<CommandRun> {
  return finished(startBatch(args));
}
