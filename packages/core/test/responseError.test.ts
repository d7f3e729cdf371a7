import { describe, expect, it } from 'vitest';
import { isRetryable, isRetryableStatus, OciHttpError, RateLimitError } from '../src/index.js';
import { parseRetryAfter } from '../src/internal/responseError.js';

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Wed, 25 Nov 2026 03:00:00 GMT');
    expect(parseRetryAfter('Wed, 25 Nov 2026 03:00:07 GMT', now)).toBe(7000);
  });

  it('ignores a date in the past, so that the backoff decides', () => {
    const now = Date.parse('Wed, 25 Nov 2026 03:00:00 GMT');
    expect(parseRetryAfter('Wed, 25 Nov 2026 02:59:00 GMT', now)).toBeUndefined();
  });

  it.each(['-5', '0', '-0.5', '1e400', 'Infinity', 'NaN', '5 seconds', '0x10', '1234567890123', 'Wed, 99 Nov 2026 03:00:07 GMT'])(
    'ignores the negative, zero or garbage value %j',
    (value) => {
      expect(parseRetryAfter(value)).toBeUndefined();
    },
  );

  it('ignores absent or unreadable values and caps huge ones', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('99999999')).toBe(24 * 60 * 60 * 1000);
    expect(parseRetryAfter('Fri, 01 Jan 9999 00:00:00 GMT')).toBe(24 * 60 * 60 * 1000);
  });
});

describe('retryable statuses', () => {
  it.each([[429, undefined, true], [500, undefined, true], [502, undefined, true], [503, undefined, true], [504, undefined, true],
    [409, 'IncorrectState', true], [409, 'Conflict', false], [400, 'InvalidParameter', false], [401, 'NotAuthenticated', false], [404, 'NotFound', false]])(
    'status %i %s retryable is %s', (status, code, expected) => {
      expect(isRetryableStatus(status, code)).toBe(expected);
    });

  it('marks an HTTP error retryable from its status, and says so through isRetryable', () => {
    const error = new RateLimitError('slow down', { status: 429, ociCode: 'TooManyRequests', opcRequestId: 'R1', retryAfterMs: 1000 });
    expect(error).toBeInstanceOf(OciHttpError);
    expect(error.retryable).toBe(true);
    expect(isRetryable(error)).toBe(true);
    expect(isRetryable(new Error('x'))).toBe(false);
    expect(error.message).toBe('OCI Generative AI answered 429 TooManyRequests: slow down (opc-request-id R1)');
    expect(error.name).toBe('RateLimitError');
    expect(error.code).toBe('HTTP');
  });
});
