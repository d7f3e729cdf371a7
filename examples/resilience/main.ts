/**
 * Hedged requests and resumed streams, live against the embedded emulator: the first request
 * waits 3 s for its first token, so a hedge answers instead; then a stream is cut after ten
 * tokens, and resumeStream finishes it into exactly the uninterrupted answer.
 *
 *     npx --yes pnpm@10.34.8 resilience
 */
import { continueAnswer, createClient, toText } from '@oci-genai-rx/core';
import type { ChatRequest } from '@oci-genai-rx/core';
import { startEmulator } from '@oci-genai-rx/emulator';
import { hedgeStream, resumeStream } from '@oci-genai-rx/operators';
import { lastValueFrom, reduce, tap } from 'rxjs';

const emulator = await startEmulator({ ttftMs: 300, tokens: 30 });
const client = createClient(emulator.clientOptions());
const request: ChatRequest = { model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' };
const say = (line: string): void => void process.stdout.write(`${line}\n`);

try {
  const uninterrupted = await lastValueFrom(client.chat(request).pipe(toText(), reduce((all, token) => all + token, '')));

  emulator.setFault('ttft-ms=3000', { times: 1 }); // the next request is slow to start
  const started = performance.now();
  await lastValueFrom(
    client.chat(request).pipe(
      hedgeStream({ afterMs: 500 }),
      tap((event) => {
        if (event.type === 'hedge') say(`hedge: attempt ${event.winner} of ${event.attempts} won, first token after ${Math.round(event.firstTokenMs / 100) / 10} s`);
      }),
    ),
  );
  say(`hedged answer complete after ${Math.round((performance.now() - started) / 100) / 10} s (the slow attempt alone: over 3 s)`);

  emulator.setFault('disconnect-after=10', { times: 1 }); // the next stream breaks after ten tokens
  const resumed = await lastValueFrom(
    client.chat(request).pipe(
      resumeStream({ resume: (partial) => client.chat(continueAnswer(request, partial)) }),
      tap((event) => {
        if (event.type === 'resume') say(`resume: the stream broke after ${event.resumedAfterChars} characters; continuing`);
      }),
      reduce((all, event) => (event.type === 'text' ? all + event.text : all), ''),
    ),
  );
  say(`resumed answer equals the uninterrupted one: ${String(resumed === uninterrupted)}`);
} finally {
  await client.close();
  await emulator.close();
}
