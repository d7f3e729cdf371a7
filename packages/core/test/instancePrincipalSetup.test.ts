import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthProviderError, createClient } from '../src/index.js';
import { settle } from './support/emulatorClient.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const outageScript = fileURLToPath(new URL('./fixtures/instancePrincipalOutage.ts', import.meta.url));

interface Step {
  readonly step: string;
  readonly [field: string]: unknown;
}

/** Runs the outage script; resolves with its report lines, its exit code and stderr. */
function runOutage(): Promise<{ steps: Step[]; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@oci-genai-rx/source', outageScript], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const steps = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Step);
      resolve({ steps, code, stderr });
    });
  });
}

describe('an instance principal whose metadata service is down', () => {
  let run: Awaited<ReturnType<typeof runOutage>>;
  beforeAll(async () => {
    run = await runOutage();
  }, 60_000);

  it('keeps the process alive after the set-up fails with nobody waiting for it', () => {
    expect(run.stderr).not.toMatch(/Unhandled|uncaught/i);
    expect(run.steps.map((s) => s.step)).toEqual(['no-region', 'alive', 'first', 'second', 'done']);
    expect(run.code).toBe(0);
  });

  it('reports the outage on the first request as a retryable AuthProviderError naming the metadata service', () => {
    const first = run.steps.find((s) => s.step === 'first');
    expect(first).toMatchObject({ ok: false, name: 'AuthProviderError', code: 'AUTH_PROVIDER', stepFailed: 'instance-metadata', retryable: true });
    expect(String(first?.['message'])).toMatch(/instance metadata service at http:\/\/127\.0\.0\.1:\d+\/opc\/v2\//);
  });

  it('sets the provider up anew on a later request, once the metadata service answers', () => {
    expect(run.steps.find((s) => s.step === 'second')).toMatchObject({ ok: true });
  });
});

describe('a federation endpoint that refuses the instance certificate', () => {
  let emulator: Emulator;
  let federation: Server;
  let federationUrl: string;
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: 4 });
    federation = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"NotAuthenticated","message":"no"}'));
    await new Promise<void>((resolve) => federation.listen(0, '127.0.0.1', resolve));
    federationUrl = `http://127.0.0.1:${(federation.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await emulator.close();
    await new Promise((resolve) => federation.close(resolve));
  });

  it('fails the request with a non-retryable AuthProviderError for the federation step', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const client = createClient({
      auth: { type: 'instance-principal', metadataBaseUrl: emulator.instanceMetadataUrl, federationEndpoint: federationUrl },
      endpoint: emulator.url,
      compartmentId: emulator.credentials.compartmentId,
    });
    try {
      const { error } = await settle(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }));
      expect(error).toBeInstanceOf(AuthProviderError);
      expect(error).toMatchObject({ step: 'federation', retryable: false });
      expect((error as Error).message).toMatch(/refused the instance certificate \(status 401\)/);
      expect(emulator.counters.requests - emulator.counters.instanceMetadataRequests).toBe(0);
    } finally {
      log.mockRestore();
      await client.close();
    }
  });
});
