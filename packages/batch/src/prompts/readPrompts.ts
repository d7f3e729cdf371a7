import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { BatchError } from '../BatchError.js';
import type { BatchPrompt } from './BatchPrompt.js';
import { parsePromptLine, PromptLineError } from './BatchPrompt.js';

/**
 * The input file cannot be used: it is missing or unreadable, or it has invalid lines. Nothing
 * was sent. The message names the file and lists the first few bad lines.
 *
 * @example
 * await readPrompts('missing.jsonl'); // throws: cannot read missing.jsonl: there is no such file. Give the path of a JSONL file of prompts.
 */
export class PromptFileError extends BatchError {
  override readonly name = 'PromptFileError';
  readonly code = 'PROMPT_FILE' as const;

  /** @param message Which file, and what is wrong with it. */
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** How many bad lines a message lists: enough to see a pattern, few enough to read. */
const MAX_LISTED_PROBLEMS = 10;

/**
 * Reads a JSONL prompt file (blank lines are ignored) and checks every line before anything
 * is sent, so a typo on line 9,000 does not stop a batch halfway.
 *
 * @throws {PromptFileError} for a missing or unreadable file, and listing invalid lines and duplicate ids.
 * @example
 * await readPrompts('prompts.jsonl'); // [{ id: 'q-1', prompt: 'Tell me a joke.', line: 1 }, …]
 */
export async function readPrompts(path: string): Promise<BatchPrompt[]> {
  const prompts: BatchPrompt[] = [];
  const problems: string[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = createInterface({ input: await openPromptFile(path), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      const prompt = parsePromptLine(text, line);
      const first = firstLineOf.get(prompt.id);
      // Results are stored by id: two prompts with one id could not be told apart on resume.
      if (first !== undefined) throw new PromptLineError(`id "${prompt.id}" is already used on line ${first}; ids must be unique.`, { line: line });
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

/** Opens the file first, so that a missing file is one clear sentence, not a raw ENOENT. */
async function openPromptFile(path: string): Promise<NodeJS.ReadableStream> {
  try {
    const handle = await open(path, 'r');
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw Object.assign(new Error(`${path} is not a file`), { code: 'EISDIR' });
    }
    return handle.createReadStream({ encoding: 'utf8' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder, not a file' : String((error as Error).message);
    throw new PromptFileError(`cannot read ${path}: ${why}. Give the path of a JSONL file of prompts.`, { cause: error });
  }
}
