// A project outside the workspace that installed the packed tarballs with npm. It must compile with
// `strict` and `skipLibCheck: false` (the published types stand on their own) and run on plain Node.
import { createClient, RateLimitError, toText, type ChatEvent } from '@oci-genai-rx/core';
import { startEmulator, type Emulator } from '@oci-genai-rx/emulator';
import { bufferSentences } from '@oci-genai-rx/operators';
import { firstValueFrom, lastValueFrom, toArray, type Observable } from 'rxjs';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`packed consumer: ${what}`);
  console.log(`ok - ${what}`);
}

const emulator: Emulator = await startEmulator();
const { credentials } = emulator;
const client = createClient({
  endpoint: emulator.url,
  compartmentId: credentials.compartmentId,
  auth: { type: 'api-key', tenancy: credentials.tenancy, user: credentials.user, fingerprint: credentials.fingerprint, privateKey: credentials.privateKeyPem },
});

try {
  const events: Observable<ChatEvent> = client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' });
  const all = await lastValueFrom(events.pipe(toArray()));
  check(all.some((event) => event.type === 'finish'), 'chat ends with a finish event');

  const tokens = await lastValueFrom(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' }).pipe(toText(), toArray()));
  const text = tokens.join('');
  check(tokens.length > 1 && text.trim().length > 0, `toText streams the answer in ${tokens.length} tokens`);

  const sentences = await lastValueFrom(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' }).pipe(toText(), bufferSentences(), toArray()));
  check(sentences.length > 0 && sentences.join('') === text, `bufferSentences gives ${sentences.length} sentences that add up to the same text`);

  emulator.setFault('status=429', { times: 1 });
  const failure = await firstValueFrom(client.chat({ model: 'meta.llama-3.3-70b-instruct', prompt: 'Tell me a joke.' })).then(
    () => undefined,
    (error: unknown) => error,
  );
  check(failure instanceof RateLimitError && failure.status === 429, `an injected 429 is a typed RateLimitError (${String(failure)})`);
} finally {
  await client.close();
  await emulator.close();
}
