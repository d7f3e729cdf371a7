import { createRequire } from 'node:module';
import type * as OpenTelemetry from '@opentelemetry/api';

/** The part of `@opentelemetry/api` that traceChat uses when the package is installed. */
export type OpenTelemetryApi = typeof OpenTelemetry;

let loaded: OpenTelemetryApi | null | undefined;

/**
 * `@opentelemetry/api` when the app has it installed, else undefined; looked up once, on the
 * first traced stream. It is an optional peer: a static import would fail without it, and the
 * app's copy must be the one used, because it holds the globally registered tracer provider.
 */
export function openTelemetryApi(): OpenTelemetryApi | undefined {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}
