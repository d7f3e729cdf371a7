import { seededRandom } from '../answers/random.js';

/** Serializes one native event with its `pad` field. */
export type Padder = (event: Record<string, unknown>) => string;

const pads = Array.from({ length: 24 }, (_, index) => 'a'.repeat(index + 1));

/**
 * Serializes native events with the `pad` field OCI adds to every event: a run of `a`s
 * of random length (1 to 24), deterministic per request so that a repeated request
 * gives the same bytes.
 *
 * @example
 * const pad = createPadder('seed');
 * pad({ text: 'Hi' }); // '{"text":"Hi","pad":"aaaa"}'
 */
export function createPadder(seed: string): Padder {
  const random = seededRandom(`${seed}|pad`);
  return (event) => {
    event['pad'] = pads[random.int(0, pads.length - 1)];
    return JSON.stringify(event);
  };
}
