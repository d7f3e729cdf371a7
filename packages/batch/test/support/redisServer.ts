import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A real redis-server for one test file, with AOF on, in its own temporary folder. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The server's PID now (it changes with `restart`). */
  readonly pid: number;
  /** A client for the test's own checks. */
  client(): Redis;
  /** SIGKILLs the server and starts it again on the same port and folder (the AOF is replayed). */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the server by its PID and removes the folder. */
  stop(): Promise<void>;
}

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Spawns Debian's `redis-server` on a free loopback port, AOF on with an fsync per write
 * (`appendfsync everysec`, as the README advises: a SIGKILL of the server loses nothing it acknowledged), no
 * RDB snapshots, and waits until it answers PING.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const directory = await mkdtemp(join(tmpdir(), 'oci-genai-batch-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await spawnServer(directory, port);
  const clients: Redis[] = [];
  return {
    url,
    port,
    get pid() {
      return child.pid ?? -1;
    },
    client: () => {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    restart: async ({ downMs = 0 } = {}) => {
      await kill(child);
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await spawnServer(directory, port);
    },
    stop: async () => {
      for (const client of clients) client.disconnect();
      await kill(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function spawnServer(directory: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', directory, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Without a listener, a failed spawn (redis-server not installed) is an 'error' event that kills the process.
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      if (spawnError !== undefined) throw new Error(`redis-server could not be started (${spawnError.message}): install it (apt-get install redis-server; .ci/run does) and run again`);
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
