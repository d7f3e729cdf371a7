import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Observable } from 'rxjs';
import type { AudioReady, Synthesizer } from './Synthesizer.js';

/** Options of {@link espeakSynthesizer}. */
export interface EspeakSynthesizerOptions {
  /** The folder the WAV files go to (it must exist). */
  readonly folder: string;
  /** The espeak-ng voice, e.g. 'en', 'en-us', 'ja' (`espeak-ng --voices` lists them). Default 'en'. */
  readonly voice?: string;
  /** The espeak-ng program. Default 'espeak-ng' (found on PATH). */
  readonly command?: string;
}

/** espeak-ng failed on a piece of text: its exit status and what it printed. */
export class SpeechSynthesisError extends Error {
  override readonly name = 'SpeechSynthesisError';
}

/**
 * True when espeak-ng runs on this machine (Debian: `apt-get install espeak-ng`).
 *
 * @example
 * espeakAvailable(); // true on a machine with /usr/bin/espeak-ng
 */
export function espeakAvailable(command = 'espeak-ng'): boolean {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * A real text-to-speech backend: espeak-ng writes each piece of text to `<folder>/<name>.wav`
 * and the audio is ready when the file is complete (emits `{ file }`, then completes). It
 * writes and does not play: play the files with any player (`play` from sox, `aplay`), or
 * stream them to a browser. Unsubscribing kills a running espeak-ng.
 *
 * @throws {SpeechSynthesisError} (to the subscriber) when espeak-ng exits with a failure.
 * @example
 * const say = espeakSynthesizer({ folder: '/tmp/speech', voice: 'en' });
 * say('Why was the computer cold?', 'sentence-01').subscribe(({ file }) => console.log(file));
 * // '/tmp/speech/sentence-01.wav'
 */
export function espeakSynthesizer(options: EspeakSynthesizerOptions): Synthesizer {
  const { folder, voice = 'en', command = 'espeak-ng' } = options;
  return (text, name) =>
    new Observable<AudioReady>((subscriber) => {
      const file = join(folder, `${name}.wav`);
      // '--' ends the options: a sentence that starts with '-' is text, not a flag.
      const child = spawn(command, ['-v', voice, '-w', file, '--', text.trim()], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let exited = false;
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', (error) => subscriber.error(new SpeechSynthesisError(`${command} could not start: ${error.message}`)));
      child.on('close', (code, signal) => {
        exited = true;
        if (code === 0) {
          subscriber.next({ file });
          subscriber.complete();
        } else {
          subscriber.error(new SpeechSynthesisError(`${command} -v ${voice} failed on ${name} (${signal ?? `exit ${code}`}): ${stderr.trim() || 'no message'}`));
        }
      });
      return () => {
        if (!exited) child.kill();
      };
    });
}
