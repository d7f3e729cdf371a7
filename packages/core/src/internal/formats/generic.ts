import type { ToolDefinition } from '../../chatRequest.js';
import { emitUsage } from '../frames/emitUsage.js';
import { finishEvent } from '../frames/finishEvent.js';
import { ToolCallAssembler } from '../frames/ToolCallAssembler.js';
import { arrayField, numberField, objectField, stringField } from '../frames/wireFields.js';
import { definedOnly } from '../requestChecks.js';
import { typedMessages } from '../typedMessages.js';
import type { ChatWireFormat } from './WireFormat.js';

function genericTools(tools: readonly ToolDefinition[]): unknown[] {
  return tools.map((t) => definedOnly({ type: 'FUNCTION', name: t.name, description: t.description, parameters: t.parameters }));
}

/**
 * The GENERIC chat format (Meta, xAI, OpenAI, Google, Mistral models). Body: typed `messages`,
 * `stop`, the penalties, FUNCTION tools, and `streamOptions.isIncludeUsage` unless
 * `includeUsage: false`. Frames: `message.content[]` text parts, `message.reasoningContent`,
 * `message.toolCalls[]` fragments, `finishReason` (the terminal event may carry the last delta
 * too), and a `usage` frame after the finish.
 *
 * @example
 * ```ts
 * generic.familyFit('meta.llama-3.3-70b-instruct'); // 'preferred'
 * ```
 */
export const generic: ChatWireFormat = {
  bodyFields: ({ request, messages, tools }) =>
    definedOnly({
      messages: typedMessages(request, messages),
      stop: request.stop,
      frequencyPenalty: request.frequencyPenalty,
      presencePenalty: request.presencePenalty,
      tools: tools && genericTools(tools),
      streamOptions: request.includeUsage !== false ? { isIncludeUsage: true } : undefined,
    }),

  createDecoder() {
    const toolCalls = new ToolCallAssembler();
    return {
      decode(frame, emit) {
        const message = objectField(frame, 'message');
        if (message !== undefined) {
          const reasoning = stringField(message, 'reasoningContent');
          if (reasoning) emit({ type: 'reasoning', text: reasoning });
          for (const part of arrayField(message, 'content')) {
            const text = stringField(part, 'text');
            if (text) emit({ type: 'text', text });
          }
          for (const call of arrayField(message, 'toolCalls')) {
            toolCalls.add({ index: numberField(call, 'index'), id: stringField(call, 'id'), name: stringField(call, 'name'), arguments: stringField(call, 'arguments') });
          }
        }
        const reason = stringField(frame, 'finishReason');
        if (reason !== undefined) {
          toolCalls.flush(emit);
          emit(finishEvent(reason));
        }
        emitUsage(frame, emit);
      },
    };
  },

  familyFit: (model) => (/^(meta|xai|openai|google|mistral)\./.test(model) ? 'preferred' : undefined),
};
