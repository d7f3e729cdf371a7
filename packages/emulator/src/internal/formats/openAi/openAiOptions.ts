import { ServiceError } from '../../server/ServiceError.js';
import type { Model } from '../modelCatalog.js';
import { isRecord, optionalArray, optionalBoolean, optionalRecord, optionalString } from '../readFields.js';
import type { ToolChoice, ToolDefinition } from '../toolDefinitions.js';
import { openAiTools } from '../toolDefinitions.js';

/** The request options both OpenAI-compatible routes share, checked. */
export interface OpenAiOptions {
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice: ToolChoice;
  /** `parallel_tool_calls`; default true, as OpenAI's. */
  readonly parallelToolCalls: boolean;
  /** `reasoning_effort` (chat completions) or `reasoning.effort` (Responses). */
  readonly reasoningEffort: string | undefined;
}

const efforts = ['none', 'minimal', 'low', 'medium', 'high'];
const tiers = ['auto', 'default', 'flex', 'priority'];
const verbosities = ['low', 'medium', 'high'];

/**
 * Checks the options the two OpenAI-compatible routes share, as OCI does: `tools` and
 * `tool_choice` (`{type: 'function', function: {name}}` for chat completions, `{type:
 * 'function', name}` for Responses), `parallel_tool_calls`, `service_tier`, `verbosity`, and
 * the reasoning effort, which only reasoning models take (400 InvalidParameter otherwise).
 *
 * @example
 * openAiOptions(body, model, 'body', { nestedFunction: true, effort: body['reasoning_effort'], verbosity: body['verbosity'] });
 */
export function openAiOptions(
  body: Record<string, unknown>,
  model: Model,
  path: string,
  shape: { readonly nestedFunction: boolean; readonly effort: unknown; readonly verbosity: unknown },
): OpenAiOptions {
  const tools = openAiTools(optionalArray(body, 'tools', path) ?? [], `${path}.tools`, shape.nestedFunction);
  oneOf(body['service_tier'], tiers, `${path}.service_tier`);
  oneOf(shape.verbosity, verbosities, 'verbosity');
  const effort = oneOf(shape.effort, efforts, 'reasoning effort');
  if (effort !== undefined && !model.reasoning) {
    throw new ServiceError(`Model ${model.id} does not support reasoning effort; leave it out for non-reasoning models.`, { status: 400, code: 'InvalidParameter' });
  }
  return {
    tools,
    toolChoice: toolChoice(body['tool_choice'], `${path}.tool_choice`, shape.nestedFunction),
    parallelToolCalls: optionalBoolean(body, 'parallel_tool_calls', path) ?? true,
    reasoningEffort: effort,
  };
}

function oneOf(value: unknown, allowed: readonly string[], path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ServiceError(`${path} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`, { status: 400, code: 'InvalidParameter' });
  }
  return value;
}

function toolChoice(value: unknown, path: string, nestedFunction: boolean): ToolChoice {
  if (value === undefined || value === null || value === 'auto') return 'auto';
  if (value === 'none' || value === 'required') return value;
  if (!isRecord(value) || optionalString(value, 'type', path) !== 'function') {
    throw new ServiceError(`${path} must be auto, none, required or a function choice.`, { status: 400, code: 'InvalidParameter' });
  }
  const name = nestedFunction ? optionalString(optionalRecord(value, 'function', path) ?? {}, 'name', `${path}.function`) : optionalString(value, 'name', path);
  if (name === undefined) throw new ServiceError(`${path} names no function.`, { status: 400, code: 'MissingParameter' });
  return { function: name };
}
