import { SlowFirstTokens } from './internal/stream/SlowFirstTokens.js';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Emulator } from './Emulator.js';
import type { EmulatorOptions } from './EmulatorOptions.js';
import { CounterState } from './internal/server/CounterState.js';
import { createIdentity } from './internal/auth/createIdentity.js';
import { FaultSchedule } from './internal/faults/FaultSchedule.js';
import { handleRequest, type EmulatorContext } from './internal/server/handleRequest.js';
import { InstanceIdentity } from './internal/auth/InstanceIdentity.js';
import { expectedHostsFor, urlHostFor } from './internal/server/listeningHosts.js';
import { instanceMetadataPath } from './internal/auth/serveInstanceMetadata.js';

const clientErrorBody = JSON.stringify({ code: 'CannotParseRequest', message: 'The request is not valid HTTP/1.1.' });

/**
 * Starts a local OCI Generative AI inference service: `/20231130/actions/chat` (GENERIC,
 * COHERE, COHEREV2), `/20231130/actions/generateText` (COHERE, LLAMA) and
 * `/openai/v1/chat/completions`, streaming and not, with OCI signature checks against
 * freshly generated credentials and faults on demand. Resolves once it listens; the
 * server runs until `close()`.
 *
 * @param options port, timing, answer length, language, default faults, keys, clock.
 * @returns the running emulator: its URL, credentials, live counters, `setFault`, `close`.
 * @example
 * const emulator = await startEmulator({ tokens: 5 });
 * console.log(emulator.url); // 'http://127.0.0.1:41234'
 * // sign with emulator.credentials and POST to `${emulator.url}/20231130/actions/chat`
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const port = wholeNumberOption(options, 'port', 0);
  const defaults = {
    ttftMs: wholeNumberOption(options, 'ttftMs', 0),
    tokenIntervalMs: wholeNumberOption(options, 'tokenIntervalMs', 0),
    tokens: wholeNumberOption(options, 'tokens', 40),
    language: options.language ?? 'en',
    slowFirstTokens: options.slowFirstToken && new SlowFirstTokens(options.slowFirstToken),
  };
  const maxBodyBytes = wholeNumberOption(options, 'maxBodyBytes', 1024 * 1024);
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const faults = new FaultSchedule(options.faults);
  const { credentials, publicKeyFor, apiKeys } = await createIdentity(options.trustedKeys ?? [], now);
  const { tenancy, compartmentId, region, instanceId } = credentials;
  const instance = new InstanceIdentity({ instanceId, tenancy, compartmentId, region }, now);
  const counters = new CounterState();
  const sockets = new Set<Socket>();
  let closing = false;
  let boundPort = 0;

  const auth = { publicKeyFor, expectedHosts: () => expectedHostsFor(host, boundPort), now, apiKeys };
  const context: EmulatorContext = {
    counters,
    faults,
    defaults,
    auth,
    instancePrincipals: { auth, identity: instance, issueSessionToken: (pem, claims) => credentials.issueSessionToken(pem, claims) },
    maxBodyBytes,
    now,
    isClosing: () => closing,
  };
  const server = createServer((req, res) => void handleRequest(req, res, context));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    counters.values.connectionsAccepted += 1;
    counters.values.openConnections += 1;
    socket.once('close', () => {
      sockets.delete(socket);
      counters.values.openConnections -= 1;
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A reset connection has no one to answer; anything else was malformed HTTP.
    if (error.code !== 'ECONNRESET' && socket.writable) {
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${clientErrorBody.length}\r\nConnection: close\r\n\r\n${clientErrorBody}`);
    }
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  const counterView = counters.view();
  const url = `http://${urlHostFor(host)}:${boundPort}`;

  return {
    url,
    instanceMetadataUrl: `${url}${instanceMetadataPath}`,
    federationEndpoint: url,
    credentials,
    counters: counterView,
    configFileText: (keyFilePath, profile = 'DEFAULT') =>
      [
        `[${profile}]`,
        `user=${credentials.user}`,
        `fingerprint=${credentials.fingerprint}`,
        `tenancy=${credentials.tenancy}`,
        `region=${credentials.region}`,
        `key_file=${keyFilePath}`,
        '',
      ].join('\n'),
    clientOptions: () => ({
      endpoint: url,
      compartmentId: credentials.compartmentId,
      auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
    }),
    setFault: (spec, faultOptions) => faults.set(spec, faultOptions?.times),
    close: () => {
      closing = true;
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function wholeNumberOption(options: EmulatorOptions, key: 'port' | 'ttftMs' | 'tokenIntervalMs' | 'tokens' | 'maxBodyBytes', fallback: number): number {
  const value = options[key] ?? fallback;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`startEmulator: ${key} must be a whole number of at least 0, got ${String(value)}`);
  return value;
}
