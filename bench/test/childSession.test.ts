import { describe, expect, it } from 'vitest';
import { startChildSession } from '../src/childSession.js';

const fixture = '../test/fixtures/countingChild.ts';

describe('startChildSession', () => {
  it('keeps one process up between measurements, then closes it', async () => {
    const child = await startChildSession<number>(fixture, {});
    // The same process answers every time: its count goes on.
    expect(await child.measure()).toBe(1);
    expect(await child.measure()).toBe(2);
    expect(await child.measure()).toBe(3);
    await child.close();
    await expect(child.measure()).rejects.toThrow(/exited/);
  });

  it('rejects with the child\'s error when a measurement fails', async () => {
    const child = await startChildSession<number>(fixture, { failAt: 2 });
    expect(await child.measure()).toBe(1);
    await expect(child.measure()).rejects.toThrow(/measurement 2 refused/);
    await child.close();
  });

  it('rejects when the set-up fails', async () => {
    await expect(startChildSession<number>(fixture, { failSetup: true })).rejects.toThrow(/set-up refused/);
  });
});
