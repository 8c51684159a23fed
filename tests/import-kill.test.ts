// A talkgraph import killed with SIGKILL in the middle of writing leaves the graph exactly as it
// was: each file is one transaction, so the rows it had written are never seen. The kill comes once
// the talks table has grown on disk (the import is writing talks, and has not committed), on the
// server and on an embedded data folder, which must then open again with every index intact.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { LOAD_LOCK } from '../src/db/load-dataset.js';
import { seed } from '../src/db/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { programme } from './helpers/factories.js';
import { graphSnapshot } from './helpers/graphql.js';

const bin = resolve(import.meta.dirname, '../bin/talkgraph.mjs');

/** About 5 MB of talkgraph JSON: long enough to write that a kill lands inside its transaction. */
const bigProgramme = programme('killed-import-2031', { talks: 3000, firstPerson: 0, people: 2000, abstractLength: 1200 });

function startImport(file: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'import', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, exited, output: () => output };
}

/** Polls `condition` until it holds; fails if the import ends first (it was meant to be killed mid-way). */
async function whileRunning(run: { child: ChildProcess; output: () => string }, condition: () => Promise<boolean> | boolean) {
  const started = Date.now();
  while (!(await condition())) {
    if (run.child.exitCode !== null) throw new Error(`The import ended before it was killed:\n${run.output()}`);
    if (Date.now() - started > 120_000) throw new Error(`The import wrote no talks within two minutes:\n${run.output()}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 10));
  }
}

async function killed(run: ReturnType<typeof startImport>) {
  run.child.kill('SIGKILL');
  expect(await run.exited).toMatchObject({ code: null, signal: 'SIGKILL' });
}

let files: string;
let bigFile: string;
/** What the next import, after the kill, brings: it must not wait for a lock or meet a broken index. */
let nextFile: string;
beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'talkgraph-kill-'));
  bigFile = join(files, 'big.json');
  writeFileSync(bigFile, JSON.stringify(bigProgramme));
  nextFile = join(files, 'next.json');
  writeFileSync(nextFile, JSON.stringify(programme('after-the-kill-2031', { talks: 50, firstPerson: 1990, people: 40 })));
});
afterAll(() => rmSync(files, { recursive: true, force: true }));

describe.skipIf(!databaseKinds.includes('postgres'))('kill -9 during an import on a PostgreSQL server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    await seed(db.prisma);
  });
  afterAll(() => db?.dispose());

  it('leaves the graph as it was, and the next import runs', async () => {
    const url = db.target.kind === 'postgres' ? db.target.url : '';
    const before = await graphSnapshot(db.prisma);
    const talkBytes = async () => (await db.sql.run<{ bytes: number }>(`SELECT pg_relation_size('"Talk"') AS bytes`, []))[0].bytes;
    const initialBytes = await talkBytes();

    const run = startImport(bigFile, { DATABASE_URL: url });
    await whileRunning(run, async () => (await talkBytes()) > initialBytes);
    await killed(run);
    // The server ends the dead connection's transaction, and with it the import's lock.
    const importLocks = async () =>
      (await db.sql.run<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid::int = $1 AND objid::int = $2`, [...LOAD_LOCK]))[0].n;
    while ((await importLocks()) > 0) await new Promise((resolveWait) => setTimeout(resolveWait, 20));

    expect(await graphSnapshot(db.prisma)).toEqual(before);
    const next = startImport(nextFile, { DATABASE_URL: url });
    expect(await next.exited, next.output()).toMatchObject({ code: 0 });
    expect(await db.prisma.talk.count()).toBe(before.talks.length + 50);
  });
});

describe('kill -9 during an import into an embedded data folder', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-kill-embedded-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const snapshot = async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir });
    try {
      const [{ path }] = await db.sql.run<{ path: string }>(`SELECT pg_relation_filepath('"Talk"') AS path`, []);
      return { graph: await graphSnapshot(db.prisma), talkFile: join(dataDir, path) };
    } finally {
      await db.close();
    }
  };

  it('leaves the graph as it was, with every index intact, and the next import runs', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir });
    const { migrate } = await import('../src/db/migrations.js');
    await migrate(db);
    await seed(db.prisma);
    await db.close();
    const before = await snapshot();
    const initialBytes = statSync(before.talkFile).size;

    const run = startImport(bigFile, { TALKGRAPH_DATA_DIR: dataDir });
    // PostgreSQL extends a table's file as rows are added, long before the transaction commits.
    await whileRunning(run, () => statSync(before.talkFile).size > initialBytes);
    await killed(run);

    const checked = await PGlite.create(dataDir, { extensions: { amcheck, pg_trgm } });
    try {
      await checked.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
      const indexes = await checked.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
          WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace`,
      );
      expect(indexes.rows.length).toBeGreaterThan(20);
      // Each index against its table: every entry points to a row, and every row is in the index.
      for (const { name } of indexes.rows) await checked.query(`SELECT bt_index_check('public."${name}"'::regclass, true)`);
      const corrupt = await checked.query(
        `SELECT c.relname, v.* FROM pg_class c, verify_heapam(c.oid) v WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
      );
      expect(corrupt.rows).toEqual([]);
    } finally {
      await checked.close();
    }

    expect((await snapshot()).graph).toEqual(before.graph);
    const next = startImport(nextFile, { TALKGRAPH_DATA_DIR: dataDir });
    expect(await next.exited, next.output()).toMatchObject({ code: 0 });
    expect((await snapshot()).graph.talks).toHaveLength(before.graph.talks.length + 50);
  });
});
