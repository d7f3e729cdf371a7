/**
 * Secrets never leak: errors (every rendering, causes included), console output and the CLI's
 * --debug output never contain a private key, a passphrase, a session token or an Authorization
 * header; a redirect is an error and is never followed with the signed headers.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { createClient, RedirectError } from '@oci-genai-rx/core';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { mergePrompts, retryStream, streamTimeout } from '@oci-genai-rx/operators';
import { lastValueFrom, toArray } from 'rxjs';
import type { Dispatcher } from 'undici';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { settle } from './support/harness.js';
import type { SecretSetup } from './support/secrets.js';
import { everythingShown, findSecret, passphrase, writeSecretSetup } from './support/secrets.js';
import { failOnUnhandledRejections } from './support/unhandledRejections.js';

failOnUnhandledRejections();

const repoRoot = resolve(import.meta.dirname, '../..');
const cliPath = resolve(repoRoot, 'examples/cli/main.ts');
const model = 'meta.llama-3.3-70b-instruct';

let emulator: Emulator;
let setup: SecretSetup;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 6 });
  setup = writeSecretSetup(emulator);
});
afterAll(() => emulator.close());

/** The clients of every identity: config-file keys (plain, encrypted), session token, explicit encrypted key. */
function common(): Partial<ClientOptions> {
  return { endpoint: emulator.url, compartmentId: emulator.credentials.compartmentId, finishGraceMs: 50 };
}

function clients(): Array<[string, OciGenAiClient]> {
  const shared = common();
  const { credentials } = emulator;
  return [
    ['config file, plain key', createClient({ ...shared, auth: { type: 'config-file', configFile: setup.configFile, profile: 'PLAIN' } })],
    ['config file, encrypted key', createClient({ ...shared, auth: { type: 'config-file', configFile: setup.configFile, profile: 'ENCRYPTED' } })],
    ['session token', createClient({ ...shared, auth: { type: 'session-token', configFile: setup.configFile, profile: 'SESSION' } })],
    [
      'api-key with passphrase',
      createClient({ ...shared, auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: setup.encryptedPem, passphrase } }),
    ],
    ['Generative AI API key, Responses route', createClient({ ...shared, auth: { type: 'generative-ai-api-key', apiKey: credentials.apiKey } })],
    ['IAM signing, chat completions route', createClient({ ...shared, route: 'chat-completions', auth: { type: 'config-file', configFile: setup.configFile, profile: 'PLAIN' } })],
  ];
}

describe('errors and logs never carry secrets', () => {
  it('the search finds each kind of secret (so that finding none means something)', () => {
    const { credentials } = emulator;
    const keyLine = credentials.privateKeyPem.split('\n')[5] ?? '';
    const leaks = [
      `cause: ${keyLine.slice(3, 40)}`,
      `encrypted ${setup.encryptedPem.split('\n')[3] ?? ''}`,
      `pass_phrase=${passphrase}`,
      `token ${credentials.sessionToken.slice(30, 90)}`,
      `{ authorization: 'Signature version="1",keyId="x",signature="abc"' }`,
      `headers: { "Authorization": "Signature headers=..." }`,
      `authorization: 'Bearer x'`,
      `key ${credentials.apiKey.slice(10, 40)}`,
      `key ${setup.foreignApiKey.slice(12, 44)}`,
    ];
    for (const leak of leaks) expect(findSecret(leak, setup.secrets), leak).toBeDefined();
    expect(findSecret('NotAuthorizedOrNotFound: check the Authorization policy', setup.secrets)).toBeUndefined();
  });

  it('every identity signs correctly (so the failures below are real server answers)', async () => {
    for (const [name, client] of clients()) {
      const run = await settle(client.chat({ model, prompt: 'Hi' }));
      expect(run.error, name).toBeUndefined();
      await client.close();
    }
  });

  it('failures of every kind, through the operators, for every identity', async () => {
    const output: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(args.map(everythingShown).join(' '))),
    );
    const errors: unknown[] = [];
    try {
      for (const [, client] of clients()) {
        for (const fault of ['status=401', 'status=429;retry-after=1', 'status=503;non-json-error', 'disconnect-after=2', 'garbage-after=1', 'redirect', 'stall-after=1']) {
          const stream = client
            .chat({ model, prompt: 'Hi', headers: { 'x-emulator-fault': fault } })
            .pipe(streamTimeout({ firstTokenMs: 5000, idleMs: 200 }), retryStream({ count: 1, baseDelayMs: 1, maxRetryAfterMs: 1 }));
          const items = await lastValueFrom(mergePrompts(['Hi'], () => stream).pipe(toArray()));
          const failure = items.find((item) => item.type === 'error');
          expect(failure, fault).toBeDefined();
          errors.push(failure);
        }
        await client.close();
      }
      const { credentials } = emulator;
      const badKey = (privateKey: string, secret?: string): void => {
        try {
          createClient({ endpoint: emulator.url, auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey, ...(secret === undefined ? {} : { passphrase: secret }) } });
          errors.push(new Error('createClient accepted a key it cannot use'));
        } catch (error) {
          errors.push(error);
        }
      };
      badKey(setup.encryptedPem); // encrypted, no passphrase
      badKey(setup.encryptedPem, `${passphrase}-wrong`);
      badKey(credentials.privateKeyPem.slice(0, 200)); // a truncated key
      // A bearer key of another region: the 401 names the region, never the key.
      const foreign = createClient({ ...common(), auth: { type: 'generative-ai-api-key', apiKey: setup.foreignApiKey } });
      errors.push((await settle(foreign.chat({ model, prompt: 'Hi' }))).error);
      await foreign.close();
      process.env['SECURITY_TEST_EMPTY_KEY'] = '';
      try {
        createClient({ ...common(), auth: { type: 'generative-ai-api-key', apiKeyEnv: 'SECURITY_TEST_EMPTY_KEY' } });
      } catch (error) {
        errors.push(error);
      } finally {
        delete process.env['SECURITY_TEST_EMPTY_KEY'];
      }
      try {
        createClient({ endpoint: emulator.url, auth: { type: 'config-file', configFile: setup.configFile, profile: 'WRONG_PASS' } });
      } catch (error) {
        errors.push(error);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(errors).toHaveLength(6 * 7 + 6);
    expect(errors.filter((error) => error === undefined)).toEqual([]);
    expect(errors.filter((error) => error instanceof Error && error.message === 'createClient accepted a key it cannot use')).toEqual([]);
    const shown = [...errors.map(everythingShown), ...output].join('\n');
    expect(findSecret(shown, setup.secrets)).toBeUndefined();
  });
});

