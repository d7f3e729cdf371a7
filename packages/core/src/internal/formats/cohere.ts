import type { ToolDefinition } from '../../chatRequest.js';
import { InvalidRequestError } from '../../errors.js';
import { emitUsage } from '../frames/emitUsage.js';
import { finishEvent } from '../frames/finishEvent.js';
import { ToolCallAssembler } from '../frames/ToolCallAssembler.js';
import { arrayField, field, stringField } from '../frames/wireFields.js';
import { definedOnly, refuseFields } from '../bodyFields.js';
import type { ChatWireFormat } from './WireFormat.js';

const COHERE_ROLE = { system: 'SYSTEM', user: 'USER', assistant: 'CHATBOT', tool: 'TOOL' } as const;

function cohereTools(tools: readonly ToolDefinition[]): unknown[] {
  return tools.map((t) => {
    const schema = (t.parameters ?? {}) as { properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
    const parameterDefinitions: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      parameterDefinitions[name] = definedOnly({
        type: property.type ?? 'string',
        description: property.description,
        isRequired: schema.required?.includes(name) ?? false,
      });
    }
    return definedOnly({ name: t.name, description: t.description ?? t.name, parameterDefinitions });
  });
}

/**
 * True for Command R, the original Command and Command Light: they take COHERE only, while other
 * Cohere models prefer COHEREV2.
 *
 * @example
 * ```ts
 * isCommandR('cohere.command-r-08-2024'); // true
 * ```
 */
export function isCommandR(model: string): boolean {
  return model.startsWith('cohere.command-r') || model === 'cohere.command' || model.startsWith('cohere.command-light');
}

/**
 * The COHERE chat format (Cohere Command R and older). Body: the last user `message`,
 * `chatHistory`, system text as `preambleOverride`, `stopSequences`, tools with
 * `parameterDefinitions`. Frames: `text` deltas, `toolCalls[]` (`{name, parameters}`, no ids),
 * and a terminal event that REPEATS THE WHOLE TEXT beside `chatHistory` and `finishReason`: its
 * text is not a delta and is never emitted. Tool calls repeated by the terminal event are
 * emitted only if none came before.
 *
 * @example
 * ```ts
 * cohere.familyFit('cohere.command-r-plus-08-2024'); // 'preferred'
 * cohere.familyFit('cohere.command-a-03-2025');      // 'accepted'
 * ```
 */
export const cohere: ChatWireFormat = {
  bodyFields({ request, messages, tools }) {
    refuseFields(
      request,
      ['reasoningEffort', 'verbosity', 'serviceTier', 'parallelToolCalls', 'maxCompletionTokens', 'thinking', 'responseFormat', 'toolChoice'],
      'COHERE',
      'Leave it out, or use COHEREV2 (command-a) or a GENERIC model.',
    );
    const last = messages[messages.length - 1];
    if (last === undefined || last.role !== 'user') {
      throw new InvalidRequestError('COHERE needs the conversation to end with a user message.', { field: 'messages' });
    }
    const system = [request.system, ...messages.filter((m) => m.role === 'system').map((m) => m.content)].filter(Boolean);
    const history = messages.slice(0, -1).filter((m) => m.role !== 'system');
    return definedOnly({
      message: last.content,
      chatHistory: history.length ? history.map((m) => ({ role: COHERE_ROLE[m.role], message: m.content })) : undefined,
      preambleOverride: system.length ? system.join('\n') : undefined,
      stopSequences: request.stop,
      tools: tools && cohereTools(tools),
    });
  },

  createDecoder() {
    let toolCallsSeen = false;
    const toolCalls = new ToolCallAssembler();
    return {
      decode(frame, events) {
        const reason = stringField(frame, 'finishReason');
        if (reason === undefined) {
          const text = stringField(frame, 'text');
          if (text) events.text(text);
        }
        const calls = arrayField(frame, 'toolCalls');
        if (calls.length > 0 && !(reason !== undefined && toolCallsSeen)) {
          toolCallsSeen = true;
          // Whole calls without ids: the assembler names them call_0, call_1, … by order.
          for (const call of calls) {
            if (typeof call === 'object' && call !== null) toolCalls.addWhole({ name: stringField(call, 'name') ?? '', arguments: JSON.stringify(field(call, 'parameters') ?? {}) });
          }
          toolCalls.flush(events);
        }
        if (reason !== undefined) events.next(finishEvent(reason, frame['errorMessage']));
        emitUsage(frame, events);
      },
    };
  },

  takesMaxTokens: () => true,
  continuesAssistantText: false,
  familyFit(model) {
    if (isCommandR(model)) return 'preferred';
    return model.startsWith('cohere.') ? 'accepted' : undefined;
  },
};
