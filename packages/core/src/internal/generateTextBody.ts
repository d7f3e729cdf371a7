import { InvalidRequestError } from '../errors.js';
import type { GenerateTextRuntime } from '../events.js';
import type { GenerateTextRequest } from '../generateTextRequest.js';
import { generateTextRuntimeFor } from '../modelFamily.js';
import { generateText } from './formats/index.js';
import { checkNumber, definedOnly, requireText } from './bodyFields.js';
import { servingMode } from './servingMode.js';

function runtimeOf(request: GenerateTextRequest): GenerateTextRuntime {
  const family = generateTextRuntimeFor(request.model);
  const runtime = request.runtime ?? family ?? generateText.defaultRuntime;
  if (!generateText.runtimes.includes(runtime)) {
    throw new InvalidRequestError(`"${String(runtime)}" is not a generateText runtime. Use ${generateText.runtimes.join(' or ')}.`, { field: 'runtime' });
  }
  if (family !== undefined && family !== runtime) {
    throw new InvalidRequestError(`${request.model} runs on the ${family} runtime, not ${runtime}. Use ${family}, or leave runtime out.`, { field: 'runtime' });
  }
  return runtime;
}

/**
 * The JSON body of a streaming generateText call, validated before anything is sent. The
 * envelope is shared; the runtime's own fields come from `formats/generateText.ts`.
 *
 * @throws {InvalidRequestError} for an empty prompt, an unknown runtime or one the model family does not run.
 * @example
 * ```ts
 * generateTextBody({ model: 'cohere.command', prompt: 'Hi' }, compartmentId).runtime; // 'COHERE'
 * ```
 */
export function generateTextBody(request: GenerateTextRequest, compartmentId: string): { body: string; runtime: GenerateTextRuntime } {
  requireText('model', request.model, 'Pass a model id such as cohere.command or a dedicated endpoint OCID.');
  requireText('prompt', request.prompt, 'Pass a non-empty prompt.');
  const runtime = runtimeOf(request);
  for (const field of ['maxTokens', 'temperature', 'topP', 'topK'] as const) checkNumber(field, request[field]);
  const inferenceRequest = {
    runtimeType: runtime,
    prompt: request.prompt,
    isStream: true,
    ...definedOnly({ maxTokens: request.maxTokens, temperature: request.temperature, topP: request.topP, topK: request.topK }),
    ...generateText.bodyFields(request, runtime),
    ...request.raw,
  };
  return { body: JSON.stringify({ compartmentId, servingMode: servingMode(request.model), inferenceRequest }), runtime };
}
