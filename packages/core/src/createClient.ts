import type { AuthenticationDetailsProvider, Region } from 'oci-common';
import type { Observable } from 'rxjs';
import { defer, throwError } from 'rxjs';
import type { Dispatcher } from 'undici';
import { Agent } from './internal/undici.js';
import type { AuthOption } from './authProvider.js';
import { createAuthProvider } from './authProvider.js';
import type { ChatRequest } from './chatRequest.js';
import { inferenceEndpoint } from './endpoint.js';
import { ConfigurationError } from './errors.js';
import type { ChatEvent } from './events.js';
import type { GenerateTextRequest } from './generateTextRequest.js';
import type { StreamCall } from './internal/AnswerStream.js';
import { chatBody } from './internal/chatBody.js';
import { generateTextBody } from './internal/generateTextBody.js';
import { streamEvents } from './internal/streamEvents.js';
import { Transport } from './internal/Transport.js';
import { createRequestSigner } from './internal/requestSigner.js';

/**
 * Options of {@link createClient}.
 *
 * @example
 * ```ts
 * { compartmentId: 'ocid1.compartment.oc1..aaaa', region: 'us-chicago-1', auth: { type: 'config-file', profile: 'CHICAGO' }, maxConnections: 16 }
 * ```
 */
export interface ClientOptions {
  /** How to authenticate; default: `~/.oci/config` (honouring `OCI_CONFIG_FILE` and `OCI_CLI_PROFILE`). */
  readonly auth?: AuthOption;
  /** The compartment to bill; default: `OCI_COMPARTMENT_ID`. Each request may override it. */
  readonly compartmentId?: string;
  /** The region (`us-chicago-1`); default: the auth provider's region, then `OCI_REGION`. */
  readonly region?: string;
  /** An explicit service URL (a proxy, a private endpoint, the emulator); wins over `region`. */
  readonly endpoint?: string;
  /** Maximum open connections of the client's own undici Agent; default 64. Ignored with `dispatcher`. */
  readonly maxConnections?: number;
  /** Your own undici dispatcher (a ProxyAgent, a MockAgent); the client then never closes it. */
  readonly dispatcher?: Dispatcher;
  /**
   * Transport-level header and body timeouts in ms; default 600000. They are a last resort,
   * set far above the operators' timeouts (`streamTimeout`) so that those fire first.
   */
  readonly transportTimeoutMs?: number;
  /** How long to wait after the finish event for usage and EOF before releasing a connection the server keeps open; ms, default 500. */
  readonly finishGraceMs?: number;
  /** The largest single event the client buffers, in characters; default 1048576 (1 Mi). */
  readonly maxEventChars?: number;
}

/**
 * A client for OCI Generative AI inference. Every call returns a cold Observable: nothing is sent
 * until you subscribe, each subscription sends one signed request, and unsubscribing aborts it.
 *
 * @example
 * ```ts
 * const client: OciGenAiClient = createClient({ compartmentId });
 * client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi' }).subscribe(console.log);
 * await client.close();
 * ```
 */
export interface OciGenAiClient {
  /** The service URL requests go to (without `/20231130`). */
  readonly endpoint: string;
  /**
   * Streams a chat answer (GENERIC, COHERE or COHEREV2, from the model family).
   *
   * Emits `start`, then text / reasoning / tool-call deltas, `finish`, and `usage`; completes at
   * the logical end of the answer; errors with a typed {@link OciGenAiError}. An invalid request
   * errors at once, before anything is sent.
   *
   * @example
   * ```ts
   * client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' }).pipe(toText()).subscribe((t) => process.stdout.write(t));
   * // Why did the scarecrow win an award? Because he was outstanding in his field.
   * ```
   */
  chat(request: ChatRequest): Observable<ChatEvent>;
  /**
   * Streams a legacy generateText answer (COHERE or LLAMA runtime), with the same events as chat.
   *
   * @example
   * ```ts
   * client.generateText({ model: 'cohere.command', prompt: 'Tell me a joke.' }).pipe(toText())
   * ```
   */
  generateText(request: GenerateTextRequest): Observable<ChatEvent>;
  /** Closes the client's own connections (not an injected dispatcher). Running streams are aborted. */
  close(): Promise<void>;
}

