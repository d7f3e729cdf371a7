import { cohereEvents, cohereResponse } from '../formats/cohere/cohereChat.js';
import { cohereV2Events, cohereV2Response } from '../formats/cohereV2/cohereV2Chat.js';
import type { Exchange } from './Exchange.js';
import { generateTextEvents, generateTextResponse } from '../formats/generateText/generateText.js';
import { genericEvents, genericResponse } from '../formats/generic/genericChat.js';
import { openAiEvents, openAiResponse } from '../formats/openAi/openAiChat.js';
import { parseChatRequest } from '../formats/parseChatRequest.js';
import { parseGenerateTextRequest } from '../formats/generateText/parseGenerateTextRequest.js';
import { parseOpenAiRequest } from '../formats/openAi/parseOpenAiRequest.js';
import { planAnswer } from '../answers/planAnswer.js';
import { planToolCall } from '../answers/planToolCall.js';
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
    const tool =
      input.format === 'COHEREV2'
        ? undefined
        : planToolCall({ tools: input.tools, choice: input.toolChoice, lastUserText, afterToolResult: input.afterToolResult, seed: answer.seed });
    const now = new Date(exchange.now());
    if (input.format === 'GENERIC') {
      const done = exchange.faults.done ?? input.model.endsWithDone;
      await respond(exchange, input.stream, () => genericEvents(input, answer, tool, done), () => genericResponse(input, answer, tool, now));
    } else if (input.format === 'COHERE') {
      const done = exchange.faults.done ?? false;
      await respond(exchange, input.stream, () => cohereEvents(input, answer, tool, done), () => cohereResponse(input, answer, tool));
    } else {
      const done = exchange.faults.done ?? false;
      await respond(exchange, input.stream, () => cohereV2Events(input, answer, done), () => cohereV2Response(input, answer));
    }
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
    const done = exchange.faults.done ?? input.model.endsWithDone;
    const now = new Date(exchange.now());
    await respond(exchange, input.stream, () => generateTextEvents(input, answer, done), () => generateTextResponse(input, answer, now));
  },
};

const openAiChat: Route = {
  allowsBearer: true,
  async handle(exchange, json) {
    const input = parseOpenAiRequest(json);
    const answer = planAnswer(
      { modelId: input.model.id, conversation: input.conversation, maxTokens: input.maxTokens, reasoning: input.model.reasoning },
      exchange.settings,
    );
    const done = exchange.faults.done ?? true;
    const now = new Date(exchange.now());
    await respond(exchange, input.stream, () => openAiEvents(input, answer, now, done), () => openAiResponse(input, answer, now));
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
]);
