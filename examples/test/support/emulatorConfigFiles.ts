import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@oci-genai-rx/emulator';

/** A temporary directory holding an OCI config file and key for an emulator, and the flags that use them. */
export interface EmulatorConfigFiles {
  readonly directory: string;
  /** `--endpoint … --config … --profile … --compartment …`: what a user passes for a real service. */
  readonly flags: readonly string[];
  remove(): Promise<void>;
}

/**
 * Writes the emulator's private key and an `~/.oci/config`-style profile for it into a fresh
 * temporary directory, so that an example run in a child process signs exactly as it would
 * against OCI, from a config file.
 */
export async function writeEmulatorConfigFiles(emulator: Emulator): Promise<EmulatorConfigFiles> {
  const directory = await mkdtemp(join(tmpdir(), 'oci-genai-rx-examples-'));
  const keyPath = join(directory, 'emulator_key.pem');
  const configPath = join(directory, 'config');
  await writeFile(keyPath, emulator.credentials.privateKeyPem, { mode: 0o600 });
  await writeFile(configPath, emulator.configFileText(keyPath, 'EMULATOR'), { mode: 0o600 });
  return {
    directory,
    flags: ['--endpoint', emulator.url, '--config', configPath, '--profile', 'EMULATOR', '--compartment', emulator.credentials.compartmentId],
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
