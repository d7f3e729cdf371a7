import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileAuthenticationDetailsProvider, DefaultRequestSigner } from 'oci-common';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the oci-genai-emulator command', () => {
  it('prints the URL, an ~/.oci/config profile and the compartment, serves signed requests, and stops on SIGTERM', async () => {
    const keyFile = join(directory, 'key.pem');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@oci-genai-rx/source', cli, '--port', '0', '--tokens', '4', '--key-file', keyFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      while (!output.includes('Ctrl-C') && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      const profile = /(\[EMULATOR\][\s\S]*?key_file=\S+)/.exec(output)?.[1] ?? '';
      const compartmentId = /compartmentId: (\S+)/.exec(output)?.[1] ?? '';
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(profile).toContain(`key_file=${keyFile}`);
      expect(compartmentId).toMatch(/^ocid1\.compartment\.oc1\.\./);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

      const configFile = join(directory, 'config');
      writeFileSync(configFile, `${profile.replace('[EMULATOR]', '[DEFAULT]')}\n`);
      const signer = new DefaultRequestSigner(new ConfigFileAuthenticationDetailsProvider(configFile));
      const body = JSON.stringify({
        compartmentId,
        servingMode: { servingType: 'ON_DEMAND', modelId: 'meta.llama-3.3-70b-instruct' },
        chatRequest: { apiFormat: 'GENERIC', messages: [{ role: 'USER', content: [{ type: 'TEXT', text: 'Hi' }] }] },
      });
      const headers = new Headers();
      await signer.signHttpRequest({ method: 'POST', uri: `${url}/20231130/actions/chat`, headers, body });
      const response = await fetch(`${url}/20231130/actions/chat`, { method: 'POST', headers, body });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ chatResponse: { usage: { completionTokens: 4 } } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses a malformed flag with a usage message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@oci-genai-rx/source', cli, '--tokens', 'many'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (data: Buffer) => (errors += data.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(2);
    expect(errors).toContain('--tokens needs a whole number');
    expect(errors).toContain('Usage: oci-genai-emulator');
  });
});
