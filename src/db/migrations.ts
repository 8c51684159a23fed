// Migrations without Prisma's native schema engine: the wasm build of the same engine, driven
// through the driver adapter the app already uses. The history in prisma/migrations and the
// `_prisma_migrations` table are exactly what `prisma migrate deploy` would read and write.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { type Database, openDatabase } from './client.js';
import { isConnectionLost } from './connection-errors.js';

export const schemaPath = resolve(import.meta.dirname, '../../prisma/schema.prisma');
export const migrationsDir = resolve(import.meta.dirname, '../../prisma/migrations');

const filters = { externalTables: [], externalEnums: [] };

export interface MigrationFolder {
  name: string;
  sql: string;
}

export function readMigrationHistory(dir = migrationsDir): MigrationFolder[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => ({ name: entry.name, sql: readFileSync(join(dir, entry.name, 'migration.sql'), 'utf8') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function migrationList(history: MigrationFolder[], dir = migrationsDir): MigrationList {
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
    shadowDbInitScript: '',
    migrationDirectories: history.map(({ name, sql }) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: sql } },
    })),
  };
}

type EngineModule = typeof import('@prisma/schema-engine-wasm');
let engineModule: Promise<EngineModule> | undefined;

/**
 * The package imports its `.wasm` as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules; instantiating the bytes ourselves works on every supported Node.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const require = createRequire(import.meta.url);
    const wasmPath = join(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'), '../schema_engine_bg.wasm');
    // The engine arms timers it never clears (up to ~10 s); unref them so a finished command exits.
    const imports: WebAssembly.ModuleImports = { ...(bindings as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': imports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return engineModule;
}

async function withEngine<T>(db: Database, schema: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  // The engine connects through the factory but never disposes what it connected; on a server
  // that would leave a pool open (and a template database "in use"), so track and dispose here.
  const connections: SqlDriverAdapter[] = [];
  // The engine reports a failed migration script as "external connector error" without the
  // driver's error; keep that error, so that a connection cut mid-script is known as such (and the
  // start tries again) rather than as a broken migration.
  const scriptErrors: unknown[] = [];
  const factory = db.migrationAdapter;
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      const executeScript = adapter.executeScript.bind(adapter);
      adapter.executeScript = async (script: string) => {
        try {
          return await executeScript(script);
        } catch (error) {
          scriptErrors.push(error);
          throw error;
        }
      };
      connections.push(adapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const engine = await SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await run(engine);
  } catch (error) {
    throw scriptErrors.find(isConnectionLost) ?? engineError(error);
  } finally {
    engine.free();
    await Promise.all(connections.map((adapter) => adapter.dispose()));
  }
}

/** The engine rejects with plain objects; turn them into Errors with the engine's own message. */
function engineError(error: unknown): Error {
  if (error instanceof Error) return error;
  const message = (error as { message?: string })?.message ?? JSON.stringify(error);
  return new Error(`migration engine: ${message}`);
}

/**
 * Whether the database has applied every migration of the history, unedited, read from Prisma's
 * `_prisma_migrations` table (whose checksum is the SHA-256 of migration.sql). Asking this first
 * spares a start on an up-to-date database the engine, its second of loading and its memory.
 */
export async function historyApplied(db: Database, history = readMigrationHistory()): Promise<boolean> {
  let rows: Array<{ migration_name: string; checksum: string }>;
  try {
    rows = await db.sql.run(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      [],
    );
  } catch (error) {
    // No table yet: a new database. Anything else (the server is gone) is not an answer.
    if ((error as { code?: string }).code === '42P01') return false;
    throw error;
  }
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  return history.every(({ name, sql }) => applied.get(name) === createHash('sha256').update(sql).digest('hex'));
}

/** The lock every process takes to migrate a database, so replicas started together take turns. */
export const MIGRATION_LOCK = 'migrate';

/**
 * Applies every migration in the history that the database has not seen; returns their names.
 * Under the database's migration lock: a second server starting at the same moment waits, then
 * finds the history applied.
 */
export async function migrate(db: Database, history = readMigrationHistory()): Promise<string[]> {
  if (await historyApplied(db, history)) return [];
  return db.withLock(MIGRATION_LOCK, async () => {
    if (await historyApplied(db, history)) return [];
    await forgetInterruptedMigrations(db);
    return withEngine(db, readFileSync(schemaPath, 'utf8'), async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationList(history), filters });
      return appliedMigrationNames;
    });
  });
}

/**
 * A migration whose connection was cut while its script ran (a failover, a server restarted during
 * a deploy) stays recorded as started and never finished, and Prisma then refuses every later
 * migration until someone marks it rolled back. talkgraph sends each script whole, as one simple
 * query, which PostgreSQL runs in one transaction: the cut rolled it back, so mark it so
 * (`prisma migrate resolve --rolled-back` does the same) and apply it again. No other process is
 * migrating: the caller holds the migration lock.
 */
