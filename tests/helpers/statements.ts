// The SQL statements a request runs, as the read path reports them, and what each read inside the
// database (EXPLAIN ANALYZE), so specs can assert the cost of a request and not only its answer.
import type { Database } from '../../src/db/client.js';
import type { StatementEvent } from '../../src/db/sql.js';
import { explainStatement } from '../../src/read/explain.js';

export async function recording<T>(db: Database, run: () => Promise<T>): Promise<{ result: T; statements: StatementEvent[] }> {
  const statements: StatementEvent[] = [];
  const stop = db.onStatement((event) => statements.push(event));
  try {
    return { result: await run(), statements };
  } finally {
    stop();
  }
}

/** Table rows a recorded statement read, per table. */
export async function rowsRead(db: Database, statement: StatementEvent): Promise<Record<string, number>> {
  return (await explainStatement(db.sql, statement.sql, statement.values)).rowsRead;
}
