import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Addresses that listen on every interface. */
const wildcards = new Set(['0.0.0.0', '::']);

/**
 * True for an address only this machine can reach: `localhost`, 127.0.0.0/8 and `::1`.
 *
 * @example
 * isLoopback('127.0.0.1'); // true
 * isLoopback('0.0.0.0'); // false
 */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * The `Host` header values that name this server: the address it listens on (each interface's
 * address when it listens on all of them), `localhost` on loopback, and the names the owner
 * adds (a DNS name or a reverse proxy's host), each with the port unless it has its own.
 * A request with any other Host came through a name that is not this server's, which is how
 * DNS rebinding lets a foreign page read the answers: the relay refuses it.
 *
 * @param host The address the server listens on, e.g. '127.0.0.1' or '0.0.0.0'.
 * @param port The port it listens on.
 * @param extraNames More accepted names: 'chat.example.com' (this port) or 'chat.example.com:443'.
 * @returns Lower-case `host:port` values, IPv6 in brackets.
 * @example
 * servedHosts('127.0.0.1', 8080, []); // Set { '127.0.0.1:8080', 'localhost:8080' }
 */
export function servedHosts(host: string, port: number, extraNames: readonly string[]): Set<string> {
  const addresses = wildcards.has(host) ? interfaceAddresses() : [host];
  if (addresses.some(isLoopback)) addresses.push('localhost');
  const hosts = new Set(addresses.map((address) => `${bracketed(address)}:${port}`.toLowerCase()));
  for (const name of extraNames) hosts.add((/:\d+$/.test(name) ? name : `${name}:${port}`).toLowerCase());
  return hosts;
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address.replace(/%.*$/, '')));
}

function bracketed(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}
