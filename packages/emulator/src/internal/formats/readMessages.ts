import { ServiceError } from '../server/ServiceError.js';
import type { Turn } from '../answers/planAnswer.js';
import { isRecord, optionalArray, optionalString } from './readFields.js';

/** How a format spells its messages: allowed roles and the text part's `type`. */
export interface MessageDialect {
  readonly format: string;
  readonly roles: readonly string[];
  /** 'TEXT' for OCI formats, 'text' for OpenAI. */
  readonly textType: string;
  /** OpenAI allows `content` to be a plain string. */
  readonly stringContent: boolean;
}

/**
 * Reads a `messages` array into turns, checking it like the service: an array, not
 * empty, objects with an allowed role, `content` an array of typed parts (TEXT parts
 * with a string `text`), at least one user message. Roles come back upper case and the
 * TEXT parts joined, so GENERIC and OpenAI messages with the same content give the same
 * turns (and so the same answer).
 *
 * @example
 * readMessages([{ role: 'USER', content: [{ type: 'TEXT', text: 'Hi' }] }], 'chatRequest.messages', genericDialect);
 * // [{ role: 'USER', text: 'Hi' }]
 */
export function readMessages(value: unknown, path: string, dialect: MessageDialect): Turn[] {
  if (value === undefined || value === null) throw new ServiceError(`The request has no ${path}.`, { status: 400, code: 'MissingParameter' });
  if (!Array.isArray(value)) throw new ServiceError(`${path} must be an array.`, { status: 400, code: 'InvalidParameter' });
  if (value.length === 0) throw new ServiceError(`${path} must not be empty.`, { status: 400, code: 'InvalidParameter' });
  const turns = (value as unknown[]).map((message, index) => readMessage(message, `${path}[${index}]`, dialect));
  if (!turns.some((turn) => turn.role === 'USER')) {
    throw new ServiceError(`${path} needs at least one ${dialect.textType === 'text' ? 'user' : 'USER'} message.`, { status: 400, code: 'InvalidParameter' });
  }
  return turns;
}

function readMessage(message: unknown, path: string, dialect: MessageDialect): Turn {
  if (!isRecord(message)) throw new ServiceError(`${path} must be an object.`, { status: 400, code: 'InvalidParameter' });
  const role = optionalString(message, 'role', path);
  if (role === undefined) throw new ServiceError(`${path} has no role.`, { status: 400, code: 'MissingParameter' });
  if (!dialect.roles.includes(role)) {
    throw new ServiceError(`${path}.role must be one of ${dialect.roles.join(', ')} for ${dialect.format}, not ${JSON.stringify(role)}.`, { status: 400, code: 'InvalidParameter' });
  }
  const content = message['content'];
  if (dialect.stringContent && typeof content === 'string') return { role: role.toUpperCase(), text: content };
  const parts = optionalArray(message, 'content', path) ?? [];
  if (parts.length === 0 && (role.toUpperCase() === 'USER' || role.toUpperCase() === 'SYSTEM')) {
    throw new ServiceError(`${path}.content must not be empty.`, { status: 400, code: 'InvalidParameter' });
  }
  const texts = parts.map((part, index) => {
    const partPath = `${path}.content[${index}]`;
    if (!isRecord(part)) throw new ServiceError(`${partPath} must be an object.`, { status: 400, code: 'InvalidParameter' });
    const type = optionalString(part, 'type', partPath);
    if (type === undefined) throw new ServiceError(`${partPath} has no type.`, { status: 400, code: 'MissingParameter' });
    if (type !== dialect.textType) return '';
    const text = optionalString(part, 'text', partPath);
    if (text === undefined) throw new ServiceError(`${partPath} has no text.`, { status: 400, code: 'MissingParameter' });
    return text;
  });
  return { role: role.toUpperCase(), text: texts.join('') };
}

/**
 * GENERIC messages.
 *
 * @example
 * readMessages(chatRequest.messages, 'chatRequest.messages', genericDialect);
 */
export const genericDialect: MessageDialect = {
  format: 'apiFormat GENERIC',
  roles: ['USER', 'ASSISTANT', 'SYSTEM', 'DEVELOPER', 'TOOL'],
  textType: 'TEXT',
  stringContent: false,
};

/**
 * COHEREV2 messages.
 *
 * @example
 * readMessages(chatRequest.messages, 'chatRequest.messages', cohereV2Dialect);
 */
export const cohereV2Dialect: MessageDialect = {
  format: 'apiFormat COHEREV2',
  roles: ['USER', 'ASSISTANT', 'SYSTEM', 'TOOL'],
  textType: 'TEXT',
  stringContent: false,
};

/**
 * OpenAI chat completions messages (string content allowed, lower-case roles).
 *
 * @example
 * readMessages(body.messages, 'body.messages', openAiDialect);
 */
export const openAiDialect: MessageDialect = {
  format: 'the OpenAI chat completions route',
  roles: ['user', 'assistant', 'system', 'developer', 'tool'],
  textType: 'text',
  stringContent: true,
};
