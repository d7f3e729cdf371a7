const wildcards = new Set(['0.0.0.0', '::', '']);

/**
 * The `host` header values a signed request may carry: loopback by name and number,
 * the listening host, or any name when listening on every interface (the port must
 * still match).
 *
 * @example
 * expectedHostsFor('127.0.0.1', 8080); // ['127.0.0.1:8080', 'localhost:8080']
 */
export function expectedHostsFor(host: string, port: number): string[] {
  if (wildcards.has(host)) return [`*:${port}`];
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `${urlHostFor(host)}:${port}`]);
  if (host === '::1') hosts.add(`[::1]:${port}`);
  return [...hosts];
}

/**
 * The host part of the emulator's URL: loopback when listening everywhere, IPv6 in brackets.
 *
 * @example
 * urlHostFor('0.0.0.0'); // '127.0.0.1'
 */
export function urlHostFor(host: string): string {
  if (wildcards.has(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
