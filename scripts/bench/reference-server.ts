// The hand-written SQL reference as an HTTP server: for a benchmark operation it runs the one
// statement of ./reference-sql.ts and writes the JSON PostgreSQL built, untouched. It runs in its
// own process, like talkgraph, so both are measured the same way (throughput, latency, RSS).
// It knows nothing of GraphQL: the operation is recognised by its name.
//   DATABASE_URL=postgresql://... PORT=4100 node --import tsx scripts/bench/reference-server.ts
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { referenceStatements } from './reference-sql.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('reference server: set DATABASE_URL to the benchmark database.');
  process.exit(1);
}

// As many connections as the benchmark's load generator opens, like talkgraph's pool, and with its
// session settings (sessionSettings in src/db/client.ts, not imported: that module would load
// Prisma into this small process). Without them the server would JIT-compile the search
// statement, whose set-returning functions the planner overestimates, for seconds per plan.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off -c random_page_cost=1.1 -c plan_cache_mode=force_generic_plan' });

function operationName(body: string): string | undefined {
  const request = JSON.parse(body) as { operationName?: string; query?: string };
  return request.operationName ?? /\bquery\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(request.query ?? '')?.[1];
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://reference').pathname;
  if (path === '/ready') {
    await pool.query('SELECT 1');
    return send(response, 200, '{}');
  }
  if (path !== '/graphql' || request.method !== 'POST') return send(response, 404, '{"errors":[{"message":"POST /graphql"}]}');
  const name = operationName(await readBody(request));
  const text = name ? referenceStatements[name] : undefined;
  if (!name || !text) {
    return send(response, 400, JSON.stringify({ errors: [{ message: `The reference has no statement for operation ${name ?? '(unnamed)'}.` }] }));
  }
  // A named statement is parsed and planned once per connection, as a hand-tuned server would do.
  const result = await pool.query<[string]>({ name, text, rowMode: 'array' });
  send(response, 200, result.rows[0][0]);
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error('reference server:', error);
    if (!response.headersSent) send(response, 500, JSON.stringify({ errors: [{ message: String(error) }] }));
  });
});
server.listen(Number(process.env.PORT ?? 4100), process.env.HOST ?? '127.0.0.1');

const stop = () => {
  server.close();
  server.closeIdleConnections();
  void pool.end();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
