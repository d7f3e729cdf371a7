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
  /**
   * Further calls the model makes in the same turn, in order (parallel tool calls): the GENERIC
   * format sends them after this one; the other formats send this call only.
   */
  readonly alongside: readonly ToolCallPlan[];
}

/** What decides whether and which tool is called. */
export interface ToolCallRequest {
  readonly tools: readonly ToolDefinition[];
  readonly choice: ToolChoice;
  readonly lastUserText: string;
  /** Tool results since the last user message: the step of the tool loop (0 before any call). */
  readonly toolResults: number;
  readonly seed: string;
}

const sampleStrings = ['Munich', 'Tokyo', 'Chicago', 'Osaka', 'London'];

/**
 * Decides the tool call of this step of a tool loop, deterministically:
 * - the tools the last user message names, in the order it names them, one per step: the
 *   first before any tool result, the second after one result, and so on; then text;
 * - all of them at once (parallel calls, in `alongside`) when the message also says
 *   "parallel", "at once", "together" or "simultaneously"; then text after their results;
 * - the named function of a FUNCTION choice, or the first tool when the message says "tool"
 *   (or the choice is 'required'), before any tool result;
 * - none without tools, with choice 'none', or once the steps are done.
 * Arguments follow the declared parameter types.
 *
 * @example
 * planToolCall({ tools: [{ name: 'sqrt', parameters: [['x', 'number']] }], choice: 'auto', lastUserText: 'sqrt of 16?', toolResults: 0, seed: 's' });
 * // { id: 'chatcmpl-tool-…', name: 'sqrt', parameters: { x: 16 }, arguments: '{"x":16}', pieces: ['{"x', '":16', '}'], alongside: [] }
 */
export function planToolCall(request: ToolCallRequest): ToolCallPlan | undefined {
  const { tools, choice, lastUserText, toolResults, seed } = request;
  if (tools.length === 0 || choice === 'none') return undefined;
  const text = lastUserText.toLowerCase();
  const named = tools
    .map((tool) => ({ tool, at: text.indexOf(tool.name.toLowerCase()) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ tool }) => tool);
  if (typeof choice !== 'object' && named.length > 0) {
    if (/\b(parallel|at once|together|simultaneously)\b/.test(text)) {
      if (toolResults > 0) return undefined;
      const [first, ...rest] = named.map((tool, index) => callOf(tool, index === 0 ? `${seed}|tool` : `${seed}|tool|${index}`, []));
      return first === undefined ? undefined : { ...first, alongside: rest };
    }
    const tool = named[toolResults];
    return tool === undefined ? undefined : callOf(tool, `${seed}|tool`, []);
  }
  if (toolResults > 0) return undefined;
  let tool: ToolDefinition | undefined;
  if (typeof choice === 'object') tool = tools.find((candidate) => candidate.name === choice.function);
  if (tool === undefined && (choice === 'required' || /\btools?\b/.test(text))) tool = tools[0];
  return tool === undefined ? undefined : callOf(tool, `${seed}|tool`, []);
}

function callOf(tool: ToolDefinition, seed: string, alongside: readonly ToolCallPlan[]): ToolCallPlan {
  const random = seededRandom(seed);
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
  return { id, name: tool.name, parameters, arguments: json, pieces, alongside };
}

function sampleValue(type: string, text: string): unknown {
  if (type.startsWith('num') || type.startsWith('int') || type === 'float') return 16;
  if (type.startsWith('bool')) return true;
  if (type === 'array' || type.startsWith('list')) return [];
  if (type === 'object' || type.startsWith('dict')) return {};
  return text;
}
