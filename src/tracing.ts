// OpenTelemetry for the server process, off unless asked for. This module only reads the settings;
// the SDK and the exporters are imported when tracing is on, so a server without it neither loads
// them nor pays for them per request (src/yoga.ts adds no plugin and leaves the SQL runner as it is).
//
//   TALKGRAPH_TRACING=otlp        spans to an OTLP/HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT or
//                                 OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, default http://localhost:4318)
//   TALKGRAPH_TRACING=console     spans printed to standard output, for a look during development
//   TALKGRAPH_TRACING=off         none, even when an OTLP endpoint is set
//   unset                         otlp when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set, else off
// OTEL_SDK_DISABLED=true turns it off too, as in every OpenTelemetry SDK. OTEL_SERVICE_NAME names
// the service (default talkgraph).
import type { Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace';

export type TracingMode = 'otlp' | 'console';

/** A started tracer provider: the tracer the server uses, and how to send what is left at exit. */
export interface Tracing {
  mode: TracingMode | 'exporter';
  tracer: Tracer;
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops the exporter. */
  shutdown(): Promise<void>;
}

const modes = ['otlp', 'console', 'off'] as const;

/** Which tracing the environment asks for; undefined when none. */
export function tracingModeFromEnv(env: NodeJS.ProcessEnv = process.env): TracingMode | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const asked = env.TALKGRAPH_TRACING?.trim().toLowerCase();
  if (asked) {
    if (!(modes as readonly string[]).includes(asked)) {
      throw new Error(`TALKGRAPH_TRACING must be one of ${modes.join(', ')} (got "${env.TALKGRAPH_TRACING}").`);
    }
    return asked === 'off' ? undefined : (asked as TracingMode);
  }
  return env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() ? 'otlp' : undefined;
}

export interface StartTracingOptions {
  /** Where spans go: a mode, or an exporter of the caller's (tests and the benchmark use an in-memory one). */
  export: TracingMode | SpanExporter;
  /** Default OTEL_SERVICE_NAME, or talkgraph. */
  serviceName?: string;
  /**
   * Export each span as it ends instead of in batches. Default false (batches), except for a
   * caller's exporter, which gets each span at once so a test can read it after the request.
   */
  immediate?: boolean;
}

/**
 * Starts a tracer provider and makes the active span follow async calls (AsyncLocalStorage), so
 * spans started inside a request (its SQL statements) become its children.
 */
export async function startTracing(options: StartTracingOptions): Promise<Tracing> {
  const [{ context }, { AsyncLocalStorageContextManager }, sdk, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/resources'),
  ]);
  const exporter: SpanExporter =
    options.export === 'otlp'
      ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter()
      : options.export === 'console'
        ? new sdk.ConsoleSpanExporter()
        : options.export;
  const immediate = options.immediate ?? typeof options.export === 'object';
  const provider = new sdk.TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? process.env.OTEL_SERVICE_NAME ?? 'talkgraph' }),
    spanProcessors: [immediate ? new sdk.SimpleSpanProcessor({ exporter }) : new sdk.BatchSpanProcessor({ exporter })],
  });
  // A second call (several servers in one test process) keeps the first manager, which serves all.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return {
    mode: typeof options.export === 'string' ? options.export : 'exporter',
    tracer: provider.getTracer('talkgraph'),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
