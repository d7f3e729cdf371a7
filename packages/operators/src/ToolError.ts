import { OciGenAiError } from '@oci-genai-rx/core';
import type { ToolCall } from '@oci-genai-rx/core';

/**
 * The options of a {@link ToolError}.
 *
 * @example
 * ```ts
 * { toolCall, step: 1, cause: new Error('the weather service is down') }
 * ```
 */
export interface ToolErrorOptions {
  /** The call that failed. */
  readonly toolCall: ToolCall;
  /** The step of the loop (1 for the first answer's calls). */
  readonly step: number;
  /** What the tool threw. */
  readonly cause: unknown;
}

/**
 * A tool of {@link runTools} failed and `failOnToolError` was set (by default the error goes
 * back to the model as the tool's result instead). `cause` is what the tool threw.
 *
 * @example
 * ```ts
 * runTools(chat, request, tools, { failOnToolError: true }).subscribe({
 *   error: (e) => e instanceof ToolError && console.error(e.toolCall.name, e.cause),
 * });
 * // getWeather Error: the weather service is down
 * ```
 */
export class ToolError extends OciGenAiError {
  override readonly name = 'ToolError';
  readonly code = 'TOOL' as const;
  /** The call that failed. */
  readonly toolCall: ToolCall;
  /** The step of the loop (1 for the first answer's calls). */
  readonly step: number;

  /** @param reason what the tool's failure said (the message is built around it). */
  constructor(reason: string, options: ToolErrorOptions) {
    const { toolCall, step, cause } = options;
    super(`The tool ${toolCall.name} failed at step ${step}: ${reason}. Fix the tool, or leave failOnToolError off so the model sees the error.`, { cause });
    this.toolCall = toolCall;
    this.step = step;
  }
}
