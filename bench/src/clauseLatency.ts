/**
 * Child process: time to the first piece bufferSentences emits, on the emulator's paced stream
 * (a first token after `ttftMs`, then one token every `tokenIntervalMs`), in sentence mode and
 * in clause mode (`clauses: { minChars: 20 }`), alternating, on a warm connection. A speech
 * pipeline starts speaking at the first piece, so this is its time to first audio, minus the
 * synthesizer. The answers are fixed ("Repeat after me: …") and hold a clause before their
 * first sentence end, as spoken answers often do.
 */
import type { BufferSentencesOptions } from '@oci-genai-rx/operators';
import { toText } from '@oci-genai-rx/core';
import { bufferSentences } from '@oci-genai-rx/operators';
import { firstValueFrom } from 'rxjs';
import { childMain } from './childProcess.js';
import { benchModel } from './contenders/Contender.js';
import { createBenchClient } from './contenders/createBenchClient.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
import type { Spread } from './stats.js';
import { spread } from './stats.js';

export interface ClauseLatencyInput {
  readonly samples: number;
  readonly ttftMs: number;
  readonly tokenIntervalMs: number;
}

/** One answer's time to first piece, ms, in each mode, and clause over sentence mode per pair. */
export interface ClauseLatencyFigure {
  readonly language: string;
  readonly answer: string;
  readonly sentenceMs: Spread;
  readonly clauseMs: Spread;
  readonly ratio: Spread;
}

export interface ClauseLatencyResult {
  readonly ttftMs: number;
  readonly tokenIntervalMs: number;
  readonly figures: readonly ClauseLatencyFigure[];
}

const answers = [
  { language: 'English', answer: 'Well, as far as I can tell from the logs, the server restarted twice last night, so the disk is the first thing to check. Then we look at memory.' },
  { language: 'Japanese', answer: '昨日のログを見たところ、サーバーは夜のうちに二回再起動していて、まずディスクを確認するのがよさそうです。次にメモリを見ます。' },
] as const;

childMain<ClauseLatencyInput, ClauseLatencyResult>(async ({ samples, ttftMs, tokenIntervalMs }) => {
  const emulator = await startEmulatorProcess({ ttftMs, tokenIntervalMs });
  const client = createBenchClient(emulator);
  try {
    /** From subscribing to the first piece; unsubscribing then aborts the rest of the answer. */
    const firstPiece = async (answer: string, options: BufferSentencesOptions): Promise<number> => {
      const start = performance.now();
      await firstValueFrom(client.chat({ model: benchModel, prompt: `Repeat after me: ${answer}` }).pipe(toText(), bufferSentences(options)));
      return performance.now() - start;
    };
    const clauseMode: BufferSentencesOptions = { clauses: { minChars: 20 } };
    const figures: ClauseLatencyFigure[] = [];
    for (const { language, answer } of answers) {
      await firstPiece(answer, {});
      await firstPiece(answer, clauseMode);
      const sentenceMs: number[] = [];
      const clauseMs: number[] = [];
      for (let i = 0; i < samples; i += 1) {
        if (i % 2 === 0) {
          sentenceMs.push(await firstPiece(answer, {}));
          clauseMs.push(await firstPiece(answer, clauseMode));
        } else {
          clauseMs.push(await firstPiece(answer, clauseMode));
          sentenceMs.push(await firstPiece(answer, {}));
        }
      }
      const ratio = clauseMs.map((ms, i) => ms / (sentenceMs[i] ?? Number.NaN));
      figures.push({ language, answer, sentenceMs: spread(sentenceMs), clauseMs: spread(clauseMs), ratio: spread(ratio) });
    }
    return { ttftMs, tokenIntervalMs, figures };
  } finally {
    await client.close();
    await emulator.close();
  }
});
