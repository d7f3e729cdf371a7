import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from there, as `pnpm start` runs it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** How a CLI run ended, with everything it printed. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout as it arrived: one entry per read of the pipe. */
  readonly stdoutChunks: readonly string[];
}

/** A running CLI. */
export interface CliRun {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed to stdout so far. */
  stdoutSoFar(): string;
  /** Resolves when the process has exited. */
  readonly result: Promise<CliResult>;
}

/** Folders made by this file's test run, removed when it ends. */
const createdFolders: string[] = [];
afterAll(() => {
  for (const folder of createdFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temporary folder, also used as HOME so that no real ~/.oci/config is found; removed after the test file. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'oci-genai-rx-cli-'));
  createdFolders.push(folder);
  return folder;
}

/** Writes `text` to `folder/name` with mode 0600 (as OCI wants key files) and returns the path. */
export function writeFile(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/**
 * Starts the CLI as a child process, as `pnpm start` does (tsx, the workspace sources), with
 * HOME set to an empty folder, no OCI_* variables and no colour. `stdin` is written and closed
 * when given; otherwise stdin stays open and unused.
 */
export function startCli(args: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tempFolder(), ...options.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('OCI_') && options.env?.[name] === undefined) delete env[name];
  }
  delete env['FORCE_COLOR'];
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@oci-genai-rx/source', 'examples/cli/main.ts', ...args], {
    cwd: repoRoot,
    env,
    stdio: 'pipe',
  });
  const stdoutChunks: string[] = [];
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => stdoutChunks.push(chunk));
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  if (options.stdin !== undefined) child.stdin.end(options.stdin);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: stdoutChunks.join(''), stderr, stdoutChunks }));
  });
  return { child, stdoutSoFar: () => stdoutChunks.join(''), result };
}

/** Runs the CLI to its end. */
export function runCli(args: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return startCli(args, options).result;
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The non-empty lines of a text. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
