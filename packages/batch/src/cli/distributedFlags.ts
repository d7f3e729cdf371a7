import type { ParseArgsConfig } from 'node:util';
import { parseFlags } from './parseFlags.js';
import { UsageError } from './UsageError.js';

/** Where a distributed batch lives: the Redis URL and the queue's name. */
export interface QueueFlags {
  readonly redis: string;
  readonly queue: string;
}

/** The flags every distributed subcommand takes. */
export const queueFlagOptions = {
  redis: { type: 'string' },
  queue: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The help text of {@link queueFlagOptions}. */
export const queueFlagsHelp = `  --redis <url>                Redis, e.g. redis://127.0.0.1:6379 (default: $REDIS_URL, then redis://127.0.0.1:6379)
  --queue <name>               the batch's queue; every command of one batch uses the same name (required)
  -h, --help                   this text`;

/** A subcommand's arguments, parsed. */
export interface ParsedSubcommand {
  readonly help: boolean;
  readonly queue: QueueFlags;
  readonly positionals: readonly string[];
  /** A string flag's value, undefined when absent. */
  string(flag: string): string | undefined;
  /** A boolean flag: true when given. */
  flag(flag: string): boolean;
}

/**
 * Parses a subcommand's arguments with `options` besides the queue flags.
 *
 * @throws {UsageError} for an unknown flag, a missing `--queue`, or the wrong number of positionals.
 * @example
 * parseSubcommand('export', ['out.jsonl', '--queue', 'q'], {}, 1).positionals; // ['out.jsonl']
 */
export function parseSubcommand(name: string, argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number, usage: string): ParsedSubcommand {
  const parsed = parseFlags(argv, { ...queueFlagOptions, ...options }, true);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values['help'] === true;
  if (!help) {
    if (parsed.positionals.length !== positionals) throw new UsageError(`${name} takes ${positionals === 0 ? 'no file' : 'one file'}: ${usage}`);
    if (typeof values['queue'] !== 'string' || values['queue'] === '') throw new UsageError(`--queue is required: the name of the batch's queue (${usage}).`);
  }
  const queue: QueueFlags = {
    redis: typeof values['redis'] === 'string' ? values['redis'] : (process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'),
    queue: typeof values['queue'] === 'string' ? values['queue'] : '',
  };
  return {
    help,
    queue,
    positionals: parsed.positionals,
    string: (flag) => (typeof values[flag] === 'string' ? values[flag] : undefined),
    flag: (flag) => values[flag] === true,
  };
}
