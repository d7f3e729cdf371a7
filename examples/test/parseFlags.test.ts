import { describe, expect, it } from 'vitest';
import { parseFlags } from '../common/parseFlags.js';
import { UsageError } from '../common/UsageError.js';

const flags = { retries: { type: 'string' }, port: { type: 'string' }, quiet: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  it('takes a negative number as the value of the flag before it, so the range check can name the range', () => {
    expect(parseFlags(['--retries', '-1'], flags).values.retries).toBe('-1');
    expect(parseFlags(['--port', '-.5', '--quiet'], flags).values).toEqual({ port: '-.5', quiet: true });
  });

  it('still refuses a flag without its value when the next word is another flag', () => {
    expect(() => parseFlags(['--retries', '--quiet'], flags)).toThrow(new UsageError('Option --retries needs a value. Run with --help for the flags.'));
  });

  it('drops the leading -- that pnpm hands on, and keeps what follows a later --', () => {
    expect(parseFlags(['--', '--port', '9000'], flags).values.port).toBe('9000');
    expect(parseFlags(['--quiet', '--', '-1'], flags, true).positionals).toEqual(['-1']);
  });

  it('refuses an unknown flag and an unexpected argument in one sentence that points at --help', () => {
    expect(() => parseFlags(['--bogus'], flags)).toThrow(new UsageError('Unknown option --bogus. Run with --help for the flags.'));
    expect(() => parseFlags(['9000'], flags)).toThrow(new UsageError('Unexpected argument "9000": every value belongs to a flag. Run with --help for the flags.'));
  });
});