async function forgetInterruptedMigrations(db: Database): Promise<void> {
  try {
    await db.sql.run('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL AND rolled_back_at IS NULL', []);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error;
  }
}

export interface MigrationStatus {
  migrations: string[];
  /** In the history but not applied to the database. */
  pending: string[];
  /** Applied to the database but missing from the history (someone else's migrations). */
  unknown: string[];
  failed: string[];
  /** Applied, but the file in the history has changed since. */
  edited: string[];
  /** SQL that would bring the database to schema.prisma, when the schema has unmigrated changes. */
  unmigratedChanges: string;
  upToDate: boolean;
}

export async function migrationStatus(db: Database, history = readMigrationHistory()): Promise<MigrationStatus> {
  const diagnosis = await withEngine(db, readFileSync(schemaPath, 'utf8'), (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList: migrationList(history), optInToShadowDatabase: false, filters }),
  );
  const diagnostic = diagnosis.history;
  const pending = diagnostic && 'unappliedMigrationNames' in diagnostic ? diagnostic.unappliedMigrationNames : [];
  const unknown = diagnostic && 'unpersistedMigrationNames' in diagnostic ? diagnostic.unpersistedMigrationNames : [];
  const unmigratedChanges = await unmigratedSchemaChanges(history);
  const problems = pending.length + unknown.length + diagnosis.failedMigrationNames.length + diagnosis.editedMigrationNames.length;
  return {
    migrations: history.map((m) => m.name),
    pending,
    unknown,
    failed: diagnosis.failedMigrationNames,
    edited: diagnosis.editedMigrationNames,
    unmigratedChanges,
    upToDate: problems === 0 && unmigratedChanges === '',
  };
}

/**
 * The SQL that takes the last migrated schema to schema.prisma ('' when there is none). The last
 * migrated schema is rebuilt by replaying the history into a scratch in-memory database, so no user
 * database is touched and no shadow database is needed. (Introspecting a live server through
 * adapter-pg is not possible: the engine cannot read the `"char"` columns of pg_catalog through it.)
 */
export function unmigratedSchemaChanges(
  history = readMigrationHistory(),
  { dir = migrationsDir, schema = readFileSync(schemaPath, 'utf8') }: { dir?: string; schema?: string } = {},
): Promise<string> {
  // Replaying costs seconds (a new embedded database), and the answer only depends on the texts.
  const key = createHash('sha256').update(JSON.stringify([history, schema])).digest('hex');
  let answer = schemaDiffs.get(key);
  if (!answer) {
    answer = replayAndDiff(history, dir, schema);
    schemaDiffs.set(key, answer);
    answer.catch(() => schemaDiffs.delete(key));
  }
  return answer;
}

const schemaDiffs = new Map<string, Promise<string>>();

async function replayAndDiff(history: MigrationFolder[], dir: string, schema: string): Promise<string> {
  const datamodel = [{ path: 'schema.prisma', content: schema }];
  const scratch = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  try {
    const sql = await withEngine(scratch, schema, async (engine) => {
      await engine.applyMigrations({ migrationsList: migrationList(history, dir), filters });
      const diff = await engine.diff({
        from: { tag: 'schemaDatasource', files: datamodel, configDir: '.' },
        to: { tag: 'schemaDatamodel', files: datamodel },
        script: true,
        exitCode: null,
        filters,
      });
      return (diff.stdout ?? '').trim();
    });
    return isEmptyDiff(sql) ? '' : sql;
  } finally {
    await scratch.close();
  }
}

function isEmptyDiff(sql: string): boolean {
  return sql === '' || /^-- This is an empty migration\.?$/.test(sql);
}

export interface NewMigration {
  name: string;
  path: string;
  sql: string;
}

/**
 * Writes `prisma/migrations/<timestamp>_<name>/migration.sql` with the SQL that takes the last
 * migrated schema to schema.prisma. Returns null when schema.prisma has no changes to migrate.
 */
export async function createMigration(
  name: string,
  { dir = migrationsDir, schema, now = new Date() }: { dir?: string; schema?: string; now?: Date } = {},
): Promise<NewMigration | null> {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  if (!slug) throw new Error('A migration needs a name made of letters or digits, e.g. --name add_talk_language.');
  const sql = await unmigratedSchemaChanges(readMigrationHistory(dir), { dir, schema });
  if (!sql) return null;
  const folder = `${now.toISOString().replace(/\D/g, '').slice(0, 14)}_${slug}`;
  const path = join(dir, folder, 'migration.sql');
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(path, `${sql}\n`);
  const lockfile = join(dir, 'migration_lock.toml');
  if (!existsSync(lockfile)) writeFileSync(lockfile, 'provider = "postgresql"\n');
  return { name: folder, path, sql };
}
