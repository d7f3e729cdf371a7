import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BatchPrompt } from './BatchPrompt.js';
import { parsePromptLine, PromptLineError } from './BatchPrompt.js';

/** The input file has invalid lines; nothing was sent. The message lists the first few. */
export class PromptFileError extends Error {
  override readonly name = 'PromptFileError';
}

/** How many bad lines a message lists: enough to see a pattern, few enough to read. */
const MAX_LISTED_PROBLEMS = 10;

/**
 * Reads a JSONL prompt file (blank lines are ignored) and checks every line before anything
 * is sent, so a typo on line 9,000 does not stop a batch halfway.
 *
 * @throws {PromptFileError} listing invalid lines and duplicate ids.
 * @example
 * await readPrompts('prompts.jsonl'); // [{ id: 'q-1', prompt: 'Tell me a joke.', line: 1 }, …]
 */
export async function readPrompts(path: string): Promise<BatchPrompt[]> {
  const prompts: BatchPrompt[] = [];
  const problems: string[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      const prompt = parsePromptLine(text, line);
      const first = firstLineOf.get(prompt.id);
      // Results are stored by id: two prompts with one id could not be told apart on resume.
      if (first !== undefined) throw new PromptLineError(line, `id "${prompt.id}" is already used on line ${first}; ids must be unique.`);
      firstLineOf.set(prompt.id, line);
      prompts.push(prompt);
    } catch (error) {
      if (!(error instanceof PromptLineError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED_PROBLEMS ? `\n  … and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
    throw new PromptFileError(`${path} has ${problems.length} invalid line(s); nothing was sent:\n  ${problems.slice(0, MAX_LISTED_PROBLEMS).join('\n  ')}${more}`);
  }
  return prompts;
}
