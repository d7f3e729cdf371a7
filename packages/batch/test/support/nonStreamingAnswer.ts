import type { Emulator } from '@oci-genai-rx/emulator';
import { DefaultRequestSigner, SimpleAuthenticationDetailsProvider } from 'oci-common';
import { request } from 'undici';

/**
 * The emulator's answer to `prompt` from its non-streaming route (`isStream: false`), signed with
 * oci-common: the text a streamed answer must equal, from a path the batch runner never takes.
 */
export async function nonStreamingAnswer(emulator: Emulator, prompt: string, model: string): Promise<string> {
  const { tenancy, user, fingerprint, privateKeyPem, compartmentId } = emulator.credentials;
  const provider = new SimpleAuthenticationDetailsProvider(tenancy, user, fingerprint, privateKeyPem, null);
  const uri = `${emulator.url}/20231130/actions/chat`;
  const body = JSON.stringify({
    compartmentId,
    servingMode: { servingType: 'ON_DEMAND', modelId: model },
    chatRequest: { apiFormat: 'GENERIC', isStream: false, messages: [{ role: 'USER', content: [{ type: 'TEXT', text: prompt }] }] },
  });
  const headers = new Headers({ 'content-type': 'application/json' });
  await new DefaultRequestSigner(provider).signHttpRequest({ method: 'POST', uri, headers, body });
  const response = await request(uri, { method: 'POST', headers: Object.fromEntries(headers), body });
  const json = (await response.body.json()) as { chatResponse?: { choices?: Array<{ message?: { content?: Array<{ text?: string }> } }> } };
  if (response.statusCode !== 200) throw new Error(`the non-streaming route answered ${response.statusCode}: ${JSON.stringify(json)}`);
  return (json.chatResponse?.choices?.[0]?.message?.content ?? []).map((part) => part.text ?? '').join('');
}