describe("the CLI's --debug output", () => {
  /** Runs examples/cli/main.ts with --debug; resolves with its exit code and all of its output. */
  function runCli(args: readonly string[]): Promise<{ code: number; output: string }> {
    return new Promise((resolvePromise) => {
      execFile(
        process.execPath,
        ['--conditions=@oci-genai-rx/source', '--import', 'tsx', cliPath, '--config', setup.configFile, '--compartment', emulator.credentials.compartmentId, '--endpoint', emulator.url, '--retries', '0', '--debug', ...args],
        { cwd: repoRoot, env: { ...process.env, HOME: setup.folder, OCI_CONFIG_FILE: '', OCI_CLI_PROFILE: '' }, timeout: 60_000 },
        (error, stdout, stderr) => resolvePromise({ code: typeof error?.code === 'number' ? error.code : error === null ? 0 : -1, output: `${stdout}\n${stderr}` }),
      );
    });
  }

  it.each([
    ['PLAIN', 'status=401', []],
    ['ENCRYPTED', 'garbage-after=1', []],
    ['ENCRYPTED', 'redirect', []],
    ['ENCRYPTED', 'stall-after=1', ['--idle-timeout', '300ms']],
    ['SESSION', 'status=500', []],
    ['SESSION', 'disconnect-after=1', []],
    ['WRONG_PASS', undefined, []],
  ] as const)('profile %s, fault %s: fails, and shows no secret', { timeout: 60_000 }, async (profile, fault, extra) => {
    expect(existsSync(cliPath), `${cliPath} (written by the examples helper) is missing`).toBe(true);
    if (fault !== undefined) emulator.setFault(fault, { times: 1 });
    const { code, output } = await runCli(['--profile', profile, ...extra, 'Tell me a joke.']);
    emulator.setFault(undefined);
    expect(code, output).not.toBe(0);
    expect(output).toMatch(/code: '[A-Z_]+'/); // --debug really was in effect: the error's fields are shown
    expect(output).toMatch(/error/i);
    expect(findSecret(output, setup.secrets), output).toBeUndefined();
  });
});

describe('redirects', () => {
  it('a 3xx is a RedirectError and the signed request is sent once, to the emulator only', async () => {
    const dispatched: string[] = [];
    const recording: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
      dispatched.push(`${String(options.origin)}${options.path}`);
      return dispatch(options, handler);
    };
    const agent = new Agent().compose(recording);
    const { credentials } = emulator;
    const client = createClient({
      endpoint: emulator.url,
      compartmentId: credentials.compartmentId,
      dispatcher: agent,
      auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
    });
    const before = emulator.counters.requests;
    const run = await settle(client.chat({ model, prompt: 'Hi', headers: { 'x-emulator-fault': 'redirect' } }).pipe(retryStream({ count: 3, baseDelayMs: 1 })));
    expect(run.error).toBeInstanceOf(RedirectError);
    expect(run.error).toMatchObject({ status: 307, retryable: false });
    expect((run.error as RedirectError).message).toContain('redirected.emulator.invalid');
    expect(dispatched).toEqual([`${emulator.url}/20231130/actions/chat`]);
    expect(emulator.counters.requests - before).toBe(1);
    await client.close();
    await agent.close();
  });
});
