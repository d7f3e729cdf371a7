import { isObservable } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';

/** A prompt with its position. */
export interface QueuedPrompt<P> {
  readonly prompt: P;
  readonly index: number;
}

/** The prompts waiting to start, pulled lazily from an iterable or buffered from an Observable. */
export interface PromptQueue<P> {
  /** Starts reading the prompts (an Observable may deliver some at once). */
  open(): void;
  /** True when a prompt is waiting now. */
  hasNext(): boolean;
  /** The next prompt, or undefined when none is waiting now. */
  take(): QueuedPrompt<P> | undefined;
  /** True when no prompt is waiting and none will come. */
  readonly done: boolean;
  /** Stops reading: unsubscribes the Observable, or returns the iterator. */
  close(): void;
}

/** What the queue tells its reader. */
export interface PromptQueueHandlers {
  /** A prompt arrived from an Observable, or the Observable completed. */
  changed(): void;
  /** The prompts' Observable or iterator failed. */
  failed(error: unknown): void;
}

/** A queue over `prompts`: an iterable is pulled one prompt at a time, so a generator of millions stays lazy. */
export function createPromptQueue<P>(prompts: Iterable<P> | Observable<P>, handlers: PromptQueueHandlers): PromptQueue<P> {
  return isObservable(prompts) ? observableQueue(prompts, handlers) : iterableQueue(prompts, handlers);
}

function iterableQueue<P>(prompts: Iterable<P>, handlers: PromptQueueHandlers): PromptQueue<P> {
  let iterator: Iterator<P> | undefined;
  // The next prompt, read ahead by hasNext(): an iterable can only tell by giving it.
  let ahead: QueuedPrompt<P> | undefined;
  let index = 0;
  let done = false;
  const hasNext = (): boolean => {
    if (ahead !== undefined) return true;
    if (done || iterator === undefined) return false;
    try {
      const result = iterator.next();
      if (result.done === true) done = true;
      else ahead = { prompt: result.value, index: index++ };
    } catch (error) {
      done = true;
      handlers.failed(error);
    }
    return ahead !== undefined;
  };
  return {
    open: () => {
      iterator = prompts[Symbol.iterator]();
    },
    hasNext,
    take: () => {
      const next = hasNext() ? ahead : undefined;
      ahead = undefined;
      return next;
    },
    get done() {
      return done && ahead === undefined;
    },
    close: () => {
      if (!done) iterator?.return?.();
      done = true;
    },
  };
}

function observableQueue<P>(prompts: Observable<P>, handlers: PromptQueueHandlers): PromptQueue<P> {
  const waiting: QueuedPrompt<P>[] = [];
  let index = 0;
  let completed = false;
  let subscription: Subscription | undefined;
  return {
    open: () => {
      subscription = prompts.subscribe({
        next: (prompt) => {
          waiting.push({ prompt, index: index++ });
          handlers.changed();
        },
        error: (error: unknown) => handlers.failed(error),
        complete: () => {
          completed = true;
          handlers.changed();
        },
      });
    },
    hasNext: () => waiting.length > 0,
    take: () => waiting.shift(),
    get done() {
      return completed && waiting.length === 0;
    },
    close: () => subscription?.unsubscribe(),
  };
}
