import type { ChatMessage, ChatRequest } from '../chatRequest.js';
import { definedOnly } from './requestChecks.js';

const UPPER_ROLE = { system: 'SYSTEM', user: 'USER', assistant: 'ASSISTANT', tool: 'TOOL' } as const;

/**
 * The `messages` of a GENERIC or COHEREV2 body: `request.system` first, then each message with
 * an upper-case role and one TEXT content part.
 *
 * @example
 * ```ts
 * typedMessages({ model: 'm', system: 'Be brief.' }, [{ role: 'user', content: 'Hi' }]);
 * // [{ role: 'SYSTEM', content: [{ type: 'TEXT', text: 'Be brief.' }] }, { role: 'USER', content: [{ type: 'TEXT', text: 'Hi' }] }]
 * ```
 */
export function typedMessages(request: ChatRequest, messages: readonly ChatMessage[]): Record<string, unknown>[] {
  const all = request.system === undefined ? messages : [{ role: 'system' as const, content: request.system }, ...messages];
  return all.map((m) => definedOnly({ role: UPPER_ROLE[m.role], content: [{ type: 'TEXT', text: m.content }], toolCallId: m.toolCallId }));
}
