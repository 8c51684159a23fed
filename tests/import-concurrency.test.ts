// Imports into one database take turns: two loads at once end in the graph that loading them one
// after the other gives, whether they come through the app's Prisma client, straight from the
// talkgraph command's connection, or from two talkgraph processes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInput } from '../src/dataset/format.js';
import { exportDataset } from '../src/db/export-dataset.js';
import { LOAD_LOCK, loadDataset } from '../src/db/load-dataset.js';
import { talkgraph } from './helpers/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { programme } from './helpers/factories.js';

// Half of each programme's speakers are in the other too.
const first = programme('overlap-a-2030', { talks: 300, firstPerson: 0, people: 400 });
const second = programme('overlap-b-2030', { talks: 300, firstPerson: 200, people: 400 });

/**
 * The graph as the talkgraph format writes it (ids left out), with what depends on when and in which
 * order the loads ran made comparable: a source's `recordedAt` (when this database recorded the fact)
 * is stripped, and a role's sources, listed in the order they were recorded, are sorted. Two files
 * that state one role give it two sources, and which load takes the import lock first decides which
 * of them comes first; either order is an "after the other".
 */
const comparable = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (key, field) =>
    key === 'recordedAt'
      ? undefined
      : key === 'sources' && Array.isArray(field)
        ? [...field].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
        : field,
  );
const graphOf = async (db: TestDatabase) => comparable(await exportDataset(db.prisma));

const serverUrl = (db: TestDatabase) => (db.target.kind === 'postgres' ? db.target.url : '');

describe.each(databaseKinds)('concurrent imports on %s PostgreSQL', (kind) => {
  let sequential: TestDatabase;
  let expected: Awaited<ReturnType<typeof graphOf>>;
  beforeAll(async () => {
    sequential = await createTestDatabase(kind);
    await loadDataset(sequential.prisma, first);
    await loadDataset(sequential.prisma, second);
    expected = await graphOf(sequential);
  });
  afterAll(() => sequential?.dispose());

  const concurrently = async (load: (db: TestDatabase, data: DatasetInput) => Promise<unknown>) => {
    const db = await createTestDatabase(kind);
    try {
      await Promise.all([load(db, first), load(db, second)]);
      return await graphOf(db);
    } finally {
      await db.dispose();
    }
  };

  it('through the Prisma client (the API, the seed): the same graph as one after the other', async () => {
    expect(expected.people).toHaveLength(600);
    expect(await concurrently((db, data) => loadDataset(db.prisma, data))).toEqual(expected);
  });

  it('straight into the database (the import command): the same graph as one after the other', async () => {
    expect(await concurrently((db, data) => loadDataset(db, data))).toEqual(expected);
  });
});

describe.skipIf(!databaseKinds.includes('postgres'))('the import lock on a PostgreSQL server', () => {
  let db: TestDatabase;
  let files: string;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    files = mkdtempSync(join(tmpdir(), 'talkgraph-concurrent-'));
  });
  afterAll(async () => {
    await db?.dispose();
    rmSync(files, { recursive: true, force: true });
  });

  it('makes a load wait, writing nothing, while another holds the lock', async () => {
    const holder = new pg.Client({ connectionString: serverUrl(db) });
    holder.on('error', () => undefined);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::integer, $2::integer)', [...LOAD_LOCK]);
      const load = loadDataset(db, first);
      const waiting = async () =>
        (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid::int = $1 AND objid::int = $2 AND NOT granted`, [...LOAD_LOCK])).rows[0].n;
      for (const started = Date.now(); (await waiting()) === 0; await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() - started > 30_000) throw new Error('The load never waited for the lock.');
      }
      expect(await db.prisma.person.count()).toBe(0);
      await holder.query('COMMIT');
      expect((await load).people.created).toBe(400);
    } finally {
      await holder.end();
    }
  });

  it('lets two talkgraph processes import overlapping files at once, ending as one after the other would', async () => {
    const reference = await createTestDatabase('postgres');
    const fresh = await createTestDatabase('postgres');
    try {
      const [a, b] = ['a.json', 'b.json'].map((name) => join(files, name));
      writeFileSync(a, JSON.stringify(first));
      writeFileSync(b, JSON.stringify(second));
      // The reference imports the same files one after the other, so its sources name them too.
      for (const file of [a, b]) {
        const result = await talkgraph(['import', file], { DATABASE_URL: serverUrl(reference) });
        expect(result.status, result.stderr).toBe(0);
      }
      const env = { DATABASE_URL: serverUrl(fresh) };
      const results = await Promise.all([talkgraph(['import', a], env), talkgraph(['import', b], env)]);
      for (const result of results) expect(result.status, result.stderr).toBe(0);
      expect(await graphOf(fresh)).toEqual(await graphOf(reference));
    } finally {
      await reference.dispose();
      await fresh.dispose();
    }
  });
});
