import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Records every `unhandledRejection` of the process while the calling test file runs, and
 * fails the file if there was one: a stream's failure must reach its subscriber, never float.
 */
export function failOnUnhandledRejections(): void {
  const rejections: unknown[] = [];
  const listener = (reason: unknown): void => {
    rejections.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterAll(() => {
    process.off('unhandledRejection', listener);
    expect(rejections.map((reason) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)))).toEqual([]);
  });
}
