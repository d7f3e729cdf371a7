import type { AuthenticationDetailsProvider, DefaultRequestSigner } from 'oci-common';
import type { Dispatcher } from 'undici';
import { request } from './undici.js';
import { AuthProviderError, ConfigurationError, OciGenAiError } from '../errors.js';
import { createRequestSigner } from './requestSigner.js';
import type { RequestSocket } from './requestSocket.js';
import { SigningQueue } from './SigningQueue.js';
import { withRequestSocket } from './requestSocket.js';

/** How requests are authenticated: IAM signing through an oci-common provider, or a bearer API key. */
export type TransportAuth =
  | {
      /** The oci-common provider, or a promise of one (instance principals). */
      readonly provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>;
      /** The signer, when the caller made it already (to fail on a bad key before anything else is set up). */
      readonly signer?: DefaultRequestSigner;
      /** Sets the provider up anew, for the request after a failed set-up (the metadata service may be back). Default: keep the first. */
      readonly rebuildProvider?: () => AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>;
    }
  | {
      /** An OCI Generative AI API key, sent as `Authorization: Bearer`. */
      readonly apiKey: string;
    };

/** What the transport needs to authenticate and send. */
export interface TransportOptions {
  /** The service base URL without the version path, e.g. `https://inference.generativeai.us-chicago-1.oci.oraclecloud.com`. */
  readonly endpoint: string;
  readonly auth: TransportAuth;
  readonly dispatcher: Dispatcher;
  /** Signing time one turn of the event loop may take before further requests wait a turn, ms (see SigningQueue). */
  readonly signingSliceMs: number;
}

/**
 * Signs each request with oci-common's DefaultRequestSigner (awaited, fresh on every call, so a
 * retry gets a fresh date), or puts the bearer API key on it, and sends exactly the signed
 * bytes through undici. Signatures go through a {@link SigningQueue}, so a burst of requests
 * is signed in slices across turns of the event loop instead of stalling it.
 */
export class Transport {
  readonly endpoint: string;
  /** True when requests carry a bearer API key (the OpenAI-compatible routes only take those). */
  readonly usesApiKey: boolean;
  private readonly dispatcher: Dispatcher;
  private signer: Promise<DefaultRequestSigner> | undefined;
  private readonly auth: TransportAuth;
  private provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider> | undefined;
  private failedSetUp = false;
  private readonly signing: SigningQueue;

  constructor(options: TransportOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.dispatcher = options.dispatcher;
    this.auth = options.auth;
    this.signing = new SigningQueue(options.signingSliceMs);
    this.usesApiKey = 'apiKey' in options.auth;
    if ('provider' in options.auth) this.provider = options.auth.provider;
    if ('signer' in options.auth && options.auth.signer !== undefined) this.signer = Promise.resolve(options.auth.signer);
  }

  private requestSigner(): Promise<DefaultRequestSigner> {
    if (this.signer === undefined) {
      const rebuild = 'rebuildProvider' in this.auth ? this.auth.rebuildProvider : undefined;
      if (this.failedSetUp && rebuild !== undefined) this.provider = rebuild();
      this.failedSetUp = false;
      const signer = Promise.resolve(this.provider as AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>).then(createRequestSigner);
      this.signer = signer;
      // A failed set-up is not kept: the next request sets the provider up anew (the metadata
      // service may be back by then). The handler also marks the promise observed; each request
      // awaits it and reports the failure.
      signer.catch(() => {
        if (this.signer !== signer || rebuild === undefined) return;
        this.signer = undefined;
        this.failedSetUp = true;
      });
    }
    return this.signer;
  }

  /** POSTs a JSON body to `path` (under the endpoint), signed; `slot` receives the socket it goes out on. */
  async post(path: string, body: string, extraHeaders: Readonly<Record<string, string>>, signal: AbortSignal, slot: RequestSocket = { socket: undefined }): Promise<Dispatcher.ResponseData> {
    const uri = `${this.endpoint}${path}`;
    const headers = new Headers(extraHeaders);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'text/event-stream');
    // The decoder reads gzip, deflate and br if a proxy compresses anyway, but never zstd.
    headers.set('accept-encoding', 'identity');
    if ('apiKey' in this.auth) {
      headers.set('authorization', `Bearer ${this.auth.apiKey}`);
    } else {
      try {
        const signer = await this.requestSigner();
        await this.signing.sign(() => signer.signHttpRequest({ method: 'POST', uri, headers, body }), signal);
      } catch (error) {
        // Aborted while waiting to be signed: the subscriber left, nothing was sent.
        if (signal.aborted) throw signal.reason;
        throw signingError(error);
      }
    }
    signal.throwIfAborted();
    return withRequestSocket(slot, () => request(uri, { method: 'POST', headers: Object.fromEntries(headers), body, dispatcher: this.dispatcher, signal }));
  }
}

/**
 * A failure to sign (a provider that cannot get its credentials: instance-principal federation,
 * an expired session token) as a setting to fix. oci-common rejects with plain objects at times,
 * so the message is read from whatever shape arrives; nothing else of it is kept (no cause),
 * since a provider's error could quote credentials.
 */
function signingError(error: unknown): OciGenAiError {
  if (error instanceof OciGenAiError) return error;
  const message = (error as { message?: unknown } | null)?.message;
  const reason = typeof message === 'string' ? message.split('\n')[0]!.slice(0, 300) : typeof error;
  // oci-common's X509FederationClient gives up with this text; a status in 400-499 means the
  // endpoint refused the instance's certificate, anything else (no answer, 5xx) may pass later.
  if (reason.startsWith('Failed to fetch the token from auth server')) {
    const status = /failed with status: (\d{3})/.exec(reason)?.[1];
    const refused = status !== undefined && status.startsWith('4');
    return new AuthProviderError(
      refused
        ? `The federation endpoint refused the instance certificate (status ${status}). A retry will not help: check the dynamic group and its policy, and the federation endpoint.`
        : `The federation endpoint did not issue a session token (${reason}). Retrying may help if it is briefly unreachable.`,
      { step: 'federation', retryable: !refused },
    );
  }
  return new ConfigurationError(`The auth provider could not sign the request (${reason}).`, { setting: 'auth', fix: 'Check the auth settings, or the instance/resource principal setup and its network access.' });
}
