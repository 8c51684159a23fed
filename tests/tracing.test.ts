// Tracing, when it is on: one request gives a span for the HTTP request, its parse, validate and
// execute phases, and one span per SQL statement of the read path, nested as a trace viewer shows
// them, with the statement's text but none of the values a client sent. And when the environment
// asks for nothing, nothing is started.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing, tracingModeFromEnv } from '../src/tracing.js';
import { type App, createApp } from '../src/yoga.js';
import { createSeededDatabase, type TestDatabase } from './helpers/databases.js';
import { execute, request } from './helpers/graphql.js';
import { recording } from './helpers/statements.js';

const highlights = `
  query Highlights($slug: String!) {
    organisation(slug: $slug) {
      name
      reactions(filter: { kinds: [HIGHLIGHT, DAY_HIGHLIGHT] }) {
        totalCount
        edges { node { kind person { name } talk { title conference { name } } } }
      }
    }
  }`;

describe('tracing', () => {
  let db: TestDatabase;
  let tracing: Tracing;
  let app: App;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    db = await createSeededDatabase('embedded');
    tracing = await startTracing({ export: exporter });
    app = createApp({ database: db, logging: false, tracing: { tracer: tracing.tracer } });
  });
  afterAll(async () => {
    await tracing?.shutdown();
    await db?.dispose();
  });

  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
  const idOf = (span: ReadableSpan) => span.spanContext().spanId;

  it('gives the request, its phases and each SQL statement a span, nested, without the values sent', async () => {
    exporter.reset();
    const statements: string[] = [];
    const stop = db.onStatement((event) => statements.push(event.sql));
    const data = await execute(app, highlights, { variables: { slug: 'max-kelsen' } });
    stop();
    expect(data.organisation.reactions.totalCount).toBe(2);
    expect(statements.length).toBeGreaterThan(0);

    const spans = exporter.getFinishedSpans();
    const named = (name: string) => spans.filter((span) => span.name === name);
    expect(named('POST /graphql')).toHaveLength(1);
    const [requestSpan] = named('POST /graphql');
    expect(requestSpan.kind).toBe(SpanKind.SERVER);
    expect(requestSpan.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 200 });
    expect(parentOf(requestSpan)).toBeUndefined();

    for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute']) {
      expect(named(phase), phase).toHaveLength(1);
      expect(parentOf(named(phase)[0]), `${phase} is inside the request`).toBe(idOf(requestSpan));
    }
    const [executeSpan] = named('graphql.execute');
    expect(executeSpan.attributes).toMatchObject({ 'graphql.operation.name': 'Highlights', 'graphql.operation.type': 'query' });

    // One span per statement the read path sent, in the order sent, each inside execute.
    const sqlSpans = spans.filter((span) => 'db.query.text' in span.attributes).sort((a, b) => compareTime(a.startTime, b.startTime));
    expect(sqlSpans.map((span) => span.attributes['db.query.text'])).toEqual(statements);
    for (const span of sqlSpans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.name).toBe('SELECT');
      expect(span.attributes['db.system.name']).toBe('postgresql');
      expect(parentOf(span)).toBe(idOf(executeSpan));
    }
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    // The slug is a value the client sent; statements carry it as a parameter, and no span keeps it.
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain('max-kelsen');
  });

  it('gives a repeat answered as it arrived the request span, named for its operation, and its statement inside it', async () => {
    await execute(app, highlights, { variables: { slug: 'max-kelsen' } });
    exporter.reset();
    const { result: data, statements } = await recording(db, () => execute(app, highlights, { variables: { slug: 'max-kelsen' } }));
    expect(data.organisation.reactions.totalCount).toBe(2);
    expect(statements).toHaveLength(1);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(['POST /graphql', 'SELECT']);
    const requestSpan = spans.find((span) => span.name === 'POST /graphql')!;
    expect(requestSpan.attributes).toMatchObject({ 'http.response.status_code': 200, 'graphql.operation.name': 'Highlights', 'graphql.operation.type': 'query' });
    const sqlSpan = spans.find((span) => span.name === 'SELECT')!;
    expect(sqlSpan.attributes['db.query.text']).toBe(statements[0].sql);
    expect(parentOf(sqlSpan)).toBe(idOf(requestSpan));
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain('max-kelsen');
  });

  it('marks the execute span as failed when the answer carries errors', async () => {
    exporter.reset();
    const response = await request(app, `query TooLarge { conferences(first: 100000) { nodes { name } } }`);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    const [executeSpan] = exporter.getFinishedSpans().filter((span) => span.name === 'graphql.execute');
    expect(executeSpan.status.code).toBe(SpanStatusCode.ERROR);
    expect(executeSpan.attributes['graphql.error.count']).toBe(response.body.errors!.length);
  });
});

describe('tracing settings', () => {
  it('is off unless the environment asks for it', () => {
    expect(tracingModeFromEnv({})).toBeUndefined();
    expect(tracingModeFromEnv({ TALKGRAPH_TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBeUndefined();
    expect(tracingModeFromEnv({ OTEL_SDK_DISABLED: 'true', TALKGRAPH_TRACING: 'console' })).toBeUndefined();
  });

  it('sends to OTLP when an endpoint is set, or as TALKGRAPH_TRACING says', () => {
    expect(tracingModeFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe('otlp');
    expect(tracingModeFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe('otlp');
    expect(tracingModeFromEnv({ TALKGRAPH_TRACING: 'console' })).toBe('console');
    expect(() => tracingModeFromEnv({ TALKGRAPH_TRACING: 'jaeger' })).toThrow('TALKGRAPH_TRACING must be one of otlp, console, off (got "jaeger")');
  });
});

function compareTime(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
