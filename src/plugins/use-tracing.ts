// OpenTelemetry spans for HTTP requests and the GraphQL phases inside them (see useTracing).
import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { earlyAnswer } from './request-facts.js';

export interface TracingOptions {
  /**
   * Where the spans go: a tracer of a started provider (src/tracing.ts's startTracing). The active
   * span must follow async calls (a context manager such as AsyncLocalStorage), or the SQL spans
   * of src/db/traced-sql.ts will not be children of their request.
   */
  tracer: Tracer;
}

type MaybePromise<T> = T | Promise<T>;

const isPromise = <T>(value: MaybePromise<T>): value is Promise<T> => typeof (value as Promise<T> | undefined)?.then === 'function';

function failed(span: Span, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Runs `wrapped` as the active span `name`, ending the span when it has finished, in time or not. */
function inSpan<T>(tracer: Tracer, name: string, attributes: Attributes, kind: SpanKind, wrapped: () => MaybePromise<T>, onSpan?: (span: Span) => void): MaybePromise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, (span) => {
    onSpan?.(span);
    let result: MaybePromise<T>;
    try {
      result = wrapped();
    } catch (error) {
      failed(span, error);
      span.end();
      throw error;
    }
    if (!isPromise(result)) {
      span.end();
      return result;
    }
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failed(span, error);
        span.end();
        throw error;
      },
    );
  });
}

/**
 * OpenTelemetry spans for each HTTP request, and inside a GraphQL request for its parse, validate
 * and execute phases; the read path's SQL statements become children of execute (src/db/traced-sql.ts).
 * It uses Yoga's instrumentation hooks, which wrap each phase, so the active span is the phase's
 * while it runs. Only added when tracing is on (src/yoga.ts); no attribute holds a variable's value.
 *
 *   request   "POST /graphql"    http.request.method, url.path, http.response.status_code
 *   parse     "graphql.parse"
 *   validate  "graphql.validate"
 *   execute   "graphql.execute"  graphql.operation.name, graphql.operation.type; status ERROR when
 *                                the result carries errors (graphql.error.count)
 *
 * A repeated read answered as it arrived (src/plugins/use-compiled-operations.ts) has only the
 * request's span, which then carries the operation's name and type, and its statement's span.
 */
export function useTracing({ tracer }: TracingOptions): Plugin {
  const requestSpans = new WeakMap<Request, Span>();
  return {
    instrumentation: {
      request: ({ request }, wrapped) => {
        const path = new URL(request.url, 'http://localhost').pathname;
        return inSpan(tracer, `${request.method} ${path}`, { 'http.request.method': request.method, 'url.path': path }, SpanKind.SERVER, wrapped, (span) =>
          requestSpans.set(request, span),
        );
      },
      parse: (_payload, wrapped) => inSpan(tracer, 'graphql.parse', {}, SpanKind.INTERNAL, wrapped),
      validate: (_payload, wrapped) => inSpan(tracer, 'graphql.validate', {}, SpanKind.INTERNAL, wrapped),
      execute: (_payload, wrapped) => inSpan(tracer, 'graphql.execute', {}, SpanKind.INTERNAL, wrapped),
    },
    onExecute({ args }) {
      // Called inside the execute instrumentation, so the active span is graphql.execute.
      const active = trace.getActiveSpan();
      const operation = getOperationAST(args.document, args.operationName);
      if (operation) active?.setAttribute('graphql.operation.type', operation.operation);
      if (operation?.name) active?.setAttribute('graphql.operation.name', operation.name.value);
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && Array.isArray(result.errors) ? result.errors.length : 0;
          if (errors > 0 && active) {
            active.setAttribute('graphql.error.count', errors);
            active.setStatus({ code: SpanStatusCode.ERROR, message: `${errors} GraphQL error(s)` });
          }
        },
      };
    },
    onResponse({ request, response }) {
      const span = requestSpans.get(request);
      span?.setAttribute('http.response.status_code', response.status);
      // A repeat answered as it arrived has no phases: the request's span names its operation.
      const early = earlyAnswer(request);
      if (span && early) {
        span.setAttribute('graphql.operation.type', early.type);
        if (early.name) span.setAttribute('graphql.operation.name', early.name);
      }
    },
  };
}
