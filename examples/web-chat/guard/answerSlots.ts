import { RelayRefusal } from './RelayRefusal.js';

/** Answers running per client, and the way to take one. */
export interface AnswerSlots {
  /**
   * Takes a slot for `client` (its IP address), or throws a 429 {@link RelayRefusal} when it
   * already runs `limit` answers. Call the returned function once when the answer ends.
   */
  take(client: string): () => void;
}

/**
 * Caps the answers each client runs at once, so that one page (or one script) cannot open a
 * hundred OCI streams on the owner's quota. A client is its remote IP address: behind a
 * reverse proxy every user shares the proxy's address, so raise the limit there.
 *
 * @param limit Answers per client at once, at least 1.
 * @example
 * const slots = answerSlots(2);
 * const release = slots.take('127.0.0.1'); // a second take() works, a third throws a 429
 * release();
 */
export function answerSlots(limit: number): AnswerSlots {
  const running = new Map<string, number>();
  return {
    take(client) {
      const count = running.get(client) ?? 0;
      if (count >= limit) {
        throw new RelayRefusal(`This client already has ${limit} answer${limit === 1 ? '' : 's'} running (the relay's limit per client); wait for one to end or stop it.`, { status: 429, headers: { 'retry-after': '1' } });
      }
      running.set(client, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(client) ?? 1) - 1;
        if (left === 0) running.delete(client);
        else running.set(client, left);
      };
    },
  };
}
