// Shows a developer the SQL an operation ran: with an admin token and the header
// `x-talkgraph-explain: statements` (or `analyze`), the response's `extensions.sql` lists each
// statement the read path sent, its parameters, the rows it returned and its time; `analyze` adds
// the table rows each read inside the database (it runs them again under EXPLAIN ANALYZE). Anyone
// else's header is ignored: statements reveal the schema's internals.
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { SqlRunner, StatementEvent } from '../db/sql.js';
import { explainStatement } from '../read/explain.js';

export interface SqlExplainOptions {
  /** The request header that asks for the statements. Default `x-talkgraph-explain`. */
  header?: string;
}

export type ExplainMode = 'statements' | 'analyze';

/** What the header asks for, when the caller may have it. */
export function explainMode(request: Request, context: Pick<Context, 'viewer'>, header = 'x-talkgraph-explain'): ExplainMode | null {
  const value = request.headers.get(header)?.trim().toLowerCase();
  if (!value || !context.viewer.scopes.has('admin')) return null;
  return value === 'analyze' ? 'analyze' : 'statements';
}

/** A runner that also keeps every statement it runs, for one request. */
export function recordingRunner(runner: SqlRunner, into: StatementEvent[]): SqlRunner {
  const run = async <Row>(text: string, values: readonly unknown[]) => {
    const started = performance.now();
    const rows = await runner.run<Row>(text, values);
    into.push({ sql: text, values, rows: rows.length, ms: performance.now() - started });
    return rows;
  };
  return { run, query: (statement) => run(statement.text, statement.values) };
}

export function useSqlExplain(database: { sql: SqlRunner }): Plugin<Context> {
  return {
    onExecute({ args }) {
      const { explain } = args.contextValue;
      if (!explain) return;
      return {
        async onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const sql = await Promise.all(
            explain.statements.map(async (statement) => ({
              sql: statement.sql.replace(/\s+/g, ' ').trim(),
              values: statement.values,
              rows: statement.rows,
              ms: Math.round(statement.ms * 100) / 100,
              ...(explain.mode === 'analyze' ? { rowsRead: (await explainStatement(database.sql, statement.sql, statement.values)).rowsRead } : {}),
            })),
          );
          setResult({ ...result, extensions: { ...result.extensions, sql } });
        },
      };
    },
  };
}
