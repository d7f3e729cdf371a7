import { connect, type Socket } from 'node:net';

/** A response parsed from raw bytes; `chunks` are the HTTP chunked-encoding pieces as the server wrote them. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw header block, exactly as received. */
  head: string;
  chunks: Buffer[];
  body: Buffer;
  /** True when the chunked body ended with its zero-length chunk (or a Content-Length body is complete). */
  complete: boolean;
}

/**
 * A raw TCP connection to the emulator: send exact bytes, see exact bytes, know when
 * the server closes. Built on node:net so that chunking and line endings are visible.
 */
export class RawConnection {
  #received: Buffer[] = [];
  #closed = false;
  #listeners = new Set<() => void>();

  private constructor(readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.#received.push(data);
      this.#notify();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#notify();
    });
    socket.on('error', () => undefined);
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether the bytes received so far end with `suffix` (cheap: looks at the last pieces only). */
  endsWith(suffix: string): boolean {
    const tail = Buffer.concat(this.#received.slice(-4));
    return tail.subarray(Math.max(0, tail.length - suffix.length)).toString('latin1') === suffix;
  }

  bytes(): Buffer {
    return Buffer.concat(this.#received);
  }

  response(): RawResponse {
    return parseResponse(this.bytes());
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Resolves when `predicate` holds for the bytes received so far; rejects after `timeoutMs`. */
  waitFor(predicate: (connection: RawConnection) => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (predicate(this)) {
          clearTimeout(timer);
          this.#listeners.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`waitFor timed out; received: ${JSON.stringify(this.bytes().toString('utf8').slice(-400))}`));
      }, timeoutMs);
      this.#listeners.add(check);
      check();
    });
  }

  waitForClose(timeoutMs = 5000): Promise<void> {
    return this.waitFor((connection) => connection.closed, timeoutMs);
  }

  destroy(): void {
    this.socket.destroy();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Parses status, headers and a chunked or Content-Length body (possibly incomplete). */
export function parseResponse(bytes: Buffer): RawResponse {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, head: bytes.toString('latin1'), chunks: [], body: Buffer.alloc(0), complete: false };
  const head = bytes.subarray(0, split).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  const rest = bytes.subarray(split + 4);
  if (headers['transfer-encoding'] !== 'chunked') {
    const length = Number(headers['content-length'] ?? rest.length);
    const body = rest.subarray(0, length);
    return { status, headers, head, chunks: [body], body, complete: body.length === length };
  }
  const chunks: Buffer[] = [];
  let offset = 0;
  let complete = false;
  while (offset < rest.length) {
    const lineEnd = rest.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(rest.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) {
      complete = true;
      break;
    }
    if (lineEnd + 2 + size > rest.length) break;
    chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return { status, headers, head, chunks, body: Buffer.concat(chunks), complete };
}

/** An HTTP/1.1 request as bytes. */
export function requestBytes(method: string, path: string, headers: Record<string, string>, body = ''): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body, 'utf8')]);
}
