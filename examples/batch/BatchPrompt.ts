/**
 * One line of the input file: a prompt and its id, with optional per-prompt settings.
 *
 * @example
 * {"id": "q-1", "prompt": "Tell me a joke.", "maxTokens": 200}
 * {"id": "q-2", "prompt": "Say hi.", "model": "cohere.command-a-03-2025", "system": "Be terse.", "headers": {"x-emulator-fault": "disconnect-after=5"}}
 */
export interface BatchPrompt {
  /** The id results are stored under; unique in the file. */
  readonly id: string;
  readonly prompt: string;
  /** Overrides `--model` for this prompt. */
  readonly model?: string;
  readonly system?: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
  /** Extra request headers (not signed), e.g. the emulator's `x-emulator-fault`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The line of the input file it came from, from 1, for messages. */
  readonly line: number;
}

/** A line of the input file that is not a valid prompt; the message says which field and why. */
export class PromptLineError extends Error {
  override readonly name = 'PromptLineError';
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/**
 * Parses one non-blank line of the input file.
 *
 * @throws {PromptLineError} naming the field that is missing or of the wrong type.
 * @example
 * parsePromptLine('{"id": 7, "prompt": "Hi"}', 3); // { id: '7', prompt: 'Hi', line: 3 }
 */
export function parsePromptLine(text: string, line: number): BatchPrompt {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PromptLineError(line, 'not JSON. Each line must be one object such as {"id": "q-1", "prompt": "Tell me a joke."}.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PromptLineError(line, 'not a JSON object. Each line must look like {"id": "q-1", "prompt": "…"}.');
  }
  const fields = json as Record<string, unknown>;
  const { id, prompt } = fields;
  // Numbers are accepted as ids because spreadsheets and jq often produce them.
  if (!isNonEmptyString(id) && typeof id !== 'number') throw new PromptLineError(line, '"id" must be a non-empty string (or a number).');
  if (typeof prompt !== 'string' || prompt.trim() === '') throw new PromptLineError(line, '"prompt" must be a non-empty string.');
  const parsed: Mutable<BatchPrompt> = { id: String(id), prompt, line };
  if (fields['model'] !== undefined) parsed.model = field(line, 'model', fields['model'], isNonEmptyString);
  if (fields['system'] !== undefined) parsed.system = field(line, 'system', fields['system'], isString);
  if (fields['maxTokens'] !== undefined) parsed.maxTokens = field(line, 'maxTokens', fields['maxTokens'], isPositiveInteger);
  if (fields['temperature'] !== undefined) parsed.temperature = field(line, 'temperature', fields['temperature'], isFiniteNumber);
  if (fields['headers'] !== undefined) parsed.headers = field(line, 'headers', fields['headers'], isStringRecord);
  return parsed;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function field<T>(line: number, name: string, value: unknown, valid: (value: unknown) => value is T): T {
  if (!valid(value)) throw new PromptLineError(line, `"${name}" has the wrong type (see the README's input format).`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isString);
