import { generateKeyPairSync } from 'node:crypto';
import { AuthenticationError, ConfigurationError, InvalidRequestError, ServerError } from '@oci-genai-rx/core';
import { StreamTimeoutError } from '@oci-genai-rx/operators';
import { describe, expect, it } from 'vitest';
import { debugDetails, exitCodeOf, formatError } from '../cli/formatError.js';
import { inspectRedacted, redactText } from '../cli/redactSecrets.js';
import type { Paint } from '../cli/terminalStyle.js';
import { UsageError } from '../common/UsageError.js';

const plain: Paint = (_style, text) => text;
const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const keyBody = privateKeyPem.split('\n')[1] ?? '';
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvY2lkMS51c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const http = { status: 401, ociCode: 'NotAuthenticated', opcRequestId: 'ABC123', retryAfterMs: undefined };
const serverMessage = 'The signature does not verify';

describe('formatError', () => {
  it.each([
    ['compartmentId', 'No compartment was given.', 'error: compartmentId: No compartment was given. Pass --compartment or set OCI_COMPARTMENT_ID.'],
    ['region', 'No region was given and the auth provider names none.', 'error: region: No region was given and the auth provider names none. Pass --region (e.g. us-chicago-1), set OCI_REGION, or add region= to the profile.'],
    ['region', '"mars-1" is not a region oci-common knows.', 'error: region: "mars-1" is not a region oci-common knows. Pass --region with a region id such as us-chicago-1, or --endpoint URL.'],
    ['profile', 'Profile [NOPE] is not in /home/u/.oci/config.', 'error: profile: Profile [NOPE] is not in /home/u/.oci/config. Pass --profile with a profile of that file, or set OCI_CLI_PROFILE.'],
    ['configFile', 'No OCI config file at /home/u/.oci/config.', 'error: configFile: No OCI config file at /home/u/.oci/config. Pass --config PATH, set OCI_CONFIG_FILE, or create ~/.oci/config (`oci setup config`).'],
    ['key_file', 'The key_file of profile [DEFAULT] in /c cannot be read.', 'error: key_file: The key_file of profile [DEFAULT] in /c cannot be read. Check that the path exists and is readable.'],
    ['pass_phrase', 'The private key is encrypted and no passphrase was given.', "error: pass_phrase: The private key is encrypted and no passphrase was given. Put the key's passphrase in the profile as its pass_phrase setting (the CLI reads it only from the config file)."],
  ])('says how to fix %s with the CLI flags', (setting, problem, line) => {
    const coreFix = setting === 'key_file' ? 'Check that the path exists and is readable.' : 'Pass it to createClient().';
    expect(formatError(new ConfigurationError(problem, { setting, fix: coreFix }), plain)).toBe(line);
  });

  it('names the CLI flag a timeout asks to raise', () => {
    const error = new StreamTimeoutError('No token for 500 ms after the last one', { phase: 'idle', waitedMs: 500, tokensReceived: 3 });
    expect(formatError(error, plain)).toBe('error: No token for 500 ms after the last one (3 tokens received): the stream stalled. Raise --idle-timeout if the model pauses this long (long reasoning, tool calls).');
  });

  it('keeps a service error on one line, with its opc-request-id', () => {
    const line = formatError(new AuthenticationError('first line\nsecond line', http), plain);
    expect(line).toMatch(/^error: OCI Generative AI answered 401 NotAuthenticated: first line second line \(opc-request-id ABC123\)/);
    expect(line).not.toContain('\n');
  });

  it('marks an unexpected error as such and points at --debug', () => {
    expect(formatError(new TypeError('x is undefined'), plain)).toBe('error: TypeError: x is undefined (unexpected: run with --debug for the stack)');
  });

  it('never prints key material that a message quotes', () => {
    const line = formatError(new UsageError(`bad value ${privateKeyPem}`), plain);
    expect(line).not.toContain(keyBody);
    expect(line).toContain('[redacted key]');
  });
});

describe('exitCodeOf', () => {
  it('is 2 for usage, configuration and invalid-request errors, 1 for everything else', () => {
    expect(exitCodeOf(new UsageError('x'))).toBe(2);
    expect(exitCodeOf(new ConfigurationError('a.', { setting: 'region', fix: 'b.' }))).toBe(2);
    expect(exitCodeOf(new InvalidRequestError('empty', { field: 'prompt' }))).toBe(2);
    expect(exitCodeOf(new AuthenticationError(serverMessage, http))).toBe(1);
    expect(exitCodeOf(new ServerError(serverMessage, { ...http, status: 503 }))).toBe(1);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
  });
});

describe('redaction for --debug', () => {
  it('keeps the words of an error about the passphrase setting, which names no secret', () => {
    const line = 'pass_phrase: The passphrase does not decrypt the private key. Check pass_phrase in the profile.';
    expect(redactText(line)).toBe(line);
    expect(redactText('{"pass_phrase": "hunter2"}')).not.toContain('hunter2');
  });

  it('keeps the word after a setting named in a sentence, and still removes the values of config lines', () => {
    expect(redactText('Add pass_phrase= to the profile, or pass passphrase.')).toBe('Add pass_phrase= to the profile, or pass passphrase.');
    expect(redactText('read pass_phrase=hunter2 from the file')).toBe('read pass_phrase=[redacted] from the file');
    expect(redactText('[DEFAULT]\n  pass_phrase = hunter two\nregion=us-chicago-1')).toBe('[DEFAULT]\n  pass_phrase = [redacted]\nregion=us-chicago-1');
  });

  it('removes PEM blocks, Authorization and signature headers, passphrases and session tokens from text', () => {
    const text = [
      privateKeyPem,
      'authorization: Signature version="1",keyId="ST$' + jwt + '",algorithm="rsa-sha256",signature="c2lnbmF0dXJl"',
      '{"Authorization":"Signature version=\\"1\\""}',
      'pass_phrase=hunter2',
      `token ${jwt}`,
    ].join('\n');
    const redacted = redactText(text);
    for (const secret of [keyBody, 'hunter2', jwt, 'c2lnbmF0dXJl', 'rsa-sha256']) expect(redacted).not.toContain(secret);
  });

  it('replaces secret-named fields at any depth and keeps the others', () => {
    const shown = inspectRedacted({ status: 401, tokensReceived: 3, request: { headers: { authorization: 'Signature …', host: 'h' } }, provider: { privateKey: privateKeyPem, passphrase: 'hunter2', sessionToken: jwt } });
    expect(shown).toContain('tokensReceived: 3');
    expect(shown).toContain("host: 'h'");
    for (const secret of [keyBody, 'hunter2', jwt, 'Signature …']) expect(shown).not.toContain(secret);
  });

  it('shows the class, fields, stack and causes of an error without the secrets a cause carries', () => {
    const cause = Object.assign(new Error(`could not load ${privateKeyPem}`), { passphrase: 'hunter2' });
    const details = debugDetails(new ConfigurationError('Cannot read the key.', { setting: 'key_file', fix: 'Check it.', cause }));
    expect(details).toMatch(/^ConfigurationError \{/);
    expect(details).toContain("setting: 'key_file'");
    expect(details).toMatch(/\n\s+at /);
    expect(details).toContain('caused by: Error');
    for (const secret of [keyBody, 'hunter2']) expect(details).not.toContain(secret);
  });
});
