import { OciGenAiError, isRetryable } from '@oci-genai-rx/core';
import { describe, expect, it } from 'vitest';
import { StreamTimeoutError } from '../src/StreamTimeoutError.js';

describe('StreamTimeoutError', () => {
  it('is an OciGenAiError with the TIMEOUT code and a stable name', () => {
    const error = new StreamTimeoutError('No token for 5000 ms after the last one', { phase: 'idle', waitedMs: 5_000, tokensReceived: 3 });
    expect(error).toBeInstanceOf(OciGenAiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StreamTimeoutError');
    expect(error.code).toBe('TIMEOUT');
  });

  it('teaches the fix for a missing first token', () => {
    const error = new StreamTimeoutError('No first token after 10000 ms', { phase: 'first-token', waitedMs: 10_000, tokensReceived: 0 });
    expect(error.message).toBe("No first token after 10000 ms (0 tokens received). Raise firstTokenMs or check the model's load.");
  });

  it('teaches the fix for a stalled stream and a stream over its total time', () => {
    expect(new StreamTimeoutError('No token for 5000 ms after the last one', { phase: 'idle', waitedMs: 5_000, tokensReceived: 1 }).message).toMatch(/^No token for 5000 ms after the last one \(1 token received\).*Raise idleMs/);
    expect(new StreamTimeoutError('The stream did not complete within 60000 ms', { phase: 'total', waitedMs: 60_000, tokensReceived: 7 }).message).toMatch(/^The stream did not complete within 60000 ms \(7 tokens received\).*Raise totalMs/);
  });

  it('quotes the opc-request-id when it is known', () => {
    const error = new StreamTimeoutError('No first token after 1 ms', { phase: 'first-token', waitedMs: 1, tokensReceived: 0, opcRequestId: 'req-9' });
    expect(error.opcRequestId).toBe('req-9');
    expect(error.message).toMatch(/\(opc-request-id req-9\)$/);
  });

  it('is retryable only when no token had arrived', () => {
    const retryable = (phase: 'first-token' | 'idle' | 'total', tokensReceived: number) => isRetryable(new StreamTimeoutError('Timed out', { phase, waitedMs: 1, tokensReceived }));
    expect(retryable('first-token', 0)).toBe(true);
    expect(retryable('total', 0)).toBe(true);
    expect(retryable('total', 2)).toBe(false);
    expect(retryable('idle', 2)).toBe(false);
  });
});
