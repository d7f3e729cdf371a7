import type { ChatEvent, ChatMessage, ChatRequest, ToolCall, ToolDefinition } from '@oci-genai-rx/core';
import { concat, connect, defer, EMPTY, filter, map, merge, mergeMap, tap, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { ToolError } from './ToolError.js';
import { executeTool } from './internal/tools/executeTool.js';

/** What a tool's `execute` is given besides its arguments. */
export interface ToolContext {
  /** Aborted when the loop is unsubscribed: pass it to `fetch` and the like. */
  readonly signal: AbortSignal;
  /** The call being answered (its id, name and raw arguments). */
  readonly toolCall: ToolCall;
  /** The step of the loop: 1 for the calls of the first answer. */
  readonly step: number;
}

/**
 * A tool {@link runTools} can run: its description and JSON Schema for the model, and
 * `execute`, which returns the result as a value, a Promise or an Observable (its last value).
 *
 * @example
 * ```ts
 * const getWeather: RunToolsTool<{ city: string }> = {
 *   description: 'The weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   execute: async ({ city }, { signal }) => (await fetch(`https://wttr.in/${city}?format=3`, { signal })).text(),
 * };
 * ```
 */
export interface RunToolsTool<A = never> {
  readonly description?: string;
  /** A JSON Schema object for the arguments. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly execute: (args: A, context: ToolContext) => unknown;
}

/** The options of {@link runTools}. */
export interface RunToolsOptions {
  /** The most answers to stream (steps), tool calls counted in the step that made them. Default: 5. */
  readonly maxSteps?: number;
  /** Fail the loop with a {@link ToolError} when a tool fails. Default: false (the model gets the error as the result). */
  readonly failOnToolError?: boolean;
}

/**
 * A tool's result, emitted when its execution ends, before the next step starts.
 *
 * @example
 * ```ts
 * { type: 'tool-result', step: 1, toolCall: { id: 'call-1', name: 'sqrt', arguments: '{"x":16}' }, output: '4', value: 4 }
 * ```
 */
export interface ToolResultEvent {
  readonly type: 'tool-result';
  readonly step: number;
  readonly toolCall: ToolCall;
  /** The text the model is given: a string result as it is, anything else as JSON; `{"error": "…"}` for a failure. */
  readonly output: string;
  /** What the tool returned (absent when it failed). */
  readonly value?: unknown;
  /** What the tool threw (only when it failed). */
  readonly error?: unknown;
}

/** An event of {@link runTools}: a chat event of step `step`, or a tool's result. */
export type RunToolsEvent = (ChatEvent & { readonly step: number }) | ToolResultEvent;

/**
 * Runs a tool-calling loop: streams an answer, runs each tool it calls as soon as the call has
 * arrived (several at once when the model asks for several), appends their results to the
 * conversation, and streams the next
 * answer, until an answer calls no tool or `maxSteps` answers were streamed. Every chat event
 * is passed on with its `step` (1, 2, …), and a `tool-result` event follows each execution, so
 * a UI can show every step live.
 *
 * A tool that throws, rejects or errors, is unknown, or gets arguments that are not JSON,
 * becomes a result `{"error": "…"}` the model sees (or, with `failOnToolError`, a
 * {@link ToolError}). Chat errors pass through. Unsubscribing aborts the running HTTP stream,
 * unsubscribes running Observable tools and aborts the `signal` of running Promise tools.
 * Completes after the last step.
 *
 * @param chat Starts one answer, e.g. `(request) => client.chat(request).pipe(retryStream(3))`.
 * @param request The first request; its `prompt` and `messages` start the conversation.
 * @param tools The tools by name.
 * @param options `maxSteps` (default 5), `failOnToolError` (default false).
 * @returns A cold Observable of every step's events.
 *
 * @example
 * ```ts
 * const tools = { sqrt: { parameters: { type: 'object', properties: { x: { type: 'number' } } }, execute: ({ x }: { x: number }) => Math.sqrt(x) } };
 * runTools((r) => client.chat(r), { model, prompt: 'What is the sqrt of 16?' }, tools).subscribe((e) => console.log(e.step, e.type));
 * // 1 start
 * // 1 tool-call
 * // 1 finish
 * // 1 tool-result
 * // 2 start
 * // 2 text …
 * ```
 */
export function runTools(
  chat: (request: ChatRequest) => Observable<ChatEvent>,
  request: ChatRequest,
  tools: Readonly<Record<string, RunToolsTool<never>>>,
  options: RunToolsOptions = {},
): Observable<RunToolsEvent> {
  const { maxSteps = 5, failOnToolError = false } = options;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`runTools: maxSteps must be a whole number of at least 1, not ${String(maxSteps)}.`);
  const definitions: ToolDefinition[] = Object.entries(tools).map(([name, tool]) => ({
    name,
    ...(tool.description !== undefined && { description: tool.description }),
    ...(tool.parameters !== undefined && { parameters: tool.parameters }),
  }));
  const { prompt, ...rest } = request;
  const opening: ChatMessage[] = [...(request.messages ?? []), ...(prompt === undefined ? [] : [{ role: 'user' as const, content: prompt }])];

  const step = (number: number, messages: readonly ChatMessage[]): Observable<RunToolsEvent> => defer(() => {
    let text = '';
    const calls: ToolCall[] = [];
    const results: ChatMessage[] = [];
    const execute = (call: ToolCall, index: number): Observable<ToolResultEvent> => executeTool(tools[call.name], call, number).pipe(
      map((outcome): ToolResultEvent => {
        if (!outcome.ok && failOnToolError) throw new ToolError(outcome.error instanceof Error ? outcome.error.message : String(outcome.error), { toolCall: call, step: number, cause: outcome.error });
        const output = outcome.ok ? asText(outcome.value) : JSON.stringify({ error: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
        results[index] = { role: 'tool', content: output, toolCallId: call.id };
        return outcome.ok
          ? { type: 'tool-result', step: number, toolCall: call, output, value: outcome.value }
          : { type: 'tool-result', step: number, toolCall: call, output, error: outcome.error };
      }),
    );
    // Each tool starts when its call arrives, while the answer may still be streaming; the next
    // step waits for the answer and every tool.
    const answerAndTools = chat({ ...rest, messages, tools: [...(request.tools ?? []), ...definitions] }).pipe(
      tap((event) => {
        if (event.type === 'text') text += event.text;
      }),
      connect((events) => merge(
        events.pipe(map((event): RunToolsEvent => ({ ...event, step: number }))),
        number >= maxSteps ? EMPTY : events.pipe(
          filter((event) => event.type === 'tool-call'),
          mergeMap((event) => {
            calls.push(event.toolCall);
            return execute(event.toolCall, calls.length - 1);
          }),
        ),
      )),
    );
    const next = defer(() => {
      if (calls.length === 0) return EMPTY;
      const assistant: ChatMessage = { role: 'assistant', content: text, toolCalls: calls };
      return step(number + 1, [...messages, assistant, ...results]);
    });
    return concat(answerAndTools, next);
  });

  return opening.length === 0
    ? throwError(() => new RangeError('runTools: the request needs a prompt or messages.'))
    : step(1, opening);
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? null);
}
