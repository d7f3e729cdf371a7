import type { ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';
import { connectEmulator } from '../../common/connect.js';

/** An emulator and a client signed with its API key, for tests that run an example in-process. */
export interface EmulatorConnection {
  readonly emulator: Emulator;
  readonly client: OciGenAiClient;
  close(): Promise<void>;
}

/** The examples' own emulator connection (`connectEmulator`), with the test's emulator and client options. */
export function startEmulatorConnection(options: EmulatorOptions = {}, clientOptions: Partial<ClientOptions> = {}): Promise<EmulatorConnection> {
  return connectEmulator(options, clientOptions);
}
