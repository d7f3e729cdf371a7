import { InvalidRequestError } from '../errors.js';
import { describeValue } from '../optionChecks.js';

/** RFC 9110 `token`: the characters a header name may have. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value: tab, visible ASCII and non-ASCII text, so no CR, LF or NUL to split the request with. */
const HEADER_VALUE = /^[\t\x20-\x7e\u0080-\uffff]*$/;
const ROLES: readonly string[] = ['system', 'user', 'assistant', 'tool'];
/**
 * Headers the client sets or signs itself, or that frame the HTTP message: one from the request
 * would break the signature or the framing, and undici would refuse it only at send time.
 */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'host', 'content-length', 'content-type', 'accept', 'date', 'x-date', 'authorization', 'x-content-sha256',
  'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'proxy-connection', 'proxy-authorization',
]);

function fail(field: string, given: unknown, allowed: string): never {
  throw new InvalidRequestError(`${field} must be ${allowed}, got ${describeValue(given)}.`, { field });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') fail(field, value, 'a string');
}

function stringList(field: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(field, value, 'an array of strings');
  value.forEach((item: unknown, i) => typeof item !== 'string' && fail(`${field}[${i}]`, item, 'a string'));
}

/** The headers a request adds: HTTP token names and values that cannot break the request line. */
function checkHeaders(headers: unknown): void {
  if (headers === undefined) return;
  if (!isRecord(headers)) fail('headers', headers, 'an object of header names to string values');
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) fail('headers', name, 'header names made of letters, digits and !#$%&\'*+.^_`|~- (no spaces)');
    if (RESERVED_HEADERS.has(name.toLowerCase())) fail('headers', name, `a header the client does not set or sign itself (none of ${[...RESERVED_HEADERS].join(', ')})`);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) fail(`headers[${JSON.stringify(name)}]`, value, 'a string without CR, LF or other control characters');
  }
}

/**
 * The shape of a chat or generateText request, checked before it is turned into a body: every
 * field has its documented type, so that a request that can never succeed fails at once, as a
 * non-retryable InvalidRequestError naming the field, instead of as a TypeError from deep inside
 * or a retryable connection failure.
 */
export function checkRequest(request: unknown, operation: 'chat' | 'generateText'): void {
  if (!isRecord(request)) fail('request', request, `a ${operation} request object`);
  if (typeof request['model'] !== 'string' || request['model'].trim() === '') {
    fail('model', request['model'], 'a non-empty model id such as meta.llama-3.3-70b-instruct, or a dedicated endpoint OCID');
  }
  optionalString('prompt', request['prompt']);
  optionalString('compartmentId', request['compartmentId']);
  const id = request['opcRequestId'];
  if (id !== undefined && (typeof id !== 'string' || id === '' || !/^[\x21-\x7e]+$/.test(id))) {
    fail('opcRequestId', id, 'a non-empty string of visible ASCII characters (no spaces or newlines)');
  }
  checkHeaders(request['headers']);
  stringList('stop', request['stop']);
  if (request['raw'] !== undefined && !isRecord(request['raw'])) fail('raw', request['raw'], 'an object of OCI fields');
  if (operation === 'generateText') return;
  optionalString('system', request['system']);
  if (request['includeUsage'] !== undefined && typeof request['includeUsage'] !== 'boolean') fail('includeUsage', request['includeUsage'], 'true or false');
  const messages = request['messages'];
  if (messages !== undefined) {
    if (!Array.isArray(messages)) fail('messages', messages, 'an array of { role, content } messages');
    messages.forEach((message: unknown, i) => {
      if (!isRecord(message)) fail(`messages[${i}]`, message, 'a { role, content } message');
      if (typeof message['role'] !== 'string' || !ROLES.includes(message['role'])) fail(`messages[${i}].role`, message['role'], `one of ${ROLES.join(', ')}`);
      if (typeof message['content'] !== 'string') fail(`messages[${i}].content`, message['content'], 'a string');
      optionalString(`messages[${i}].toolCallId`, message['toolCallId']);
    });
  }
  const tools = request['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) fail('tools', tools, 'an array of { name, description?, parameters? } tools');
    tools.forEach((tool: unknown, i) => {
      if (!isRecord(tool)) fail(`tools[${i}]`, tool, 'a { name, description?, parameters? } tool');
      if (typeof tool['name'] !== 'string' || tool['name'] === '') fail(`tools[${i}].name`, tool['name'], 'a non-empty string');
      optionalString(`tools[${i}].description`, tool['description']);
      if (tool['parameters'] !== undefined && !isRecord(tool['parameters'])) fail(`tools[${i}].parameters`, tool['parameters'], 'a JSON Schema object');
    });
  }
}
