/**
 * The identity the emulator generated at start: an API key (sign with
 * `SimpleAuthenticationDetailsProvider` from these fields), a session token with its
 * key, an API key for the OpenAI-compatible route, and the compartment to send.
 *
 * @example
 * const { tenancy, user, fingerprint, privateKeyPem, region } = emulator.credentials;
 * const provider = new SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, privateKeyPem, null, Region.fromRegionId(region));
 */
export interface EmulatorCredentials {
  /** 'ocid1.tenancy.oc1..aaaaemulator…' */
  readonly tenancy: string;
  /** 'ocid1.user.oc1..aaaaemulator…' */
  readonly user: string;
  /** The MD5 fingerprint of the public key, as OCI shows it ('aa:bb:…'). */
  readonly fingerprint: string;
  /** `${tenancy}/${user}/${fingerprint}` */
  readonly keyId: string;
  /** The 2048-bit RSA private key, unencrypted PKCS#8 PEM. Test material: never reuse it. */
  readonly privateKeyPem: string;
  /** Its public key, SPKI PEM. */
  readonly publicKeyPem: string;
  /** 'ocid1.compartment.oc1..aaaaemulator…': send it as `compartmentId`. */
  readonly compartmentId: string;
  /** 'us-chicago-1' */
  readonly region: string;
  /**
   * 'ocid1.instance.oc1.us-chicago-1.aaaaemulator…': the compute instance the instance metadata
   * service describes; instance-principal tokens name it as `sub`.
   */
  readonly instanceId: string;
  /** A session token (JWT) the emulator issued; sign with keyId `ST$<token>` and `sessionPrivateKeyPem`. */
  readonly sessionToken: string;
  /** The private key bound to `sessionToken`, PKCS#8 PEM. */
  readonly sessionPrivateKeyPem: string;
  /**
   * An OCI Generative AI API key of the emulator's region, the bearer key of the OpenAI-compatible
   * routes (`/openai/v1/chat/completions`, `/openai/v1/responses`): `Authorization: Bearer <apiKey>`.
   */
  readonly apiKey: string;
  /**
   * Issues a Generative AI API key of another region: the emulator answers it with 401
   * NotAuthenticated naming that region, as OCI refuses a key outside the region it was made in.
   */
  issueApiKey(region: string): string;
  /**
   * Issues another session token (RS256 JWT, valid for 1 hour) bound to `publicKeyPem`;
   * `claims` override the defaults (`sub`, `iat`, `exp`, `ptype: 'user'`, `tenant`,
   * `res_tenant`, `res_compartment`), e.g. `{ ptype: 'resource' }` for resource principals.
   */
  issueSessionToken(publicKeyPem: string, claims?: Record<string, unknown>): string;
}
