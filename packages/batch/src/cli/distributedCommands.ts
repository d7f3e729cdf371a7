import type { Connect } from './Connection.js';
import { enqueueCommand } from './enqueueCommand.js';
import { exportCommand } from './exportCommand.js';
import { statusCommand } from './statusCommand.js';
import { workCommand } from './workCommand.js';

/** A subcommand: its arguments after its name, and where answers come from; resolves to the exit status. */
export type Subcommand = (argv: readonly string[], connect: Connect) => Promise<number>;

/** The distributed subcommands by name. */
export const distributedCommands: Readonly<Record<string, Subcommand | undefined>> = {
  enqueue: enqueueCommand,
  work: workCommand,
  status: statusCommand,
  export: exportCommand,
};
