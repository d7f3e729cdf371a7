import type { ChatRequest } from '@oci-genai-rx/core';
import { PartialJsonError, partialJson } from '@oci-genai-rx/operators';
import { lastValueFrom, tap } from 'rxjs';
import { z } from 'zod';
import type { Connection } from '../common/connect.js';

/**
 * `partialJson()`: the weather object as it is written, one line per emission, validated by a
 * zod schema at the end; the same from an answer that writes prose, then its JSON in a ```json fence; and a
 * schema failure. The prompts say "Repeat after me:", so the embedded emulator writes exactly
 * this JSON (a model asked the same writes it too).
 *
 * @example
 * await partialJsonExample(connection);
 * // {}
 * // {"city":""}
 * // …
 */
export async function partialJsonExample({ client, model }: Connection): Promise<void> {
  const Weather = z.object({ city: z.string(), forecast: z.array(z.string()), high: z.number() });
  const request: ChatRequest = {
    model,
    prompt: 'Repeat after me: {"city": "Osaka", "forecast": ["sunny", "rain"], "high": 21}',
    responseFormat: { type: 'json-schema', name: 'weather', schema: z.toJSONSchema(Weather) },
  };
  await lastValueFrom(client.chat(request).pipe(
    partialJson({ schema: Weather }),
    tap((weather) => console.log(JSON.stringify(weather))),
  ));

  const fenced = 'Repeat after me: Here it is:\n```json\n{"city": "Tokyo", "forecast": [], "high": 18}\n```\nEnjoy!';
  const whole = await lastValueFrom(client.chat({ model, prompt: fenced }).pipe(partialJson({ schema: Weather })));
  console.log(`prose, then a json fence: ${JSON.stringify(whole)}`);

  const wrong = 'Repeat after me: {"city": "Chicago", "forecast": ["wind"], "high": "warm"}';
  await lastValueFrom(client.chat({ model, prompt: wrong }).pipe(partialJson({ schema: Weather }))).catch((error: unknown) => {
    if (!(error instanceof PartialJsonError)) throw error;
    const issues = error.issues.map((issue) => `${(issue.path ?? []).map(String).join('.')}: ${issue.message}`);
    console.log(`${error.name} (${error.type}): ${issues.join('; ')}; the raw text: ${error.text}`);
  });
}
