import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OciGenAiClient } from '@oci-genai-rx/core';
import { ChatBodyError, readChatBody } from './readChatBody.js';
import type { RelayLog } from './relayChat.js';
import { relayChat } from './relayChat.js';
import { servePublicFile } from './servePublicFile.js';

/** Options of {@link startWebChatServer}. */
export interface WebChatServerOptions {
  /** Signs and sends the chat requests: the browser cannot sign OCI requests itself. */
  readonly client: OciGenAiClient;
  readonly model: string;
  /** TCP port; default 0 (a free port: read `url`). */
  readonly port?: number;
  /** Interface to listen on; default '127.0.0.1' (this machine only: the page spends your OCI quota). */
  readonly host?: string;
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

/**
 * Starts the web chat: a `node:http` server for the page (`GET /`) and its relay
 * (`POST /api/chat` with `{ messages }`, answered as server-sent events; see `relayChat`).
 *
 * @example
 * const server = await startWebChatServer({ client, model: 'meta.llama-3.3-70b-instruct', port: 8080 });
 * console.log(server.url); // 'http://127.0.0.1:8080/'
 */
export async function startWebChatServer(options: WebChatServerOptions): Promise<WebChatServer> {
  const { client, model, port = 0, host = '127.0.0.1', log = () => undefined } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/api/chat') {
      if (req.method !== 'POST') return plain(res, 405, 'Use POST with {"messages": [...]}.', { allow: 'POST' });
      const messages = await readChatBody(req);
      return relayChat(client.chat({ model, messages }), res, log);
    }
    if (req.method === 'GET' && (await servePublicFile(path, res))) return;
    plain(res, 404, 'Not found.');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ChatBodyError) return plain(res, error.status, error.message);
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

function plain(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(message);
}
