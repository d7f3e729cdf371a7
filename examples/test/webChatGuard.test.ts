import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import { UsageError } from '../common/UsageError.js';
import type { WebChatServerOptions } from '../web-chat/startWebChatServer.js';
import { useWebChatServer } from './support/webChatFixture.js';

const model = 'meta.llama-3.3-70b-instruct';
const askJoke = JSON.stringify({ messages: [{ role: 'user', content: 'Tell me a joke.' }] });

/** A response read whole. */
interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A request with exactly these headers, Host included (fetch will not let a caller set Host,
 * and a DNS-rebinding page's request carries the attacker's name there).
 */
function send(url: string, path: string, headers: Record<string, string>, body?: string, method = 'POST'): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers: { host: `${hostname}:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('web chat relay security', () => {
  const startRelay = useWebChatServer();

  async function start(options: Partial<WebChatServerOptions> = {}, emulatorOptions: EmulatorOptions = { tokens: 5 }) {
    return startRelay({ model, ...options }, emulatorOptions);
  }

  it('refuses the cross-site request of the report (text/plain, a foreign Origin and Host) without asking OCI', async () => {
    const { url, emulator } = await start();

    const response = await send(url, '/api/chat', { 'content-type': 'text/plain', origin: 'http://evil.example', host: 'attacker.example:18555' }, askJoke);

    expect(response.status).toBe(403);
    expect(emulator.counters.requests).toBe(0);
  });

  it('refuses a body that is not sent as application/json with 415 naming Content-Type', async () => {
    const { url, emulator } = await start();

    const plain = await send(url, '/api/chat', { 'content-type': 'text/plain' }, askJoke);
    const none = await send(url, '/api/chat', {}, askJoke);
    const form = await send(url, '/api/ui-chat', { 'content-type': 'application/x-www-form-urlencoded' }, askJoke);

    for (const response of [plain, none, form]) {
      expect(response.status).toBe(415);
      expect(response.body).toMatch(/^Content-Type must be application\/json/);
    }
    expect(emulator.counters.requests).toBe(0);
  });

  it('accepts application/json with a charset parameter', async () => {
    const { url } = await start();

    const response = await send(url, '/api/chat', { 'content-type': 'Application/JSON; charset=utf-8' }, askJoke);

    expect(response.status).toBe(200);
    expect(response.body).toMatch(/event: done/);
  });

  it('refuses a page of another origin with 403 naming Origin', async () => {
    const { url, emulator } = await start();

    const response = await send(url, '/api/chat', { 'content-type': 'application/json', origin: 'http://evil.example' }, askJoke);

    expect(response.status).toBe(403);
    expect(response.body).toMatch(/^Origin http:\/\/evil\.example is not this chat's origin/);
    expect(emulator.counters.requests).toBe(0);
  });

  it('accepts its own origin, and an origin the owner allowed, with CORS headers for that one only', async () => {
    const { url } = await start({ allowedOrigins: ['http://localhost:3000'] });
    const own = new URL(url).origin;

    const same = await send(url, '/api/chat', { 'content-type': 'application/json', origin: own }, askJoke);
    const allowed = await send(url, '/api/ui-chat', { 'content-type': 'application/json', origin: 'http://localhost:3000' }, JSON.stringify({ messages: [{ id: '1', role: 'user', parts: [{ type: 'text', text: 'Hi.' }] }] }));
    const preflight = await send(url, '/api/ui-chat', { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' }, undefined, 'OPTIONS');

    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/content-type/);
  });

  it('refuses a Host that does not name the server (DNS rebinding) with 403 naming Host, on the page too', async () => {
    const { url, emulator } = await start();

    const answer = await send(url, '/api/chat', { 'content-type': 'application/json', host: 'attacker.example:8080' }, askJoke);
    const page = await send(url, '/', { host: 'attacker.example:8080' }, undefined, 'GET');
    const byName = await send(url, '/', { host: `localhost:${new URL(url).port}` }, undefined, 'GET');

    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/^Host "attacker\.example:8080" does not name this chat server/);
    expect(page.status).toBe(403);
    expect(byName.status).toBe(200);
    expect(emulator.counters.requests).toBe(0);
  });

  it('accepts a Host name the owner added', async () => {
    const { url } = await start({ allowedHosts: ['chat.example.test'] });

    const response = await send(url, '/', { host: `chat.example.test:${new URL(url).port}` }, undefined, 'GET');

    expect(response.status).toBe(200);
  });

  it('will not listen beyond loopback without a token, and says how to set one', async () => {
    const started = startRelay({ model, host: '0.0.0.0' });

    await expect(started).rejects.toThrow(UsageError);
    await expect(started).rejects.toThrow(/--host 0\.0\.0\.0 .* set a token \(WEB_CHAT_TOKEN, or --token\)/);
  });

  it('with a token, refuses answers without it or with a wrong one (401 naming Authorization), and never echoes it', async () => {
    const token = 'correct-horse-battery-staple';
    const { url, emulator } = await start({ token });

    const missing = await send(url, '/api/chat', { 'content-type': 'application/json' }, askJoke);
    const wrong = await send(url, '/api/chat', { 'content-type': 'application/json', authorization: 'Bearer correct-horse-battery-stapler' }, askJoke);
    const right = await send(url, '/api/chat', { 'content-type': 'application/json', authorization: `Bearer ${token}` }, askJoke);
    const page = await send(url, '/', {}, undefined, 'GET');

    for (const refused of [missing, wrong]) {
      expect(refused.status).toBe(401);
      expect(refused.body).toMatch(/^Authorization: this relay needs its token/);
      expect(refused.body).not.toContain(token);
    }
    expect(right.status).toBe(200);
    expect(right.body).toMatch(/event: done/);
    expect(page.status).toBe(200);
    expect(emulator.counters.requests).toBe(1);
  });

  it('caps the answers one client runs at once (429), and frees the slot when an answer ends', async () => {
    const { url, emulator } = await start({ maxAnswersPerClient: 1 }, { tokens: 400, tokenIntervalMs: 10 });
    const abort = new AbortController();
    const first = await fetch(new URL('/api/chat', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: askJoke, signal: abort.signal });
    await first.body!.getReader().read();

    const second = await send(url, '/api/chat', { 'content-type': 'application/json' }, askJoke);
    expect(second.status).toBe(429);
    expect(second.body).toMatch(/already has 1 answer running/);
    expect(second.headers['retry-after']).toBe('1');
    expect(emulator.counters.requests).toBe(1);

    abort.abort();
    await expect.poll(() => emulator.counters.activeStreams).toBe(0);
    const third = await send(url, '/api/chat', { 'content-type': 'application/json', 'x-emulator-tokens': '3' }, askJoke);
    expect(third.status).toBe(200);
  });
});
