// Benchmark: imports schedule files into a fresh database twice and prints time and memory per
// file. Embedded by default (a temporary data directory); DATABASE_URL=postgresql://... to use
// a server (the database should be empty). Usage:
//   npm run bench:import -- ../shared/data/fosdem-schedules/*.xml ...
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openDatabase, targetFromEnv } from '../src/db/client.js';
import { importSchedule } from '../src/db/import.js';
import { migrate } from '../src/db/migrations.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Name the files to import, e.g. npm run bench:import -- ../shared/data/fosdem-schedules/*.xml');
  process.exit(1);
}

const scratch = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'talkgraph-bench-'));
const db = await openDatabase(scratch ? { kind: 'embedded', dataDir: scratch } : targetFromEnv());
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
try {
  await migrate(db);
  console.log(`${db.label}; Node ${process.version}`);
  for (const round of ['first import', 'again (no changes expected)']) {
    let talks = 0;
    let changes = 0;
    const started = performance.now();
    for (const file of files) {
      const fileStarted = performance.now();
      const { summary } = await importSchedule(db.prisma, readFileSync(file, 'utf8'), { file });
      talks += summary.talks.created + summary.talks.updated + summary.talks.unchanged;
      changes += Object.values(summary).reduce((n, c) => n + c.created + c.updated + c.removed, 0);
      const ms = (performance.now() - fileStarted).toFixed(0).padStart(6);
      console.log(`  ${basename(file).padEnd(36)} ${ms} ms  ${String(summary.talks.created).padStart(5)} talks created  heap ${mib(process.memoryUsage().heapUsed)} MiB`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${round}: ${files.length} files, ${talks} talks, ${changes} rows changed, ${seconds} s, peak RSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB\n`);
  }
} finally {
  await db.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
