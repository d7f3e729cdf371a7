import { createHash } from 'node:crypto';
import { DefaultRequestSigner, SimpleAuthenticationDetailsProvider } from 'oci-common';
import { request } from 'undici';
import { benchModel } from './contenders/Contender.js';
import type { EmulatorTarget } from './startEmulatorProcess.js';

/** The text every contender must produce, from a source none of them uses. */
export interface ExpectedAnswer {
  readonly text: string;
  readonly sha256: string;
}

/**
 * The answer from the emulator's non-streaming native route (`isStream: false`): the same
 * request content, so the same text, but no contender's code path.
 */
export async function expectedAnswer({ url, credentials }: EmulatorTarget, prompt: string): Promise<ExpectedAnswer> {
  const provider = new SimpleAuthenticationDetailsProvider(credentials.tenancy, credentials.user, credentials.fingerprint, credentials.privateKeyPem, null);
  const uri = `${url}/20231130/actions/chat`;
  const body = JSON.stringify({
    compartmentId: credentials.compartmentId,
    servingMode: { servingType: 'ON_DEMAND', modelId: benchModel },
    chatRequest: { apiFormat: 'GENERIC', isStream: false, messages: [{ role: 'USER', content: [{ type: 'TEXT', text: prompt }] }] },
  });
  const headers = new Headers({ 'content-type': 'application/json' });
  await new DefaultRequestSigner(provider).signHttpRequest({ method: 'POST', uri, headers, body });
  const response = await request(uri, { method: 'POST', headers: Object.fromEntries(headers), body });
  const json = (await response.body.json()) as { chatResponse?: { choices?: Array<{ message?: { content?: Array<{ text?: string }> } }> } };
  if (response.statusCode !== 200) throw new Error(`the non-streaming route answered ${response.statusCode}: ${JSON.stringify(json)}`);
  const text = (json.chatResponse?.choices?.[0]?.message?.content ?? []).map((part) => part.text ?? '').join('');
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}
