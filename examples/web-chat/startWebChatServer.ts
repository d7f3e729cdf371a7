import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage, OciGenAiClient, ToolDefinition } from '@oci-genai-rx/core';
import { finalize } from 'rxjs';
import { UsageError } from '../common/UsageError.js';
import { chatEventsProtocol } from './chatEvents/chatEventsProtocol.js';
import { readChatBody } from './chatEvents/readChatBody.js';
import { answerSlots } from './guard/answerSlots.js';
import { RelayRefusal } from './guard/RelayRefusal.js';
import { requestGuard } from './guard/requestGuard.js';
import { isLoopback, servedHosts } from './guard/servedHosts.js';
import type { RelayLog } from './relayAnswer.js';
import { relayAnswer } from './relayAnswer.js';
import { servePublicFile } from './servePublicFile.js';
import type { StreamProtocol } from './StreamProtocol.js';
import { readUiMessages } from './uiMessageStream/readUiMessages.js';
import { uiMessageStreamProtocol } from './uiMessageStream/uiMessageStreamProtocol.js';

/** Options of {@link startWebChatServer}. */
export interface WebChatServerOptions {
  /** Signs and sends the chat requests: the browser cannot sign OCI requests itself. */
  readonly client: OciGenAiClient;
  readonly model: string;
  /** TCP port; default 0 (a free port: read `url`). */
  readonly port?: number;
  /** Interface to listen on; default '127.0.0.1' (this machine only: the page spends your OCI quota). Any other needs `token`. */
  readonly host?: string;
  /** The bearer token every answer request must carry; required when `host` is not loopback. Default: none. */
  readonly token?: string;
  /** More `Host` names that reach this server (a DNS name, a reverse proxy's host), e.g. 'chat.example.com'. Default: none. */
  readonly allowedHosts?: readonly string[];
  /** Origins of other pages that may call the answer routes (a `useChat` app's dev server), e.g. 'http://localhost:3000'. Default: none. */
  readonly allowedOrigins?: readonly string[];
  /** Answers one client (IP address) may run at once; more get 429. Default 2. */
  readonly maxAnswersPerClient?: number;
  /** Tools the model may call; their calls reach the page as `tool-call` events / `tool-input-available` parts. Default: none. */
  readonly tools?: readonly ToolDefinition[];
  /** Where one line per chat goes; default nowhere. */
  readonly log?: RelayLog;
}

/** A running web chat server. */
export interface WebChatServer {
  /** The page's address, e.g. 'http://127.0.0.1:8080/'. */
  readonly url: string;
  /** Stops listening and closes every connection, which stops every running answer. */
  close(): Promise<void>;
}

/** The answer routes: how each reads its body and writes its answer. */
const answerRoutes: ReadonlyMap<string, { read: (req: IncomingMessage) => Promise<ChatMessage[]>; protocol: StreamProtocol }> = new Map([
  ['/api/chat', { read: readChatBody, protocol: chatEventsProtocol }],
  ['/api/ui-chat', { read: readUiMessages, protocol: uiMessageStreamProtocol }],
]);

/**
 * Starts the web chat: a `node:http` server for the page (`GET /`), its relay
 * (`POST /api/chat` with `{ messages }`, answered as the page's server-sent events), and the
 * same relay for `useChat` apps (`POST /api/ui-chat`, the AI SDK's UI message stream).
 * Every request passes `requestGuard` (Host, Origin, token, Content-Type) and each client
 * runs at most `maxAnswersPerClient` answers at once.
 *
 * @throws {UsageError} when `host` is not loopback and no `token` is given.
 * @example
 * const server = await startWebChatServer({ client, model: 'meta.llama-3.3-70b-instruct', port: 8080 });
 * console.log(server.url); // 'http://127.0.0.1:8080/'
 */
export async function startWebChatServer(options: WebChatServerOptions): Promise<WebChatServer> {
  const { client, model, port = 0, host = '127.0.0.1', token, tools, log = () => undefined } = options;
  if (!isLoopback(host) && (token === undefined || token === '')) {
    throw new UsageError(`--host ${host} lets other machines reach the chat, which spends your OCI quota: set a token (WEB_CHAT_TOKEN, or --token), e.g. WEB_CHAT_TOKEN=$(openssl rand -hex 16).`);
  }
  const slots = answerSlots(options.maxAnswersPerClient ?? 2);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = answerRoutes.get(path);
    guard(req, route === undefined ? 'page' : 'api');
    if (route !== undefined) {
      const corsOrigin = guard.corsOrigin(req);
      if (corsOrigin !== undefined) corsHeaders(res, corsOrigin);
      if (req.method === 'OPTIONS' && corsOrigin !== undefined) return void res.writeHead(204).end();
      if (req.method !== 'POST') throw new RelayRefusal('Use POST with {"messages": [...]}.', { status: 405, headers: { allow: 'POST' } });
      const messages = await route.read(req);
      const release = slots.take(req.socket.remoteAddress ?? '');
      const answer = client.chat({ model, messages, ...(tools !== undefined && { tools }) }).pipe(finalize(release));
      return relayAnswer(answer, res, route.protocol, log);
    }
    if (req.method === 'GET' && (await servePublicFile(path, res))) return;
    plain(res, 404, 'Not found.');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RelayRefusal) return plain(res, error.status, error.message, error.headers);
      log(`request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) plain(res, 500, 'The chat server failed; its log has the details.');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // Made once the port is known (the Host check needs it); no request arrives before listen().
  const guard = requestGuard({ hosts: servedHosts(address.address, address.port, options.allowedHosts ?? []), allowedOrigins: options.allowedOrigins ?? [], token });
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open answers and idle keep-alive connections would otherwise hold close() forever.
        server.closeAllConnections();
      }),
  };
}

/** Lets an allowed origin's page read the answer and send its JSON (with a preflight). */
function corsHeaders(res: ServerResponse, origin: string): void {
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-methods', 'POST');
  res.setHeader('access-control-allow-headers', 'content-type, authorization');
  res.setHeader('vary', 'origin');
}

function plain(res: ServerResponse, status: number, message: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(message);
}
