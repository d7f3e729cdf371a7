import type { ChatEvent } from '@oci-genai-rx/core';
import { toText } from '@oci-genai-rx/core';
import { bufferSentences, retryStream, streamTimeout } from '@oci-genai-rx/operators';
import type { Observable } from 'rxjs';
import type { Contender, StreamOutcome } from './Contender.js';
import { benchModel } from './Contender.js';
import { createBenchClient } from './createBenchClient.js';

/** Subscribes and gathers the strings `pick` takes from each value. */
function gather<T>(stream: Observable<T>, pick: (value: T) => string): Promise<StreamOutcome> {
  return new Promise((resolve, reject) => {
    let text = '';
    let pieces = 0;
    stream.subscribe({
      next: (value) => {
        const piece = pick(value);
        if (piece !== '') {
          text += piece;
          pieces += 1;
        }
      },
      error: reject,
      complete: () => resolve({ text, pieces }),
    });
  });
}

const textOf = (event: ChatEvent): string => (event.type === 'text' ? event.text : '');

/** A core contender: `pipeline` turns the client's events into what the user consumes; `apiKey` sends the Generative AI API key (and so uses the Responses route). */
function coreContender<T>(pipeline: (events: Observable<ChatEvent>) => Observable<T>, pick: (value: T) => string, apiKey = false): Contender {
  return {
    open: (target) => {
      const client = apiKey
        ? createBenchClient(target, { auth: { type: 'generative-ai-api-key', apiKey: target.credentials.apiKey } })
        : createBenchClient(target);
      return {
        stream: (prompt, maxTokens) =>
          gather(pipeline(client.chat(maxTokens === undefined ? { model: benchModel, prompt } : { model: benchModel, prompt, maxTokens })), pick),
        close: () => client.close(),
      };
    },
  };
}

/** oci-genai-rx core, consuming the typed events. */
export const coreEvents = coreContender((events) => events, textOf);

/** oci-genai-rx core on the Responses route with a Generative AI API key, consuming the typed events. */
export const coreResponsesEvents = coreContender((events) => events, textOf, true);

/** oci-genai-rx core, consuming the string projection `toText()`. */
export const coreText = coreContender((events) => events.pipe(toText()), (token: string) => token);

/**
 * oci-genai-rx core with the usual operators on top: deadlines (first token, idle), a safe
 * retry, the text, and sentences. The deadlines are far above the stream's pace: they are
 * measured for their cost, not fired.
 */
export const coreWithOperators = coreContender(
  (events) => events.pipe(streamTimeout({ firstTokenMs: 30_000, idleMs: 30_000 }), retryStream({ count: 2 }), toText(), bufferSentences()),
  (sentence: string) => sentence,
);
