import type { ChatEvent } from '@oci-genai-rx/core';
import type { RetryInfo } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import { defaultIfEmpty, defer, endWith, fromEvent, lastValueFrom, takeUntil, tap } from 'rxjs';
import { AnswerPrinter } from './AnswerPrinter.js';
import { answerEvents } from './answerEvents.js';
import type { Connection } from '../common/connect.js';
import { connect } from '../common/connect.js';
import { debugDetails, ExitCode, exitCodeOf, formatError } from './formatError.js';
import { HELP_TEXT } from './helpText.js';
import type { CliOptions } from './parseCliArgs.js';
import { parseCliArgs } from './parseCliArgs.js';
import { readPrompt } from './readPrompt.js';
import { formatStats, StreamStats } from './StreamStats.js';
import type { Paint } from './terminalStyle.js';
import { terminalPaint } from './terminalStyle.js';

/** The process the CLI runs in, passed in so that nothing below reads globals. */
export interface CliProcess {
  /** The arguments after the script. */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C: the stream is unsubscribed (which aborts the request). */
  readonly interrupt: AbortSignal;
}

/** Tokens of the embedded emulator arrive at about reading speed: 30 ms apart, after 200 ms. */
const EMULATOR_TIMING = { tokenIntervalMs: 30, ttftMs: 200 } as const;

/** How the answer's stream ended. */
type Outcome = { readonly kind: 'done' } | { readonly kind: 'interrupted' };

/**
 * Runs the CLI once: reads the flags and the prompt, connects (to OCI or the embedded emulator),
 * streams the answer, prints the stats; returns the exit code. Failures become one line on
 * stderr (more with --debug), never a stack trace.
 *
 * @returns 0 answered, 1 runtime or service error, 2 usage or configuration error, 130 interrupted.
 */
export async function runCli(io: CliProcess): Promise<number> {
  const paint = terminalPaint(io.stderr, io.env);
  const note = (style: 'dim' | 'yellow', text: string): void => void io.stderr.write(`${paint(style, text)}\n`);
  let options: CliOptions | undefined;
  let connection: Connection | undefined;
  try {
    options = parseCliArgs(io.argv);
    if (options.help) {
      io.stdout.write(HELP_TEXT);
      return ExitCode.ok;
    }
    if ((options.prompt === undefined || options.prompt === '-') && io.stdin.isTTY) {
      note('dim', 'Reading the prompt from stdin; end it with Ctrl-D (or pass it as an argument: "Tell me a joke.").');
    }
    const prompt = await untilInterrupted(readPrompt(options.prompt, io.stdin), io.interrupt, () => io.stdin.destroy());
    if (prompt === undefined) {
      note('yellow', 'interrupted before the prompt was read.');
      return ExitCode.interrupted;
    }
    connection = await connect(options, { env: io.env, emulator: EMULATOR_TIMING });
    if (connection.notice !== undefined) note('dim', connection.notice);
    if (options.debug) note('dim', `debug: ${describeRun(options, connection)}`);
    return await streamAnswer(options, connection, prompt, io, paint);
  } catch (error) {
    io.stderr.write(`${formatError(error, paint)}\n`);
    if (options?.debug === true) io.stderr.write(`${paint('dim', debugDetails(error))}\n`);
    return exitCodeOf(error);
  } finally {
    await connection?.close();
  }
}

async function streamAnswer(options: CliOptions, connection: Connection, prompt: string, io: CliProcess, paint: Paint): Promise<number> {
  const printer = new AnswerPrinter(options.output, { stdout: io.stdout, stderr: io.stderr, paint });
  const onRetry = (info: RetryInfo): void => {
    printer.endLine();
    const reason = formatError(info.error, (_style, text) => text).replace(/^error: /, '');
    io.stderr.write(`${paint('yellow', `retry ${info.attempt} of ${options.retries} in ${info.delayMs} ms: ${reason}`)}\n`);
  };
  let stats = new StreamStats();
  // The clock starts when the request is sent, not when the pipeline is built.
  const measured: Observable<ChatEvent> = defer(() => {
    stats = new StreamStats();
    return answerEvents(connection.client, options, prompt, onRetry).pipe(tap((event) => stats.observe(event)));
  });
  // A reader that goes away (`| head -3`) stops the stream like Ctrl-C does, but quietly: it had enough.
  const readerGone = new AbortController();
  // Left attached: a write already queued may still fail after the stream stopped.
  io.stdout.on('error', () => readerGone.abort());
  try {
    const outcome = await run(printer.print(measured), AbortSignal.any([io.interrupt, readerGone.signal]));
    if (readerGone.signal.aborted) return ExitCode.ok;
    printer.endLine();
    if (outcome.kind === 'interrupted') {
      const id = stats.requestId === undefined ? '' : ` (opc-request-id ${stats.requestId})`;
      io.stderr.write(`${paint('yellow', `interrupted after ${plural(stats.tokensReceived, 'token')}: the request was aborted${id}.`)}\n`);
      return ExitCode.interrupted;
    }
  } catch (error) {
    printer.endLine();
    throw error;
  }
  const summary = stats.summary();
  io.stderr.write(`${formatStats(summary, paint)}\n`);
  const finish = summary.finish;
  if (finish?.reason === 'error' || finish?.reason === 'content-filter') {
    const why = finish.errorMessage === undefined ? '' : `: ${finish.errorMessage}`;
    io.stderr.write(`${paint('red', 'error:')} the model stopped with ${finish.rawReason}${why} (opc-request-id ${summary.opcRequestId ?? 'none'}).\n`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/** Subscribes and settles when the stream completes, errors, or Ctrl-C unsubscribes it. */
function run(printing: Observable<never>, interrupt: AbortSignal): Promise<Outcome> {
  if (interrupt.aborted) return Promise.resolve({ kind: 'interrupted' });
  const done: Outcome = { kind: 'done' };
  const interrupted: Outcome = { kind: 'interrupted' };
  const outcome = printing.pipe(
    endWith(done),
    // Unsubscribing the printing unsubscribes the request, which aborts it.
    takeUntil(fromEvent(interrupt, 'abort')),
    defaultIfEmpty(interrupted),
  );
  return lastValueFrom(outcome);
}

/** The value of `work`, or undefined when Ctrl-C comes first (then `cancel` runs). */
function untilInterrupted<T>(work: Promise<T>, interrupt: AbortSignal, cancel: () => void): Promise<T | undefined> {
  if (interrupt.aborted) return Promise.resolve(undefined);
  const interrupted = new Promise<undefined>((resolve) => {
    interrupt.addEventListener('abort', () => {
      cancel();
      resolve(undefined);
    }, { once: true });
  });
  return Promise.race([work, interrupted]);
}

function describeRun(options: CliOptions, connection: Connection): string {
  const settings = [
    connection.emulator === undefined ? `asking OCI at ${connection.description}` : `emulator ${connection.client.endpoint}`,
    `model ${options.model}`,
    `${options.generateText ? 'generateText runtime' : 'format'} ${options.format ?? 'from the model family'}`,
    `retries ${options.retries}`,
    `timeouts first-token ${milliseconds(options.firstTokenMs)} / idle ${milliseconds(options.idleMs)} / total ${milliseconds(options.totalMs)}`,
  ];
  return settings.join(' · ');
}

/** A timeout for the --debug line: `10000 ms`, or `off` when the flag was not given. */
function milliseconds(value: number | undefined): string {
  return value === undefined ? 'off' : `${value} ms`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
