import type { Connect } from './Connection.js';

/** A subcommand: its arguments after its name, and where answers come from; resolves to the exit status. */
export type Subcommand = (argv: readonly string[], connect: Connect) => Promise<number>;

/** The distributed subcommands by name. */
export const distributedCommands: Readonly<Record<string, Subcommand | undefined>> = {};
