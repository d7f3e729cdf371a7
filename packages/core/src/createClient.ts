import type { AuthenticationDetailsProvider, Region } from 'oci-common';
import type { Observable } from 'rxjs';
import { defer, throwError } from 'rxjs';
import type { Dispatcher } from 'undici';
import { Agent } from './internal/undici.js';
import type { AuthOption } from './authProvider.js';
import { createAuthProvider, generativeAiApiKey, isGenerativeAiApiKey } from './authProvider.js';
import type { ChatRequest, ChatRoute } from './chatRequest.js';
import { inferenceEndpoint } from './endpoint.js';
import { ConfigurationError, InvalidRequestError } from './errors.js';
import type { ChatEvent } from './events.js';
import type { GenerateTextRequest } from './generateTextRequest.js';
import type { StreamCall } from './internal/AnswerStream.js';
import { chatBody } from './internal/chatBody.js';
import { openAiRoutes } from './internal/formats/index.js';
import { generateTextBody } from './internal/generateTextBody.js';
import { streamEvents } from './internal/streamEvents.js';
import { Transport } from './internal/Transport.js';
import type { TransportAuth } from './internal/Transport.js';
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
  /**
   * How to authenticate; default: `~/.oci/config` (honouring `OCI_CONFIG_FILE` and `OCI_CLI_PROFILE`).
   * `{ type: 'generative-ai-api-key' }` sends an OCI Generative AI API key instead of signing.
   */
  readonly auth?: AuthOption;
  /**
   * The route of `chat` requests that name none: `native` (`/20231130/actions/chat`),
   * `chat-completions` or `responses` (the OpenAI-compatible routes). Default: `native`, or
   * `responses` with a Generative AI API key, which the native route does not take.
   */
  readonly route?: ChatRoute;
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
   * Streams a chat answer: on the native route in GENERIC, COHERE or COHEREV2 (from the model
   * family), or on an OpenAI-compatible route (`route: 'responses'` or `'chat-completions'`).
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

function resolveEndpoint(options: ClientOptions, provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider> | undefined): string {
  if (options.endpoint !== undefined) return options.endpoint;
  const region = options.region ?? (provider && providerRegion(provider)) ?? process.env['OCI_REGION'];
  if (region === undefined) {
    throw provider === undefined
      ? new ConfigurationError('No region was given; a Generative AI API key works in the region it was created in only.', { setting: 'region', fix: 'Pass the region of the key (e.g. us-chicago-1) or set OCI_REGION.' })
      : new ConfigurationError('No region was given and the auth provider names none.', { setting: 'region', fix: 'Pass region (e.g. us-chicago-1), set OCI_REGION, or add region= to the config profile.' });
  }
  return inferenceEndpoint(region);
}

/** The transport's authentication: a bearer API key, or a provider with its signer made now when it can be. */
function transportAuth(option: AuthOption | undefined): { auth: TransportAuth; provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider> | undefined } {
  if (isGenerativeAiApiKey(option)) return { auth: { apiKey: generativeAiApiKey(option) }, provider: undefined };
  const provider = createAuthProvider(option);
  // A provider known now gets its signer now, before any connection pool exists: a wrong
  // passphrase fails here, at createClient, not at the first prompt.
  return { auth: provider instanceof Promise ? { provider } : { provider, signer: createRequestSigner(provider) }, provider };
}

const ROUTES: readonly ChatRoute[] = ['native', 'chat-completions', 'responses'];

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
  const { auth, provider } = transportAuth(options.auth);
  const endpoint = resolveEndpoint(options, provider);
  const timeout = options.transportTimeoutMs ?? 600_000;
  const usesApiKey = provider === undefined;
  const defaultRoute = options.route ?? (usesApiKey ? 'responses' : 'native');
  if (!ROUTES.includes(defaultRoute)) {
    throw new ConfigurationError(`"${String(defaultRoute)}" is not a route.`, { setting: 'route', fix: `Use ${ROUTES.join(', ')}.` });
  }
  if (usesApiKey && defaultRoute === 'native') {
    throw new ConfigurationError('The native route does not take Generative AI API keys.', { setting: 'route', fix: "Use route 'responses' or 'chat-completions', or IAM auth for the native route." });
  }
  const ownAgent = options.dispatcher === undefined
    ? new Agent({ connections: options.maxConnections ?? 64, pipelining: 1, headersTimeout: timeout, bodyTimeout: timeout })
    : undefined;
  const transport = new Transport({ endpoint, auth, dispatcher: options.dispatcher ?? (ownAgent as Agent) });
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

  function chatRoute(route: ChatRoute | undefined): ChatRoute {
    const chosen = route ?? defaultRoute;
    if (!ROUTES.includes(chosen)) throw new InvalidRequestError(`"${String(chosen)}" is not a route. Use ${ROUTES.join(', ')}.`, { field: 'route' });
    if (usesApiKey && chosen === 'native') {
      throw new InvalidRequestError("the native route does not take Generative AI API keys. Use route 'responses' or 'chat-completions', or IAM auth.", { field: 'route' });
    }
    return chosen;
  }

  function requestHeaders(request: { headers?: Readonly<Record<string, string>>; opcRequestId?: string }): Record<string, string> {
    return request.opcRequestId === undefined ? { ...request.headers } : { ...request.headers, 'opc-request-id': request.opcRequestId };
  }

  return {
    endpoint,
    chat: (request) => stream(() => {
      const route = chatRoute(request.route);
      if (route === 'native') {
        const { body, format } = chatBody(request, compartment(request.compartmentId));
        return { path: '/20231130/actions/chat', body, headers: requestHeaders(request), model: request.model, format, operation: 'chat' };
      }
      // Signed OpenAI-compatible requests name the compartment in a header; an API key implies it.
      const headers = usesApiKey ? requestHeaders(request) : { ...requestHeaders(request), 'opc-compartment-id': compartment(request.compartmentId) };
      const wire = openAiRoutes[route];
      return { path: wire.path, body: wire.body(request), headers, model: request.model, format: wire.format, operation: 'chat' };
    }),
    generateText: (request) => stream(() => {
      if (usesApiKey) throw new InvalidRequestError('generateText is a native operation, which does not take Generative AI API keys. Use chat() on the responses route, or IAM auth.', { field: 'route' });
      const { body, runtime } = generateTextBody(request, compartment(request.compartmentId));
      return { path: '/20231130/actions/generateText', body, headers: requestHeaders(request), model: request.model, format: runtime, operation: 'generateText' };
    }),
    close: async () => {
      closed = true;
      await ownAgent?.destroy();
    },
  };
}
