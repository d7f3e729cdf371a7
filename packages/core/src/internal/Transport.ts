import type { AuthenticationDetailsProvider, DefaultRequestSigner } from 'oci-common';
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { createRequestSigner } from './requestSigner.js';

/** What the transport needs to sign and send. */
export interface TransportOptions {
  /** The service base URL without the version path, e.g. `https://inference.generativeai.us-chicago-1.oci.oraclecloud.com`. */
  readonly endpoint: string;
  /** The oci-common provider, or a promise of one (instance principals). */
  readonly provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>;
  readonly dispatcher: Dispatcher;
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
    // A provider known now gets its signer now: a wrong passphrase fails at createClient, not at the first prompt.
    if (!(options.provider instanceof Promise)) this.signer = Promise.resolve(createRequestSigner(options.provider));
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
    const signer = await this.requestSigner();
    await signer.signHttpRequest({ method: 'POST', uri, headers, body });
    signal.throwIfAborted();
    return request(uri, { method: 'POST', headers: Object.fromEntries(headers), body, dispatcher: this.dispatcher, signal });
  }
}
