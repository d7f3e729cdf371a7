import { ServiceError } from '../server/ServiceError.js';
import { isRecord, optionalRecord, optionalString } from './readFields.js';

/** A tool the model may call: its name and its parameters' names and types. */
export interface ToolDefinition {
  readonly name: string;
  readonly parameters: ReadonlyArray<readonly [name: string, type: string]>;
}

/** GENERIC `toolChoice`: let the model decide, never, always, or this function. */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly function: string };

/**
 * Reads GENERIC tools: `[{type: 'FUNCTION', name, description, parameters: {type: 'object', properties}}]`.
 *
 * @example
 * genericTools([{ type: 'FUNCTION', name: 'sqrt', parameters: { properties: { x: { type: 'number' } } } }], 'chatRequest.tools');
 * // [{ name: 'sqrt', parameters: [['x', 'number']] }]
 */
export function genericTools(list: readonly unknown[], parent: string): ToolDefinition[] {
  return list.map((tool, index) => {
    const path = `${parent}[${index}]`;
    const record = toolRecord(tool, path);
    const schema = optionalRecord(record, 'parameters', path);
    const properties = schema === undefined ? undefined : optionalRecord(schema, 'properties', `${path}.parameters`);
    return { name: toolName(record, path), parameters: typesOf(properties, 'type') };
  });
}

/**
 * Reads OpenAI-style tools: `[{type: 'function', function: {name, parameters}}]` (chat
 * completions, `nestedFunction`) or `[{type: 'function', name, parameters}]` (Responses).
 *
 * @example
 * openAiTools([{ type: 'function', name: 'sqrt', parameters: { properties: { x: { type: 'number' } } } }], 'body.tools', false);
 * // [{ name: 'sqrt', parameters: [['x', 'number']] }]
 */
export function openAiTools(list: readonly unknown[], parent: string, nestedFunction: boolean): ToolDefinition[] {
  return list.map((tool, index) => {
    const path = `${parent}[${index}]`;
    const outer = toolRecord(tool, path);
    if (optionalString(outer, 'type', path) !== 'function') throw new ServiceError(`${path}.type must be "function".`, { status: 400, code: 'InvalidParameter' });
    const record = nestedFunction ? (optionalRecord(outer, 'function', path) ?? {}) : outer;
    const recordPath = nestedFunction ? `${path}.function` : path;
    const schema = optionalRecord(record, 'parameters', recordPath);
    const properties = schema === undefined ? undefined : optionalRecord(schema, 'properties', `${recordPath}.parameters`);
    return { name: toolName(record, recordPath), parameters: typesOf(properties, 'type') };
  });
}

/**
 * Reads COHERE tools: `[{name, description, parameterDefinitions: {city: {type: 'str', isRequired}}}]`.
 *
 * @example
 * cohereTools([{ name: 'getWeather', parameterDefinitions: { city: { type: 'str' } } }], 'chatRequest.tools');
 * // [{ name: 'getWeather', parameters: [['city', 'str']] }]
 */
export function cohereTools(list: readonly unknown[], parent: string): ToolDefinition[] {
  return list.map((tool, index) => {
    const path = `${parent}[${index}]`;
    const record = toolRecord(tool, path);
    return { name: toolName(record, path), parameters: typesOf(optionalRecord(record, 'parameterDefinitions', path), 'type') };
  });
}

/**
 * Reads GENERIC `toolChoice` (`{type: 'AUTO' | 'NONE' | 'REQUIRED' | 'FUNCTION', name}`).
 *
 * @example
 * genericToolChoice({ type: 'FUNCTION', name: 'sqrt' }, 'chatRequest.toolChoice'); // { function: 'sqrt' }
 */
export function genericToolChoice(value: Record<string, unknown> | undefined, path: string): ToolChoice {
  if (value === undefined) return 'auto';
  const type = optionalString(value, 'type', path);
  if (type === undefined || type === 'AUTO') return 'auto';
  if (type === 'NONE') return 'none';
  if (type === 'REQUIRED') return 'required';
  if (type === 'FUNCTION') return { function: optionalString(value, 'name', path) ?? '' };
  throw new ServiceError(`${path}.type must be AUTO, NONE, REQUIRED or FUNCTION.`, { status: 400, code: 'InvalidParameter' });
}

function toolRecord(tool: unknown, path: string): Record<string, unknown> {
  if (!isRecord(tool)) throw new ServiceError(`${path} must be an object.`, { status: 400, code: 'InvalidParameter' });
  return tool;
}

function toolName(record: Record<string, unknown>, path: string): string {
  const name = optionalString(record, 'name', path);
  if (name === undefined || name === '') throw new ServiceError(`${path} has no name.`, { status: 400, code: 'MissingParameter' });
  return name;
}

function typesOf(properties: Record<string, unknown> | undefined, typeKey: string): Array<readonly [string, string]> {
  return Object.entries(properties ?? {}).map(([name, definition]) => {
    const type = isRecord(definition) && typeof definition[typeKey] === 'string' ? definition[typeKey] : 'string';
    return [name, type] as const;
  });
}
