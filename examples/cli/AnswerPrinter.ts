import type { ChatEvent } from '@oci-genai-rx/core';
import { toText } from '@oci-genai-rx/core';
import { bufferSentences } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import { ignoreElements, map, tap } from 'rxjs';
import type { OutputMode } from './parseCliArgs.js';
import type { Paint } from './terminalStyle.js';

/** Where the printer writes: the answer on stdout, the model's side remarks on stderr. */
export interface PrinterOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The painter of stderr (stdout carries only the answer, unpainted). */
  readonly paint: Paint;
}

/**
 * Prints an answer as it streams, in one of three forms:
 * - `text`: each token as it arrives;
 * - `sentences`: one sentence per line, through `bufferSentences`;
 * - `json`: each event as one JSON line, for `jq` and other programs.
 *
 * In text and sentence form the answer alone goes to stdout; reasoning (dimmed) and tool calls
 * go to stderr, so that `> answer.txt` keeps only the answer.
 *
 * @example
 * ```ts
 * const printer = new AnswerPrinter('text', { stdout: process.stdout, stderr: process.stderr, paint });
 * printer.print(events).subscribe({ complete: () => printer.endLine() });
 * // Why was the computer cold?
 * //
 * // Because it left its Windows open.
 * ```
 */
export class AnswerPrinter {
  private stdoutAtLineStart = true;
  private reasoningOpen = false;
  private answerStarted = false;

  constructor(
    private readonly mode: OutputMode,
    private readonly output: PrinterOutput,
  ) {}

  /** The printing, as an Observable that completes, errors and unsubscribes with `events`. */
  print(events: Observable<ChatEvent>): Observable<never> {
    if (this.mode === 'json') {
      return events.pipe(
        tap((event) => this.output.stdout.write(`${JSON.stringify(event)}\n`)),
        ignoreElements(),
      );
    }
    const answer = events.pipe(tap((event) => this.printAside(event)));
    if (this.mode === 'sentences') {
      return answer.pipe(
        toText(),
        bufferSentences(),
        map((sentence) => sentence.trim()),
        tap((sentence) => sentence !== '' && this.output.stdout.write(`${sentence}\n`)),
        ignoreElements(),
      );
    }
    return answer.pipe(
      toText(),
      // Some runtimes (LLAMA generateText) start with a space, as the seed article's ' Why' shows.
      tap((text) => this.writeAnswer(this.answerStarted ? text : text.trimStart())),
      ignoreElements(),
    );
  }

  /** Ends a partial line of the answer, so that what follows on stderr starts on its own line. */
  endLine(): void {
    this.closeReasoning();
    if (!this.stdoutAtLineStart) this.writeAnswer('\n');
  }

  private writeAnswer(text: string): void {
    if (text === '') return;
    this.answerStarted = true;
    this.closeReasoning();
    this.output.stdout.write(text);
    this.stdoutAtLineStart = text.endsWith('\n');
  }

  private printAside(event: ChatEvent): void {
    if (event.type === 'reasoning') {
      this.output.stderr.write(this.output.paint('dim', event.text));
      this.reasoningOpen = true;
    } else if (event.type === 'tool-call') {
      this.closeReasoning();
      const { name, arguments: args } = event.toolCall;
      this.output.stderr.write(`${this.output.paint('cyan', `tool call: ${name}(${args})`)}\n`);
    }
  }

  private closeReasoning(): void {
    if (!this.reasoningOpen) return;
    this.reasoningOpen = false;
    this.output.stderr.write('\n');
  }
}
