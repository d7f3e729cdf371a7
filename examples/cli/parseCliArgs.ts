import { parseArgs } from 'node:util';
import type { ApiFormat, GenerateTextRuntime } from '@oci-genai-rx/core';
import { parseDuration } from './parseDuration.js';
import { UsageError } from './UsageError.js';

/** The default model: the one OCI's on-demand Llama serves in every Generative AI region. */
export const DEFAULT_MODEL = 'meta.llama-3.3-70b-instruct';

/** How the CLI authenticates to OCI (`--auth`); the names of core's `AuthOption` shorthands. */
export type CliAuth = 'config-file' | 'session-token' | 'instance-principal' | 'resource-principal';

/** How the answer is printed. */
export type OutputMode = 'text' | 'sentences' | 'json';

/** Everything the command line asked for, checked. */
export interface CliOptions {
  /** The prompt argument(s) joined by spaces; undefined (or `-`) means: read stdin. */
  readonly prompt: string | undefined;
  readonly model: string;
  readonly format: ApiFormat | GenerateTextRuntime | undefined;
  readonly auth: CliAuth | undefined;
  readonly configFile: string | undefined;
  readonly profile: string | undefined;
  readonly region: string | undefined;
  readonly compartmentId: string | undefined;
  readonly endpoint: string | undefined;
  /** `--emulator`: use the embedded emulator even when OCI is configured. */
  readonly emulator: boolean;
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

const AUTH_TYPES: readonly CliAuth[] = ['config-file', 'session-token', 'instance-principal', 'resource-principal'];
const CHAT_FORMATS: readonly ApiFormat[] = ['GENERIC', 'COHERE', 'COHEREV2'];
const RUNTIMES: readonly GenerateTextRuntime[] = ['COHERE', 'LLAMA'];
const DEFAULT_RETRIES = 2;

const FLAGS = {
  model: { type: 'string', short: 'm' },
  format: { type: 'string' },
  auth: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  compartment: { type: 'string' },
  endpoint: { type: 'string' },
  emulator: { type: 'boolean' },
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
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let parsed;
  try {
    parsed = parseArgs({ args, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${parseArgsProblem(error)} Run with --help for the flags.`);
  }
  const { values, positionals } = parsed;
  const generateText = values['generate-text'] === true;
  if (values.json === true && values.sentences === true) {
    throw new UsageError('--json and --sentences cannot be combined: pick one output.');
  }
  if (generateText && values.system !== undefined) {
    throw new UsageError('--system does not apply to --generate-text (generateText has no system prompt): put it in the prompt.');
  }
  return {
    prompt: positionals.length === 0 ? undefined : positionals.join(' '),
    model: nonEmpty('--model', values.model) ?? DEFAULT_MODEL,
    format: parseFormat(values.format, generateText),
    auth: parseAuth(values.auth),
    configFile: nonEmpty('--config', values.config),
    profile: nonEmpty('--profile', values.profile),
    region: nonEmpty('--region', values.region),
    compartmentId: nonEmpty('--compartment', values.compartment),
    endpoint: parseEndpoint(values.endpoint),
    emulator: values.emulator === true,
    output: values.json === true ? 'json' : values.sentences === true ? 'sentences' : 'text',
    firstTokenMs: parseDuration('--first-token-timeout', values['first-token-timeout']),
    idleMs: parseDuration('--idle-timeout', values['idle-timeout']),
    totalMs: parseDuration('--timeout', values.timeout),
    retries: parseWholeNumber('--retries', values.retries, 0) ?? DEFAULT_RETRIES,
    maxTokens: parseWholeNumber('--max-tokens', values['max-tokens'], 1),
    temperature: parseTemperature(values.temperature),
    system: values.system,
    generateText,
    help: values.help === true,
    debug: values.debug === true,
  };
}

/** util.parseArgs's complaint, shortened: its messages explain positionals at length. */
function parseArgsProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /--[\w-]+/.exec(message)?.[0] ?? /'(-\w)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${flag}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Option ${flag} needs a value.`;
  return message.split('\n')[0] ?? message;
}

function parseWholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < min) {
    throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${text}".`);
  }
  return Number(text);
}

function parseTemperature(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--temperature must be a number of at least 0 (e.g. 0.7), not "${text}".`);
  }
  return value;
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

function parseAuth(text: string | undefined): CliAuth | undefined {
  if (text === undefined) return undefined;
  const auth = AUTH_TYPES.find((type) => type === text.trim().toLowerCase());
  if (auth === undefined) throw new UsageError(`--auth must be one of ${AUTH_TYPES.join(', ')}, not "${text}".`);
  return auth;
}

function parseEndpoint(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--endpoint must be a URL such as https://inference.generativeai.us-chicago-1.oci.oraclecloud.com, not "${text}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--endpoint must be an http(s) URL, not "${text}".`);
  }
  // The client appends /20231130/actions/…: accept the endpoint with or without the version.
  return text.replace(/\/+$/, '').replace(/\/20231130$/, '');
}

function nonEmpty(flag: string, text: string | undefined): string | undefined {
  if (text !== undefined && text.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return text;
}
