import type { ApiFormat, GenerateTextRuntime } from '@oci-genai-rx/core';
import type { ConnectionSettings } from '../common/connectionFlags.js';
import { connectionFlagOptions, connectionSettings } from '../common/connectionFlags.js';
import { numberFlag } from '../common/numberFlag.js';
import { parseFlags } from '../common/parseFlags.js';
import { UsageError } from '../common/UsageError.js';
import { parseDuration } from './parseDuration.js';

export { DEFAULT_MODEL } from '../common/connectionFlags.js';

/** How the answer is printed. */
export type OutputMode = 'text' | 'sentences' | 'json';

/** Everything the command line asked for, checked. */
export interface CliOptions extends ConnectionSettings {
  /** The prompt argument(s) joined by spaces; undefined (or `-`) means: read stdin. */
  readonly prompt: string | undefined;
  readonly format: ApiFormat | GenerateTextRuntime | undefined;
  readonly output: OutputMode;
  readonly firstTokenMs: number | undefined;
  readonly idleMs: number | undefined;
  readonly totalMs: number | undefined;
  /** Retries of a failed request before its first token (0: none). */
  readonly retries: number;
  readonly maxTokens: number | undefined;
  readonly temperature: number | undefined;
  readonly system: string | undefined;
  /** `--generate-text`: the legacy generateText call of the seed article. */
  readonly generateText: boolean;
  readonly help: boolean;
  readonly debug: boolean;
}

const CHAT_FORMATS: readonly ApiFormat[] = ['GENERIC', 'COHERE', 'COHEREV2'];
const RUNTIMES: readonly GenerateTextRuntime[] = ['COHERE', 'LLAMA'];
const DEFAULT_RETRIES = 2;

const FLAGS = {
  ...connectionFlagOptions,
  format: { type: 'string' },
  sentences: { type: 'boolean' },
  json: { type: 'boolean' },
  'first-token-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  system: { type: 'string' },
  'generate-text': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const;

/**
 * Reads the command line (without `node` and the script). A leading `--` is dropped: `pnpm start
 * -- "Tell me a joke."` hands it to the script, and the prompt, not the flags, must follow it.
 *
 * @throws {UsageError} naming the flag to fix.
 * @example
 * ```ts
 * parseCliArgs(['--', 'Tell me a joke.', '--json']).output // 'json'
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const generateText = values['generate-text'] === true;
  if (values.json === true && values.sentences === true) {
    throw new UsageError('--json and --sentences cannot be combined: pick one output.');
  }
  if (generateText && values.system !== undefined) {
    throw new UsageError('--system does not apply to --generate-text (generateText has no system prompt): put it in the prompt.');
  }
  return {
    ...connectionSettings(values),
    prompt: positionals.length === 0 ? undefined : positionals.join(' '),
    format: parseFormat(values.format, generateText),
    output: values.json === true ? 'json' : values.sentences === true ? 'sentences' : 'text',
    firstTokenMs: parseDuration('--first-token-timeout', values['first-token-timeout']),
    idleMs: parseDuration('--idle-timeout', values['idle-timeout']),
    totalMs: parseDuration('--timeout', values.timeout),
    retries: numberFlag('--retries', values.retries, DEFAULT_RETRIES, { integer: true, min: 0 }),
    maxTokens: numberFlag('--max-tokens', values['max-tokens'], undefined, { integer: true, min: 1 }),
    temperature: numberFlag('--temperature', values.temperature, undefined, { min: 0, example: '0.7' }),
    system: values.system,
    generateText,
    help: values.help === true,
    debug: values.debug === true,
  };
}



function parseFormat(text: string | undefined, generateText: boolean): CliOptions['format'] {
  if (text === undefined) return undefined;
  const upper = text.trim().toUpperCase();
  const allowed: readonly string[] = generateText ? RUNTIMES : CHAT_FORMATS;
  if (!allowed.includes(upper)) {
    const what = generateText ? 'with --generate-text, the runtime' : 'the chat format';
    throw new UsageError(`--format is ${what}: ${allowed.join(', ')}, not "${text}".`);
  }
  return upper as CliOptions['format'];
}
