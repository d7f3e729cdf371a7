import type { AuthenticationDetailsProvider, DefaultRequestSigner } from 'oci-common';
import type { Dispatcher } from 'undici';
import { request } from './undici.js';
import { ConfigurationError, OciGenAiError } from '../errors.js';
import { createRequestSigner } from './requestSigner.js';

/** What the transport needs to sign and send. */
export interface TransportOptions {
  /** The service base URL without the version path, e.g. `https://inference.generativeai.us-chicago-1.oci.oraclecloud.com`. */
  readonly endpoint: string;
  /** The oci-common provider, or a promise of one (instance principals). */
  readonly provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>;
  readonly dispatcher: Dispatcher;
  /** The signer, when the caller made it already (to fail on a bad key before anything else is set up). */
  readonly signer?: DefaultRequestSigner;
}

/**
 * Signs each request with oci-common's DefaultRequestSigner (awaited, fresh on every call, so a
 * retry gets a fresh date) and sends exactly the signed bytes through undici.
 */
export class Transport {
  readonly endpoint: string;
  private readonly dispatcher: Dispatcher;
  private signer: Promise<DefaultRequestSigner> | undefined;
  private readonly provider: TransportOptions['provider'];

  constructor(options: TransportOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.dispatcher = options.dispatcher;
    this.provider = options.provider;
    if (options.signer !== undefined) this.signer = Promise.resolve(options.signer);
  }

  private requestSigner(): Promise<DefaultRequestSigner> {
    this.signer ??= Promise.resolve(this.provider).then(createRequestSigner);
    return this.signer;
  }

  /** POSTs a JSON body to `path` (under the endpoint), signed. */
  async post(path: string, body: string, extraHeaders: Readonly<Record<string, string>>, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const uri = `${this.endpoint}${path}`;
    const headers = new Headers(extraHeaders);
    headers.set('content-type', 'application/json');
    headers.set('accept', 'text/event-stream');
    try {
      const signer = await this.requestSigner();
      await signer.signHttpRequest({ method: 'POST', uri, headers, body });
    } catch (error) {
      throw signingError(error);
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
