/*
 * A setup file of every workspace project (see vitest.shared.ts): an unhandled rejection or an
 * uncaught exception during a test fails that test, even where the test's own assertions pass.
 * In a user's process either one is a crash (Node ends on an unhandled rejection), so a test
 * run that merely logs one would hide the crash it predicts.
 */
import { afterAll, afterEach } from 'vitest';

const escaped: unknown[] = [];
process.on('unhandledRejection', (reason) => escaped.push(reason));
process.on('uncaughtException', (error) => escaped.push(error));

function failOnEscaped(): void {
  if (escaped.length === 0) return;
  const errors = escaped.splice(0);
  const first = errors[0];
  const text = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  throw new AggregateError(errors, `${errors.length} unhandled rejection(s) or uncaught exception(s) during this test; the first: ${text}`);
}

afterEach(failOnEscaped);
afterAll(failOnEscaped);
