#!/usr/bin/env node
/**
 * `oci-genai-batch`: the batch runner's command line. See the package README for every mode
 * and flag.
 *
 * @example
 * $ oci-genai-batch --input prompts.jsonl --output results.jsonl --profile CHICAGO --compartment ocid1.compartment.oc1..aaaa…
 * summary: total 12, ok 12, failed 0, skipped 0
 */
import { batchCommand } from './batchCommand.js';

// exitCode rather than exit(), so that output still queued for a pipe is written first.
process.exitCode = await batchCommand(process.argv.slice(2));
