import type { ChatInput } from './ChatInput.js';
import { ServiceError } from '../server/ServiceError.js';
import { requireChatFormat, type ChatFormat } from './modelCatalog.js';
import type { Turn } from '../answers/planAnswer.js';
import { readEnvelope } from './readEnvelope.js';
import { cohereV2Dialect, genericDialect, readMessages } from './readMessages.js';
import {
  checkNumbers,
  isRecord,
  optionalArray,
  optionalBoolean,
  optionalRecord,
  optionalString,
  optionalTokenLimit,
  requiredText,
} from './requestChecks.js';
import { cohereTools, genericTools, genericToolChoice } from './toolDefinitions.js';

const path = 'chatRequest';
const samplingKnobs = ['temperature', 'topP', 'topK', 'frequencyPenalty', 'presencePenalty', 'seed', 'numGenerations'];
const cohereRoles = ['USER', 'CHATBOT', 'SYSTEM', 'TOOL'];

/**
 * Checks a `/actions/chat` body like the service and reduces it to a ChatInput:
 * envelope, `apiFormat` (and whether the model takes it), messages or COHERE's
 * message/chatHistory, knob types, tools.
 *
 * @example
 * parseChatRequest(JSON.parse(body)).format; // 'GENERIC'
 */
export function parseChatRequest(json: unknown): ChatInput {
  const { model, details } = readEnvelope(json, 'chatRequest');
  const format = details['apiFormat'];
  if (format === undefined) throw new ServiceError('chatRequest has no apiFormat (GENERIC, COHERE or COHEREV2).', { status: 400, code: 'MissingParameter' });
  if (format !== 'GENERIC' && format !== 'COHERE' && format !== 'COHEREV2') {
    throw new ServiceError(`chatRequest.apiFormat must be GENERIC, COHERE or COHEREV2, not ${JSON.stringify(format)}.`, { status: 400, code: 'InvalidParameter' });
  }
  requireChatFormat(model, format);
  checkNumbers(details, samplingKnobs, path);
  const stream = optionalBoolean(details, 'isStream', path) ?? false;
  const streamOptions = optionalRecord(details, 'streamOptions', path);
  const includeUsage = streamOptions === undefined ? false : (optionalBoolean(streamOptions, 'isIncludeUsage', `${path}.streamOptions`) ?? false);
  const common = { format, model, stream, includeUsage } as const;
  return format === 'COHERE' ? { ...common, ...cohereParts(details) } : { ...common, ...messageParts(details, format) };
}

function messageParts(details: Record<string, unknown>, format: ChatFormat): Omit<ChatInput, 'format' | 'model' | 'stream' | 'includeUsage'> {
  const conversation = readMessages(details['messages'], `${path}.messages`, format === 'GENERIC' ? genericDialect : cohereV2Dialect);
  const maxTokens = optionalTokenLimit(details, 'maxTokens', path) ?? optionalTokenLimit(details, 'maxCompletionTokens', path);
  stringList(details, 'stop');
  return {
    conversation,
    maxTokens,
    tools: format === 'GENERIC' ? genericTools(optionalArray(details, 'tools', path) ?? [], `${path}.tools`) : [],
    toolChoice: genericToolChoice(optionalRecord(details, 'toolChoice', path), `${path}.toolChoice`),
    afterToolResult: conversation[conversation.length - 1]?.role === 'TOOL',
    cohereHistory: [],
  };
}

function cohereParts(details: Record<string, unknown>): Omit<ChatInput, 'format' | 'model' | 'stream' | 'includeUsage'> {
  const message = requiredText(details, 'message', path);
  const history = optionalArray(details, 'chatHistory', path) ?? [];
  const turns: Turn[] = [];
  const preamble = optionalString(details, 'preambleOverride', path);
  if (preamble !== undefined) turns.push({ role: 'SYSTEM', text: preamble });
  history.forEach((entry, index) => {
    const entryPath = `${path}.chatHistory[${index}]`;
    if (!isRecord(entry)) throw new ServiceError(`${entryPath} must be an object.`, { status: 400, code: 'InvalidParameter' });
    const role = optionalString(entry, 'role', entryPath);
    if (role === undefined || !cohereRoles.includes(role)) {
      throw new ServiceError(`${entryPath}.role must be one of ${cohereRoles.join(', ')} for apiFormat COHERE.`, { status: 400, code: 'InvalidParameter' });
    }
    turns.push({ role, text: optionalString(entry, 'message', entryPath) ?? '' });
  });
  turns.push({ role: 'USER', text: message });
  optionalArray(details, 'documents', path);
  stringList(details, 'stopSequences');
  const toolResults = optionalArray(details, 'toolResults', path) ?? [];
  return {
    conversation: turns,
    maxTokens: optionalTokenLimit(details, 'maxTokens', path),
    tools: cohereTools(optionalArray(details, 'tools', path) ?? [], `${path}.tools`),
    toolChoice: 'auto',
    afterToolResult: toolResults.length > 0,
    cohereHistory: [...history.filter(isRecord), { role: 'USER', message }],
  };
}

function stringList(details: Record<string, unknown>, key: string): void {
  const list = optionalArray(details, key, path) ?? [];
  if (list.some((item) => typeof item !== 'string')) throw new ServiceError(`${path}.${key} must be an array of strings.`, { status: 400, code: 'InvalidParameter' });
}
