import type { OperatorFunction } from 'rxjs';
import { reduce } from 'rxjs';
import type { ChatEvent, FinishEvent, ToolCall, Usage } from './events.js';

/**
 * A whole answer, gathered from its events.
 *
 * @example
 * ```ts
 * { text: 'Hi!', reasoning: '', toolCalls: [], finish: { type: 'finish', reason: 'stop', rawReason: 'stop' }, usage: { totalTokens: 12 }, opcRequestId: '5F1E…', model: 'meta.llama-3.3-70b-instruct' }
 * ```
 */
export interface Answer {
  /** The answer's text: every text delta, in order. */
  readonly text: string;
  /** The reasoning text, when the model sent any. */
  readonly reasoning: string;
  readonly toolCalls: readonly ToolCall[];
  /** The finish event; undefined only if the stream carried none. */
  readonly finish: FinishEvent | undefined;
  readonly usage: Usage | undefined;
  /** The `opc-request-id` of the request. */
  readonly opcRequestId: string | undefined;
  readonly model: string | undefined;
}

/**
 * The answer before any event: no text, no reasoning, no tool calls.
 *
 * @example
 * ```ts
 * addToAnswer(emptyAnswer, { type: 'text', text: 'Hi' }).text // 'Hi'
 * ```
 */
export const emptyAnswer: Answer = { text: '', reasoning: '', toolCalls: [], finish: undefined, usage: undefined, opcRequestId: undefined, model: undefined };

/**
 * One step of gathering an answer: `answer` with `event` added (a new object; `answer` is not
 * changed). {@link collectAnswer} folds a stream with it; operators that gather answers per
 * prompt use it too, so every gathered answer has this one shape.
 *
 * @example
 * ```ts
 * [{ type: 'text', text: 'Hi' }, { type: 'text', text: '!' }].reduce(addToAnswer, emptyAnswer).text // 'Hi!'
 * ```
 */
export function addToAnswer(answer: Answer, event: ChatEvent): Answer {
  switch (event.type) {
    case 'start': return { ...answer, opcRequestId: event.opcRequestId, model: event.model };
    case 'text': return { ...answer, text: answer.text + event.text };
    case 'reasoning': return { ...answer, reasoning: answer.reasoning + event.text };
    case 'tool-call': return { ...answer, toolCalls: [...answer.toolCalls, event.toolCall] };
    case 'finish': return { ...answer, finish: event };
    case 'usage': return { ...answer, usage: event.usage };
  }
}

/**
 * Gathers a stream of events into one {@link Answer}, emitted when the stream completes;
 * errors pass through (nothing is emitted), unsubscribing unsubscribes the source.
 *
 * @example
 * ```ts
 * const answer = await lastValueFrom(client.chat({ model, prompt: 'Tell me a joke.' }).pipe(collectAnswer()));
 * answer.text        // 'Why did the scarecrow win an award? …'
 * answer.finish?.reason // 'stop'
 * ```
 */
export function collectAnswer(): OperatorFunction<ChatEvent, Answer> {
  return reduce(addToAnswer, emptyAnswer);
}

/**
 * Gathers a stream of events into the answer's whole text, emitted on complete.
 *
 * @example
 * ```ts
 * await lastValueFrom(client.chat({ model, prompt: 'Say hi.' }).pipe(collectText())) // 'Hello, world'
 * ```
 */
export function collectText(): OperatorFunction<ChatEvent, string> {
  return reduce((text: string, event: ChatEvent) => (event.type === 'text' ? text + event.text : text), '');
}
