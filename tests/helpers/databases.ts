import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type OpenOptions, openDatabase } from '../../src/db/client.js';
import { seed } from '../../src/db/seed.js';
import { adminUrl, databaseUrl } from './postgres.js';

export type DatabaseKind = 'embedded' | 'postgres';

/** The kinds every database-backed spec runs against. */
export const databaseKinds: DatabaseKind[] = inject('postgresTemplate') ? ['embedded', 'postgres'] : ['embedded'];

export interface TestDatabase extends Database {
  /** Closes the connection and, on the server, drops the database. */
  dispose(): Promise<void>;
}

/** Runs `run` on a connection to the server's admin database, closed afterwards. */
export async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated, empty database of the given kind, private to the caller. */
export async function createTestDatabase(kind: DatabaseKind, options: OpenOptions = {}): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const template = new Blob([readFileSync(inject('embeddedTemplate'))]);
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://', loadFrom: template }, options);
    return { ...db, dispose: () => db.close() };
  }
  return createServerDatabase(`TEMPLATE ${inject('postgresTemplate')}`, options);
}

/**
 * A fresh database holding the seed and the real programmes of global-setup.ts's programmeFiles
 * (FOSDEM 2024-2026, KubeCon EU 2025 and 2026), or null when ../shared/data is not there.
 */
export async function createProgrammesDatabase(kind: DatabaseKind): Promise<TestDatabase | null> {
  if (kind === 'embedded') {
    const template = inject('programmesEmbeddedTemplate');
    if (!template) return null;
    const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://', loadFrom: new Blob([readFileSync(template)]) });
    return { ...db, dispose: () => db.close() };
  }
  const template = inject('programmesPostgresTemplate');
  return template ? createServerDatabase(`TEMPLATE ${template}`, {}) : null;
}

/** An empty server database that has not been migrated, for migration specs. */
export function createBlankPostgresDatabase(): Promise<TestDatabase> {
  return createServerDatabase('', {});
}

/** A new database on the test server (`clause` may name a template), dropped on dispose. */
async function createServerDatabase(clause: string, options: OpenOptions): Promise<TestDatabase> {
  const name = `talkgraph_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} ${clause}`));
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl(name) }, options);
  return {
    ...db,
    async dispose() {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function createSeededDatabase(kind: DatabaseKind, options: OpenOptions = {}): Promise<TestDatabase> {
  const db = await createTestDatabase(kind, options);
  await seed(db.prisma);
  return db;
}
