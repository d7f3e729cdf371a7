import { seededRandom } from './random.js';
import type { ToolChoice, ToolDefinition } from '../formats/toolDefinitions.js';

/** The call the emulated model makes. */
export interface ToolCallPlan {
  /** 'chatcmpl-tool-…', deterministic per request. */
  readonly id: string;
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** `parameters` as the JSON string GENERIC sends. */
  readonly arguments: string;
  /** `arguments` cut into 1-6 character pieces, as models stream them (cuts fall inside strings). */
  readonly pieces: readonly string[];
}

/** What decides whether and which tool is called. */
export interface ToolCallRequest {
  readonly tools: readonly ToolDefinition[];
  readonly choice: ToolChoice;
  readonly lastUserText: string;
  /** The conversation ends with a tool result: answer in text, or agents would loop. */
  readonly afterToolResult: boolean;
  readonly seed: string;
}

const sampleStrings = ['Munich', 'Tokyo', 'Chicago', 'Osaka', 'London'];

/**
 * Decides the tool call: none without tools, after a tool result, or with choice
 * 'none'; the named function for a FUNCTION choice; otherwise the tool whose name the
 * last user message mentions, or the first tool when it says "tool" (or the choice is
 * 'required'). Arguments follow the declared parameter types.
 *
 * @example
 * planToolCall({ tools: [{ name: 'sqrt', parameters: [['x', 'number']] }], choice: 'auto', lastUserText: 'sqrt of 16?', afterToolResult: false, seed: 's' });
 * // { id: 'chatcmpl-tool-…', name: 'sqrt', parameters: { x: 16 }, arguments: '{"x":16}', pieces: ['{"x', '":16', '}'] }
 */
export function planToolCall(request: ToolCallRequest): ToolCallPlan | undefined {
  const { tools, choice, lastUserText, afterToolResult, seed } = request;
  if (tools.length === 0 || afterToolResult || choice === 'none') return undefined;
  const text = lastUserText.toLowerCase();
  let tool: ToolDefinition | undefined;
  if (typeof choice === 'object') tool = tools.find((candidate) => candidate.name === choice.function);
  tool ??= tools.find((candidate) => text.includes(candidate.name.toLowerCase()));
  if (tool === undefined && (choice === 'required' || /\btools?\b/.test(text))) tool = tools[0];
  if (tool === undefined) return undefined;

  const random = seededRandom(`${seed}|tool`);
  const parameters: Record<string, unknown> = {};
  for (const [name, type] of tool.parameters) parameters[name] = sampleValue(type.toLowerCase(), random.pick(sampleStrings));
  const json = JSON.stringify(parameters);
  const pieces: string[] = [];
  for (let offset = 0; offset < json.length; ) {
    const size = random.int(1, 6);
    pieces.push(json.slice(offset, offset + size));
    offset += size;
  }
  const id = `chatcmpl-tool-${Math.floor(random.next() * 0xffffffff).toString(16).padStart(8, '0')}`;
  return { id, name: tool.name, parameters, arguments: json, pieces };
}

function sampleValue(type: string, text: string): unknown {
  if (type.startsWith('num') || type.startsWith('int') || type === 'float') return 16;
  if (type.startsWith('bool')) return true;
  if (type === 'array' || type.startsWith('list')) return [];
  if (type === 'object' || type.startsWith('dict')) return {};
  return text;
}
