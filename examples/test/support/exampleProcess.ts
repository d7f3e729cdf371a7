import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The repository root: where `tsx` is installed, and the working directory of example runs. */
export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** What a finished example run printed, and how it ended. */
export interface ExampleRun {
  /** The exit status, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Starts an example's `main.ts` as a user would (`tsx --conditions=@oci-genai-rx/source`), but
 * as a single node process (`node --import tsx`), so that a signal sent to it reaches the
 * program itself and not a wrapper.
 *
 * @param script The script, relative to the repository root, e.g. 'examples/batch/main.ts'.
 */
export function startExample(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=@oci-genai-rx/source', script, ...args], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutOciConfiguration({ ...process.env, NO_COLOR: '1' }),
  });
}

/** An empty HOME (no ~/.oci/config) and no OCI_* variables: what the examples see on a fresh machine. */
function withoutOciConfiguration(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, HOME: emptyHome() };
  for (const name of Object.keys(clean)) if (name.startsWith('OCI_')) delete clean[name];
  return clean;
}

let home: string | undefined;
afterAll(() => {
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
  home = undefined;
});
function emptyHome(): string {
  home ??= mkdtempSync(join(tmpdir(), 'oci-genai-rx-home-'));
  return home;
}

/** Collects a started example's output until it exits. */
export async function finished(child: ChildProcess): Promise<ExampleRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

/** Runs an example to its end. */
export function runExample(script: string, args: readonly string[]): Promise<ExampleRun> {
  return finished(startExample(script, args));
}
