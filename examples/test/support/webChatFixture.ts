import type { Emulator, EmulatorOptions } from '@oci-genai-rx/emulator';
import type { OciGenAiClient } from '@oci-genai-rx/core';
import { afterEach } from 'vitest';
import type { WebChatServerOptions } from '../../web-chat/startWebChatServer.js';
import { startWebChatServer } from '../../web-chat/startWebChatServer.js';
import type { EmulatorConnection } from './emulatorConnection.js';
import { startEmulatorConnection } from './emulatorConnection.js';

/** A running web chat relay in front of its own emulator. */
export interface StartedWebChat {
  readonly emulator: Emulator;
  readonly client: OciGenAiClient;
  /** The relay's base URL. */
  readonly url: string;
}

/**
 * Registers, in the calling `describe`, an `afterEach` that closes the relay and its emulator,
 * and returns `start`, which starts both for one test (the relay with the test's options).
 */
export function useWebChatServer(): (options: Omit<WebChatServerOptions, 'client'>, emulatorOptions?: EmulatorOptions) => Promise<StartedWebChat> {
  let connection: EmulatorConnection | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await connection?.close();
    close = undefined;
    connection = undefined;
  });
  return async (options, emulatorOptions = {}) => {
    connection = await startEmulatorConnection(emulatorOptions);
    const server = await startWebChatServer({ client: connection.client, ...options });
    close = () => server.close();
    return { emulator: connection.emulator, client: connection.client, url: server.url };
  };
}
