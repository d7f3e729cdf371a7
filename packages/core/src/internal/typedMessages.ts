import type { ChatMessage, ChatRequest } from '../chatRequest.js';
import type { ToolCall } from '../events.js';
import { definedOnly } from './bodyFields.js';

const UPPER_ROLE = { system: 'SYSTEM', user: 'USER', assistant: 'ASSISTANT', tool: 'TOOL' } as const;

/**
 * The `messages` of a GENERIC or COHEREV2 body: `request.system` first, then each message with
 * an upper-case role and one TEXT content part (none for an assistant turn that only called
 * tools), and an assistant turn's tool calls in the format's shape (`toolCall`).
 *
 * @example
 * ```ts
 * typedMessages({ model: 'm', system: 'Be brief.' }, [{ role: 'user', content: 'Hi' }], (call) => call);
 * // [{ role: 'SYSTEM', content: [{ type: 'TEXT', text: 'Be brief.' }] }, { role: 'USER', content: [{ type: 'TEXT', text: 'Hi' }] }]
 * ```
 */
export function typedMessages(
  request: ChatRequest,
  messages: readonly ChatMessage[],
  toolCall: (call: ToolCall) => unknown,
): Record<string, unknown>[] {
  const all: readonly ChatMessage[] = request.system === undefined ? messages : [{ role: 'system', content: request.system }, ...messages];
  return all.map((m) =>
    definedOnly({
      role: UPPER_ROLE[m.role],
      content: m.content === '' && m.toolCalls?.length ? undefined : [{ type: 'TEXT', text: m.content }],
      toolCallId: m.toolCallId,
      toolCalls: m.toolCalls?.length ? m.toolCalls.map(toolCall) : undefined,
    }),
  );
}
