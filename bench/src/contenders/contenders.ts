import type { Contender } from './Contender.js';

/** A contender's description, and how to load it (only in the process that runs it). */
export interface ContenderEntry {
  readonly id: string;
  readonly label: string;
  /** The emulator route it streams from: OCI's native chat route, OpenAI-compatible chat completions, or Responses. */
  readonly route: 'native' | 'openai' | 'responses';
  /** The contender its CPU ratio is taken against (the bare loop on the same route); default: the first, the native bare loop. */
  readonly baselineId?: string;
  /**
   * oci-genai-rx's own rows, whose targets sit within a few percent of the baseline: measured in
   * more pairs (`BENCH_FLOOR_PAIRS`), so that the median's verdict hangs less on the machine.
   */
  readonly floor?: boolean;
  /**
   * Loads its module. Lazily, because modules have process-wide side effects: importing
   * undici 7 before Node's fetch has loaded (the bare loop does) installs its Agent as Node 20's
   * global fetch dispatcher, which then rejects the OCI SDK's signed requests (nodejs/undici#5500).
   * Each contender runs in a process that loaded only its own code.
   */
  readonly load: () => Promise<Contender>;
}

/** Every contender of the throughput benchmark; the first is the baseline. */
export const contenders: readonly ContenderEntry[] = [
  { id: 'bare', label: 'bare loop: undici + eventsource-parser + JSON.parse (baseline)', route: 'native', load: async () => (await import('./bareLoop.js')).bareLoop },
  { id: 'core-events', label: 'oci-genai-rx core, events', route: 'native', floor: true, load: async () => (await import('./coreContenders.js')).coreEvents },
  { id: 'core-text', label: 'oci-genai-rx core, `toText()` strings', route: 'native', floor: true, load: async () => (await import('./coreContenders.js')).coreText },
  {
    id: 'core-operators',
    label: 'oci-genai-rx core + streamTimeout + retryStream + toText + bufferSentences',
    route: 'native',
    floor: true,
    load: async () => (await import('./coreContenders.js')).coreWithOperators,
  },
  { id: 'oci-sdk', label: 'official OCI SDK raw stream + eventsource-parser', route: 'native', load: async () => (await import('./ociSdk.js')).ociSdk },
  { id: 'openai', label: 'openai-node 6 (OpenAI-compatible route)', route: 'openai', load: async () => (await import('./openAiSdk.js')).openAiSdk },
  { id: 'ai-sdk', label: 'Vercel AI SDK 6 `streamText` (OpenAI-compatible route)', route: 'openai', load: async () => (await import('./vercelAiSdk.js')).vercelAiSdk },
  {
    id: 'bare-openai',
    label: 'bare loop on the OpenAI-compatible route (reference, not a target)',
    route: 'openai',
    load: async () => (await import('./bareOpenAiLoop.js')).bareOpenAiLoop,
  },
  {
    id: 'bare-responses',
    label: 'bare loop on the Responses route (baseline of the row below)',
    route: 'responses',
    load: async () => (await import('./bareResponsesLoop.js')).bareResponsesLoop,
  },
  {
    id: 'core-responses',
    label: 'oci-genai-rx core, events, Responses route with an API key (vs the bare Responses loop)',
    route: 'responses',
    baselineId: 'bare-responses',
    floor: true,
    load: async () => (await import('./coreContenders.js')).coreResponsesEvents,
  },
];

/** The contender with this id. */
export function contenderById(id: string): ContenderEntry {
  const found = contenders.find((contender) => contender.id === id);
  if (found === undefined) throw new Error(`no contender "${id}"; known: ${contenders.map((c) => c.id).join(', ')}`);
  return found;
}
