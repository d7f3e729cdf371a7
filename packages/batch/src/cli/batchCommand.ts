import { OciGenAiError } from '@oci-genai-rx/core';
import { BatchError } from '../BatchError.js';
import type { Connect } from './Connection.js';
import { connectToService } from './connectToService.js';
import { distributedCommands } from './distributedCommands.js';
import { exitCodes } from './exitCodes.js';
import { runLocal } from './runLocal.js';

/** How {@link batchCommand} is embedded in a program. */
export interface BatchCommandOptions {
  /** Where answers come from. Default: {@link connectToService} (`~/.oci/config`). */
  readonly connect?: Connect;
  /** The program's name in messages. Default: `oci-genai-batch`. */
  readonly name?: string;
}

/**
 * The whole `oci-genai-batch` command: local mode by default, or the distributed subcommands
 * `enqueue`, `work`, `status` and `export`. It never rejects: a failure is printed on stderr
 * (without a stack when it is one of the library's readable errors) and becomes the exit status.
 *
 * @param argv The arguments after the program name.
 * @returns The exit status (see {@link exitCodes}).
 * @example
 * process.exitCode = await batchCommand(process.argv.slice(2));
 */
export async function batchCommand(argv: readonly string[], options: BatchCommandOptions = {}): Promise<number> {
  const name = options.name ?? 'oci-genai-batch';
  const connect = options.connect ?? connectToService;
  try {
    const [first, ...rest] = argv;
    const subcommand = first === undefined ? undefined : distributedCommands[first];
    return subcommand === undefined ? await runLocal(argv, connect) : await subcommand(rest, connect);
  } catch (error) {
    return report(name, error);
  }
}

function report(name: string, error: unknown): number {
  if (error instanceof BatchError) {
    // parseFlags already points at --help for a malformed command line.
    const help = error.code === 'USAGE' && !error.message.includes('--help') ? '\nRun with --help for the flags.' : '';
    process.stderr.write(`${name}: ${error.message}${help}\n`);
    if (error.code === 'REDIS') return exitCodes.redisUnavailable;
    if (error.code === 'OUTPUT') return exitCodes.outputFailed;
    return exitCodes.usage;
  }
  if (error instanceof OciGenAiError && error.code === 'CONFIGURATION') {
    process.stderr.write(`${name}: ${error.name}: ${error.message}\n`);
    return exitCodes.usage;
  }
  // Not 1, which means that some prompts failed: this is a failure of the program itself.
  process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCodes.internalError;
}
