/**
 * oci-genai-rx in an app that also uses the official OCI SDK (for Object Storage, say): loading
 * core must not break the SDK. Each case runs in a fresh process, as an app would.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { Emulator } from '@oci-genai-rx/emulator';
import { startEmulator } from '@oci-genai-rx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';


const repoRoot = resolve(import.meta.dirname, '../..');
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokens: 5 });
});
afterAll(() => emulator.close());

function runSdk(mode: 'alone' | 'after-core'): Promise<{ code: number; output: string }> {
  const { credentials } = emulator;
  const target = JSON.stringify({ url: emulator.url, ...credentials });
  return new Promise((done) => {
    // The target (with the emulator's private key) goes through stdin: a command line is visible in `ps`.
    const child = execFile(
      process.execPath,
      ['--conditions=@oci-genai-rx/source', '--import', 'tsx', resolve(import.meta.dirname, 'support/ociSdkChat.ts'), mode],
      { cwd: resolve(repoRoot, 'bench'), timeout: 30_000 },
      (error, stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, output: `${stdout}${stderr}` }),
    );
    child.stdin?.end(target);
  });
}

describe('the official OCI SDK in the same process', () => {
  it('streams from the emulator on its own (the control)', async () => {
    const { code, output } = await runSdk('alone');
    expect(output).toMatch(/^ok \d+ bytes/);
    expect(code).toBe(0);
  });

  it('still works after @oci-genai-rx/core was imported (undici 7 must not take over Node 20 global fetch)', async () => {
    const { code, output } = await runSdk('after-core');
    expect(output).toMatch(/^ok \d+ bytes/);
    expect(code).toBe(0);
  });
});
