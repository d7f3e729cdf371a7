import type { AttemptGate, ChatEvent, ChatRequest, OciGenAiClient } from '@oci-genai-rx/core';
import type { RetryInfo } from '@oci-genai-rx/operators';
import { retryStream, streamTimeout } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import type { BatchPrompt } from './BatchPrompt.js';

/** How hard one prompt is tried. */
export interface AskPolicy {
  /** Retries after the first attempt, for 429, 5xx and failures before the first token. */
  readonly retries: number;
  /** Milliseconds to wait for the first token of an attempt. */
  readonly firstTokenTimeoutMs: number;
  /** Milliseconds allowed between two tokens before the stream counts as stalled. */
  readonly idleTimeoutMs: number;
  /** Told before each retry (for counting). */
  readonly onRetry?: (info: RetryInfo) => void;
  /** The run's rate limiter (mergePrompts' `control.rateLimiter`): every attempt, retries included, waits for it and counts. */
  readonly rateLimiter?: AttemptGate | undefined;
}

/**
 * The stream of one prompt: the chat request, deadlines per attempt, and retries that never
 * repeat text (a stream that fails after tokens arrived is recorded as failed, and
 * `--retry-failed` asks again from scratch).
 *
 * @param model The model of prompts that name none.
 * @example
 * askPrompt(client, { id: 'q-1', prompt: 'Hi', line: 1 }, 'meta.llama-3.3-70b-instruct', { retries: 3, firstTokenTimeoutMs: 60_000, idleTimeoutMs: 30_000 });
 */
export function askPrompt(client: OciGenAiClient, prompt: BatchPrompt, model: string, policy: AskPolicy): Observable<ChatEvent> {
  const attempt = client.chat(chatRequest(prompt, model));
  // Gated below the retry, so that each retry waits for the limiter and counts as a request;
  // an attempt that fails without usage is charged its prompt and answer, 4 characters a token.
  const gated = policy.rateLimiter?.gate(attempt, { estimateTokens: (text) => Math.ceil((prompt.prompt.length + text.length) / 4) }) ?? attempt;
  return gated.pipe(
    // Before the retry, so that each attempt gets its own deadlines.
    streamTimeout({ firstTokenMs: policy.firstTokenTimeoutMs, idleMs: policy.idleTimeoutMs }),
    retryStream({ count: policy.retries, ...(policy.onRetry !== undefined && { onRetry: policy.onRetry }) }),
  );
}

/** The chat request of one input line. */
export function chatRequest(prompt: BatchPrompt, model: string): ChatRequest {
  return {
    model: prompt.model ?? model,
    prompt: prompt.prompt,
    ...(prompt.system !== undefined && { system: prompt.system }),
    ...(prompt.maxTokens !== undefined && { maxTokens: prompt.maxTokens }),
    ...(prompt.temperature !== undefined && { temperature: prompt.temperature }),
    ...(prompt.headers !== undefined && { headers: prompt.headers }),
  };
}
