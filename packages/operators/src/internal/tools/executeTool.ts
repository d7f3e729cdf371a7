import type { ToolCall } from '@oci-genai-rx/core';
import { isObservable, last, Observable, of } from 'rxjs';
import type { RunToolsTool, ToolContext } from '../../runTools.js';

/** What a tool's execution gave: its value, or what it threw. */
export type ToolOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Runs one tool call as an Observable of its one outcome. The arguments are parsed here; a
 * Promise tool gets an AbortSignal that aborts on unsubscribe; an Observable tool is
 * unsubscribed, and its last value is the result. A throw, a rejection, an Observable error,
 * invalid JSON arguments and an unknown tool all become a failed outcome (never an error).
 */
export function executeTool(tool: RunToolsTool | undefined, call: ToolCall, step: number): Observable<ToolOutcome> {
  return new Observable<ToolOutcome>((subscriber) => {
    const abort = new AbortController();
    const done = (outcome: ToolOutcome): void => {
      subscriber.next(outcome);
      subscriber.complete();
    };
    const failed = (error: unknown): void => done({ ok: false, error });
    if (tool === undefined) {
      failed(new Error(`there is no tool named ${JSON.stringify(call.name)}`));
      return;
    }
    let args: unknown;
    try {
      args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    } catch {
      failed(new Error(`the arguments are not valid JSON: ${call.arguments.slice(0, 200)}`));
      return;
    }
    let result: unknown;
    try {
      // The arguments are the model's JSON: the tool's declared type is its schema's promise.
      result = (tool.execute as (args: unknown, context: ToolContext) => unknown)(args, { signal: abort.signal, toolCall: call, step });
    } catch (error) {
      failed(error);
      return;
    }
    const values = isObservable(result) ? result.pipe(last(undefined, undefined)) : result instanceof Promise ? result : of(result);
    const subscription = isObservable(values)
      ? values.subscribe({ next: (value) => done({ ok: true, value }), error: failed })
      : undefined;
    if (values instanceof Promise) {
      values.then((value) => done({ ok: true, value }), failed);
    }
    return () => {
      subscription?.unsubscribe();
      abort.abort();
    };
  });
}
