import { setTimeout as sleep } from 'node:timers/promises';
import { NEVER, Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../core/test/support/emulatorClient.js';
import { eventually, startHarness } from '../../core/test/support/emulatorClient.js';
import { runTools } from '../src/runTools.js';
import type { RunToolsEvent, RunToolsTool } from '../src/runTools.js';
import { ToolError } from '../src/ToolError.js';

const model = 'meta.llama-3.3-70b-instruct';
let h: Harness;
beforeAll(async () => {
  // A long grace period: a stream the server keeps open (linger) stays open while tools run.
  h = await startHarness({ tokens: 8 }, { finishGraceMs: 5000 });
});
afterAll(() => h.close());

const numberParameters = { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] };
const sqrt: RunToolsTool<{ x: number }> = {
  description: 'The square root of x',
  parameters: numberParameters,
  execute: ({ x }) => Math.sqrt(x),
};
const weatherParameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

function settle(events: Observable<RunToolsEvent>): Promise<{ events: RunToolsEvent[]; error: unknown }> {
  return new Promise((resolve) => {
    const seen: RunToolsEvent[] = [];
    events.subscribe({ next: (event) => seen.push(event), error: (error: unknown) => resolve({ events: seen, error }), complete: () => resolve({ events: seen, error: undefined }) });
  });
}

const summary = (events: readonly RunToolsEvent[]) =>
  events.filter((e) => e.type === 'tool-call' || e.type === 'tool-result' || e.type === 'finish').map((e) => `${e.step} ${e.type}${e.type === 'tool-call' || e.type === 'tool-result' ? ` ${e.toolCall.name}` : ''}`);

describe('runTools against the emulator', () => {
  it('runs a 3-step loop: a tool, another tool with the first result in the conversation, then text', async () => {
    const cities: string[] = [];
    const getWeather: RunToolsTool<{ city: string }> = {
      parameters: weatherParameters,
      execute: async ({ city }) => {
        cities.push(city);
        await sleep(5);
        return { city, sky: 'clear' };
      },
    };
    const requests = h.emulator.counters.requests;
    const prompt = 'Take the sqrt of 16, then getWeather for the city.';
    const { events, error } = await settle(runTools((r) => h.client.chat(r), { model, prompt }, { sqrt, getWeather }));
    expect(error).toBeUndefined();
    // A tool starts when its call arrives (before the finish event); the next step waits for both.
    expect(summary(events)).toEqual(['1 tool-call sqrt', '1 tool-result sqrt', '1 finish', '2 tool-call getWeather', '2 finish', '2 tool-result getWeather', '3 finish']);
    expect(events.find((e) => e.type === 'tool-result' && e.toolCall.name === 'sqrt')).toMatchObject({ output: '4', value: 4 });
    expect(cities).toHaveLength(1);
    expect(events.filter((e) => e.type === 'text' && e.step === 3).length).toBe(8);
    expect(events.filter((e) => e.type === 'text' && e.step < 3)).toEqual([]);
    expect(h.emulator.counters.requests - requests).toBe(3);
  });

  it('runs parallel tool calls at the same time and answers after both results', async () => {
    let running = 0;
    let overlapped = false;
    const slow = (name: string): RunToolsTool<Record<string, unknown>> => ({
      parameters: name === 'sqrt' ? numberParameters : weatherParameters,
      execute: async () => {
        running += 1;
        await sleep(50);
        overlapped ||= running === 2;
        running -= 1;
        return `${name} done`;
      },
    });
    const prompt = 'Call getWeather and sqrt in parallel.';
    const { events, error } = await settle(runTools((r) => h.client.chat(r), { model, prompt }, { getWeather: slow('getWeather'), sqrt: slow('sqrt') }));
    expect(error).toBeUndefined();
    expect(events.filter((e) => e.type === 'tool-call').map((e) => e.step === 1 && e.toolCall.name)).toEqual(['getWeather', 'sqrt']);
    expect(events.filter((e) => e.type === 'tool-result').map((e) => e.output).sort()).toEqual(['getWeather done', 'sqrt done']);
    expect(overlapped).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'usage', step: 2 });
  });

  it('aborts the HTTP stream and the running tool when unsubscribed mid-tool', async () => {
    const requests = h.emulator.counters.requests;
    let signal: AbortSignal | undefined;
    let unsubscribedObservableTool = false;
    let streamOpenDuringTool = false;
    let stop = (): void => undefined;
    const tools: Record<string, RunToolsTool<unknown>> = {
      getWeather: {
        parameters: weatherParameters,
        execute: (_args, context) => {
          signal = context.signal;
          streamOpenDuringTool = h.emulator.counters.activeStreams === 1;
          setImmediate(() => stop());
          return new Promise(() => undefined); // never resolves: only the abort ends it
        },
      },
      sqrt: { parameters: numberParameters, execute: () => new Observable(() => () => {
        unsubscribedObservableTool = true;
      }) },
    };
    // The server keeps the connection open after the finish (linger), so the stream is still running.
    const request = { model, prompt: 'getWeather and sqrt in parallel', headers: { 'x-emulator-fault': 'linger' } };
    const subscription = runTools((r) => h.client.chat(r), request, tools).subscribe({ error: (e: unknown) => { throw e; } });
    stop = () => subscription.unsubscribe();
    await eventually(() => signal?.aborted === true);
    expect(unsubscribedObservableTool).toBe(true);
    expect(streamOpenDuringTool).toBe(true);
    // Closed by the abort: the client would release a lingering stream only after its 5 s grace.
    await eventually(() => h.emulator.counters.activeStreams === 0 && h.emulator.counters.openConnections === 0, 2000);
    expect(h.emulator.counters.requests).toBe(requests + 1); // no next step
  });

  it("gives a failing tool's error to the model as its result, unless told to fail", async () => {
    const broken = { parameters: numberParameters, execute: () => { throw new Error('sqrt is broken'); } };
    const chat = (r: Parameters<typeof h.client.chat>[0]) => h.client.chat(r);
    const { events, error } = await settle(runTools(chat, { model, prompt: 'sqrt of 16?' }, { sqrt: broken }));
    expect(error).toBeUndefined();
    expect(events.find((e) => e.type === 'tool-result')).toMatchObject({ output: '{"error":"sqrt is broken"}', error: expect.any(Error) as unknown });
    expect(events.at(-1)).toMatchObject({ step: 2 });
    const failing = await settle(runTools(chat, { model, prompt: 'sqrt of 16?' }, { sqrt: broken }, { failOnToolError: true }));
    expect(failing.error).toBeInstanceOf(ToolError);
    expect(failing.error).toMatchObject({ code: 'TOOL', step: 1, toolCall: { name: 'sqrt' } });
  });

  it("stops after maxSteps answers without running the last answer's calls", async () => {
    let runs = 0;
    const counted = { parameters: numberParameters, execute: () => ++runs };
    const { events } = await settle(runTools((r) => h.client.chat(r), { model, prompt: 'sqrt of 16?' }, { sqrt: counted }, { maxSteps: 1 }));
    expect(runs).toBe(0);
    expect(summary(events)).toEqual(['1 tool-call sqrt', '1 finish']);
  });

  it('refuses maxSteps below 1', () => {
    expect(() => runTools(() => NEVER, { model, prompt: 'x' }, {}, { maxSteps: 0 })).toThrow(/maxSteps/);
  });
});
