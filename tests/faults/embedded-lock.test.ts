// One process per embedded data folder. A server and an import on the same folder used to run
// side by side; each wrote its own pages, rows went missing and a unique index stopped finding
// its keys. Now the second process is refused with a message naming the holder, what the server
// wrote is all there, and amcheck finds every index consistent with its table.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterEach, describe, expect, it } from 'vitest';
import { talkgraph } from '../helpers/cli.js';
import { startServerProcess, stop } from '../helpers/server-process.js';

const fixture = resolve(import.meta.dirname, '../fixtures/schedule.frab.xml');
const admin = 'admin-secret-0123456789';

async function graphql(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Every B-tree index of the graph checked against its table (bt_index_check with heapallindexed). */
async function checkIndexes(dataDir: string) {
  const db = await PGlite.create(dataDir, { extensions: { amcheck, pg_trgm } });
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
    const { rows: indexes } = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace`,
    );
    for (const { name } of indexes) await db.query(`SELECT bt_index_check('public."${name}"'::regclass, true)`);
    const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0].n);
    return {
      indexes: indexes.length,
      lockedTopics: await count(`SELECT count(*)::int AS n FROM "Topic" WHERE "name" LIKE 'Locked topic %'`),
      conferences: await count('SELECT count(*)::int AS n FROM "Conference"'),
      talks: await count('SELECT count(*)::int AS n FROM "Talk"'),
    };
  } finally {
    await db.close();
  }
}

describe('one process per embedded data folder', () => {
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  afterEach(async () => {
    if (server) await stop(server.child);
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  const folderEnv = () => ({ DATABASE_URL: '', TALKGRAPH_DATA_DIR: dataDir });

  it('refuses an import while the server holds the folder, naming the server, and loses nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-lock-'));
    server = await startServerProcess(dataDir, { TALKGRAPH_TOKENS: `ops:admin:${admin}` });
    const { url } = server;

    // Writes through the server while two other processes try to open the folder.
    const writes = Promise.all(
      Array.from({ length: 20 }, (_, i) => graphql(url, 'mutation ($name: String!) { createTopic(input: { name: $name }) { __typename } }', { name: `Locked topic ${i}` })),
    );
    const [importing, exporting] = await Promise.all([talkgraph(['import', fixture], folderEnv()), talkgraph(['export'], folderEnv()), writes]);
    for (const refused of [importing, exporting]) {
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain(`is in use by process ${server.child.pid} "talkgraph serve" serving ${url}`);
      expect(refused.stderr).toContain('importDataset');
      expect(refused.stderr).not.toContain('unexpected failure');
    }
    expect((await graphql(url, '{ topics(search: "Locked topic") { totalCount } }')).topics.totalCount).toBe(20);

    expect(await stop(server.child)).toBe(0);
    server = undefined;
    // Released on a clean stop: the same import now runs.
    const imported = await talkgraph(['import', fixture], folderEnv());
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/talks +4 created/);

    const checked = await checkIndexes(dataDir);
    expect(checked.indexes).toBeGreaterThan(10);
    expect(checked).toMatchObject({ lockedTopics: 20, conferences: 2, talks: 6 });
  });

  it('takes over the lock of a process that died, and refuses one held by a live process', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-lock-'));
    server = await startServerProcess(dataDir);
    const lockFile = join(dataDir, 'talkgraph.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.child.pid, command: 'talkgraph serve' });
    server.child.kill('SIGKILL');
    await new Promise((done) => server!.child.once('exit', done));
    server = undefined;

    // The dead server's lock is still there; a new server takes it over.
    server = await startServerProcess(dataDir);
    await stop(server.child);
    server = undefined;

    // A lock naming a process that runs (this test) is respected.
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), command: 'vitest', since: new Date().toISOString() }));
    const refused = await talkgraph(['serve'], { ...folderEnv(), PORT: '0' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${process.pid} "vitest"`);
    expect(refused.stderr).toContain(`delete ${lockFile}`);
  });
});
