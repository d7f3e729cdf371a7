import type { Readable } from 'node:stream';
import { UsageError } from '../common/UsageError.js';

/**
 * The prompt: the argument, or (when there is none, or it is `-`) all of stdin, trimmed.
 *
 * @throws {UsageError} when the prompt is empty.
 * @example
 * ```ts
 * await readPrompt('Tell me a joke.', process.stdin) // 'Tell me a joke.'
 * ```
 */
export async function readPrompt(argument: string | undefined, stdin: Readable): Promise<string> {
  const text = argument === undefined || argument === '-' ? await readAll(stdin) : argument;
  const prompt = text.trim();
  if (prompt === '') {
    throw new UsageError('The prompt is empty: pass it as an argument ("Tell me a joke.") or on stdin.');
  }
  return prompt;
}

async function readAll(stdin: Readable): Promise<string> {
  stdin.setEncoding('utf8');
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text;
}
