import { expect } from 'vitest';

/** One parsed event. */
export type Event = Record<string, unknown>;

/** The text of a GENERIC event's first content part ('' when it has none). */
export function textOf(event: Event): string {
  const message = event['message'] as { content?: Array<{ text?: string }> } | undefined;
  return message?.content?.[0]?.text ?? '';
}

/** Every event is `data: <compact JSON or [DONE]>` and a blank line, LF endings, nothing else. */
export function expectDataOnlyFraming(body: string): void {
  expect(body).toMatch(/^(data: [^\n]+\n\n)+$/);
  for (const line of body.split('\n\n').filter(Boolean)) {
    const data = line.slice('data: '.length);
    if (data !== '[DONE]') expect(JSON.stringify(JSON.parse(data))).toBe(data);
  }
}
