import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here, so `--import tsx` resolves. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Node flags of every bench child: workspace packages from their TypeScript sources (no build
 * needed on a fresh clone), tsx to run TypeScript, and `global.gc` so the many-streams benchmark
 * can take its memory baseline after a full collection.
 */
const execArgv = ['--conditions=@oci-genai-rx/source', '--import', 'tsx', '--expose-gc'];

/**
 * Starts `bench/src/<script>` as a child process with an IPC channel; `input` goes to its stdin
 * as JSON (read with {@link readInput}), never on its command line, where `ps` would show the
 * emulator's private key and API key to every user of the machine.
 * `wrapper` runs node under another program, e.g. `['valgrind', '--tool=callgrind']`.
 */
export function forkScript(script: string, input: unknown, stdio: 'inherit' | 'pipe' = 'inherit', wrapper: readonly string[] = []): ChildProcess {
  const [command, ...commandArgs] = wrapper;
  const child = fork(resolve(repoRoot, 'bench/src', script), [], {
    cwd: repoRoot,
    ...(command === undefined ? { execArgv } : { execPath: command, execArgv: [...commandArgs, process.execPath, ...execArgv] }),
    stdio: stdio === 'inherit' ? ['pipe', 'inherit', 'inherit', 'ipc'] : ['pipe', 'pipe', 'pipe', 'ipc'],
  });
  child.stdin?.end(JSON.stringify(input));
  return child;
}

/**
 * The input a bench child was started with ({@link forkScript} writes it to stdin as JSON).
 *
 * @example
 * const options = await readInput<EmulatorOptions>();
 */
export async function readInput<I>(): Promise<I> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return JSON.parse(text === '' ? 'null' : text) as I;
}

/**
 * Runs a bench script in a fresh child process and resolves with the one result it sends
 * (see {@link childMain}); rejects when it fails or exits without a result. `wrapper` as in
 * {@link forkScript}.
 */
export function runScript<T>(script: string, input: unknown, timeoutMs = 180_000, wrapper: readonly string[] = []): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const child = forkScript(script, input, 'pipe', wrapper);
    let output = '';
    child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`${script} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error: Error | undefined, value?: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined) resolvePromise(value as T);
      else reject(new Error(`${error.message}${output === '' ? '' : `\n--- output of ${script} ---\n${output.slice(-4000)}`}`));
    };
    child.on('message', (message: { type: string; value?: T; error?: string }) => {
      if (message.type === 'result') finish(undefined, message.value);
      if (message.type === 'error') finish(new Error(`${script} failed: ${message.error ?? ''}`));
    });
    child.on('exit', (code, signal) => finish(new Error(`${script} exited (${code ?? signal ?? '?'}) without a result`)));
    child.on('error', (error) => finish(error));
  });
}

/**
 * The body of a bench child script: reads its input ({@link readInput}), runs `body`, sends the
 * result to the parent, and exits (so that a lingering socket or timer cannot keep it alive).
 */
export function childMain<I, O>(body: (input: I) => O | Promise<O>): void {
  readInput<I>().then(body).then(
    (value) => process.send?.({ type: 'result', value }, () => process.exit(0)),
    (error: unknown) => {
      const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
      process.send?.({ type: 'error', error: text }, () => process.exit(1));
    },
  );
}
