/**
 * Child process: time to first token of core against the bare loop (alternating, on warm
 * connections), signing timed on its own, and new connections per 100 sequential prompts.
 */
import type { ChatEvent } from '@oci-genai-rx/core';
import { mergePrompts } from '@oci-genai-rx/operators';
import { DefaultRequestSigner, SimpleAuthenticationDetailsProvider } from 'oci-common';
import { createParser } from 'eventsource-parser';
import { lastValueFrom } from 'rxjs';
import { Agent, request } from 'undici';
import { childMain } from './childProcess.js';
import { benchModel } from './contenders/Contender.js';
import { createBenchClient } from './contenders/createBenchClient.js';
import { ociChatBody } from './contenders/ociChatBody.js';
import { genericText } from './contenders/readSse.js';
import { startEmulatorProcess } from './startEmulatorProcess.js';
import type { Spread } from './stats.js';
import { spread } from './stats.js';

export interface FirstTokenInput {
  readonly samples: number;
  readonly prompts: number;
}

/** New connections the emulator accepted for `prompts` prompts at `concurrency`. */
export interface ConnectionReuse {
  readonly client: string;
  readonly concurrency: number;
  readonly prompts: number;
  readonly newConnections: number;
}

export interface FirstTokenResult {
  readonly samples: number;
  /** `DefaultRequestSigner.signHttpRequest` alone, ms. */
  readonly signMs: Spread;
  /** Bare loop: sign, send on a warm connection, first text delta parsed; ms. */
  readonly bareMs: Spread;
  /** core: subscribe to the first `text` event; ms. */
  readonly coreMs: Spread;
  /** Per pair: core minus bare, ms. */
  readonly overheadMs: Spread;
  readonly reuse: readonly ConnectionReuse[];
}

const prompt = 'Say something short.';

childMain<FirstTokenInput, FirstTokenResult>(async ({ samples, prompts }) => {
  const emulator = await startEmulatorProcess({ tokens: 10 });
  const { url, credentials } = emulator;
  try {
    const provider = new SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, credentials.privateKeyPem, null);
    const signer = new DefaultRequestSigner(provider);
    const agent = new Agent({ connections: 4 });
    const uri = `${url}/20231130/actions/chat`;
    const body = ociChatBody(credentials.compartmentId, prompt, undefined);

    const sign = async (): Promise<Headers> => {
      const headers = new Headers({ 'content-type': 'application/json' });
      await signer.signHttpRequest({ method: 'POST', uri, headers, body });
      return headers;
    };
    /** The bare loop up to its first text delta; the rest of the body is drained untimed. */
    const bareFirstToken = async (): Promise<number> => {
      const start = performance.now();
      const headers = await sign();
      const response = await request(uri, { method: 'POST', headers: Object.fromEntries(headers), body, dispatcher: agent });
      const decoder = new TextDecoder();
      let first: number | undefined;
      const parser = createParser({
        onEvent: (event) => {
          if (first === undefined && event.data !== '[DONE]' && genericText(JSON.parse(event.data)) !== '') first = performance.now() - start;
        },
      });
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
      if (first === undefined) throw new Error('the bare loop saw no text');
      return first;
    };
    const client = createBenchClient({ url, credentials });
    /** core up to its first text event; the stream then runs to its end untimed, so the connection is reused. */
    const coreFirstToken = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        let first: number | undefined;
        client.chat({ model: benchModel, prompt }).subscribe({
          next: (event: ChatEvent) => {
            if (first === undefined && event.type === 'text') first = performance.now() - start;
          },
          error: reject,
          complete: () => (first === undefined ? reject(new Error('core saw no text')) : resolve(first)),
        });
      });

    // Warm-up: the JIT, the signer's key, and the connections.
    for (let i = 0; i < 20; i += 1) {
      await sign();
      await bareFirstToken();
      await coreFirstToken();
    }
    const signMs: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const start = performance.now();
      await sign();
      signMs.push(performance.now() - start);
    }
    const bareMs: number[] = [];
    const coreMs: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      if (i % 2 === 0) {
        bareMs.push(await bareFirstToken());
        coreMs.push(await coreFirstToken());
      } else {
        coreMs.push(await coreFirstToken());
        bareMs.push(await bareFirstToken());
      }
    }
    await client.close();
    await agent.close();

    const reuse: ConnectionReuse[] = [];
    for (const concurrency of [1, 4]) {
      const fresh = createBenchClient({ url, credentials });
      const before = (await emulator.counters()).connectionsAccepted;
      const list = Array.from({ length: prompts }, (_, i) => `Prompt number ${i}.`);
      await lastValueFrom(mergePrompts(list, (text) => fresh.chat({ model: benchModel, prompt: text }), { concurrency, failFast: true }), { defaultValue: undefined });
      reuse.push({ client: 'core, mergePrompts', concurrency, prompts, newConnections: (await emulator.counters()).connectionsAccepted - before });
      await fresh.close();
    }
    // The same back-to-back sequence with undici alone, for reference: one slot, each request sent as the previous body ends.
    const bareAgent = new Agent({ connections: 4 });
    const before = (await emulator.counters()).connectionsAccepted;
    for (let i = 0; i < prompts; i += 1) {
      const text = ociChatBody(credentials.compartmentId, `Prompt number ${i}.`, undefined);
      const headers = new Headers({ 'content-type': 'application/json' });
      await signer.signHttpRequest({ method: 'POST', uri, headers, body: text });
      const response = await request(uri, { method: 'POST', headers: Object.fromEntries(headers), body: text, dispatcher: bareAgent });
      await response.body.text();
    }
    reuse.push({ client: 'bare undici loop (reference)', concurrency: 1, prompts, newConnections: (await emulator.counters()).connectionsAccepted - before });
    await bareAgent.close();
    return {
      samples,
      signMs: spread(signMs),
      bareMs: spread(bareMs),
      coreMs: spread(coreMs),
      overheadMs: spread(coreMs.map((value, i) => value - (bareMs[i] ?? Number.NaN))),
      reuse,
    };
  } finally {
    await emulator.close();
  }
});
