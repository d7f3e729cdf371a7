/**
 * The batch runner of `@oci-genai-rx/batch`, embedded in a program: JSONL prompts in, one JSONL
 * result per prompt out. Connections follow the examples' rule (examples/common/connect.ts):
 * without any OCI configuration the answers come from an emulator started in this process, so it
 * runs on a fresh machine:
 *
 *     pnpm exec tsx --conditions=@oci-genai-rx/source examples/batch/main.ts \
 *       --input examples/batch/prompts.sample.jsonl --output results.jsonl
 *
 * Every flag and subcommand is the package's (`--help`); see packages/batch/README.md.
 */
import { batchCommand } from '@oci-genai-rx/batch';
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import { connect } from '../common/connect.js';
import { connectionSettings } from '../common/connectionFlags.js';

/** The embedded emulator's pace: quick, yet slow enough to watch the progress bar move. */
const EMULATOR_PACE: EmulatorOptions = { tokens: 60, tokenIntervalMs: 10 };

process.exitCode = await batchCommand(process.argv.slice(2), {
  name: 'batch',
  connect: async (flags) => {
    const connection = await connect(connectionSettings(flags), { emulator: EMULATOR_PACE });
    if (connection.notice !== undefined) process.stderr.write(`${connection.notice}\n`);
    return connection;
  },
});
