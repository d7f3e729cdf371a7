import type { Mutable } from '../Mutable.js';
import type { EmulatorCounters } from '../../EmulatorCounters.js';
import type { RequestRecord } from '../../RequestRecord.js';


/**
 * The emulator's counters, writable inside the emulator; users get `view()`, whose
 * getters read the live values and cannot change them.
 *
 * @example
 * const counters = new CounterState();
 * counters.values.requests += 1;
 * counters.view().requests; // 1
 */
export class CounterState {
  /** The inference requests, when recording (the `recordRequests` option); left empty otherwise. */
  readonly requestLog: Mutable<RequestRecord>[] = [];

  constructor(private readonly recording = false) {}

  /** A new record for an inference request, or undefined when not recording. */
  record(path: string, receivedAt: number): Mutable<RequestRecord> | undefined {
    if (!this.recording) return undefined;
    const record = { receivedAt, path, status: 0, tokens: 0 };
    this.requestLog.push(record);
    return record;
  }

  readonly values: Mutable<EmulatorCounters> = {
    requests: 0,
    openConnections: 0,
    connectionsAccepted: 0,
    faultsServed: 0,
    unauthenticated: 0,
    errorsSent: 0,
    activeStreams: 0,
    streamsCompleted: 0,
    clientDisconnects: 0,
    deltasSent: 0,
    instanceMetadataRequests: 0,
    federationRequests: 0,
  };

  view(): EmulatorCounters {
    const view = {};
    for (const key of Object.keys(this.values) as Array<keyof EmulatorCounters>) {
      Object.defineProperty(view, key, { enumerable: true, get: () => this.values[key] });
    }
    return view as EmulatorCounters;
  }
}
