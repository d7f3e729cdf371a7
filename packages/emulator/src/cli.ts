#!/usr/bin/env node
/**
 * `oci-genai-emulator`: runs the emulator from a shell until Ctrl-C.
 *
 * @example
 * $ oci-genai-emulator --port 8080 --tokens 200 --token-interval-ms 20
 * OCI Generative AI emulator listening on http://127.0.0.1:8080
 * ...prints an ~/.oci/config profile pointing at the key file, and the compartment id
 */
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './EmulatorOptions.js';
import { startEmulator } from './startEmulator.js';

const usage = `Usage: oci-genai-emulator [options]
  --port <n>               port to listen on (default 0: any free port)
  --host <host>            interface to listen on (default 127.0.0.1)
  --tokens <n>             answer length in tokens (default: a short reply that ends on its own)
  --ttft-ms <n>            time to first token in ms (default 0)
  --token-interval-ms <n>  delay between tokens in ms (default 0)
  --language <en|ja>       answer language (default en)
  --faults <spec>          fault spec for every request, e.g. "keepalive=1000"
  --key-file <path>        where to write the private key (mode 0600; default in ${tmpdir()})
  --help                   show this help`;

async function main(): Promise<void> {
  // `pnpm emulator -- --port 8080` hands the `--` on: flags after it are still flags.
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      tokens: { type: 'string' },
      'ttft-ms': { type: 'string' },
      'token-interval-ms': { type: 'string' },
      language: { type: 'string' },
      faults: { type: 'string' },
      'key-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const options: EmulatorOptions = {};
  if (values.port !== undefined) options.port = wholeNumber('--port', values.port);
  if (values.host !== undefined) options.host = values.host;
  if (values.tokens !== undefined) options.tokens = wholeNumber('--tokens', values.tokens);
  if (values['ttft-ms'] !== undefined) options.ttftMs = wholeNumber('--ttft-ms', values['ttft-ms']);
  if (values['token-interval-ms'] !== undefined) options.tokenIntervalMs = wholeNumber('--token-interval-ms', values['token-interval-ms']);
  if (values.language !== undefined) {
    if (values.language !== 'en' && values.language !== 'ja') throw new UsageError('--language must be en or ja');
    options.language = values.language;
  }
  if (values.faults !== undefined) options.faults = values.faults;

  const emulator = await startEmulator(options);
  const ownKeyFile = values['key-file'] === undefined;
  const keyFile = values['key-file'] ?? join(tmpdir(), `oci-genai-emulator-${process.pid}.pem`);
  writeFileSync(keyFile, emulator.credentials.privateKeyPem, { mode: 0o600 });
  chmodSync(keyFile, 0o600); // writeFileSync's mode only applies to a new file

  console.log(`OCI Generative AI emulator listening on ${emulator.url}`);
  console.log(`\nAn ~/.oci/config profile for it (the key is in ${keyFile}):\n`);
  console.log(emulator.configFileText(keyFile, 'EMULATOR'));
  console.log(`compartmentId: ${emulator.credentials.compartmentId}`);
  console.log(`OpenAI-compatible route: ${emulator.url}/openai/v1 (Authorization: Bearer ${emulator.credentials.apiKey})`);
  console.log(`Instance principals: metadataBaseUrl ${emulator.instanceMetadataUrl}, federationEndpoint ${emulator.federationEndpoint}`);
  console.log('\nPress Ctrl-C to stop.');

  const stop = (): void => {
    void emulator.close().then(() => {
      if (ownKeyFile) rmSync(keyFile, { force: true });
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

class UsageError extends Error {}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} needs a whole number, got "${text}"`);
  return Number(text);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`oci-genai-emulator: ${message}`);
  if (error instanceof UsageError || (error instanceof Error && error.name === 'TypeError')) console.error(usage);
  process.exit(2);
});
