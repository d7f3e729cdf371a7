import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../common/connect.js';
import { connect, hasOciConfiguration } from '../common/connect.js';
import { connectionSettings } from '../common/connectionFlags.js';
import { UsageError } from '../common/UsageError.js';

describe('connect: one rule for every example', () => {
  let connection: Connection | undefined;
  afterEach(async () => {
    await connection?.close();
    connection = undefined;
  });

  it('counts any connection flag, and any OCI_* variable, as OCI configuration', () => {
    expect(hasOciConfiguration(connectionSettings({ profile: 'CHICAGO' }), {})).toBe(true);
    expect(hasOciConfiguration(connectionSettings({ auth: 'instance-principal' }), {})).toBe(true);
    expect(hasOciConfiguration(connectionSettings({}), { OCI_COMPARTMENT_ID: 'ocid1.compartment.oc1..a' })).toBe(true);
    expect(hasOciConfiguration(connectionSettings({ model: 'cohere.command-r-plus' }), { OCI_REGION: '' })).toBe(hasOciConfiguration(connectionSettings({}), {}));
  });

  it('answers from the embedded emulator with --emulator, even when OCI is configured, and says so', async () => {
    connection = await connect(connectionSettings({ emulator: true, profile: 'CHICAGO' }), { env: { OCI_REGION: 'us-chicago-1' } });
    expect(connection.emulator).toBeDefined();
    expect(connection.notice).toBe(`--emulator: answering from the embedded emulator at ${connection.emulator?.url}.`);
    expect(connection.description).toBe(`the embedded emulator at ${connection.emulator?.url}`);
    expect(connection.model).toBe('meta.llama-3.3-70b-instruct');
  });

  it('refuses --profile with an auth method that reads no config file', async () => {
    await expect(connect(connectionSettings({ auth: 'instance-principal', profile: 'CHICAGO' }))).rejects.toThrow(
      new UsageError('--config and --profile apply to --auth config-file and session-token, not instance-principal.'),
    );
  });
});
