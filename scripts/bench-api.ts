// Benchmark: latency of the example operations and of a deep nested query, served in process by
// the real Yoga app over an embedded database holding the seed plus a synthetic graph of
// 3 conferences x 100 talks. Prints median and 95th percentile per operation, and the SQL
// statements each request runs. An example whose default variables name conferences of the real
// programmes, which this graph does not hold, is listed as skipped. `npm run bench` measures the
// API on the real programmes beside hand-written SQL. Usage: npm run bench:api [-- <requests per operation>]
import { openDatabase } from '../src/db/client.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { migrate } from '../src/db/migrations.js';
import { seed } from '../src/db/seed.js';
import { createApp } from '../src/yoga.js';
import { syntheticGraph } from '../tests/helpers/factories.js';
import { exampleOperations } from '../tests/helpers/graphql.js';

const requests = Number(process.argv[2] ?? 200);
const nested = `{ conferences(first: 3, orderBy: OLDEST) { nodes { talks(first: 100) { nodes { title
  speakers { person { name } organisation { name staff(first: 5) { nodes { jobTitle person { name
  reactions(first: 5) { nodes { kind talk { title } } } } } } } } } } } } }`;

const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' }, { observeQueries: true });
await migrate(db);
await seed(db.prisma);
await loadDataset(db.prisma, syntheticGraph({ conferences: 3, talksPerConference: 100, organisations: 40, people: 400 }));
const app = createApp({ database: db, logging: false });

let statements = 0;
db.onQuery(() => statements++);

async function measure(name: string, query: string) {
  const times: number[] = [];
  let perRequest = 0;
  for (let i = 0; i < requests; i++) {
    const before = statements;
    const started = performance.now();
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    times.push(performance.now() - started);
    if (body.errors?.every((error) => error.extensions?.code === 'NOT_FOUND')) {
      console.log(`${name.padEnd(34)} skipped: its default variables name data of the real programmes`);
      return;
    }
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
    perRequest = statements - before;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(`${name.padEnd(34)} median ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms   ${perRequest} SQL statements`);
}

console.log(`${requests} requests per operation, embedded PostgreSQL in memory, Node ${process.version}`);
for (const { file, source } of exampleOperations()) await measure(file, source);
await measure('nested: 300 talks, 5 levels deep', nested);
await db.close();
