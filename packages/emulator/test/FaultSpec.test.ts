import { describe, expect, it } from 'vitest';
import { FaultSchedule } from '../src/internal/faults/FaultSchedule.js';
import { faultNames, parseFaultSpec } from '../src/internal/faults/FaultSpec.js';

describe('parseFaultSpec', () => {
  it('reads every documented fault', () => {
    const spec = parseFaultSpec(
      'status=503; retry-after=2; non-json-error; disconnect-after=3; stall-after=4; keepalive=50; line-ending=crlf; events-per-write=5; chunk-bytes=1; split-utf8; no-final-newline; done=off; linger; garbage-after=6; redirect; ttft-ms=7; token-interval-ms=8; tokens=9',
    );
    expect(spec).toEqual({
      status: 503,
      retryAfter: '2',
      nonJsonError: true,
      disconnectAfter: 3,
      stallAfter: 4,
      keepaliveMs: 50,
      lineEnding: 'crlf',
      eventsPerWrite: 5,
      chunkBytes: 1,
      splitUtf8: true,
      noFinalNewline: true,
      done: false,
      linger: true,
      garbageAfter: 6,
      redirect: true,
      ttftMs: 7,
      tokenIntervalMs: 8,
      tokens: 9,
    });
    expect(faultNames).toHaveLength(18);
  });

  it('accepts an HTTP date for retry-after', () => {
    expect(parseFaultSpec('status=429;retry-after=Wed, 21 Oct 2015 07:28:00 GMT').retryAfter).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('names an unknown fault', () => {
    expect(() => parseFaultSpec('linger; disconect-after=3')).toThrow(/Unknown fault "disconect-after=3"/);
  });

  it.each([
    ['status=200', /400 to 599/],
    ['chunk-bytes=0', /at least 1/],
    ['tokens=many', /whole number/],
    ['line-ending=crcr', /lf, crlf or cr/],
    ['done=yes', /done=on or done=off/],
    ['linger=5', /takes no value/],
    ['retry-after=5', /only applies together with status/],
    ['status=503;retry-after=soon', /seconds or an HTTP date/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe('FaultSchedule', () => {
  it('prefers the header, then setFault, then the default', () => {
    const schedule = new FaultSchedule('tokens=1');
    expect(schedule.select(undefined)).toEqual({ tokens: 1 });
    schedule.set('tokens=2');
    expect(schedule.select(undefined)).toEqual({ tokens: 2 });
    expect(schedule.select('tokens=3')).toEqual({ tokens: 3 });
    schedule.set(undefined);
    expect(schedule.select(undefined)).toEqual({ tokens: 1 });
  });

  it('uses a setFault spec for `times` requests only', () => {
    const schedule = new FaultSchedule(undefined);
    schedule.set('status=503', 2);
    expect(schedule.select(undefined)).toEqual({ status: 503 });
    expect(schedule.select(undefined)).toEqual({ status: 503 });
    expect(schedule.select(undefined)).toBeUndefined();
  });

  it('does not use up `times` on requests that bring their own header', () => {
    const schedule = new FaultSchedule(undefined);
    schedule.set('status=503', 1);
    expect(schedule.select('tokens=3')).toEqual({ tokens: 3 });
    expect(schedule.select(undefined)).toEqual({ status: 503 });
  });

  it('throws at once on a bad spec or count', () => {
    const schedule = new FaultSchedule(undefined);
    expect(() => schedule.set('lingr')).toThrow(/Unknown fault/);
    expect(() => schedule.set('linger', 0)).toThrow(RangeError);
    expect(() => new FaultSchedule('nope')).toThrow(/Unknown fault/);
  });
});
