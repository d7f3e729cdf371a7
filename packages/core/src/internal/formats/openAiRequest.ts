import type { ChatRequest, ReasoningEffort, ToolDefinition } from '../../chatRequest.js';
import { InvalidRequestError } from '../../errors.js';
import { checkNumber, requireText } from '../bodyFields.js';

/**
 * What the two OpenAI-compatible routes share on the request side: the checks, the model name
 * as sent (OCI model ids such as `openai.gpt-5` are the OpenAI `model`), the friendly fields
 * neither route has, and the mapping of tool choice and token limits.
 */
export interface OpenAiRoute {
  /** `chat-completions` or `responses`, for messages. */
  readonly route: 'chat-completions' | 'responses';
  /** ChatRequest fields this route has no place for; each is refused by name. */
  readonly unsupported: readonly (keyof ChatRequest)[];
}

const NUMBERS = ['maxTokens', 'maxCompletionTokens', 'temperature', 'topP', 'topK', 'frequencyPenalty', 'presencePenalty', 'seed'] as const;
const EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high'];

/**
 * Checks a request for an OpenAI-compatible route before anything is sent.
 *
 * @throws {InvalidRequestError} naming the field: an empty model, a field the route lacks, a
 *   dedicated endpoint (these routes take model names only), a value of the wrong kind.
 */
export function checkOpenAiRequest(request: ChatRequest, route: OpenAiRoute): void {
  requireText('model', request.model, 'Pass a model id such as openai.gpt-5 or meta.llama-3.3-70b-instruct.');
  if (request.model.startsWith('ocid1.')) {
    throw new InvalidRequestError(`the ${route.route} route takes a model name, not an OCID. Use route: 'native' for dedicated endpoints.`, { field: 'model' });
  }
  if (request.format !== undefined) throw new InvalidRequestError(`apiFormat belongs to the native route, not ${route.route}. Leave format out or use route: 'native'.`, { field: 'format' });
  for (const field of route.unsupported) {
    if (request[field] !== undefined) {
      throw new InvalidRequestError(`the ${route.route} route has no ${field}. Leave it out, or use route: 'native'.`, { field: field });
    }
  }
  for (const field of NUMBERS) checkNumber(field, request[field]);
  if (request.reasoningEffort !== undefined && !EFFORTS.includes(request.reasoningEffort)) {
    throw new InvalidRequestError(`"${String(request.reasoningEffort)}" is not a reasoning effort. Use ${EFFORTS.join(', ')}.`, { field: 'reasoningEffort' });
  }
}

/**
 * The token limit to send: `maxCompletionTokens`, else `maxTokens`. Both routes send it under
 * the name that counts reasoning tokens too (`max_completion_tokens`, `max_output_tokens`),
 * which every model family takes, whereas OpenAI's reasoning models refuse `max_tokens`.
 */
export function completionLimit(request: ChatRequest): number | undefined {
  return request.maxCompletionTokens ?? request.maxTokens;
}

/** OpenAI `tool_choice` for both routes: a mode string, or the function to call in the route's shape. */
export function openAiToolChoice(request: ChatRequest, named: (name: string) => unknown): unknown {
  const choice = request.toolChoice;
  if (choice === undefined || typeof choice === 'string') return choice;
  requireText('toolChoice.name', choice.name, 'Name the tool the model must call.');
  return named(choice.name);
}

/** The tool definitions, checked. */
export function checkedTools(request: ChatRequest): readonly ToolDefinition[] | undefined {
  if (request.tools === undefined || request.tools.length === 0) return undefined;
  request.tools.forEach((tool, i) => requireText(`tools[${i}].name`, tool.name, 'Every tool needs a name.'));
  return request.tools;
}
