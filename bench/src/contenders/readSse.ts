import { createParser } from 'eventsource-parser';

/**
 * The loop every hand-written client runs, done right: a streaming UTF-8 decoder, eventsource-parser,
 * `[DONE]` skipped, one `JSON.parse` per event. `onFrame` picks the text out of a frame.
 */
export async function readSse(body: AsyncIterable<Uint8Array>, onFrame: (frame: unknown) => void): Promise<void> {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (event) => {
      if (event.data !== '[DONE]') onFrame(JSON.parse(event.data));
    },
  });
  for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
}

/** A GENERIC frame's text delta, or '' (the finish and usage frames). */
export function genericText(frame: unknown): string {
  const message = (frame as { message?: { content?: Array<{ text?: string }> } }).message;
  return message?.content?.[0]?.text ?? '';
}

/** An OpenAI chunk's content delta, or ''. */
export function openAiText(frame: unknown): string {
  return (frame as { choices?: Array<{ delta?: { content?: string | null } }> }).choices?.[0]?.delta?.content ?? '';
}

/** A Responses event's text delta (`response.output_text.delta`), or ''. */
export function responsesText(frame: unknown): string {
  const event = frame as { type?: string; delta?: string };
  return event.type === 'response.output_text.delta' ? (event.delta ?? '') : '';
}
