/**
 * Live counts of what the emulator saw (getters: read them when you need them).
 *
 * @example
 * await fetch(`${emulator.url}/20231130/actions/chat`, { method: 'POST' });
 * emulator.counters.requests; // 1
 * emulator.counters.unauthenticated; // 1
 */
export interface EmulatorCounters {
  /** Requests received, on every route, including rejected ones. */
  readonly requests: number;
  /** TCP connections open right now. */
  readonly openConnections: number;
  /** TCP connections accepted since start (stays 1 when a client reuses one connection). */
  readonly connectionsAccepted: number;
  /** Requests that got a fault spec (header, `setFault` or the `faults` option). */
  readonly faultsServed: number;
  /** Requests refused with 401 NotAuthenticated. */
  readonly unauthenticated: number;
  /** Requests answered with an error status (4xx/5xx, injected ones included). */
  readonly errorsSent: number;
  /** Streaming responses running right now (lingering and stalled ones included). */
  readonly activeStreams: number;
  /** Streaming responses that reached their finish event. */
  readonly streamsCompleted: number;
  /** Responses the client abandoned (closed the connection) before they finished. */
  readonly clientDisconnects: number;
  /** Content deltas (text, reasoning, tool-call pieces) written to clients. */
  readonly deltasSent: number;
  /** Requests to the instance metadata service (`/opc/v2/…`), refused ones included. */
  readonly instanceMetadataRequests: number;
  /** Requests to the federation endpoint (`/v1/x509`), refused ones included. */
  readonly federationRequests: number;
}
