/**
 * A request the relay refuses before any answer starts, with the HTTP status to answer and a
 * message that says what was wrong and how to fix it (naming the header or field at fault).
 * The server answers it as `text/plain`; it never carries the token or any other secret.
 *
 * @example
 * throw new RelayRefusal(403, 'Origin http://evil.example is not this chat\'s origin (http://127.0.0.1:8080).');
 */
export class RelayRefusal extends Error {
  override readonly name = 'RelayRefusal';
  constructor(
    /** The HTTP status: 400, 401, 403, 405, 413, 415 or 429. */
    readonly status: number,
    message: string,
    /** Extra response headers, e.g. `allow` for a 405 or `retry-after` for a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
