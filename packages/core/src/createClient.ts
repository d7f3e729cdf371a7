import type { AuthenticationDetailsProvider, Region } from 'oci-common';
import type { Observable } from 'rxjs';
import { defer, throwError } from 'rxjs';
import type { Dispatcher } from 'undici';
import { Agent } from './internal/undici.js';
import type { AuthOption } from './authProvider.js';
import type { AttemptGate } from './AttemptGate.js';
import { configFilePath, configProfile, createAuthProvider, generativeAiApiKey, isGenerativeAiApiKey } from './authProvider.js';
import type { ChatRequest, ChatRoute } from './chatRequest.js';
import { inferenceEndpoint } from './endpoint.js';
import { ConfigurationError, InvalidRequestError } from './errors.js';
import type { NumberRule } from './optionChecks.js';
import { MAX_TIMER_MS, describeValue, numberProblem } from './optionChecks.js';
import { checkRequest } from './internal/checkRequest.js';
import type { ChatEvent } from './events.js';
import type { GenerateTextRequest } from './generateTextRequest.js';
import type { StreamCall } from './internal/AnswerStream.js';
import { answerEvents } from './internal/AnswerStream.js';
import { chatBody } from './internal/chatBody.js';
import { openAiRoutes } from './internal/formats/index.js';
import { generateTextBody } from './internal/generateTextBody.js';
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
  /**
   * How long signing may hold the event loop in one turn, ms; default 5. A burst of requests
   * (1,000 subscribed at once) is signed in slices of this length, one turn of the event loop
   * each, so timers and sockets keep running in between; a lone request is still signed at
   * once. `Infinity` signs a whole burst in one turn. Has no effect with a Generative AI API key.
   */
  readonly signingSliceMs?: number;
  /**
   * A rate limiter every HTTP request of this client waits for and is counted by, retries
   * included (`createRateLimiter` of @oci-genai-rx/operators); share it with `mergePrompts`.
   * Default: none.
   */
  readonly rateLimiter?: AttemptGate;
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
  if (options.endpoint !== undefined) return checkedEndpoint(options.endpoint);
  if (options.region !== undefined) return inferenceEndpoint(options.region, 'the region option');
  const fromProvider = provider && providerRegion(provider);
  if (fromProvider !== undefined) return inferenceEndpoint(fromProvider, regionSource(options.auth));
  const fromEnv = process.env['OCI_REGION'];
  if (fromEnv !== undefined && fromEnv !== '') return inferenceEndpoint(fromEnv, 'OCI_REGION');
  throw provider === undefined
    ? new ConfigurationError('No region was given; a Generative AI API key works in the region it was created in only.', { setting: 'region', fix: 'Pass the region of the key (e.g. us-chicago-1) or set OCI_REGION.' })
    : new ConfigurationError('No region was given and the auth provider names none.', { setting: 'region', fix: 'Pass region (e.g. us-chicago-1), set OCI_REGION, or add region= to the config profile.' });
}

/** Where the provider's region came from, for errors: the config profile, or the provider itself. */
function regionSource(auth: AuthOption | undefined): string {
  const type = auth === undefined ? 'config-file' : 'type' in auth ? auth.type : undefined;
  if (type !== 'config-file' && type !== 'session-token') return 'the auth provider';
  const fromFile = auth as { configFile?: string; profile?: string } | undefined;
  return `profile [${configProfile(fromFile?.profile)}] in ${configFilePath(fromFile?.configFile)}`;
}

/** An explicit endpoint: an absolute http(s) URL with no credentials, query or fragment in it. */
function checkedEndpoint(endpoint: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof endpoint === 'string' ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigurationError(`${describeValue(endpoint)} is not an http(s) URL without credentials, query or fragment.`, { setting: 'endpoint', fix: 'Pass the service base URL, e.g. https://inference.generativeai.us-chicago-1.oci.oraclecloud.com, or leave endpoint out and pass region.' });
  }
  return endpoint as string;
}

