import { forkScript, readInput } from './childProcess.js';

/**
 * A bench child that stays up between measurements: it is set up once (its input, its warm-up),
 * then answers one {@link ChildSession.measure} at a time until {@link ChildSession.close}. Two of
 * them, measured in turns, give costs taken seconds apart on the same machine, where one fresh
 * process per measurement would put minutes of a shared machine's drift between them.
 */
export interface ChildSession<R> {
  /** Asks the child for one measurement. One at a time. */
  measure(): Promise<R>;
  /** Lets the child close what it opened, and waits for it to exit. */
  close(): Promise<void>;
}

type ToParent<R> = { readonly type: 'ready' } | { readonly type: 'result'; readonly value: R } | { readonly type: 'error'; readonly error: string };
type ToChild = { readonly type: 'measure' } | { readonly type: 'close' };

/**
 * Starts `bench/src/<script>` (whose body is {@link childSessionMain}) and resolves once it is set
 * up. A measurement (or the set-up) that takes longer than `timeoutMs` kills the child and rejects.
 *
 * @example
 * const child = await startChildSession<StreamCost>('contenderProcess.ts', input);
 * const cost = await child.measure();
 * await child.close();
 */
export async function startChildSession<R>(script: string, input: unknown, timeoutMs = 180_000): Promise<ChildSession<R>> {
  const child = forkScript(script, input, 'pipe');
  let output = '';
  child.stdout?.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
  const failure = (message: string): Error => new Error(`${script}: ${message}${output === '' ? '' : `\n--- output of ${script} ---\n${output.slice(-4000)}`}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const next = <T extends ToParent<R>['type']>(type: T): Promise<Extract<ToParent<R>, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (!running()) return reject(failure(`exited (${child.exitCode ?? child.signalCode ?? '?'}) before ${type}`));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(failure(`no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (error: Error | undefined, message?: ToParent<R>): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error === undefined) resolve(message as Extract<ToParent<R>, { type: T }>);
        else reject(error);
      };
      const onMessage = (message: ToParent<R>): void => {
        if (message.type === 'error') settle(failure(`failed: ${message.error}`));
        else if (message.type === type) settle(undefined, message);
      };
      const onExit = (code: number | null, signal: string | null): void => settle(failure(`exited (${code ?? signal ?? '?'}) while waiting for ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  // A child that failed has closed its channel and is exiting: the waiting promise reports that.
  const send = (message: ToChild): void => void (child.connected && child.send(message));
  try {
    await next('ready');
  } catch (error) {
    if (running()) child.kill('SIGKILL');
    throw error;
  }
  return {
    async measure() {
      const reply = next('result');
      send({ type: 'measure' });
      return (await reply).value;
    },
    async close() {
      send({ type: 'close' });
      await exited;
    },
  };
}

/** What a {@link childSessionMain} body sets up: one measurement at a time, then its clean-up. */
export interface SessionBody<R> {
  measure(): Promise<R>;
  close(): Promise<void>;
}

/**
 * The body of a bench child started by {@link startChildSession}: reads its input, runs `open`
 * (set-up and warm-up), then measures on request until the parent says close, and exits (so
 * that a lingering socket or timer cannot keep it alive).
 */
export function childSessionMain<I, R>(open: (input: I) => Promise<SessionBody<R>>): void {
  const send = (message: ToParent<R>, then: () => void = () => undefined): void => void process.send?.(message, then);
  const fail = (error: unknown): void => {
    const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    send({ type: 'error', error: text }, () => process.exit(1));
  };
  readInput<I>().then(open).then((body) => {
    process.on('message', (message: ToChild) => {
      if (message.type === 'measure') body.measure().then((value) => send({ type: 'result', value }), fail);
      else body.close().then(() => process.exit(0), fail);
    });
    send({ type: 'ready' });
  }, fail);
}
