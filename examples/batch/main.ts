/**
 * The batch runner of `@oci-genai-rx/batch`, embedded in a program: JSONL prompts in, one JSONL
 * result per prompt out. With no connection flag it answers from an emulator started in this
 * process, so it runs with no OCI account:
 *
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/batch/main.ts \
 *       --input examples/batch/prompts.sample.jsonl --output results.jsonl
 *
 * Every flag and subcommand is the package's (`oci-genai-batch --help`); see
 * packages/batch/README.md.
 */
import { batchCommand } from '@oci-genai-rx/batch';
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import { connect } from '../shared/connect.js';

/** The embedded emulator's pace: quick, yet slow enough to watch the progress bar move. */
const EMULATOR_PACE: EmulatorOptions = { tokens: 60, tokenIntervalMs: 10 };

process.exitCode = await batchCommand(process.argv.slice(2), { name: 'batch', connect: (flags) => connect(flags, EMULATOR_PACE) });
