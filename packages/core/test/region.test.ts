import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { Region } from 'oci-common';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthProviderError, ConfigurationError, OciGenAiError, createClient, inferenceEndpoint, isRetryable } from '../src/index.js';
import { settle } from './support/emulatorClient.js';
import { generateTestKey, tempFolder, writeFile } from './support/keys.js';

/**
 * A region from any source (the option, a profile, OCI_REGION, the instance metadata service)
 * is checked as a region identifier before a host is built from it: a hostile one must never
 * steer signed requests (or a session token's keyId) to a host it names.
 */
let trap: Server;
let trapRequests = 0;
let trapPort = 0;
beforeAll(async () => {
  trap = createServer((_req, res) => {
    trapRequests += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  trapPort = (trap.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => trap.close(resolve)));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const hostile = () => [
  `x@127.0.0.1:${trapPort}/#`,
  'us-chicago-1@evil.example',
  'us-chicago-1/evil',
  'us-chicago-1#frag',
  'us-chicago-1?q=1',
  'us-chicago-1:8443',
  'us chicago 1',
  'us-chicago-1 evil',
  'us-chicagö-1',
  'ｕｓ-chicago-1',
  '',
  'mars-north-1',
];

function regionError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).setting).toBe('region');
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError for region');
}

const key = generateTestKey();
const folder = tempFolder();

function profileFile(region: string | undefined): string {
  const lines = ['[DEFAULT]', 'user=ocid1.user.oc1..u', `fingerprint=${key.fingerprint}`, 'tenancy=ocid1.tenancy.oc1..t', `key_file=${writeFile(folder, 'key.pem', key.privateKeyPem)}`];
  if (region !== undefined) lines.push(`region=${region}`);
  return writeFile(folder, `config-${Math.random().toString(36).slice(2)}`, `${lines.join('\n')}\n`);
}

describe('regions', () => {
  it('builds the endpoint of every region and short code oci-common has built in', () => {
    const builtIn = Object.values(Region).filter((value): value is Region => value instanceof Region);
    expect(builtIn.length).toBeGreaterThan(40);
    for (const region of builtIn) {
      const endpoint = new URL(inferenceEndpoint(region.regionId));
      expect(endpoint.hostname).toBe(`inference.generativeai.${region.regionId}.oci.${region.realm.secondLevelDomain}`);
      expect(endpoint.username + endpoint.port + endpoint.search + endpoint.hash).toBe('');
      if (region.regionCode) expect(inferenceEndpoint(region.regionCode)).toBe(endpoint.origin);
    }
  });

  it('refuses every hostile region option, naming the option', () => {
    for (const region of hostile()) {
      const error = regionError(() => createClient({ region, compartmentId: 'c', auth: { type: 'api-key', tenancy: 't', user: 'u', fingerprint: 'f', privateKey: key.privateKeyPem } }));
      expect(error.message).toContain('from the region option');
    }
  });

  it("refuses a profile's hostile region at createClient, naming the profile and the file, without oci-common's warning", () => {
    const warn = vi.spyOn(console, 'warn');
    for (const region of hostile().filter((r) => r.trim() !== '')) {
      const file = profileFile(region);
      const error = regionError(() => createClient({ compartmentId: 'c', auth: { type: 'config-file', configFile: file } }));
      expect(error.message).toContain(`from profile [DEFAULT] in ${file}`);
    }
    expect(warn).not.toHaveBeenCalled();
    expect(trapRequests).toBe(0);
  });

  it('refuses a hostile OCI_REGION, naming it, whether the profile has no region or the provider names none', () => {
    vi.stubEnv('OCI_REGION', `x@127.0.0.1:${trapPort}/#`);
    const file = profileFile(undefined);
    expect(regionError(() => createClient({ compartmentId: 'c', auth: { type: 'config-file', configFile: file } })).message).toContain('from OCI_REGION');
    const apiKey = { type: 'api-key', tenancy: 't', user: 'u', fingerprint: 'f', privateKey: key.privateKeyPem } as const;
    expect(regionError(() => createClient({ compartmentId: 'c', auth: apiKey })).message).toContain('from OCI_REGION');
  });
});

describe('a region from the instance metadata service', () => {
  let emulator: Emulator;
  let imds: Server;
  let imdsUrl: string;
  let region = '';
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: 3 });
    // The emulator's IMDS, except for the region it reports.
    imds = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.endsWith('/instance/region')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(region);
        return;
      }
      void fetch(new URL(req.url ?? '/', emulator.url), { headers: { authorization: req.headers.authorization ?? '' } }).then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(await answer.text());
      });
    });
    await new Promise<void>((resolve) => imds.listen(0, '127.0.0.1', resolve));
    imdsUrl = `http://127.0.0.1:${(imds.address() as { port: number }).port}/opc/v2/`;
  });
  afterAll(async () => {
    await emulator.close();
    await new Promise((resolve) => imds.close(resolve));
  });

  it.each(['mars-north-1', 'us-chicago-1.evil.example'])(
    'fails the first request on region %j with ConfigurationError(region) naming the metadata service, before any federation',
    async (reported) => {
      region = reported;
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const client = createClient({ compartmentId: 'c', endpoint: emulator.url, auth: { type: 'instance-principal', metadataBaseUrl: imdsUrl } });
      try {
        const { error } = await settle(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as ConfigurationError).setting).toBe('region');
        expect((error as Error).message).toContain(`from the instance metadata service at ${imdsUrl}`);
        expect(emulator.counters.federationRequests).toBe(0);
      } finally {
        await client.close();
      }
    },
  );

  it('sends nothing to a host that a hostile metadata region names', async () => {
    region = `x@127.0.0.1:${trapPort}/#`;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const client = createClient({ compartmentId: 'c', endpoint: emulator.url, auth: { type: 'instance-principal', metadataBaseUrl: imdsUrl } });
    try {
      const { error } = await settle(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }));
      expect(error).toBeInstanceOf(OciGenAiError);
      expect(isRetryable(error) && !(error instanceof AuthProviderError)).toBe(false);
      expect(trapRequests).toBe(0);
      expect(emulator.counters.federationRequests).toBe(0);
    } finally {
      await client.close();
    }
  });
});
