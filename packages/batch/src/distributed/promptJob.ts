import { createHash } from 'node:crypto';
import type { BatchPrompt } from '../prompts/BatchPrompt.js';

/**
 * The data of one prompt's job: the prompt line without its line number (the same prompt keeps
 * its job when lines move).
 *
 * @example
 * promptJobData({ id: 'q-1', prompt: 'Hi', line: 3 }); // { id: 'q-1', prompt: 'Hi' }
 */
export type PromptJobData = Omit<BatchPrompt, 'line'>;

/** The BullMQ job name of a prompt (one kind of job per queue). */
export const promptJobName = 'prompt';

/** The job data of one prompt. */
export function promptJobData(prompt: BatchPrompt): PromptJobData {
  const { line: _line, ...data } = prompt;
  return data;
}

/**
 * A digest of what a prompt asks (every field but the line number, in a fixed order), to tell
 * a re-enqueued prompt (same digest: nothing to do) from an id reused for another prompt.
 *
 * @example
 * promptDigest({ id: 'q-1', prompt: 'Hi', line: 3 }) === promptDigest({ id: 'q-1', prompt: 'Hi', line: 9 }); // true
 */
export function promptDigest(prompt: BatchPrompt): string {
  const { id, prompt: text, model, system, maxTokens, temperature, headers } = prompt;
  const sortedHeaders = headers === undefined ? null : Object.fromEntries(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1)));
  const canonical = JSON.stringify([id, text, model ?? null, system ?? null, maxTokens ?? null, temperature ?? null, sortedHeaders]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}
