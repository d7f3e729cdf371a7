import type { EmulatorTarget } from '../startEmulatorProcess.js';

/** What one streamed answer gave a contender. */
export interface StreamOutcome {
  /** The answer's text, as the contender's user would see it (all deltas joined). */
  readonly text: string;
  /** How many non-empty pieces the contender handed to its user. */
  readonly pieces: number;
}

/** A contender with its client created (client set-up is not measured). */
export interface ContenderSession {
  /** Streams one answer to `prompt`; `maxTokens` cuts it (warm-up runs). */
  stream(prompt: string, maxTokens?: number): Promise<StreamOutcome>;
  close(): Promise<void>;
}

/** One way of streaming a GENERIC chat answer from the emulator. */
export interface Contender {
  /** Creates the contender's client for the emulator. */
  open(target: EmulatorTarget): ContenderSession;
}

/** The model every contender asks: a GENERIC model whose streams end with `[DONE]`. */
export const benchModel = 'meta.llama-3.3-70b-instruct';
