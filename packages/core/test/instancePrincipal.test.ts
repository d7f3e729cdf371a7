import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from '../src/index.js';
import { createClient } from '../src/index.js';
import { settle, textOf } from './support/emulatorClient.js';

/**
 * The seed article's InstancePrincipalsSecurityTokenSigner path, end to end: oci-common's
 * instance-principals builder reads the emulator's IMDS (certificate, key, intermediate),
 * exchanges them at the emulator's federation endpoint for a session token, and the client
 * signs its chat request with `ST$<token>`. Nothing may go to 169.254.169.254 or the auth
 * service: every socket the process opens during the run is recorded.
 */
let emulator: Emulator;
let run: { events: ChatEvent[]; error: unknown; connectAttempts: string[] };

beforeAll(async () => {
  emulator = await startEmulator({ tokens: 8 });
  const connectAttempts: string[] = [];
  const onSocket = (message: unknown): void => {
    (message as { socket: Socket }).socket.once('connectionAttempt', (ip: string, port: number) => connectAttempts.push(`${ip}:${port}`));
  };
  subscribe('net.client.socket', onSocket);
  // oci-common logs each failed token fetch and retry with console.log.
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const client = createClient({
    auth: { type: 'instance-principal', metadataBaseUrl: emulator.instanceMetadataUrl, federationEndpoint: emulator.federationEndpoint },
    endpoint: emulator.url,
    compartmentId: emulator.credentials.compartmentId,
  });
  try {
    run = { ...(await settle(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }))), connectAttempts };
  } finally {
    await client.close();
    log.mockRestore();
    unsubscribe('net.client.socket', onSocket);
  }
});
afterAll(() => emulator.close());

describe('instance principals against the emulator', () => {
  it('sends every request of the flow to the emulator on 127.0.0.1', () => {
    const { port } = new URL(emulator.url);
    expect(run.connectAttempts.length).toBeGreaterThan(0);
    expect(new Set(run.connectAttempts)).toEqual(new Set([`127.0.0.1:${port}`]));
    expect(emulator.counters.connectionsAccepted).toBe(run.connectAttempts.length);
    const { requests, instanceMetadataRequests, federationRequests } = emulator.counters;
    expect(instanceMetadataRequests).toBeGreaterThan(0);
    expect(requests - instanceMetadataRequests - federationRequests).toBe(1);
  });

  it('streams a chat answer signed with the instance token', () => {
    expect(run.error).toBeUndefined();
    expect(textOf(run.events).length).toBeGreaterThan(0);
    expect(emulator.counters.federationRequests).toBe(1);
  });
});
