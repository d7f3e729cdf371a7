import type { ChatEvent, ChatRequest, GenerateTextRequest, GenerateTextRuntime, OciGenAiClient } from '@oci-genai-rx/core';
import type { RetryInfo, StreamTimeoutConfig } from '@oci-genai-rx/operators';
import { retryStream, streamTimeout } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import type { CliOptions } from './parseCliArgs.js';

/**
 * The answer's events as the options ask: chat (or the legacy generateText), each attempt under
 * the timeouts, retried before its first token. Cold: subscribing sends the request,
 * unsubscribing aborts it.
 *
 * @param onRetry Told before each retry, to say so on stderr.
 * @example
 * ```ts
 * answerEvents(client, options, 'Tell me a joke.', () => {}).subscribe(console.log);
 * // { type: 'start', … } { type: 'text', text: 'Why' } … { type: 'finish', reason: 'stop', … }
 * ```
 */
export function answerEvents(client: OciGenAiClient, options: CliOptions, prompt: string, onRetry: (info: RetryInfo) => void): Observable<ChatEvent> {
  const request = options.generateText ? client.generateText(generateTextRequest(options, prompt)) : client.chat(chatRequest(options, prompt));
  const timeouts: StreamTimeoutConfig = {
    ...(options.firstTokenMs === undefined ? {} : { firstTokenMs: options.firstTokenMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.totalMs === undefined ? {} : { totalMs: options.totalMs }),
  };
  // The timeouts sit before the retry, so that each attempt gets its own deadlines.
  const timed = Object.keys(timeouts).length === 0 ? request : request.pipe(streamTimeout(timeouts));
  return options.retries === 0 ? timed : timed.pipe(retryStream({ count: options.retries, onRetry }));
}

function chatRequest(options: CliOptions, prompt: string): ChatRequest {
  const format = options.format;
  return {
    model: options.model,
    prompt,
    ...(format === undefined || format === 'LLAMA' ? {} : { format }),
    ...(options.system === undefined ? {} : { system: options.system }),
    ...(options.reasoningEffort === undefined ? {} : { reasoningEffort: options.reasoningEffort }),
    ...samplingOptions(options),
  };
}

function generateTextRequest(options: CliOptions, prompt: string): GenerateTextRequest {
  const runtime = options.format as GenerateTextRuntime | undefined;
  return {
    model: options.model,
    prompt,
    ...(runtime === undefined ? {} : { runtime }),
    ...samplingOptions(options),
  };
}

function samplingOptions(options: CliOptions): { maxTokens?: number; temperature?: number } {
  return {
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
  };
}
