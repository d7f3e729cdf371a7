import type { ChatRequest } from '@oci-genai-rx/core';
import type { RunToolsEvent, RunToolsTool } from '@oci-genai-rx/operators';
import { runTools } from '@oci-genai-rx/operators';
import { delay, lastValueFrom, of, Subject, takeUntil, tap } from 'rxjs';
import type { Connection } from '../common/connect.js';

/**
 * `runTools`: a 3-step loop (a tool, another tool, then the answer), two tools called in
 * parallel in one step, and a loop cancelled by unsubscribing while a tool runs. The embedded
 * emulator calls the tools the prompt names, in that order, with arguments of the declared types.
 *
 * @example
 * await runToolsExample(connection);
 * // step 1 tool-call sqrt {"x":16}
 * // step 1 tool-result 4
 * // …
 */
export async function runToolsExample({ client, model }: Connection): Promise<void> {
  const tools = {
    sqrt: {
      description: 'The square root of x',
      parameters: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
      execute: ({ x }: { x: number }) => Math.sqrt(x),
    },
    getWeather: {
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      execute: ({ city }: { city: string }) => of({ city, sky: 'sunny', high: 21 }).pipe(delay(100)), // an Observable: its last value
    },
  } satisfies Record<string, RunToolsTool<never>>;
  // One line per tool call and result, and the first sentence of each step's answer.
  const show = (): ((event: RunToolsEvent) => void) => {
    const answers = new Map<number, string>();
    return (event) => {
      if (event.type === 'tool-call') console.log(`step ${event.step} tool-call ${event.toolCall.name} ${event.toolCall.arguments}`);
      if (event.type === 'tool-result') console.log(`step ${event.step} tool-result ${event.toolCall.name} ${event.output}`);
      if (event.type === 'text') answers.set(event.step, (answers.get(event.step) ?? '') + event.text);
      const [firstSentence, ...more] = (answers.get(event.step) ?? '').split(/(?<=[.!?])\s/);
      if (event.type === 'finish' && firstSentence !== '') console.log(`step ${event.step} answer: ${firstSentence}${more.length > 0 ? ' …' : ''}`);
    };
  };

  const request: ChatRequest = { model, prompt: 'Take the sqrt of 16, then getWeather for the city.' };
  await lastValueFrom(runTools((r) => client.chat(r), request, tools, { maxSteps: 5 }).pipe(tap(show())));

  console.log('-- parallel:');
  const parallel: ChatRequest = { model, prompt: 'Call getWeather and sqrt in parallel.' };
  await lastValueFrom(runTools((r) => client.chat(r), parallel, tools).pipe(tap(show())));

  console.log('-- cancelled while a tool runs:');
  const toolStarted = new Subject<void>();
  const slowWeather: RunToolsTool<{ city: string }> = {
    ...tools.getWeather,
    execute: (_args, { signal }) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        console.log(`getWeather's signal aborted: ${String(signal.aborted)}`);
        reject(signal.reason as Error);
      });
      setTimeout(() => toolStarted.next(), 10); // the user presses Stop
    }),
  };
  const stopped = runTools((r) => client.chat(r), { model, prompt: 'What is the weather? Use getWeather.' }, { getWeather: slowWeather });
  await lastValueFrom(stopped.pipe(tap(show()), takeUntil(toolStarted)), { defaultValue: undefined });
  console.log('the loop ended without a result or a next step');
}
