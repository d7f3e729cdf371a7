/** What one callgrind dump (one phase of a process) counted. */
export interface InstructionDump {
  /** Every instruction of the phase, on every thread: the dump's `summary` (or `totals`). */
  readonly instructions: number;
  /**
   * Of those, the instructions of V8's background TurboFan jobs: the inclusive cost of every call
   * to {@link backgroundCompileFunction}, on whichever worker thread ran it.
   */
  readonly backgroundCompile: number;
}

/**
 * The function a V8 worker thread runs one optimizing (TurboFan) compile job in. Its inclusive
 * cost is the whole background compile; installing the code afterwards runs on the main thread
 * and stays in the other instructions.
 */
export const backgroundCompileFunction = 'v8::internal::OptimizingCompileDispatcher::CompileTask::RunInternal()';

/**
 * Reads a callgrind dump: its instruction total, and how much of it V8 spent compiling optimized
 * code in the background. Written here rather than taken from `callgrind_annotate`, which prints
 * the same inclusive costs, because that is a Perl script whose text output is meant for people,
 * and reading it would tie the bench to its layout. The format (valgrind's "Callgrind Format
 * Specification"): `fn=`/`cfn=` name the current and the called function, compressed as `(id) name`
 * the first time and `(id)` afterwards; a `calls=` line is followed by one cost line, position
 * then events, whose events are the call's inclusive cost.
 *
 * @example
 * readInstructionDump(readFileSync('/tmp/run.callgrind.4', 'utf8'));
 * // { instructions: 312118034, backgroundCompile: 5587359 }
 */
export function readInstructionDump(text: string): InstructionDump {
  const names = new Map<string, string>();
  let positions = 1;
  let irColumn = 0;
  let instructions: number | undefined;
  let backgroundCompile = 0;
  let calledIsCompile = false;
  let callCostNext = false;
  for (const line of text.split('\n')) {
    if (callCostNext) {
      callCostNext = false;
      if (calledIsCompile) backgroundCompile += Number(line.trim().split(/\s+/)[positions + irColumn] ?? 0);
      continue;
    }
    if (line.startsWith('calls=')) {
      callCostNext = true;
    } else if (line.startsWith('cfn=') || line.startsWith('cfnname=')) {
      calledIsCompile = functionName(line.slice(line.indexOf('=') + 1), names) === backgroundCompileFunction;
    } else if (line.startsWith('fn=')) {
      functionName(line.slice(3), names);
    } else if (line.startsWith('positions:')) {
      positions = line.slice('positions:'.length).trim().split(/\s+/).length;
    } else if (line.startsWith('events:')) {
      irColumn = Math.max(0, line.slice('events:'.length).trim().split(/\s+/).indexOf('Ir'));
    } else if (line.startsWith('summary:') || line.startsWith('totals:')) {
      instructions = Number(line.slice(line.indexOf(':') + 1).trim().split(/\s+/)[irColumn]);
    }
  }
  if (instructions === undefined || !Number.isFinite(instructions)) throw new Error('the callgrind dump has no instruction total (no summary: or totals: line)');
  return { instructions, backgroundCompile };
}

/** A function name as written after `fn=`/`cfn=`: `(id) name` defines a compressed name, `(id)` uses one. */
function functionName(spec: string, names: Map<string, string>): string {
  const compressed = /^\((\d+)\)(?: (.*))?$/.exec(spec);
  if (compressed === null) return spec;
  const [, id = '', name] = compressed;
  if (name !== undefined) names.set(id, name);
  return names.get(id) ?? '';
}
