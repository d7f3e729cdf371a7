import { map } from 'rxjs';
import { sseFrame } from '../sseFrame.js';
import type { StreamProtocol } from '../StreamProtocol.js';
import { toUiMessageChunks } from './toUiMessageChunks.js';

/**
 * The AI SDK's UI message stream (`POST /api/ui-chat`), what a `useChat` front end reads:
 * the `x-vercel-ai-ui-message-stream: v1` header, each part (see `toUiMessageChunks`) as a
 * `data:` event, then `data: [DONE]`; a failure is an `error` part with the error's readable
 * message, then `[DONE]`.
 *
 * @example
 * relayAnswer(client.chat(request), res, uiMessageStreamProtocol);
 * // data: {"type":"start","messageId":"msg-E869…"}\n\n
 * // data: {"type":"start-step"}\n\n
 * // data: {"type":"text-start","id":"text-0"}\n\n
 * // data: {"type":"text-delta","id":"text-0","delta":"Why"}\n\n
 * // …
 * // data: [DONE]\n\n
 */
export const uiMessageStreamProtocol: StreamProtocol = {
  headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-vercel-ai-ui-message-stream': 'v1' },
  frames: (answer) => answer.pipe(toUiMessageChunks(), map((chunk) => sseFrame(undefined, chunk))),
  errorFrame: (error) => `${sseFrame(undefined, { type: 'error', errorText: error.opcRequestId === undefined ? error.message : `${error.message} (opc-request-id ${error.opcRequestId})` })}data: [DONE]\n\n`,
  endFrame: 'data: [DONE]\n\n',
};
