import type { EmulatorCounters, EmulatorOptions } from '@oci-genai-rx/emulator';
import { forkScript } from './childProcess.js';

/** What a bench needs of the emulator's credentials (plain data: it crosses a process boundary). */
export interface BenchCredentials {
  readonly tenancy: string;
  readonly user: string;
  readonly fingerprint: string;
  readonly privateKeyPem: string;
  readonly compartmentId: string;
  readonly region: string;
  readonly apiKey: string;
}

/** Where a contender streams from. */
export interface EmulatorTarget {
  readonly url: string;
  readonly credentials: BenchCredentials;
}

/** A request to the emulator child. */
export type EmulatorRequest =
  | { readonly type: 'counters'; readonly id: number }
  | { readonly type: 'setFault'; readonly id: number; readonly spec: string | undefined; readonly times: number | undefined }
  | { readonly type: 'close'; readonly id: number };

/** An emulator running in its own process. */
export interface EmulatorProcess extends EmulatorTarget {
  /** A snapshot of the emulator's counters. */
  counters(): Promise<EmulatorCounters>;
  setFault(spec: string | undefined, times?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the emulator in a child process (`bench/src/emulatorProcess.ts`) and resolves once it
 * listens. Its CPU is then never counted in the measuring process.
 */
export function startEmulatorProcess(options: EmulatorOptions): Promise<EmulatorProcess> {
  const child = forkScript('emulatorProcess.ts', options);
  let nextId = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  type Request = EmulatorRequest extends infer R ? (R extends EmulatorRequest ? Omit<R, 'id'> : never) : never;
  const ask = <T>(request: Request): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ ...request, id });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator process exited with ${String(code)} before it listened`)));
    child.on('message', (message: { type: string; id?: number; value?: unknown; url?: string; credentials?: BenchCredentials }) => {
      if (message.type === 'reply' && message.id !== undefined) {
        waiting.get(message.id)?.(message.value);
        waiting.delete(message.id);
      }
      if (message.type === 'ready') {
        resolve({
          url: message.url ?? '',
          credentials: message.credentials as BenchCredentials,
          counters: () => ask<EmulatorCounters>({ type: 'counters' }),
          setFault: (spec, times) => ask<undefined>({ type: 'setFault', spec, times }),
          close: async () => {
            if (child.exitCode !== null) return;
            const exited = new Promise((done) => child.once('exit', done));
            await ask({ type: 'close' });
            await exited;
          },
        });
      }
    });
  });
}
