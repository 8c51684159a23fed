// Several servers on one PostgreSQL database, started at the same moment on a database that is
// still empty, as a deploy of N replicas does. Each migrates and seeds an empty graph at start;
// without a lock between them they raced to create the same tables and seed the same graph.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMigrationHistory } from '../../src/db/migrations.js';
import { createBlankPostgresDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js';
import { startServerProcess, stop } from '../helpers/server-process.js';

const onServer = databaseKinds.includes('postgres') ? describe : describe.skip;

onServer('replicas on one PostgreSQL database', () => {
  let db: TestDatabase | undefined;
  const servers: Array<Awaited<ReturnType<typeof startServerProcess>>> = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-replicas-'));
  afterAll(async () => {
    await Promise.all(servers.map((server) => stop(server.child)));
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('start together on a new database: both serve, migrations are applied once and the seed is there once', async () => {
    db = await createBlankPostgresDatabase();
    const env = { DATABASE_URL: (db.target as { url: string }).url };
    servers.push(...(await Promise.all([startServerProcess(dataDir, env), startServerProcess(dataDir, env)])));

    const seeded = servers.filter((server) => server.output().includes('loaded the seed knowledge'));
    expect(seeded).toHaveLength(1);
    for (const server of servers) {
      expect((await fetch(server.url.replace(/graphql$/, 'ready'))).status).toBe(200);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ conferences { totalCount } talks { totalCount } people { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { conferences: { totalCount: 1 }, talks: { totalCount: 2 }, people: { totalCount: expect.any(Number) } } });
    }
    const migrations = await db.sql.run<{ migration_name: string; n: number }>(
      'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name',
      [],
    );
    expect(migrations).toEqual(readMigrationHistory().map(({ name }) => ({ migration_name: name, n: 1 })));
    const [people] = await db.sql.run<{ all: number; distinct: number }>('SELECT count(*)::int AS all, count(DISTINCT slug)::int AS distinct FROM "Person"', []);
    expect(people.all).toBe(people.distinct);
  });
});
