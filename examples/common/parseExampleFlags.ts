import type { ConnectionFlagValues, ConnectionSettings } from './connectionFlags.js';
import { connectionFlagOptions, connectionFlagsHelp, connectionSettings } from './connectionFlags.js';
import type { FlagOptions, ParsedFlags } from './parseFlags.js';
import { parseFlags } from './parseFlags.js';

const helpFlag = { help: { type: 'boolean', short: 'h', default: false } } as const satisfies FlagOptions;

/** An example's command line: its own flags' values, `--help`, and where answers come from. */
export interface ExampleFlags<T extends FlagOptions> {
  readonly values: ParsedFlags<T & typeof connectionFlagOptions & typeof helpFlag>['values'];
  readonly help: boolean;
  /** The connection flags, checked; give them to `connect`. */
  readonly connection: ConnectionSettings;
}

/**
 * Reads the command line of an example that takes flags only: its own flags, plus the
 * connection flags and `-h, --help` that every example has (see `parseFlags` for the rules).
 *
 * @throws {UsageError} naming the flag to fix.
 * @example
 * const { values, help, connection } = parseExampleFlags(argv, { port: { type: 'string' } });
 * if (help) return printHelp();
 * await connect(connection);
 */
export function parseExampleFlags<const T extends FlagOptions>(argv: readonly string[], options: T): ExampleFlags<T> {
  const { values } = parseFlags(argv, { ...connectionFlagOptions, ...helpFlag, ...options });
  // TypeScript cannot resolve parseArgs's value types for a generic T; these two fields are known.
  const known = values as ConnectionFlagValues & { readonly help?: boolean };
  return { values, help: known.help === true, connection: connectionSettings(known) };
}

/**
 * An example's `--help` text: what it does, how to call it, its own flags, then `--help` and the
 * connection flags every example shares.
 *
 * @param flags The example's own flags, one per line, indented by two spaces.
 * @example
 * exampleHelp('Serves a chat page.', 'pnpm web -- [--port <n>] [connection flags]', '  --port <n>   port (default 8080)');
 */
export function exampleHelp(summary: string, usage: string, flags: string): string {
  return `${summary}

Usage: ${usage}

${flags}
  -h, --help            this text

${connectionFlagsHelp}
`;
}
