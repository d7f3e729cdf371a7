/**
 * A request the relay refuses before any answer starts, with the HTTP status to answer and a
 * message that says what was wrong and how to fix it (naming the header or field at fault).
 * The server answers it as `text/plain`; it never carries the token or any other secret.
 *
 * @example
 * throw new RelayRefusal('Origin http://evil.example is not this chat\'s origin (http://127.0.0.1:8080).', { status: 403 });
 */
export class RelayRefusal extends Error {
  override readonly name = 'RelayRefusal';
  /** The HTTP status: 400, 401, 403, 405, 413, 415 or 429. */
  readonly status: number;
  /** Extra response headers, e.g. `allow` for a 405 or `retry-after` for a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, options: { readonly status: number; readonly headers?: Readonly<Record<string, string>> }) {
    super(message);
    this.status = options.status;
    this.headers = options.headers ?? {};
  }
}
