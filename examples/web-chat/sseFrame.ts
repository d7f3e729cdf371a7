/**
 * One server-sent event: its name and its data as one line of JSON (JSON never holds a raw
 * newline, so one `data:` line is always enough).
 *
 * @example
 * sseFrame('text', { type: 'text', text: 'Hi' }); // 'event: text\ndata: {"type":"text","text":"Hi"}\n\n'
 */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
