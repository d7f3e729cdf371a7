/* global TextDecoderStream */

/**
 * Reads server-sent events from a fetch response body, yielding `{ event, data }` with `data`
 * parsed as JSON. EventSource would do the parsing, but it can only GET and it reconnects on
 * its own (asking the same question again); fetch can POST a conversation and be aborted.
 *
 * This reader handles what the chat relay sends (an `event:` line and one `data:` line per
 * event, events split anywhere across chunks); it is not a general SSE parser.
 *
 * @param {ReadableStream<Uint8Array>} body
 * @returns {AsyncGenerator<{ event: string, data: unknown }>}
 * @example
 * for await (const { event, data } of readServerSentEvents(response.body)) console.log(event, data);
 * // start { type: 'start', opcRequestId: '…' }
 * // text { type: 'text', text: 'Why' }
 */
export async function* readServerSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        let data = '';
        for (const line of frame.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data !== '') yield { event, data: JSON.parse(data) };
      }
    }
  } finally {
    reader.releaseLock();
  }
}
