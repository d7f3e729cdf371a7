/**
 * Child process: runs the emulator so that its CPU is never counted in a contender's process.
 * Sends `{type:'ready', url, credentials}` over IPC, then answers `counters`, `setFault` and
 * `close` requests. Exits when the parent goes away.
 */
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { readInput } from './childProcess.js';
import type { EmulatorRequest } from './startEmulatorProcess.js';

const options = (await readInput<EmulatorOptions | null>()) ?? {};
const emulator = await startEmulator(options);
const { credentials } = emulator;
process.send?.({
  type: 'ready',
  url: emulator.url,
  credentials: {
    tenancy: credentials.tenancy,
    user: credentials.user,
    fingerprint: credentials.fingerprint,
    privateKeyPem: credentials.privateKeyPem,
    compartmentId: credentials.compartmentId,
    region: credentials.region,
    apiKey: credentials.apiKey,
  },
});

process.on('message', (message: EmulatorRequest) => {
  const reply = (value: unknown): void => void process.send?.({ type: 'reply', id: message.id, value });
  if (message.type === 'counters') reply({ ...emulator.counters });
  if (message.type === 'setFault') {
    emulator.setFault(message.spec, message.times === undefined ? undefined : { times: message.times });
    reply(null);
  }
  if (message.type === 'close') void emulator.close().then(() => process.send?.({ type: 'reply', id: message.id, value: null }, () => process.exit(0)));
});
process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
