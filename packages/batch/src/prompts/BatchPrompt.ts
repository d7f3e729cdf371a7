import { BatchError } from '../BatchError.js';

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

/**
 * A line of the input file that is not a valid prompt; the message says which field and why.
 *
 * @example
 * parsePromptLine('{"id": "a", "prompt": "Hi", "maxTokens": 0}', 4); // throws: line 4: "maxTokens" must be a whole number of at least 1, got 0.
 */
export class PromptLineError extends BatchError {
  override readonly name = 'PromptLineError';
  readonly code = 'PROMPT_LINE' as const;

  /** The line of the input file, from 1. */
  readonly line: number;

  /**
   * @param problem What is wrong with the line, e.g. `"prompt" must be a non-empty string.`
   * @param options.line The line of the input file, from 1.
   */
  constructor(problem: string, options: { readonly line: number }) {
    super(`line ${options.line}: ${problem}`);
    this.line = options.line;
  }
}

/**
 * Parses one non-blank line of the input file.
 *
 * @throws {PromptLineError} naming the field that is missing, unknown, of the wrong type or out of range.
 * @example
 * parsePromptLine('{"id": 7, "prompt": "Hi"}', 3); // { id: '7', prompt: 'Hi', line: 3 }
 */
export function parsePromptLine(text: string, line: number): BatchPrompt {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PromptLineError('not JSON. Each line must be one object such as {"id": "q-1", "prompt": "Tell me a joke."}.', { line: line });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PromptLineError('not a JSON object. Each line must look like {"id": "q-1", "prompt": "…"}.', { line: line });
  }
  const fields = json as Record<string, unknown>;
  // Refused rather than ignored: a typo such as "maxToken" or "temprature" would otherwise
  // run the whole batch without the setting the user meant.
  const unknown = Object.keys(fields).filter((name) => !knownFields.has(name));
  if (unknown.length > 0) {
    throw new PromptLineError(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}; a prompt line may have only ${[...knownFields].map((name) => `"${name}"`).join(', ')}.`, { line: line });
  }
  const { id, prompt } = fields;
  // Numbers are accepted as ids because spreadsheets and jq often produce them.
  if (!isNonEmptyString(id) && typeof id !== 'number') throw new PromptLineError('"id" must be a non-empty string (or a number).', { line: line });
  if (typeof prompt !== 'string' || prompt.trim() === '') throw new PromptLineError('"prompt" must be a non-empty string.', { line: line });
  const parsed: Mutable<BatchPrompt> = { id: String(id), prompt, line };
  if (fields['model'] !== undefined) parsed.model = field(line, 'model', fields['model'], isNonEmptyString);
  if (fields['system'] !== undefined) parsed.system = field(line, 'system', fields['system'], isString);
  if (fields['maxTokens'] !== undefined) parsed.maxTokens = positiveInteger(line, 'maxTokens', fields['maxTokens']);
  if (fields['temperature'] !== undefined) parsed.temperature = field(line, 'temperature', fields['temperature'], isFiniteNumber);
  if (fields['headers'] !== undefined) parsed.headers = field(line, 'headers', fields['headers'], isStringRecord);
  return parsed;
}

const knownFields: ReadonlySet<string> = new Set(['id', 'prompt', 'model', 'system', 'maxTokens', 'temperature', 'headers']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function field<T>(line: number, name: string, value: unknown, valid: (value: unknown) => value is T): T {
  if (!valid(value)) throw new PromptLineError(`"${name}" has the wrong type (see the README's input format).`, { line: line });
  return value;
}

/** A number of the right type but outside the range is told apart from a wrong type. */
function positiveInteger(line: number, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new PromptLineError(`"${name}" must be a number, got ${JSON.stringify(value)}.`, { line: line });
  if (!Number.isInteger(value) || value <= 0) throw new PromptLineError(`"${name}" must be a whole number of at least 1, got ${value}.`, { line: line });
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isString);
