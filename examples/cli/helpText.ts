import { connectionFlagsHelp } from '../common/connectionFlags.js';

/** What `--help` prints. */
export const HELP_TEXT = `Stream an answer from OCI Generative AI to the terminal, token by token.

Usage:
  pnpm start -- [options] "prompt"
  echo "prompt" | pnpm start -- [options]        (no prompt, or "-": read stdin)

${connectionFlagsHelp}

What to ask:
  --format FORMAT           GENERIC, COHERE or COHEREV2 (default: from the model family);
                            with --generate-text: COHERE or LLAMA
  --system TEXT             system prompt
  --max-tokens N            most tokens to generate
  --temperature T           sampling temperature, e.g. 0.7
  --generate-text           the legacy generateText call (the seed article's) instead of chat

How to print it:
  --sentences               one sentence per line
  --json                    one JSON event per line on stdout, for piping
                            (use "pnpm --silent start" to keep pnpm's banner out of stdout)

When it goes wrong:
  --first-token-timeout D   give up when the first token takes longer (e.g. 10s)
  --idle-timeout D          give up when the stream stalls this long between tokens
  --timeout D               give up when the whole answer takes longer
                            (D: milliseconds, or with a unit: 500ms, 10s, 2m)
  --retries N               retries of 429, 5xx and stalls before the first token (default 2)
  --debug                   show the settings, and the stack and fields of an error
  -h, --help                this text

Exit codes: 0 answered, 1 runtime or service error, 2 usage or configuration error,
130 interrupted (Ctrl-C).
`;
