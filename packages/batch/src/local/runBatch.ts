import type { ChatEvent, OciGenAiClient } from '@oci-genai-rx/core';
import type { MergePromptsOptions, PromptControl, PromptEvent } from '@oci-genai-rx/operators';
import { mergePrompts, promptResults } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import { defer, finalize, map, tap } from 'rxjs';
import type { AskPolicy } from '../prompts/askPrompt.js';
import { askPrompt } from '../prompts/askPrompt.js';
import type { BatchPrompt } from '../prompts/BatchPrompt.js';
import type { BatchStats } from '../stats/BatchStats.js';
import type { ResultLine } from '../results/ResultLine.js';
import { resultLine } from '../results/ResultLine.js';

/** How a batch runs. */
export interface BatchSettings extends Omit<AskPolicy, 'onRetry'> {
  readonly client: OciGenAiClient;
  /** The model of prompts that name none. */
  readonly model: string;
  /** Prompts running at once (the ceiling when adaptive). */
  readonly concurrency: number;
  /** Halve the concurrency when a prompt ends in 429, grow it back by one per success. */
  readonly adaptive: boolean;
  /** Request starts allowed per minute; undefined: no limit. */
  readonly requestsPerMinute?: number | undefined;
  /** Tokens (prompt plus answer) allowed per minute; undefined: no limit. */
  readonly tokensPerMinute?: number | undefined;
  /** Told each time adaptive concurrency moves the limit. */
  readonly onLimitChange?: (limit: number) => void;
}

/**
 * Runs prompts through `mergePrompts` and emits one {@link ResultLine} per prompt as soon as it
 * ends (in the order prompts end), updating `stats` on the way. A failed prompt is a line
 * with `error`, never an error of the Observable; it completes when every prompt has ended.
 * Unsubscribing aborts the running requests: nothing half-done is emitted.
 *
 * @example
 * runBatch(prompts, settings, stats).subscribe((line) => file.append(line));
 */
export function runBatch(prompts: readonly BatchPrompt[], settings: BatchSettings, stats: BatchStats): Observable<ResultLine> {
  return defer(() => {
    const stream = (prompt: BatchPrompt, _index: number, control: PromptControl): Observable<ChatEvent> =>
      defer(() => {
        stats.inFlight += 1;
        // A 429 the retry absorbs still tells the adaptive limit to back off.
        const policy: AskPolicy = { ...settings, rateLimiter: control.rateLimiter, onRetry: ({ error }) => {
          stats.retries += 1;
          control.rateLimited(error);
        } };
        return askPrompt(settings.client, prompt, settings.model, policy).pipe(finalize(() => (stats.inFlight -= 1)));
      });
    return mergePrompts(prompts, stream, mergeOptions(settings, stats)).pipe(
      tap((item: PromptEvent<BatchPrompt, ChatEvent>) => {
        if (item.type === 'event' && item.event.type === 'text') stats.tokens += 1;
      }),
      promptResults<BatchPrompt>(),
      map((result) => {
        const line = resultLine(result);
        stats.record(line);
        return line;
      }),
    );
  });
}

function mergeOptions(settings: BatchSettings, stats: BatchStats): MergePromptsOptions<BatchPrompt> {
  const { concurrency, requestsPerMinute, tokensPerMinute } = settings;
  const limited = requestsPerMinute !== undefined || tokensPerMinute !== undefined;
  return {
    concurrency,
    key: (prompt) => prompt.id,
    ...(settings.adaptive && {
      adaptive: {
        min: 1,
        max: concurrency,
        onLimitChange: (limit: number) => {
          stats.concurrencyLimit = limit;
          settings.onLimitChange?.(limit);
        },
      },
    }),
    ...(limited && {
      rateLimit: {
        intervalMs: 60_000,
        ...(requestsPerMinute !== undefined && { requestsPerInterval: requestsPerMinute }),
        ...(tokensPerMinute !== undefined && { tokensPerInterval: tokensPerMinute }),
      },
    }),
  };
}
