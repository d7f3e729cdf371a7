import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { UsageError } from './UsageError.js';

/** The flag table of `util.parseArgs`. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseFlags} returns: `util.parseArgs`'s typed values, and the positional arguments. */
export type ParsedFlags<T extends FlagOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/**
 * Reads an example's command line with `util.parseArgs`, the way every example does:
 * - a leading `--` is dropped (`pnpm web -- --port 9000` hands it to the script);
 * - a negative number is a flag's value, not a flag (`--retries -1` is then refused by the
 *   flag's own range check, which says what is allowed, instead of "needs a value");
 * - a malformed command line is a {@link UsageError} in one short sentence that points at `--help`.
 *
 * @param argv The arguments after the script.
 * @param options The flags, as for `util.parseArgs`.
 * @param allowPositionals Whether arguments other than flags are allowed (default false).
 * @throws {UsageError} for an unknown flag, a flag without its value, or an unexpected argument.
 * @example
 * parseFlags(['--', '--port', '9000'], { port: { type: 'string' } }).values.port; // '9000'
 * parseFlags(['--retries', '-1'], { retries: { type: 'string' } }).values.retries; // '-1'
 * parseFlags(['--bogus'], {}); // throws UsageError: Unknown option --bogus. Run with --help for the flags.
 */
export function parseFlags<const T extends FlagOptions>(argv: readonly string[], options: T, allowPositionals = false): ParsedFlags<T> {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let parsed: ParsedFlags<T>;
  try {
    parsed = parseArgs({ args: negativeNumbersAsValues(args, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${parseArgsProblem(error)} Run with --help for the flags.`);
  }
  const unexpected = parsed.positionals[0];
  if (!allowPositionals && unexpected !== undefined) {
    throw new UsageError(`Unexpected argument "${unexpected}": every value belongs to a flag. Run with --help for the flags.`);
  }
  return parsed;
}

/** `--flag -1` as `--flag=-1` for the long flags that take a value: parseArgs reads `-1` as a short option. */
function negativeNumbersAsValues(args: readonly string[], options: FlagOptions): string[] {
  const result: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      result.push(...args.slice(index));
      break;
    }
    const next = args[index + 1];
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      result.push(`${arg}=${next}`);
      index += 1;
    } else {
      result.push(arg);
    }
  }
  return result;
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
