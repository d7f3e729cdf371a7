import { emitUsage } from '../frames/emitUsage.js';
import { finishEvent } from '../frames/finishEvent.js';
import { ToolCallAssembler } from '../frames/ToolCallAssembler.js';
import { arrayField, numberField, objectField, stringField } from '../frames/wireFields.js';
import { InvalidRequestError } from '../../errors.js';
import { checkNumber, definedOnly, refuseFields } from '../bodyFields.js';
import { typedMessages } from '../typedMessages.js';
import { isCommandR } from './cohere.js';
import type { ChatWireFormat } from './WireFormat.js';

/**
 * The COHEREV2 chat format (Cohere Command A and later). Body: typed `messages`,
 * `stopSequences`, the penalties, tools as `{type: 'FUNCTION', function}`, `toolsChoice`,
 * `thinking {type, tokenBudget}`, `responseFormat` (TEXT, or JSON_OBJECT with a schema) and
 * `streamOptions.isIncludeUsage`. Frames:
 * `message.content[]` parts (`TEXT` text, `THINKING` reasoning), `message.toolCalls[]`
 * (`{id, function: {name, arguments}}`, possibly in fragments), `finishReason`, `usage`.
 *
 * @example
 * ```ts
 * cohereV2.familyFit('cohere.command-a-03-2025'); // 'preferred'
 * ```
 */
export const cohereV2: ChatWireFormat = {
  bodyFields: ({ request, messages, tools }) => {
    refuseFields(request, ['reasoningEffort', 'verbosity', 'serviceTier', 'parallelToolCalls', 'maxCompletionTokens'], 'COHEREV2', 'Leave it out (thinking and maxTokens are the COHEREV2 counterparts), or use a GENERIC model.');
    const choice = request.toolChoice;
    if (typeof choice === 'object') throw new InvalidRequestError("COHEREV2 cannot be told which tool to call; use 'required', 'none' or 'auto'.", { field: 'toolChoice' });
    const format = request.responseFormat;
    const thinking = request.thinking;
    if (thinking !== undefined) checkNumber('thinking.tokenBudget', thinking.tokenBudget);
    return definedOnly({
      messages: typedMessages(request, messages, (call) => ({ id: call.id, type: 'FUNCTION', function: { name: call.name, arguments: call.arguments } })),
      stopSequences: request.stop,
      frequencyPenalty: request.frequencyPenalty,
      presencePenalty: request.presencePenalty,
      tools: tools?.map((t) => ({ type: 'FUNCTION', function: t })),
      // oci-typescript-sdk CohereChatRequestV2.toolsChoice: REQUIRED or NONE; auto is the default.
      toolsChoice: choice === undefined || choice === 'auto' ? undefined : choice.toUpperCase(),
      thinking: thinking && definedOnly({ type: thinking.enabled ? 'ENABLED' : 'DISABLED', tokenBudget: thinking.tokenBudget }),
      responseFormat: format === undefined
        ? undefined
        : format.type === 'text' ? { type: 'TEXT' } : definedOnly({ type: 'JSON_OBJECT', schema: format.type === 'json-schema' ? format.schema : undefined }),
      streamOptions: request.includeUsage !== false ? { isIncludeUsage: true } : undefined,
    });
  },

  createDecoder() {
    const toolCalls = new ToolCallAssembler();
    return {
      decode(frame, events) {
        const message = objectField(frame, 'message');
        for (const part of arrayField(message, 'content')) {
          if (stringField(part, 'type') === 'THINKING') {
            const thinking = stringField(part, 'thinking');
            if (thinking) events.next({ type: 'reasoning', text: thinking });
          } else {
            const text = stringField(part, 'text');
            if (text) events.text(text);
          }
        }
        for (const call of arrayField(message, 'toolCalls')) {
          const fn = objectField(call, 'function');
          toolCalls.add({ index: numberField(call, 'index'), id: stringField(call, 'id'), name: stringField(fn, 'name'), arguments: stringField(fn, 'arguments') });
        }
        const reason = stringField(frame, 'finishReason');
        if (reason !== undefined) {
          toolCalls.flush(events);
          events.next(finishEvent(reason, frame['errorMessage']));
        }
        emitUsage(frame, events);
      },
    };
  },

  takesMaxTokens: () => true,
  continuesAssistantText: true,
  familyFit: (model) => (model.startsWith('cohere.') && !isCommandR(model) ? 'preferred' : undefined),
};
