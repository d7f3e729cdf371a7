import { isChatEvent } from '@oci-genai-rx/core';

/** The tokens a `usage` event reports (`totalTokens`, else prompt plus completion), or undefined. */
export function usageTokens(event: unknown): number | undefined {
  if (!isChatEvent(event) || event.type !== 'usage') return undefined;
  const { usage } = event;
  if (usage.totalTokens !== undefined) return usage.totalTokens;
  if (usage.promptTokens === undefined && usage.completionTokens === undefined) return undefined;
  return (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
}

/**
 * The default estimate of a prompt's tokens: about 4 characters per token (the usual rule of
 * thumb for English with BPE tokenizers) over the prompt's text and the answer's text.
 */
export function estimateTokens(prompt: unknown, answerText: string): number {
  return Math.ceil((promptText(prompt).length + answerText.length) / 4);
}

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  try {
    return JSON.stringify(prompt) ?? '';
  } catch {
    return ''; // cycles or BigInt: no estimate from the prompt rather than a failure
  }
}
