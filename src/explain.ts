// `talkgraph explain`: the SQL a query operation runs, statement by statement, with the rows each
// returned and the table rows each read inside the database.
import { randomBytes } from 'node:crypto';
import { getOperationAST, parse } from 'graphql';
import type { Database } from './db/client.js';
import { InvalidInputError } from './errors.js';
import { createApp } from './yoga.js';

export interface ExplainedStatement {
  sql: string;
  values: unknown[];
  rows: number;
  ms: number;
  rowsRead: Record<string, number>;
}

/**
 * Runs one query operation through the app (the same HTTP handler, plugins and limits as a client
 * gets), as an admin asking for `x-talkgraph-explain: analyze`, and returns its answer with the
 * statements it ran. Mutations are refused: explaining must not write.
 */
export async function explainOperation(
  database: Database,
  source: string,
  { variables, operationName }: { variables?: Record<string, unknown>; operationName?: string } = {},
): Promise<{ body: { data?: unknown; errors?: Array<{ message: string }> }; statements: ExplainedStatement[] }> {
  const document = parse(source);
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    throw new InvalidInputError(operationName ? `The file has no operation named ${operationName}.` : 'The file holds several operations; name one with --operation.');
  }
  if (operation.operation !== 'query') throw new InvalidInputError(`explain runs queries only; ${operation.name?.value ?? 'this operation'} is a ${operation.operation}.`);
  const secret = randomBytes(24).toString('hex');
  const app = createApp({ database, logging: false, tokens: [{ name: 'explain', scopes: ['admin'], secret }] });
  const response = await app.fetch('http://talkgraph.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'x-talkgraph-explain': 'analyze' },
    body: JSON.stringify({ query: source, variables, operationName }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }>; extensions?: { sql?: ExplainedStatement[] } };
  return { body, statements: body.extensions?.sql ?? [] };
}

/** A report for a terminal: each statement with its rows, time, rows read per table and SQL. */
export function formatExplained(statements: ExplainedStatement[]): string {
  const lines = statements.map((statement, index) => {
    const read = Object.entries(statement.rowsRead)
      .map(([table, rows]) => `${table} ${rows}`)
      .join(', ');
    return [
      `#${index + 1}  ${statement.rows} row(s) returned, ${statement.ms.toFixed(2)} ms; table rows read: ${read || 'none'}`,
      `    ${statement.sql}`,
      statement.values.length ? `    parameters: ${JSON.stringify(statement.values)}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  });
  const rows = statements.reduce((sum, statement) => sum + statement.rows, 0);
  const ms = statements.reduce((sum, statement) => sum + statement.ms, 0);
  return `${lines.join('\n\n')}\n\n${statements.length} statement(s), ${rows} row(s) returned, ${ms.toFixed(1)} ms in the database.`;
}
