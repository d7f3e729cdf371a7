/*
 * Run by unhandledGuard.test.ts through vitest in a child process, never by `pnpm test`: each
 * test passes its own assertions but lets an error escape, which the suite-wide guard must turn
 * into a failure of that test.
 */
import { expect, it } from 'vitest';

it('lets a rejection go unhandled', async () => {
  void Promise.reject(new Error('nobody awaits this'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(1).toBe(1);
});

it('throws from a timer', async () => {
  setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(1).toBe(1);
});

it('passes when nothing escapes', () => {
  expect(1).toBe(1);
});
