import { createHash, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { EmulatorCredentials } from '../../EmulatorCredentials.js';
import type { TrustedKey } from '../../EmulatorOptions.js';
import type { PublicKeyLookup } from '../../verifySignature.js';
import { GenerativeAiApiKeys } from './GenerativeAiApiKeys.js';
import { SessionTokenIssuer } from './SessionTokenIssuer.js';

const generateRsaKeyPair = promisify(generateKeyPair);

/** The emulator's credentials and the key lookup its signature check uses. */
export interface Identity {
  readonly credentials: EmulatorCredentials;
  readonly publicKeyFor: (keyId: string) => PublicKeyLookup | undefined;
  /** The Generative AI API keys it issued, to check bearer keys against. */
  readonly apiKeys: GenerativeAiApiKeys;
}

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };
let sharedKeyPairs: Promise<readonly [KeyPair, KeyPair, KeyPair]> | undefined;

/**
 * The API, session and issuer key pairs (2048-bit RSA, made in parallel off the main
 * thread). Made once per process and shared by its emulators: generating them costs
 * about half a second, which a test suite starting an emulator per file would pay over
 * and over. Each emulator still gets its own OCIDs, keyId, bearer key and token issuer id.
 */
function keyPairs(): Promise<readonly [KeyPair, KeyPair, KeyPair]> {
  sharedKeyPairs ??= Promise.all([rsaKeyPair(), rsaKeyPair(), rsaKeyPair()]).catch((error: unknown) => {
    sharedKeyPairs = undefined;
    throw error;
  });
  return sharedKeyPairs;
}

/**
 * Makes the emulator's identity: fresh OCIDs, keyId, session token and bearer key over
 * the process's key pairs. Keys live only in memory.
 *
 * @example
 * const { credentials, publicKeyFor } = await createIdentity([], Date.now);
 * publicKeyFor(credentials.keyId); // { publicKey: KeyObject }
 */
export async function createIdentity(trustedKeys: ReadonlyArray<TrustedKey>, now: () => number): Promise<Identity> {
  const [apiKey, sessionKey, issuerKey] = await keyPairs();
  const suffix = randomBytes(8).toString('hex');
  const tenancy = `ocid1.tenancy.oc1..aaaaemulator${suffix}`;
  const user = `ocid1.user.oc1..aaaaemulator${suffix}`;
  const compartmentId = `ocid1.compartment.oc1..aaaaemulator${suffix}`;
  const region = 'us-chicago-1';
  const fingerprint = md5Fingerprint(apiKey.publicKey);
  const keyId = `${tenancy}/${user}/${fingerprint}`;
  const issuer = new SessionTokenIssuer(issuerKey, `emulator-${suffix}`, { tenancy, user, compartmentId }, now);
  const sessionPublicKeyPem = pem(sessionKey.publicKey);
  const apiKeys = new GenerativeAiApiKeys(region);

  const keys = new Map<string, KeyObject>([[keyId, apiKey.publicKey]]);
  for (const trusted of trustedKeys) keys.set(trusted.keyId, createPublicKey(trusted.publicKeyPem));

  const credentials: EmulatorCredentials = {
    tenancy,
    user,
    fingerprint,
    keyId,
    privateKeyPem: apiKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: pem(apiKey.publicKey),
    compartmentId,
    region,
    instanceId: `ocid1.instance.oc1.${region}.aaaaemulator${suffix}`,
    sessionToken: issuer.issue(sessionPublicKeyPem),
    sessionPrivateKeyPem: sessionKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    apiKey: apiKeys.issue(region),
    issueApiKey: (keyRegion) => apiKeys.issue(keyRegion),
    issueSessionToken: (publicKeyPem, claims) => issuer.issue(publicKeyPem, claims),
  };
  const publicKeyFor = (candidate: string): PublicKeyLookup | undefined => {
    if (candidate.startsWith('ST$')) return issuer.publicKeyFor(candidate.slice(3));
    const key = keys.get(candidate);
    return key === undefined ? undefined : { publicKey: key };
  };
  return { credentials, publicKeyFor, apiKeys };
}

function rsaKeyPair(): Promise<KeyPair> {
  return generateRsaKeyPair('rsa', { modulusLength: 2048 });
}

function pem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

/** OCI's key fingerprint: MD5 of the DER public key, as colon-separated hex pairs. */
function md5Fingerprint(publicKey: KeyObject): string {
  const digest = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
  return digest.match(/../g)?.join(':') ?? digest;
}
