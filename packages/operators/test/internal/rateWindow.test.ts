import { describe, expect, it } from 'vitest';
import { createRateWindow } from '../../src/internal/rateWindow.js';

const unlimited = { requestsPerInterval: Infinity, tokensPerInterval: Infinity, intervalMs: 60_000 };

describe('createRateWindow', () => {
  it('lets a start through while the window has fewer starts than the budget', () => {
    let now = 0;
    const limiter = createRateWindow({ ...unlimited, requestsPerInterval: 2, intervalMs: 100 }, () => now);
    limiter.started();
    expect(limiter.waitMs()).toBe(0);
    limiter.started();
    now = 30;
    expect(limiter.waitMs()).toBe(70);
    now = 100;
    expect(limiter.waitMs()).toBe(0);
  });

  it('waits until enough tokens leave the window to bring it under budget', () => {
    let now = 0;
    const limiter = createRateWindow({ ...unlimited, tokensPerInterval: 100, intervalMs: 50 }, () => now);
    limiter.used(70);
    now = 10;
    limiter.used(40);
    expect(limiter.waitMs()).toBe(40); // at 50 the 70 leave, 40 < 100
    now = 50;
    expect(limiter.waitMs()).toBe(0);
  });

  it('ignores zero and negative token counts', () => {
    const limiter = createRateWindow({ ...unlimited, tokensPerInterval: 1 }, () => 0);
    limiter.used(0);
    limiter.used(-5);
    expect(limiter.waitMs()).toBe(0);
  });
});
