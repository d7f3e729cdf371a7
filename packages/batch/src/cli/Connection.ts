import type { OciGenAiClient } from '@oci-genai-rx/core';
import type { ConnectionFlags } from './connectionFlags.js';

/**
 * A client ready to use, the model to ask, and what it talks to: what a batch command needs to
 * send prompts.
 *
 * @example
 * const connection: Connection = { client, model: 'meta.llama-3.3-70b-instruct', description: client.endpoint, close: () => client.close() };
 */
export interface Connection {
  readonly client: OciGenAiClient;
  /** The model of prompts that name none. */
  readonly model: string;
  /** Where requests go, for a line of output: the endpoint, or e.g. `the embedded emulator at http://…`. */
  readonly description: string;
  /** Closes the client (and whatever else the connection started). */
  close(): Promise<void>;
}

/**
 * Makes the {@link Connection} of a command from its connection flags. The bin signs with
 * `~/.oci/config` (see {@link connectToService}); an embedding program can pass its own, e.g.
 * one that starts an emulator when no flag names a service.
 *
 * @example
 * const connect: Connect = async (flags) => connectToService(flags);
 */
export type Connect = (flags: ConnectionFlags) => Promise<Connection>;
