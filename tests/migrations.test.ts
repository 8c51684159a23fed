import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import {
  createMigration,
  migrate,
  migrationsDir,
  migrationStatus,
  readMigrationHistory,
  schemaPath,
} from '../src/db/migrations.js';
import { createBlankPostgresDatabase, databaseKinds } from './helpers/databases.js';

const tables = async (db: Database) =>
  (
    await db.prisma.$queryRawUnsafe<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    )
  ).map((row) => row.table_name);

const blank = async (kind: 'embedded' | 'postgres') =>
  kind === 'embedded'
    ? { ...(await openDatabase({ kind: 'embedded', dataDir: 'memory://' })), dispose: undefined }
    : await createBlankPostgresDatabase();

describe.each(databaseKinds)('migrations on %s PostgreSQL', (kind) => {
  it('apply the whole history to an empty database, after which history and database agree', async () => {
    const db = await blank(kind);
    try {
      const history = readMigrationHistory();
      expect(await migrate(db)).toEqual(history.map((m) => m.name));
      expect(await tables(db)).toEqual(
        expect.arrayContaining(['Conference', 'Talk', 'Person', 'Organisation', 'Affiliation', 'TalkSpeaker', 'Reaction', 'Article', 'ArticleAuthor', 'Topic', '_prisma_migrations']),
      );
      const status = await migrationStatus(db);
      expect(status).toMatchObject({ pending: [], failed: [], edited: [], unknown: [], unmigratedChanges: '', upToDate: true });
      expect(await migrate(db)).toEqual([]);
      const recorded = await db.prisma.$queryRawUnsafe<Array<{ migration_name: string; finished_at: Date | null }>>(
        'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(recorded.map((row) => row.migration_name)).toEqual(history.map((m) => m.name));
      expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
    } finally {
      await (db.dispose ?? db.close)();
    }
  });

  it('report migrations the database has not seen yet, and edited ones', async () => {
    const db = await blank(kind);
    try {
      const history = readMigrationHistory();
      const extra = { name: '99990101000000_later', sql: 'CREATE TABLE "Later" ("id" INTEGER PRIMARY KEY);' };
      await migrate(db, history);
      const behind = await migrationStatus(db, [...history, extra]);
      expect(behind.pending).toEqual([extra.name]);
      expect(behind.upToDate).toBe(false);

      const edited = history.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- changed by hand` } : m));
      expect((await migrationStatus(db, edited)).edited).toEqual([history[0].name]);
    } finally {
      await (db.dispose ?? db.close)();
    }
  });
});

describe('writing a new migration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkgraph-migrations-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the SQL between the last migrated schema and schema.prisma, and nothing when they match', async () => {
    cpSync(migrationsDir, dir, { recursive: true });
    expect(await createMigration('nothing_changed', { dir })).toBeNull();

    const changed = readFileSync(schemaPath, 'utf8').replace(
      /(model Person \{[^}]*?bio\s+String\?)/,
      '$1\n  pronouns     String?\n\n  @@index([pronouns])',
    );
    const created = await createMigration('Add person pronouns', { dir, schema: changed, now: new Date('2030-01-02T03:04:05Z') });
    expect(created?.name).toBe('20300102030405_add_person_pronouns');
    expect(created?.sql).toContain('ALTER TABLE "Person" ADD COLUMN     "pronouns" TEXT;');
    expect(created?.sql).toContain('CREATE INDEX "Person_pronouns_idx" ON "Person"("pronouns");');
    expect(readFileSync(created!.path, 'utf8').trim()).toBe(created!.sql);

    expect(await createMigration('again', { dir, schema: changed })).toBeNull();

    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    try {
      await migrate(db, readMigrationHistory(dir));
      const columns = await db.prisma.$queryRawUnsafe<Array<{ column_name: string }>>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Person' AND column_name = 'pronouns'`,
      );
      expect(columns).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('refuses a name with no letters or digits', async () => {
    await expect(createMigration('  --  ', { dir })).rejects.toThrow(/needs a name/);
  });
});
