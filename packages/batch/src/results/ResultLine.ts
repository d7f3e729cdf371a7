import type { FinishReason, Usage } from '@oci-genai-rx/core';
import type { PromptResult } from '@oci-genai-rx/operators';
import type { BatchPrompt } from '../prompts/BatchPrompt.js';

/**
 * One line of the output file: the outcome of one prompt, under the prompt's id.
 *
 * @example
 * {"id":"q-1","text":"Why did the scarecrow…","finishReason":"stop","usage":{"promptTokens":9,"completionTokens":40,"totalTokens":49},"opcRequestId":"5F1E…"}
 * {"id":"q-2","error":{"code":"HTTP","message":"OCI Generative AI answered 429 TooManyRequests: … (opc-request-id 7A2B…)","status":429,"opcRequestId":"7A2B…"}}
 */
export type ResultLine = AnswerLine | ErrorLine;

/** A prompt that was answered. */
export interface AnswerLine {
  readonly id: string;
  readonly text: string;
  readonly finishReason?: FinishReason;
  readonly usage?: Usage;
  /** The `opc-request-id` of the request that answered: quote it to Oracle support. */
  readonly opcRequestId?: string;
}

/** A prompt that failed after its retries; `--retry-failed` runs it again. */
export interface ErrorLine {
  readonly id: string;
  readonly error: ResultError;
}

/** Why a prompt failed, as plain JSON. */
export interface ResultError {
  /** The library's error code (`HTTP`, `CONNECTION`, `INCOMPLETE_STREAM`, `TIMEOUT`, …), else the error's name. */
  readonly code: string;
  readonly message: string;
  /** The HTTP status, for errors the service answered. */
  readonly status?: number;
  readonly opcRequestId?: string;
}

/** True for a line that records a failure. */
export function isErrorLine(line: ResultLine): line is ErrorLine {
  return 'error' in line;
}

/**
 * The output line of one prompt's result.
 *
 * @example
 * resultLine({ index: 0, key: 'q-1', prompt, text: 'Hi!', finishReason: 'stop' }); // { id: 'q-1', text: 'Hi!', finishReason: 'stop' }
 */
export function resultLine(result: PromptResult<BatchPrompt>): ResultLine {
  const id = result.prompt.id;
  if (result.error !== undefined) return { id, error: resultError(result.error) };
  return {
    id,
    text: result.text,
    ...(result.finishReason !== undefined && { finishReason: result.finishReason }),
    ...(result.usage !== undefined && { usage: result.usage }),
    ...(result.opcRequestId !== undefined && { opcRequestId: result.opcRequestId }),
  };
}

/** The JSON form of any error: the fields of the library's errors when present, never a stack. */
export function resultError(error: unknown): ResultError {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; name?: unknown; status?: unknown; opcRequestId?: unknown };
  const code = typeof fields.code === 'string' ? fields.code : typeof fields.name === 'string' ? fields.name : 'UNKNOWN';
  return {
    code,
    message: error instanceof Error ? error.message : String(error),
    ...(typeof fields.status === 'number' && { status: fields.status }),
    ...(typeof fields.opcRequestId === 'string' && { opcRequestId: fields.opcRequestId }),
  };
}
