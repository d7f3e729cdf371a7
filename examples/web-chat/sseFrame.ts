/**
 * One server-sent event: its name (when given) and its data as one line of JSON (JSON never
 * holds a raw newline, so one `data:` line is always enough).
 *
 * @example
 * sseFrame('text', { type: 'text', text: 'Hi' }); // 'event: text\ndata: {"type":"text","text":"Hi"}\n\n'
 * sseFrame(undefined, { type: 'text-delta', id: 'text-1', delta: 'Hi' }); // 'data: {"type":"text-delta","id":"text-1","delta":"Hi"}\n\n'
 */
export function sseFrame(event: string | undefined, data: unknown): string {
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;
}
