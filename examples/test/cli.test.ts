import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, linesOf, runCli, startCli, tempFolder, writeFile } from './support/cliProcess.js';

const JOKE = 'Why was the computer cold?\n\nBecause it left its Windows open.';
const STATS_LINE = /^first token \d+ ms · \d+ tokens · [\d.]+ tokens\/s · finish stop · opc-request-id [0-9A-F]+$/m;
const EMULATOR_NOTE = /^No OCI configuration found: answering from the embedded emulator at http:\/\/127\.0\.0\.1:\d+ .*$/;

// Each test starts a Node process (tsx, the workspace sources): allow for a busy machine running every project.
const SLOW_PROCESS = { timeout: 40_000 };

describe.concurrent('the CLI with no OCI configuration (embedded emulator)', SLOW_PROCESS, () => {
  it('streams a joke for "Tell me a joke." and prints the stats line on stderr', async () => {
    const run = await runCli(['--', 'Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const stderr = linesOf(run.stderr);
    expect(stderr).toHaveLength(2);
    expect(stderr[0]).toMatch(EMULATOR_NOTE);
    expect(stderr[1]).toMatch(STATS_LINE);
  });

  it('writes the answer incrementally, in many chunks before it exits', async () => {
    const run = await runCli(['Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stdoutChunks.length).toBeGreaterThanOrEqual(10);
    expect(run.stdoutChunks[0]?.length).toBeLessThan(JOKE.length);
  });

  it('prints one parseable JSON event per line with --json, start first and nothing but usage after finish', async () => {
    const run = await runCli(['--json', 'Tell me a joke.']);
    expect(run.code).toBe(0);
    const events = linesOf(run.stdout).map((line) => JSON.parse(line) as { type: string; text?: string });
    expect(events[0]?.type).toBe('start');
    const finishAt = events.findIndex((event) => event.type === 'finish');
    expect(finishAt).toBeGreaterThan(1);
    expect(events.slice(finishAt + 1).every((event) => event.type === 'usage')).toBe(true);
    expect(events.map((event) => (event.type === 'text' ? event.text : '')).join('').startsWith(JOKE)).toBe(true);
    expect(run.stderr).toMatch(STATS_LINE);
  });

  it('prints one sentence per line with --sentences', async () => {
    const run = await runCli(['--sentences', 'Tell me a joke.']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Why was the computer cold?', 'Because it left its Windows open.']);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).every((line) => /[.!?]$/.test(line))).toBe(true);
  });

  it('reads the prompt from stdin when there is no prompt argument', async () => {
    const run = await runCli([], { stdin: 'Tell me a joke.\n' });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
  });

  it('reads the prompt from stdin when the prompt is -', async () => {
    const run = await runCli(['--sentences', '-'], { stdin: 'Tell me a joke.' });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('Why was the computer cold?\n')).toBe(true);
  });

  it('streams through the legacy generateText call with --generate-text', async () => {
    const run = await runCli(['--generate-text', 'Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
    expect(run.stderr).toMatch(STATS_LINE);
  });

  it('exits 2 with one line naming the flag on an unknown flag', async () => {
    const run = await runCli(['--bogus', 'Tell me a joke.']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual(['error: Unknown option --bogus. Run with --help for the flags.']);
  });

  it('prints the timeouts with --debug: a unit on each one given, "off" alone for the others', async () => {
    const run = await runCli(['--debug', '--first-token-timeout', '10s', 'Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('timeouts first-token 10000 ms / idle off / total off');
    expect(run.stderr).not.toMatch(/off ms/);
  });

  it('prints the flags with --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--profile', '--sentences', '--json', '--first-token-timeout', '--retries', '--generate-text']) {
      expect(run.stdout).toContain(flag);
    }
  });
});

describe.concurrent('the CLI with an OCI config file (a test emulator stands in for OCI)', SLOW_PROCESS, () => {
  let emulator: Emulator;
  let folder: string;
  let configPath: string;

  beforeAll(async () => {
    emulator = await startEmulator({ tokenIntervalMs: 2 });
    folder = tempFolder();
    const keyPath = writeFile(folder, 'key.pem', emulator.credentials.privateKeyPem);
    configPath = writeFile(folder, 'config', emulator.configFileText(keyPath, 'EMULATOR'));
  });
  afterAll(async () => {
    await emulator.close();
  });

  const connection = (): string[] => ['--config', configPath, '--profile', 'EMULATOR', '--endpoint', emulator.url];

  it('signs with the profile of --config and answers through the config-file code path', async () => {
    const before = emulator.counters.requests;
    const run = await runCli([...connection(), '--compartment', emulator.credentials.compartmentId, 'Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
    expect(run.stderr).not.toContain('embedded emulator');
    expect(run.stderr).toMatch(STATS_LINE);
    expect(emulator.counters.requests).toBeGreaterThan(before);
  });

  it('signs with a session token with --auth session-token (oci session authenticate)', async () => {
    const { tenancy, region, sessionToken, sessionPrivateKeyPem, compartmentId } = emulator.credentials;
    const sessionFolder = tempFolder();
    const profile = [
      '[SESSION]',
      `tenancy=${tenancy}`,
      `region=${region}`,
      'fingerprint=session',
      `key_file=${writeFile(sessionFolder, 'session.pem', sessionPrivateKeyPem)}`,
      `security_token_file=${writeFile(sessionFolder, 'token', sessionToken)}`,
    ].join('\n');
    const sessionConfig = writeFile(sessionFolder, 'config', `${profile}\n`);
    const run = await runCli(['--auth', 'session-token', '--config', sessionConfig, '--profile', 'SESSION', '--endpoint', emulator.url, '--compartment', compartmentId, 'Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
  });

  it('takes the compartment from OCI_COMPARTMENT_ID', async () => {
    const run = await runCli([...connection(), 'Tell me a joke.'], { env: { OCI_COMPARTMENT_ID: emulator.credentials.compartmentId } });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
  });

  it('exits 2 with a one-line error naming --compartment when no compartment is given', async () => {
    const run = await runCli([...connection(), 'Tell me a joke.']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual(['error: compartmentId: No compartment was given. Pass --compartment or set OCI_COMPARTMENT_ID.']);
  });

  it('exits 2 saying where the passphrase of an encrypted key goes, with every word of the sentence kept', async () => {
    const encrypted = createPrivateKey(emulator.credentials.privateKeyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' });
    const keyPath = writeFile(folder, 'encrypted.pem', String(encrypted));
    const config = writeFile(folder, 'config-encrypted', emulator.configFileText(keyPath, 'EMULATOR'));
    const run = await runCli(['--config', config, '--profile', 'EMULATOR', '--endpoint', emulator.url, 'Tell me a joke.']);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual([
      "error: pass_phrase: The private key is encrypted and no passphrase was given. Put the key's passphrase in the profile as its pass_phrase setting (the CLI reads it only from the config file).",
    ]);
  });

  it('exits 2 naming the key_file path it tried when the key file is missing', async () => {
    const missing = `${folder}/no-such-key.pem`;
    const config = writeFile(folder, 'config-nokey', emulator.configFileText(missing, 'EMULATOR'));
    const run = await runCli(['--config', config, '--profile', 'EMULATOR', '--endpoint', emulator.url, 'Tell me a joke.']);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toEqual([
      `error: key_file: The key_file of profile [EMULATOR] in ${config} cannot be read (tried ${missing}). Check that the path exists and is readable.`,
    ]);
  });

  it('exits 2 naming --profile when the profile is not in the file', async () => {
    const run = await runCli(['--config', configPath, '--profile', 'NOPE', '--endpoint', emulator.url, 'Tell me a joke.']);
    expect(run.code).toBe(2);
    expect(linesOf(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: profile: .*--profile/);
  });
});

// Sequential: these tests set faults on a shared emulator.
describe('the CLI against a failing or slow service', SLOW_PROCESS, () => {
  let emulator: Emulator;
  let folder: string;

  beforeAll(async () => {
    emulator = await startEmulator({ tokenIntervalMs: 2 });
    folder = tempFolder();
  });
  afterAll(async () => {
    await emulator.close();
  });

  function connection(keyPem = emulator.credentials.privateKeyPem): string[] {
    const keyPath = writeFile(tempFolder(), 'key.pem', keyPem);
    const configPath = writeFile(folder, `config-${Math.random().toString(36).slice(2)}`, emulator.configFileText(keyPath));
    return ['--config', configPath, '--endpoint', emulator.url, '--compartment', emulator.credentials.compartmentId];
  }

  it('stops the stream on SIGINT: exit 130, a short note, and the connection closed', async () => {
    const slow = await startEmulator({ tokenIntervalMs: 100, tokens: 200 });
    try {
      const keyPath = writeFile(tempFolder(), 'key.pem', slow.credentials.privateKeyPem);
      const configPath = writeFile(tempFolder(), 'config', slow.configFileText(keyPath));
      const cli = startCli(['--config', configPath, '--endpoint', slow.url, '--compartment', slow.credentials.compartmentId, 'Tell me a joke.']);
      await eventually(() => cli.stdoutSoFar().length > 10);
      expect(slow.counters.openConnections).toBeGreaterThan(0);
      cli.child.kill('SIGINT');
      const run = await cli.result;
      expect(run.code).toBe(130);
      expect(linesOf(run.stderr).at(-1)).toMatch(/^interrupted after \d+ tokens: the request was aborted \(opc-request-id [0-9A-F]+\)\.$/);
      expect(run.stdout.length).toBeLessThan(200 * 3);
      await eventually(() => slow.counters.openConnections === 0, 5000);
      expect(slow.counters.streamsCompleted).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('never shows key material or the Authorization header with --debug, even for a 401', async () => {
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    const run = await runCli([...connection(wrongKey), '--debug', '--retries', '0', 'Tell me a joke.']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: OCI Generative AI answered 401 NotAuthenticated: .*opc-request-id/m);
    expect(run.stderr).toContain('AuthenticationError');
    expect(run.stderr).toMatch(/\n\s+at /);
    for (const pem of [wrongKey, emulator.credentials.privateKeyPem]) {
      const body = pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
      for (const line of body) expect(run.stderr).not.toContain(line.slice(0, 24));
    }
    expect(run.stderr).not.toMatch(/PRIVATE KEY|BEGIN|Signature version|authorization:/i);
  });

  it('retries a 503 before the first token with --retries and says so', async () => {
    emulator.setFault('status=503', { times: 1 });
    const run = await runCli([...connection(), '--retries', '1', 'Tell me a joke.']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(JOKE)).toBe(true);
    expect(run.stderr).toMatch(/^retry 1 of 1 in \d+ ms: OCI Generative AI answered 503/m);
  });

  it('gives up with --first-token-timeout and names the flag to raise (exit 1)', async () => {
    emulator.setFault('ttft-ms=5000', { times: 1 });
    const run = await runCli([...connection(), '--first-token-timeout', '0.2s', '--retries', '0', 'Tell me a joke.']);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: No first token after 200 ms .*Raise --first-token-timeout/);
  });
});
