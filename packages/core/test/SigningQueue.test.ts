import { SimpleAuthenticationDetailsProvider } from 'oci-common';
import type { Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOptions, OciGenAiClient } from '../src/index.js';
import { ConfigurationError, createClient } from '../src/index.js';
import type { Harness } from './support/emulatorClient.js';
import { settle, startHarness, textOf } from './support/emulatorClient.js';

const model = 'meta.llama-3.3-70b-instruct';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tokens: 12 });
});
afterAll(() => h.close());

/** The emulator's own key in an oci-common provider that counts the signatures made with it (each reads the key id once). */
class CountingProvider extends SimpleAuthenticationDetailsProvider {
  signatures = 0;
  override getKeyId(): Promise<string> {
    this.signatures += 1;
    return super.getKeyId();
  }
}

/** A provider whose credentials cannot be had at signing time, as with an expired session that cannot be refreshed. */
class UnavailableCredentialsProvider extends SimpleAuthenticationDetailsProvider {
  override getKeyId(): Promise<string> {
    return Promise.reject(new Error('The session token expired and could not be refreshed.'));
  }
}

/** A provider that waits on the network for its key id, as a session refresh does: 30 ms on a timer. */
class RefreshingProvider extends SimpleAuthenticationDetailsProvider {
  override async getKeyId(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return super.getKeyId();
  }
}

function clientWith(provider: SimpleAuthenticationDetailsProvider, options: Partial<ClientOptions> = {}): OciGenAiClient {
  return createClient({ endpoint: h.emulator.url, compartmentId: h.emulator.credentials.compartmentId, auth: provider, finishGraceMs: 200, ...options });
}

function providerOf<P extends SimpleAuthenticationDetailsProvider>(Provider: new (...args: ConstructorParameters<typeof SimpleAuthenticationDetailsProvider>) => P): P {
  const { tenancy, user, fingerprint, privateKeyPem } = h.emulator.credentials;
  return new Provider(tenancy, user, fingerprint, privateKeyPem, null);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const prompts = (count: number): string[] => Array.from({ length: count }, (_, i) => `Question ${i}: tell me about rivers.`);

describe('signing a burst of requests in slices', () => {
  it('completes every stream of a burst through one client with the text each prompt gets alone', async () => {
    const burst = prompts(60);
    const alone: string[] = [];
    for (const prompt of burst) alone.push(textOf((await settle(h.client.chat({ model, prompt }))).events));
    const results = await Promise.all(burst.map((prompt) => settle(h.client.chat({ model, prompt }))));
    expect(results.map((r) => r.error)).toEqual(burst.map(() => undefined));
    expect(results.map((r) => textOf(r.events))).toEqual(alone);
    expect(new Set(alone).size).toBe(burst.length);
  });

  it('signs a lone stream in the turn it is subscribed, before anything queued for the next turn runs', async () => {
    const provider = providerOf(CountingProvider);
    const client = clientWith(provider);
    const done = settle(client.chat({ model, prompt: 'Hi' }));
    await nextTurn();
    expect(provider.signatures).toBe(1);
    expect((await done).error).toBeUndefined();
    await client.close();
  });

  it('spreads a burst over turns: with a slice shorter than one signature, one request is signed per turn', async () => {
    const provider = providerOf(CountingProvider);
    const client = clientWith(provider, { signingSliceMs: 0.001 });
    const done = Promise.all(prompts(5).map((prompt) => settle(client.chat({ model, prompt }))));
    const signedByTurn: number[] = [];
    for (let turn = 0; turn < 5; turn += 1) {
      await nextTurn();
      signedByTurn.push(provider.signatures);
    }
    expect(signedByTurn).toEqual([1, 2, 3, 4, 5]);
    expect((await done).map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    await client.close();
  });

  it('signs a whole burst in the turn it is subscribed with signingSliceMs: Infinity', async () => {
    const provider = providerOf(CountingProvider);
    const client = clientWith(provider, { signingSliceMs: Infinity });
    const done = Promise.all(prompts(20).map((prompt) => settle(client.chat({ model, prompt }))));
    await nextTurn();
    expect(provider.signatures).toBe(20);
    expect((await done).every((r) => r.error === undefined)).toBe(true);
    await client.close();
  });

  it('never signs nor sends the streams unsubscribed while they wait for their signature', async () => {
    const provider = providerOf(CountingProvider);
    const client = clientWith(provider, { signingSliceMs: 0.001 });
    const requestsBefore = h.emulator.counters.requests;
    const kept = prompts(5).map((prompt) => settle(client.chat({ model, prompt })));
    const left: Subscription[] = prompts(45).map((prompt) => client.chat({ model, prompt: `Later ${prompt}` }).subscribe({ error: (error: unknown) => expect.fail(`an unsubscribed stream errored: ${String(error)}`) }));
    await nextTurn();
    expect(provider.signatures).toBe(1);
    for (const subscription of left) subscription.unsubscribe();
    const results = await Promise.all(kept);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    // Give anything wrongly left in the queue the turns it would need to be signed and sent.
    for (let turn = 0; turn < 60; turn += 1) await nextTurn();
    expect(provider.signatures).toBe(5);
    expect(h.emulator.counters.requests - requestsBefore).toBe(5);
    await client.close();
  });

  it('goes on signing a burst whose signatures each wait across turns of the event loop', async () => {
    const client = clientWith(providerOf(RefreshingProvider));
    const results = await Promise.all(prompts(4).map((prompt) => settle(client.chat({ model, prompt }))));
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
    await client.close();
  });

  it('gives every stream of a burst its signing failure as a ConfigurationError, and sends none', async () => {
    const client = clientWith(providerOf(UnavailableCredentialsProvider), { signingSliceMs: 0.001 });
    const requestsBefore = h.emulator.counters.requests;
    const results = await Promise.all(prompts(10).map((prompt) => settle(client.chat({ model, prompt }))));
    for (const { events, error } of results) {
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).setting).toBe('auth');
      expect((error as ConfigurationError).message).toContain('The session token expired');
    }
    expect(h.emulator.counters.requests).toBe(requestsBefore);
    await client.close();
  });

  it('refuses a signingSliceMs that is not a positive number of milliseconds, naming it', () => {
    for (const signingSliceMs of [0, -1, Number.NaN]) {
      let error: unknown;
      try {
        createClient({ ...h.emulator.clientOptions(), signingSliceMs });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({ setting: 'signingSliceMs' });
    }
  });
});