function closedError(): ConfigurationError {
  return new ConfigurationError('This client was closed.', { setting: 'client', fix: 'Create a new client with createClient() for further requests.' });
}

function resolveEndpoint(options: ClientOptions, provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>): string {
  if (options.endpoint !== undefined) return options.endpoint;
  const region = options.region ?? providerRegion(provider) ?? process.env['OCI_REGION'];
  if (region === undefined) {
    throw new ConfigurationError('No region was given and the auth provider names none.', { setting: 'region', fix: 'Pass region (e.g. us-chicago-1), set OCI_REGION, or add region= to the config profile.' });
  }
  return inferenceEndpoint(region);
}

function providerRegion(provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider>): Region | undefined {
  if (provider instanceof Promise) return undefined;
  const withRegion = provider as { getRegion?: () => Region | undefined };
  return typeof withRegion.getRegion === 'function' ? withRegion.getRegion() ?? undefined : undefined;
}

/**
 * Creates a client. Configuration that can be checked now (config file, key, passphrase, region)
 * is checked now.
 *
 * @throws {ConfigurationError} naming the setting to fix.
 * @example
 * ```ts
 * const client = createClient({ compartmentId: 'ocid1.compartment.oc1..aaaa' });
 * const text = await lastValueFrom(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Hi!' }).pipe(collectText()));
 * ```
 */
export function createClient(options: ClientOptions = {}): OciGenAiClient {
  const provider = createAuthProvider(options.auth);
  const endpoint = resolveEndpoint(options, provider);
  const timeout = options.transportTimeoutMs ?? 600_000;
  // A provider known now gets its signer now, before any connection pool exists: a wrong
  // passphrase fails here, at createClient, not at the first prompt.
  const signer = provider instanceof Promise ? undefined : createRequestSigner(provider);
  const ownAgent = options.dispatcher === undefined
    ? new Agent({ connections: options.maxConnections ?? 64, pipelining: 1, headersTimeout: timeout, bodyTimeout: timeout })
    : undefined;
  const transport = new Transport({ endpoint, provider, dispatcher: options.dispatcher ?? (ownAgent as Agent), ...(signer && { signer }) });
  const defaultCompartment = options.compartmentId ?? process.env['OCI_COMPARTMENT_ID'];
  let closed = false;

  function compartment(override: string | undefined): string {
    const id = override ?? defaultCompartment;
    if (id === undefined || id === '') {
      throw new ConfigurationError('No compartment was given.', { setting: 'compartmentId', fix: 'Pass compartmentId to createClient() or the request, or set OCI_COMPARTMENT_ID.' });
    }
    return id;
  }

  function stream(prepare: () => Omit<StreamCall, 'transport' | 'finishGraceMs' | 'maxEventChars'>): Observable<ChatEvent> {
    let call: StreamCall;
    try {
      call = { ...prepare(), transport, finishGraceMs: options.finishGraceMs ?? 500, maxEventChars: options.maxEventChars ?? 1 << 20 };
    } catch (error) {
      return throwError(() => error);
    }
    // Checked at subscription: an Observable made before close() and subscribed after it must
    // not look like a retryable connection failure.
    return defer(() => (closed ? throwError(() => closedError()) : streamEvents(call)));
  }

  function requestHeaders(request: { headers?: Readonly<Record<string, string>>; opcRequestId?: string }): Record<string, string> {
    return request.opcRequestId === undefined ? { ...request.headers } : { ...request.headers, 'opc-request-id': request.opcRequestId };
  }

  return {
    endpoint,
    chat: (request) => stream(() => {
      const { body, format } = chatBody(request, compartment(request.compartmentId));
      return { path: '/20231130/actions/chat', body, headers: requestHeaders(request), model: request.model, format, operation: 'chat' };
    }),
    generateText: (request) => stream(() => {
      const { body, runtime } = generateTextBody(request, compartment(request.compartmentId));
      return { path: '/20231130/actions/generateText', body, headers: requestHeaders(request), model: request.model, format: runtime, operation: 'generateText' };
    }),
    close: async () => {
      closed = true;
      await ownAgent?.destroy();
    },
  };
}
