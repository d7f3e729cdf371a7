import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Language } from '../answers/Language.js';
import type { CounterState } from './CounterState.js';
import type { FaultSpec } from '../faults/FaultSpec.js';

/** Timing and length for one request, after headers, faults and options were weighed. */
export interface RequestSettings {
  readonly ttftMs: number;
  readonly tokenIntervalMs: number;
  /** The answer length in tokens when one was asked for; undefined: the emulator's own short reply. */
  readonly tokens: number | undefined;
  /** Set when the request forces a language (header `x-emulator-lang`). */
  readonly language: Language | undefined;
  /** The emulator's default language option. */
  readonly defaultLanguage: Language;
}

/** One request and its response, with what every handler needs to answer it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly faults: FaultSpec;
  readonly settings: RequestSettings;
  /** Aborts when the connection closes; handlers stop writing and clear their timers. */
  readonly closed: AbortSignal;
  readonly counters: CounterState;
  readonly now: () => number;
  /** Set once the response reached the end it meant to reach (even if it stays open). */
  settled: boolean;
}
