// One implementation for every command line of the repository: the batch package's.
export { parseFlags } from '@oci-genai-rx/batch';
export type { FlagOptions, ParsedFlags } from '@oci-genai-rx/batch';
