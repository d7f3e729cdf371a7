import { toolResultsSinceUser } from '../answers/toolResultsSinceUser.js';
import type { ChatInput } from './ChatInput.js';
import { ServiceError } from '../server/ServiceError.js';
import { requireChatFormat, type ChatFormat, type Model } from './modelCatalog.js';
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
} from './readFields.js';
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
  nativeOptions(details, format, model);
  const common = { format, model, stream, includeUsage } as const;
  return format === 'COHERE' ? { ...common, ...cohereParts(details) } : { ...common, ...messageParts(details, format) };
}

const upper = (values: string): readonly string[] => values.split(' ');
/** The enumerations of oci-typescript-sdk's GenericChatRequest and CohereChatRequestV2. */
const genericEnums: Readonly<Record<string, readonly string[]>> = {
  reasoningEffort: upper('NONE MINIMAL LOW MEDIUM HIGH'),
  verbosity: upper('LOW MEDIUM HIGH'),
  serviceTier: upper('AUTO DEFAULT PRIORITY'),
};

/**
 * Checks today's native options like the service: GENERIC's enumerations and `responseFormat`
 * (TEXT, JSON_OBJECT, JSON_SCHEMA with `jsonSchema.name`), `reasoningEffort` on reasoning models
 * only, `maxTokens` refused by the families that take only `maxCompletionTokens`; COHEREV2's
 * `thinking` (`type` ENABLED or DISABLED, a positive `tokenBudget`) and `toolsChoice`.
 */
function nativeOptions(details: Record<string, unknown>, format: ChatFormat, model: Model): void {
  if (format === 'GENERIC') {
    for (const [key, allowed] of Object.entries(genericEnums)) {
      const value = details[key];
      if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
        throw new ServiceError(`${path}.${key} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`, { status: 400, code: 'InvalidParameter' });
      }
    }
    if (details['reasoningEffort'] !== undefined && !model.reasoning) {
      throw new ServiceError(`Model ${model.id} does not support reasoningEffort; leave it out for non-reasoning models.`, { status: 400, code: 'InvalidParameter' });
    }
    if (model.refusesMaxTokens && details['maxTokens'] !== undefined) {
      throw new ServiceError(`maxTokens is not supported with ${model.id}. Use maxCompletionTokens instead.`, { status: 400, code: 'InvalidParameter' });
    }
    optionalBoolean(details, 'isParallelToolCalls', path);
    const responseFormat = optionalRecord(details, 'responseFormat', path);
    if (responseFormat !== undefined) {
      const type = responseFormat['type'];
      if (type !== 'TEXT' && type !== 'JSON_OBJECT' && type !== 'JSON_SCHEMA') {
        throw new ServiceError(`${path}.responseFormat.type must be TEXT, JSON_OBJECT or JSON_SCHEMA.`, { status: 400, code: 'InvalidParameter' });
      }
      if (type === 'JSON_SCHEMA' && typeof optionalRecord(responseFormat, 'jsonSchema', `${path}.responseFormat`)?.['name'] !== 'string') {
        throw new ServiceError(`${path}.responseFormat.jsonSchema needs a name.`, { status: 400, code: 'MissingParameter' });
      }
    }
  } else if (format === 'COHEREV2') {
    const thinking = optionalRecord(details, 'thinking', path);
    if (thinking !== undefined) {
      if (thinking['type'] !== 'ENABLED' && thinking['type'] !== 'DISABLED') throw new ServiceError(`${path}.thinking.type must be ENABLED or DISABLED.`, { status: 400, code: 'InvalidParameter' });
      const budget = thinking['tokenBudget'];
      if (budget !== undefined && (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1)) {
        throw new ServiceError(`${path}.thinking.tokenBudget must be a positive integer.`, { status: 400, code: 'InvalidParameter' });
      }
    }
    const choice = details['toolsChoice'];
    if (choice !== undefined && choice !== 'REQUIRED' && choice !== 'NONE') throw new ServiceError(`${path}.toolsChoice must be REQUIRED or NONE.`, { status: 400, code: 'InvalidParameter' });
  }
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
    toolResults: toolResultsSinceUser(conversation),
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
    toolResults: toolResults.length,
    cohereHistory: [...history.filter(isRecord), { role: 'USER', message }],
  };
}

function stringList(details: Record<string, unknown>, key: string): void {
  const list = optionalArray(details, key, path) ?? [];
  if (list.some((item) => typeof item !== 'string')) throw new ServiceError(`${path}.${key} must be an array of strings.`, { status: 400, code: 'InvalidParameter' });
}
