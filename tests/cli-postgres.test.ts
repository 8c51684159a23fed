// The talkgraph command (its bundle, dist/bundle/) on a PostgreSQL server: the migration engine,
// Prisma's adapter and the read path each reach the server through the one pg the bundle holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { talkgraph } from './helpers/cli.js';
import { createBlankPostgresDatabase, type TestDatabase } from './helpers/databases.js';
import { postgresEnabled } from './helpers/postgres.js';

describe.skipIf(!postgresEnabled())('the talkgraph command on a PostgreSQL server', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await createBlankPostgresDatabase();
    env = { DATABASE_URL: (db.target as { url: string }).url, TALKGRAPH_DATA_DIR: '' };
  });
  afterAll(() => db?.dispose());

  it('migrates, seeds, exports and reports status', async () => {
    const migrate = await talkgraph(['migrate'], env);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^Applied \d+ migration\(s\) to PostgreSQL /);
    const seed = await talkgraph(['seed'], env);
    expect(seed.status, seed.stderr).toBe(0);
    const [conferences] = await db.sql.run<{ count: number }>('SELECT count(*)::int AS count FROM "Conference"', []);
    expect(conferences.count).toBeGreaterThan(0);
    const exported = await talkgraph(['export'], env);
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout).conferences).toHaveLength(conferences.count);
    const status = await talkgraph(['status'], env);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toContain('Database, migration history and schema.prisma agree.');
  });
});
