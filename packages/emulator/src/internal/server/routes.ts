import { chatFormatWriters } from '../formats/chatFormatWriters.js';
import type { Exchange } from './Exchange.js';
import { generateTextEvents, generateTextResponse } from '../formats/generateText/generateText.js';
import { openAiEvents, openAiResponse } from '../formats/openAi/openAiChat.js';
import { parseChatRequest } from '../formats/parseChatRequest.js';
import { parseGenerateTextRequest } from '../formats/generateText/parseGenerateTextRequest.js';
import { parseOpenAiRequest } from '../formats/openAi/parseOpenAiRequest.js';
import { planAnswer, type Turn } from '../answers/planAnswer.js';
import { planToolCall, type ToolCallPlan } from '../answers/planToolCall.js';
import type { OpenAiOptions } from '../formats/openAi/openAiOptions.js';
import { parseResponsesRequest } from '../formats/responses/parseResponsesRequest.js';
import { responsesEvents, responsesResponse } from '../formats/responses/responsesEvents.js';
import { respond } from './respond.js';

/** An operation the emulator serves. */
export interface Route {
  /** The OpenAI-compatible route also takes a bearer API key. */
  readonly allowsBearer: boolean;
  handle(exchange: Exchange, json: unknown): Promise<void>;
}

const chat: Route = {
  allowsBearer: false,
  async handle(exchange, json) {
    const input = parseChatRequest(json);
    const answer = planAnswer(
      { modelId: input.model.id, conversation: input.conversation, maxTokens: input.maxTokens, reasoning: input.model.reasoning },
      exchange.settings,
    );
    const lastUserText = [...input.conversation].reverse().find((turn) => turn.role === 'USER')?.text ?? '';
    const writer = chatFormatWriters[input.format];
    const tool = writer.plansToolCalls
      ? planToolCall({ tools: input.tools, choice: input.toolChoice, lastUserText, afterToolResult: input.afterToolResult, seed: answer.seed })
      : undefined;
    const now = new Date(exchange.now());
    const done = exchange.faults.endsWithDone(writer.endsWithDone(input.model));
    await respond(exchange, input.stream, () => writer.events(input, answer, tool, done), () => writer.response(input, answer, tool, now));
  },
};

const generateText: Route = {
  allowsBearer: false,
  async handle(exchange, json) {
    const input = parseGenerateTextRequest(json);
    const answer = planAnswer(
      { modelId: input.model.id, conversation: [{ role: 'USER', text: input.prompt }], maxTokens: input.maxTokens, reasoning: false, leadingSpace: true },
      exchange.settings,
    );
    const done = exchange.faults.endsWithDone(input.model.endsWithDone);
    const now = new Date(exchange.now());
    await respond(exchange, input.stream, () => generateTextEvents(input, answer, done), () => generateTextResponse(input, answer, now));
  },
};

/** The tool call of an OpenAI-compatible request, decided as for GENERIC. */
function openAiToolCall(conversation: readonly Turn[], options: OpenAiOptions, seed: string): ToolCallPlan | undefined {
  const lastUserText = [...conversation].reverse().find((turn) => turn.role === 'USER')?.text ?? '';
  const afterToolResult = conversation[conversation.length - 1]?.role === 'TOOL';
  return planToolCall({ tools: options.tools, choice: options.toolChoice, lastUserText, afterToolResult, seed });
}

const openAiChat: Route = {
  allowsBearer: true,
  async handle(exchange, json) {
    const input = parseOpenAiRequest(json);
    const answer = planAnswer(
      { modelId: input.model.id, conversation: input.conversation, maxTokens: input.maxTokens, reasoning: input.model.reasoning },
      exchange.settings,
    );
    const tool = openAiToolCall(input.conversation, input.options, answer.seed);
    const done = exchange.faults.endsWithDone(true);
    const now = new Date(exchange.now());
    await respond(exchange, input.stream, () => openAiEvents(input, answer, tool, now, done), () => openAiResponse(input, answer, tool, now));
  },
};

const responses: Route = {
  allowsBearer: true,
  async handle(exchange, json) {
    const input = parseResponsesRequest(json);
    const answer = planAnswer(
      { modelId: input.model.id, conversation: input.conversation, maxTokens: input.maxTokens, reasoning: input.model.reasoning },
      exchange.settings,
    );
    const tool = openAiToolCall(input.conversation, input.options, answer.seed);
    const now = new Date(exchange.now());
    await respond(exchange, input.stream, () => responsesEvents(input, answer, tool, now), () => responsesResponse(input, answer, tool, now));
  },
};

/**
 * The routes by path; every one takes POST only.
 *
 * @example
 * await routes.get('/20231130/actions/chat')?.handle(exchange, json);
 */
export const routes: ReadonlyMap<string, Route> = new Map([
  ['/20231130/actions/chat', chat],
  ['/20231130/actions/generateText', generateText],
  ['/openai/v1/chat/completions', openAiChat],
  ['/openai/v1/responses', responses],
]);
