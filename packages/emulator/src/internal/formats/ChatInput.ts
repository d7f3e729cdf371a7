import type { ChatFormat, Model } from './modelCatalog.js';
import type { Turn } from '../answers/planAnswer.js';
import type { ToolChoice, ToolDefinition } from './toolDefinitions.js';

/** A checked chat request, reduced to what the answer and its events need. */
export interface ChatInput {
  readonly format: ChatFormat;
  readonly model: Model;
  readonly stream: boolean;
  /** GENERIC and COHEREV2 `streamOptions.isIncludeUsage`. */
  readonly includeUsage: boolean;
  readonly conversation: readonly Turn[];
  readonly maxTokens: number | undefined;
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice: ToolChoice;
  readonly afterToolResult: boolean;
  /** COHERE: the request's chatHistory and message, which the finish event repeats. */
  readonly cohereHistory: ReadonlyArray<Readonly<Record<string, unknown>>>;
}
