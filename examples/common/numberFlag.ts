// One implementation for every command line of the repository: the batch package's.
export { numberFlag } from '@oci-genai-rx/batch';
export type { NumberFlagRule } from '@oci-genai-rx/batch';
