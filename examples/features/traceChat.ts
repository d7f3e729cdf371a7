import type { ChatRequest } from '@oci-genai-rx/core';
import { toText } from '@oci-genai-rx/core';
import { traceChat } from '@oci-genai-rx/operators';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { lastValueFrom } from 'rxjs';
import type { Connection } from '../common/connect.js';

/**
 * `traceChat`: one request traced as one OpenTelemetry span with the GenAI semantic
 * conventions, its first attempt refused with a 503 by the embedded emulator (against OCI
 * there is nothing to retry), read back from the SDK's in-memory exporter. An app registers its
 * own exporter (OTLP, the console) instead.
 *
 * @example
 * await traceChatExample(connection);
 * // span: chat meta.llama-3.3-70b-instruct
 * //   gen_ai.operation.name = "chat"
 * // …
 */
export async function traceChatExample({ client, model, emulator }: Connection): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const request: ChatRequest = { model, prompt: 'Tell me a joke.', maxTokens: 100, temperature: 0.5 };
  emulator?.setFault('status=503', { times: 1 });

  await lastValueFrom(client.chat(request).pipe(traceChat({ request, tracer: provider.getTracer('features'), retry: 2 }), toText()));

  for (const span of exporter.getFinishedSpans()) {
    console.log(`span: ${span.name}`);
    for (const [key, value] of Object.entries(span.attributes)) {
      // A new opc-request-id every request: quote it to Oracle support, not in this output.
      console.log(`  ${key} = ${key === 'oci.opc_request_id' ? '"…"' : JSON.stringify(value)}`);
    }
    console.log(`  events: ${span.events.map((event) => event.name + (event.name === 'retry' ? ` (${String(event.attributes?.['error.type'])})` : '')).join(', ')}`);
  }
  await provider.shutdown();
}
