// One class for every command line of the repository (the batch package's), so that a usage
// error raised by the package's parsers is recognised by the examples' runMain too.
export { UsageError } from '@oci-genai-rx/batch';
