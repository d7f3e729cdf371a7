import type { AuthenticationDetailsProvider, DefaultRequestSigner } from 'oci-common';
import type { Dispatcher } from 'undici';
import { request } from './undici.js';
import { ConfigurationError, OciGenAiError } from '../errors.js';
import { createRequestSigner } from './requestSigner.js';

/** How requests are authenticated: IAM signing through an oci-common provider, or a bearer API key. */
export type TransportAuth =
  | {
      /** The oci-common provider, or a promise of one (instance principals). */
      readonly provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>;
      /** The signer, when the caller made it already (to fail on a bad key before anything else is set up). */
      readonly signer?: DefaultRequestSigner;
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
}

/**
 * Signs each request with oci-common's DefaultRequestSigner (awaited, fresh on every call, so a
 * retry gets a fresh date), or puts the bearer API key on it, and sends exactly the signed
 * bytes through undici.
 */
export class Transport {
  readonly endpoint: string;
  /** True when requests carry a bearer API key (the OpenAI-compatible routes only take those). */
  readonly usesApiKey: boolean;
  private readonly dispatcher: Dispatcher;
  private signer: Promise<DefaultRequestSigner> | undefined;
  private readonly auth: TransportAuth;

  constructor(options: TransportOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.dispatcher = options.dispatcher;
    this.auth = options.auth;
    this.usesApiKey = 'apiKey' in options.auth;
    if ('signer' in options.auth && options.auth.signer !== undefined) this.signer = Promise.resolve(options.auth.signer);
  }

  private requestSigner(provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>): Promise<DefaultRequestSigner> {
    this.signer ??= Promise.resolve(provider).then(createRequestSigner);
    return this.signer;
  }

  /** POSTs a JSON body to `path` (under the endpoint), signed. */
  async post(path: string, body: string, extraHeaders: Readonly<Record<string, string>>, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
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
        const signer = await this.requestSigner(this.auth.provider);
        await signer.signHttpRequest({ method: 'POST', uri, headers, body });
      } catch (error) {
        throw signingError(error);
      }
    }
    signal.throwIfAborted();
    return request(uri, { method: 'POST', headers: Object.fromEntries(headers), body, dispatcher: this.dispatcher, signal });
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
  return new ConfigurationError(`The auth provider could not sign the request (${reason}).`, { setting: 'auth', fix: 'Check the auth settings, or the instance/resource principal setup and its network access.' });
}
