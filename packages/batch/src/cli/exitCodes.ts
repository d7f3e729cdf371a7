/**
 * The exit statuses of `oci-genai-batch`, for scripts that branch on them.
 *
 * @example
 * // in a shell: oci-genai-batch --input p.jsonl --output r.jsonl; [ $? -eq 1 ] && oci-genai-batch … --retry-failed
 * exitCodes.somePromptsFailed; // 1
 */
export const exitCodes = {
  /** Every prompt of the input has an answer (or the command did what it was asked). */
  ok: 0,
  /** Some prompts ended as error lines: run again with `--retry-failed`. */
  somePromptsFailed: 1,
  /** Bad flags, input file or configuration: nothing was sent. */
  usage: 2,
  /** The output could not be written (a full disk): the run stopped, the lines written are intact; free space and run again. */
  outputFailed: 3,
  /** Redis could not be reached or was lost (distributed mode): nothing is lost, start the command again once Redis is back. */
  redisUnavailable: 4,
  /** `export` of a batch some prompts of which have no result yet: export again when the workers are done. */
  notFinished: 5,
  /** An unexpected failure of the program itself (the stack is printed): please report it. */
  internalError: 70,
  /** Stopped by Ctrl-C or SIGTERM: run again to resume. */
  interrupted: 130,
} as const;
