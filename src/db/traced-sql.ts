// One OpenTelemetry span per statement of the read path, child of whatever span is active (the
// request's execute span). The statement's text is recorded, never its parameter values: they may
// be a person's name or an e-mail address. Used only when tracing is on (src/yoga.ts).
import { type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Database } from './client.js';
import type { SqlRunner } from './sql.js';

/** The statement's first keyword (SELECT, WITH, EXPLAIN), as OpenTelemetry's db.operation.name. */
function operationName(text: string): string {
  return /^\s*([A-Za-z]+)/.exec(text)?.[1].toUpperCase() ?? 'SQL';
}

function traced<Row>(tracer: Tracer, text: string, send: () => Promise<Row[]>): Promise<Row[]> {
  const operation = operationName(text);
  return tracer.startActiveSpan(
    operation,
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': text } },
    async (span: Span) => {
      try {
        const rows = await send();
        span.setAttribute('db.response.returned_rows', rows.length);
        return rows;
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export function tracedSql(runner: SqlRunner, tracer: Tracer): SqlRunner {
  return {
    query: (statement) => traced(tracer, statement.text, () => runner.query(statement)),
    run: (text, values) => traced(tracer, text, () => runner.run(text, values)),
  };
}

/** The same database whose read-path statements are traced; everything else is the original's. */
export function withTracedSql(database: Database, tracer: Tracer): Database {
  return Object.create(database, { sql: { value: tracedSql(database.sql, tracer), enumerable: true } }) as Database;
}