const NUMBER_OPTIONS: readonly [keyof ClientOptions, NumberRule, string][] = [
  ['maxConnections', { integer: true, min: 1 }, 'Pass a whole number of connections such as 64.'],
  ['transportTimeoutMs', { integer: true, min: 1, max: MAX_TIMER_MS }, 'Pass milliseconds such as 600000.'],
  ['finishGraceMs', { integer: true, min: 0, max: MAX_TIMER_MS }, 'Pass milliseconds such as 500.'],
  ['maxEventChars', { integer: true, min: 1 }, 'Pass a number of characters such as 1048576.'],
  ['signingSliceMs', { above: 0, infinity: true }, 'Pass milliseconds such as 5, or Infinity to sign a burst in one turn.'],
];

/** Every option checked at createClient, so that none becomes a retryable failure at request time. */
function checkClientOptions(options: unknown): asserts options is ClientOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(`createClient was given ${describeValue(options)}.`, { setting: 'options', fix: 'Pass an options object such as { compartmentId, region }.' });
  }
  const given = options as Record<string, unknown>;
  for (const [name, rule, fix] of NUMBER_OPTIONS) {
    const allowed = given[name] === undefined ? undefined : numberProblem(given[name], rule);
    if (allowed !== undefined) throw new ConfigurationError(`${describeValue(given[name])} is not ${allowed}.`, { setting: name, fix: fix });
  }
  for (const name of ['compartmentId', 'region', 'endpoint'] as const) {
    if (given[name] !== undefined && typeof given[name] !== 'string') {
      throw new ConfigurationError(`${describeValue(given[name])} is not a string.`, { setting: name, fix: `Pass ${name} as a string, or leave it out.` });
    }
  }
  // The endpoint or region first: an unusable one is the problem to report, before the key is read.
  if (given['endpoint'] !== undefined) checkedEndpoint(given['endpoint']);
  else if (given['region'] !== undefined) inferenceEndpoint(given['region'] as string, 'the region option');
  const limiter = given['rateLimiter'] as { gate?: unknown } | undefined;
  if (limiter !== undefined && typeof limiter?.gate !== 'function') {
    throw new ConfigurationError(`${describeValue(limiter)} is not a rate limiter.`, { setting: 'rateLimiter', fix: 'Pass createRateLimiter({ … }) from @oci-genai-rx/operators, or leave rateLimiter out.' });
  }
  const dispatcher = given['dispatcher'] as { dispatch?: unknown } | undefined;
  if (dispatcher !== undefined && typeof dispatcher?.dispatch !== 'function') {
    throw new ConfigurationError(`${describeValue(dispatcher)} is not an undici Dispatcher.`, { setting: 'dispatcher', fix: 'Pass an undici Agent, ProxyAgent or MockAgent, or leave dispatcher out.' });
  }
}

/** The transport's authentication: a bearer API key, or a provider with its signer made now when it can be. */
function transportAuth(option: AuthOption | undefined): { auth: TransportAuth; provider: AuthenticationDetailsProvider | Promise<AuthenticationDetailsProvider> | undefined } {
  if (isGenerativeAiApiKey(option)) return { auth: { apiKey: generativeAiApiKey(option) }, provider: undefined };
  const provider = createAuthProvider(option);
  // A provider known now gets its signer now, before any connection pool exists: a wrong
  // passphrase fails here, at createClient, not at the first prompt.
  // A provider still being set up (instance principals) is set up anew after a failure.
  return {
    auth: provider instanceof Promise ? { provider, rebuildProvider: () => createAuthProvider(option) } : { provider, signer: createRequestSigner(provider) },
    provider,
  };
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
  checkClientOptions(options);
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
  const transport = new Transport({ endpoint, auth, dispatcher: options.dispatcher ?? (ownAgent as Agent), signingSliceMs: options.signingSliceMs ?? 5 });
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
    const events = defer(() => (closed ? throwError(() => closedError()) : answerEvents(call)));
    // A failed attempt without usage is charged for its request body and what it streamed, 4
    // characters a token: the body's JSON overhead makes it an over-estimate, the safe side.
    return options.rateLimiter === undefined ? events : options.rateLimiter.gate(events, { estimateTokens: (text) => Math.ceil((call.body.length + text.length) / 4) });
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
      checkRequest(request, 'chat');
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
      checkRequest(request, 'generateText');
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
