import type { Answer } from '../answers/planAnswer.js';
import type { ToolCallPlan } from '../answers/planToolCall.js';
import type { StreamItem } from '../stream/sendEventStream.js';
import type { ChatInput } from './ChatInput.js';
import type { ChatFormat, Model } from './modelCatalog.js';

/**
 * How one chat format answers: its SSE events, its non-streaming JSON, whether its stream ends
 * with `data: [DONE]` (before the `done` fault has its say) and whether it carries tool calls.
 * Each format's folder exports one; `chatFormatWriters` is the table by `apiFormat`.
 *
 * @example
 * const writer = chatFormatWriters[input.format];
 * [...writer.events(input, answer, tool, writer.endsWithDone(input.model))];
 */
export interface ChatFormatWriter {
  /** Whether the stream ends with `data: [DONE]` for this model, unless `done=on|off` says otherwise. */
  endsWithDone(model: Model): boolean;
  /** False when the format's emulation carries no tool calls (the tool plan is skipped). */
  readonly plansToolCalls: boolean;
  /** The stream's events, generated lazily. */
  events(input: ChatInput, answer: Answer, tool: ToolCallPlan | undefined, sendDone: boolean): Iterable<StreamItem>;
  /** The non-streaming JSON answer. */
  response(input: ChatInput, answer: Answer, tool: ToolCallPlan | undefined, now: Date): unknown;
}

/** The writers by `apiFormat`, filled by each format's folder. */
export type ChatFormatWriters = Readonly<Record<ChatFormat, ChatFormatWriter>>;
