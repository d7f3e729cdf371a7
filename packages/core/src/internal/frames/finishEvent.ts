import type { FinishEvent, FinishReason } from '../../events.js';

const REASONS: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  complete: 'stop',
  stop_sequence: 'stop',
  end_turn: 'stop',
  completed: 'stop',
  length: 'length',
  max_tokens: 'length',
  max_output_tokens: 'length',
  tool_calls: 'tool-calls',
  tool_call: 'tool-calls',
  content_filter: 'content-filter',
  error_toxic: 'content-filter',
  error: 'error',
  error_limit: 'error',
  user_cancel: 'cancelled',
};

/** The finish event for a raw wire reason, in any letter case. */
export function finishEvent(rawReason: string, errorMessage?: unknown): FinishEvent {
  const reason = REASONS[rawReason.toLowerCase()] ?? 'other';
  return typeof errorMessage === 'string' && errorMessage !== ''
    ? { type: 'finish', reason, rawReason, errorMessage }
    : { type: 'finish', reason, rawReason };
}

/** The finish event of an answer that failed mid-stream (a Responses `error` or `response.failed`), whatever its code. */
export function errorFinishEvent(rawReason: string, errorMessage: string): FinishEvent {
  return { type: 'finish', reason: 'error', rawReason, errorMessage };
}
