import type { ToolChoice, ToolDefinition } from '../../chatRequest.js';
import { refusesMaxTokens } from '../../modelFamily.js';
import { emitUsage } from '../frames/emitUsage.js';
import { finishEvent } from '../frames/finishEvent.js';
import { ToolCallAssembler } from '../frames/ToolCallAssembler.js';
import { arrayField, numberField, stringField } from '../frames/wireFields.js';
import { definedOnly, refuseFields } from '../bodyFields.js';
import { typedMessages } from '../typedMessages.js';
import type { ChatWireFormat, WireFrame } from './WireFormat.js';

/** GENERIC `toolChoice` (oci-typescript-sdk ToolChoiceAuto/None/Required/Function). */
function genericToolChoice(choice: ToolChoice | undefined): Record<string, unknown> | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return { type: choice.toUpperCase() };
  return { type: 'FUNCTION', name: choice.name };
}

function genericTools(tools: readonly ToolDefinition[]): unknown[] {
  return tools.map((t) => definedOnly({ type: 'FUNCTION', name: t.name, description: t.description, parameters: t.parameters }));
}

/**
 * The GENERIC chat format (Meta, xAI, OpenAI, Google, Mistral models). Body: typed `messages`,
 * `stop`, the penalties, FUNCTION tools, `toolChoice`, `isParallelToolCalls`, `reasoningEffort`,
 * `verbosity`, `serviceTier`, `responseFormat`, `maxCompletionTokens`, and
 * `streamOptions.isIncludeUsage` unless `includeUsage: false`. Frames: `message.content[]` text parts, `message.reasoningContent`,
 * `message.toolCalls[]` fragments, `finishReason` (the terminal event may carry the last delta
 * too), and a `usage` frame after the finish.
 *
 * @example
 * ```ts
 * generic.familyFit('meta.llama-3.3-70b-instruct'); // 'preferred'
 * ```
 */
export const generic: ChatWireFormat = {
  bodyFields: ({ request, messages, tools }) => {
    refuseFields(request, ['thinking'], 'GENERIC', 'Use reasoningEffort for GENERIC reasoning models.');
    const format = request.responseFormat;
    return definedOnly({
      messages: typedMessages(request, messages, (call) => ({ type: 'FUNCTION', id: call.id, name: call.name, arguments: call.arguments })),
      stop: request.stop,
      frequencyPenalty: request.frequencyPenalty,
      presencePenalty: request.presencePenalty,
      tools: tools && genericTools(tools),
      toolChoice: genericToolChoice(request.toolChoice),
      isParallelToolCalls: request.parallelToolCalls,
      streamOptions: request.includeUsage !== false ? { isIncludeUsage: true } : undefined,
      reasoningEffort: request.reasoningEffort?.toUpperCase(),
      verbosity: request.verbosity?.toUpperCase(),
      serviceTier: request.serviceTier?.toUpperCase(),
      responseFormat: format === undefined
        ? undefined
        : format.type === 'json-schema'
          ? { type: 'JSON_SCHEMA', jsonSchema: definedOnly({ name: format.name, description: format.description, schema: format.schema, isStrict: format.strict }) }
          : { type: format.type === 'text' ? 'TEXT' : 'JSON_OBJECT' },
      // The SDK's GenericChatRequest: maxCompletionTokens counts reasoning tokens too, and
      // OpenAI's reasoning models refuse maxTokens, so theirs is sent under that name.
      maxCompletionTokens: request.maxCompletionTokens ?? (refusesMaxTokens(request.model) ? request.maxTokens : undefined),
    });
  },

  createDecoder() {
    const toolCalls = new ToolCallAssembler();
    return {
      // This runs once per token, so the per-token path reads its fields by name here instead of
      // through frames/wireFields.ts: a helper has one property-load site for every key and
      // frame shape of every format, which V8 sees as megamorphic and answers with a slow
      // generic lookup. The checks are the helpers' own: objects, strings, arrays, else absent.
      decode(frame, events) {
        const message = frame['message'];
        if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
          const fields = message as WireFrame;
          const reasoning = fields['reasoningContent'];
          if (typeof reasoning === 'string' && reasoning !== '') events.next({ type: 'reasoning', text: reasoning });
          const content = fields['content'];
          if (Array.isArray(content)) {
            for (const part of content as readonly unknown[]) {
              const text = typeof part === 'object' && part !== null ? (part as WireFrame)['text'] : undefined;
              if (typeof text === 'string' && text !== '') events.text(text);
            }
          }
          const calls = fields['toolCalls'];
          if (calls !== undefined) {
            for (const call of arrayField(message, 'toolCalls')) {
              toolCalls.add({ index: numberField(call, 'index'), id: stringField(call, 'id'), name: stringField(call, 'name'), arguments: stringField(call, 'arguments') });
            }
          }
        }
        const reason = frame['finishReason'];
        if (typeof reason === 'string') {
          toolCalls.flush(events);
          events.next(finishEvent(reason));
        }
        if (frame['usage'] !== undefined) emitUsage(frame, events);
      },
    };
  },

  takesMaxTokens: (model) => !refusesMaxTokens(model),
  continuesAssistantText: true,
  familyFit: (model) => (/^(meta|xai|openai|google|mistral)\./.test(model) ? 'preferred' : undefined),
};
