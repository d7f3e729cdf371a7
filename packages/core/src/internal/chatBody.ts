import type { ChatMessage, ChatRequest, ToolDefinition } from '../chatRequest.js';
import { InvalidRequestError } from '../errors.js';
import type { ApiFormat } from '../events.js';
import { chatFormatsFor } from '../modelFamily.js';
import { checkNumber, definedOnly, requireText } from './requestChecks.js';
import { servingMode } from './servingMode.js';

const FORMATS: readonly ApiFormat[] = ['GENERIC', 'COHERE', 'COHEREV2'];

/** The format to use for a request: the explicit one (checked against the model family) or the family's. */
export function chatFormat(request: ChatRequest): ApiFormat {
  const accepted = chatFormatsFor(request.model);
  if (request.format === undefined) return accepted?.[0] ?? 'GENERIC';
  if (!FORMATS.includes(request.format)) {
    throw new InvalidRequestError('format', `"${String(request.format)}" is not a chat format. Use GENERIC, COHERE or COHEREV2.`);
  }
  if (accepted !== undefined && !accepted.includes(request.format)) {
    throw new InvalidRequestError(
      'format',
      `${request.model} does not take the ${request.format} format. Use ${accepted.join(' or ')}, or leave format out.`,
    );
  }
  return request.format;
}

/** The conversation as a list, the prompt appended as the last user message. */
export function conversation(request: ChatRequest): ChatMessage[] {
  const messages = [...(request.messages ?? [])];
  if (request.prompt !== undefined) messages.push({ role: 'user', content: requireText('prompt', request.prompt, 'Pass a non-empty prompt.') });
  if (messages.length === 0) {
    throw new InvalidRequestError('prompt', 'the request has no prompt and no messages. Pass a non-empty prompt or at least one message.');
  }
  messages.forEach((message, i) => requireText(`messages[${i}].content`, message.content, 'Every message needs text.'));
  return messages;
}

const UPPER_ROLE = { system: 'SYSTEM', user: 'USER', assistant: 'ASSISTANT', tool: 'TOOL' } as const;
const COHERE_ROLE = { system: 'SYSTEM', user: 'USER', assistant: 'CHATBOT', tool: 'TOOL' } as const;

function typedMessages(messages: readonly ChatMessage[]): Record<string, unknown>[] {
  return messages.map((m) =>
    definedOnly({ role: UPPER_ROLE[m.role], content: [{ type: 'TEXT', text: m.content }], toolCallId: m.toolCallId }),
  );
}

function genericTools(tools: readonly ToolDefinition[]): unknown[] {
  return tools.map((t) => definedOnly({ type: 'FUNCTION', name: t.name, description: t.description, parameters: t.parameters }));
}

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

function formatFields(format: ApiFormat, request: ChatRequest, messages: ChatMessage[]): Record<string, unknown> {
  const tools = request.tools?.length ? request.tools : undefined;
  if (format === 'COHERE') {
    const last = messages[messages.length - 1];
    if (last === undefined || last.role !== 'user') {
      throw new InvalidRequestError('messages', 'COHERE needs the conversation to end with a user message.');
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
  }
  const all = request.system === undefined ? messages : [{ role: 'system' as const, content: request.system }, ...messages];
  return definedOnly({
    messages: typedMessages(all),
    stop: format === 'GENERIC' ? request.stop : undefined,
    stopSequences: format === 'COHEREV2' ? request.stop : undefined,
    frequencyPenalty: request.frequencyPenalty,
    presencePenalty: request.presencePenalty,
    tools: tools && (format === 'GENERIC' ? genericTools(tools) : tools.map((t) => ({ type: 'FUNCTION', function: t }))),
    streamOptions: format === 'GENERIC' && request.includeUsage !== false ? { isIncludeUsage: true } : undefined,
  });
}

/**
 * The JSON body of a streaming chat call, validated before anything is sent.
 *
 * @throws {InvalidRequestError} for an empty prompt, an unknown format, a model family that does
 *   not take the format, or sampling options that are not numbers.
 */
export function chatBody(request: ChatRequest, compartmentId: string): { body: string; format: ApiFormat } {
  requireText('model', request.model, 'Pass a model id such as meta.llama-3.3-70b-instruct or a dedicated endpoint OCID.');
  const format = chatFormat(request);
  for (const field of ['maxTokens', 'temperature', 'topP', 'topK', 'frequencyPenalty', 'presencePenalty', 'seed'] as const) {
    checkNumber(field, request[field]);
  }
  const chatRequest = {
    apiFormat: format,
    isStream: true,
    ...formatFields(format, request, conversation(request)),
    ...definedOnly({ maxTokens: request.maxTokens, temperature: request.temperature, topP: request.topP, topK: request.topK, seed: request.seed }),
    ...request.raw,
  };
  return { body: JSON.stringify({ compartmentId, servingMode: servingMode(request.model), chatRequest }), format };
}
