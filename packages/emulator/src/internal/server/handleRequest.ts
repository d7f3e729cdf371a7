import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthSettings } from '../auth/authenticate.js';
import type { CounterState } from './CounterState.js';
import type { Exchange } from './Exchange.js';
import type { FaultSchedule } from '../faults/FaultSchedule.js';
import { FaultHooks } from '../faults/FaultHooks.js';
import { readBody } from './readBody.js';
import { resolveSettings, type DefaultSettings } from './resolveSettings.js';
import { routes } from './routes.js';
import { sendError } from './sendResponse.js';
import { instanceMetadataPath, serveInstanceMetadata } from '../auth/serveInstanceMetadata.js';
import { federationPath, serveX509Federation, type FederationSettings } from '../auth/serveX509Federation.js';
import { ServiceError } from './ServiceError.js';

/** What every request handler shares: the emulator's state and settings. */
export interface EmulatorContext {
  readonly counters: CounterState;
  readonly faults: FaultSchedule;
  readonly defaults: DefaultSettings;
  readonly auth: AuthSettings;
  /** The instance metadata service and the auth service's federation endpoint. */
  readonly instancePrincipals: FederationSettings;
  readonly maxBodyBytes: number;
  readonly now: () => number;
  readonly isClosing: () => boolean;
}

/**
 * Handles one request in the order a gateway and the service would: route (404/405),
 * body size (413), fault spec (400 on a typo), injected redirect or error status,
 * signature (401), timing headers, JSON (400 CannotParseRequest), then the operation.
 * `/opc/v2/…` (instance metadata) and `/v1/x509` (federation) go to their own services first.
 * Every response carries `opc-request-id`; any error becomes `{"code","message"}`,
 * and nothing a client sends can crash the server.
 *
 * @example
 * server.on('request', (req, res) => void handleRequest(req, res, context));
 */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, context: EmulatorContext): Promise<void> {
  const counters = context.counters.values;
  counters.requests += 1;
  const sentId = req.headers['opc-request-id'];
  res.setHeader('opc-request-id', typeof sentId === 'string' && sentId !== '' ? sentId : randomBytes(16).toString('hex').toUpperCase());
  const closed = new AbortController();
  const state = { settled: false };
  res.once('close', () => {
    if (!res.writableFinished && !state.settled && !context.isClosing()) counters.clientDisconnects += 1;
    closed.abort();
  });

  let faults = FaultHooks.none;
  let record: { status: number; tokens: number } | undefined;
  res.once('close', () => {
    if (record !== undefined) record.status = res.headersSent ? res.statusCode : 0;
  });
  try {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // The stand-ins for IMDS and the auth service are other services: faults are not theirs.
    if (path.startsWith(instanceMetadataPath)) {
      counters.instanceMetadataRequests += 1;
      await serveInstanceMetadata(req, res, context.instancePrincipals.identity);
      return;
    }
    if (path === federationPath) {
      counters.federationRequests += 1;
      await serveX509Federation(req, res, await readBody(req, context.maxBodyBytes), context.instancePrincipals);
      return;
    }
    const route = routes.get(path);
    if (route === undefined) throw new ServiceError(`The emulator has no operation at ${path}.`, { status: 404, code: 'NotFound' });
    record = context.counters.record(path, context.now());
    if (req.method !== 'POST') throw new ServiceError(`${path} takes POST only.`, { status: 405, code: 'MethodNotAllowed', headers: { allow: 'POST' } });
    const body = await readBody(req, context.maxBodyBytes);
    const spec = context.faults.select(headerValue(req, 'x-emulator-fault')) ?? {};
    if (Object.keys(spec).length > 0) counters.faultsServed += 1;
    faults = new FaultHooks(spec);
    faults.beforeService(req);
    const how = authenticate(req, body, route.allowsBearer, context.auth);
    if (route.allowsBearer && how === 'signature' && headerValue(req, 'opc-compartment-id') === undefined) {
      throw new ServiceError('A signed request to the OpenAI-compatible route needs the opc-compartment-id header.', { status: 400, code: 'MissingParameter' });
    }
    const settings = resolveSettings(req.headers, spec, context.defaults);
    const json = parseJson(body);
    const exchange: Exchange = {
      req,
      res,
      faults,
      settings,
      closed: closed.signal,
      counters: context.counters,
      now: context.now,
      record,
      get settled() {
        return state.settled;
      },
      set settled(value: boolean) {
        state.settled = value;
      },
    };
    await route.handle(exchange, json);
  } catch (error) {
    if (closed.signal.aborted) return;
    sendError(res, error instanceof ServiceError ? error : internalError(error), faults, context.counters);
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new ServiceError('The request body is not valid JSON.', { status: 400, code: 'CannotParseRequest' });
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function internalError(error: unknown): ServiceError {
  // Only the emulator's own bugs land here; their message helps whoever hits one.
  const reason = error instanceof Error ? error.message : String(error);
  return new ServiceError(`The emulator failed to handle this request: ${reason}`, { status: 500, code: 'InternalServerError' });
}
