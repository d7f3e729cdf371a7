import type { ClientOptions, OciGenAiClient } from '@oci-genai-rx/core';
import { createClient } from '@oci-genai-rx/core';
import type { EmulatorTarget } from '../startEmulatorProcess.js';

/** A core client signed with the emulator's API key. */
export function createBenchClient({ url, credentials }: EmulatorTarget, options: Partial<ClientOptions> = {}): OciGenAiClient {
  return createClient({
    endpoint: url,
    compartmentId: credentials.compartmentId,
    auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
    ...options,
  });
}
