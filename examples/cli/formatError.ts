import { ConfigurationError, InvalidRequestError, OciGenAiError } from '@oci-genai-rx/core';
import { UsageError } from '../common/UsageError.js';
import { inspectRedacted, redactText } from './redactSecrets.js';
import type { Paint } from './terminalStyle.js';

/** The CLI's exit codes. */
export const ExitCode = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/**
 * The exit code of a failure: 2 when the user must change the command line or the configuration
 * (usage, configuration, an invalid request), 1 for everything that happened at run time.
 */
export function exitCodeOf(error: unknown): number {
  const isUsage = error instanceof UsageError || error instanceof ConfigurationError || error instanceof InvalidRequestError;
  return isUsage ? ExitCode.usage : ExitCode.failed;
}

/**
 * The fix of a core ConfigurationError, in the CLI's words: the flags, not the `createClient`
 * options. Undefined keeps core's own fix (it is about the config file's content).
 */
function cliFix(error: ConfigurationError, problem: string): string | undefined {
  switch (error.setting) {
    case 'compartmentId':
      return 'Pass --compartment or set OCI_COMPARTMENT_ID.';
    case 'region':
      return /not a region/.test(problem)
        ? 'Pass --region with a region id such as us-chicago-1, or --endpoint URL.'
        : 'Pass --region (e.g. us-chicago-1), set OCI_REGION, or add region= to the profile.';
    case 'profile':
      return 'Pass --profile with a profile of that file, or set OCI_CLI_PROFILE.';
    case 'pass_phrase':
      // The CLI has no passphrase flag on purpose: a secret on the command line ends up in the shell history and `ps`.
      return "Put the key's passphrase in the profile as its pass_phrase setting (the CLI reads it only from the config file).";
    case 'configFile':
      return /^No OCI config file/.test(problem)
        ? 'Pass --config PATH, set OCI_CONFIG_FILE, or create ~/.oci/config (`oci setup config`).'
        : undefined;
    default:
      return undefined;
  }
}

/** The operator options named in StreamTimeoutError messages, as the CLI's flags. */
const OPTION_FLAGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bfirstTokenMs\b/g, '--first-token-timeout'],
  [/\bidleMs\b/g, '--idle-timeout'],
  [/\btotalMs\b/g, '--timeout'],
  [/\bmaxTokens\b/g, '--max-tokens'],
];

/**
 * The one line printed for a failure: `error: <what> <fix>`, in the CLI's terms, with no
 * stack and no secret.
 *
 * @example
 * ```ts
 * formatError(new ConfigurationError('No compartment was given.', { setting: 'compartmentId', fix: 'Pass compartmentId…' }), paint)
 * // 'error: compartmentId: No compartment was given. Pass --compartment or set OCI_COMPARTMENT_ID.'
 * ```
 */
export function formatError(error: unknown, paint: Paint): string {
  return `${paint('red', 'error:')} ${oneLine(redactText(describe(error)))}`;
}

function describe(error: unknown): string {
  if (error instanceof ConfigurationError) {
    return `${error.setting}: ${error.problem} ${cliFix(error, error.problem) ?? error.fix}`.trim();
  }
  if (error instanceof OciGenAiError && error.code === 'TIMEOUT') {
    return OPTION_FLAGS.reduce((text, [pattern, flag]) => text.replace(pattern, flag), error.message);
  }
  if (error instanceof OciGenAiError || error instanceof UsageError) return error.message;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `${message} (unexpected: run with --debug for the stack)`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * What `--debug` adds to a failure: the error's class and fields, its stack, and its causes,
 * with every key, passphrase, token and Authorization header removed.
 *
 * @example
 * ```ts
 * debugDetails(error)
 * // 'AuthenticationError { code: 'HTTP', status: 401, ociCode: 'NotAuthenticated', … }\n    at …'
 * ```
 */
export function debugDetails(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const prefix = depth === 0 ? '' : 'caused by: ';
    if (current instanceof Error) {
      const fields = { ...(current instanceof OciGenAiError ? { code: current.code } : {}), ...current };
      lines.push(`${prefix}${current.name} ${inspectRedacted(fields)}`);
      lines.push(redactText(current.stack ?? `${current.name}: ${current.message}`));
      current = current.cause;
    } else {
      lines.push(`${prefix}${inspectRedacted(current)}`);
      current = undefined;
    }
  }
  return lines.join('\n');
}
