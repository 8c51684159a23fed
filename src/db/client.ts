import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { InvalidInputError } from '../errors.js';
import { ChangeFeed } from './changes.js';
import { unreachable } from './connection-errors.js';
import { copyDataDir, isNewDataDir } from './data-dir-copy.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { pgliteRunner, poolRunner, type SqlRunner, type StatementEvent, type StatementListener } from './sql.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /**
   * `dataDir` is a folder, or `memory://` for a database that lives only as long as the process.
   * A new database starts from `loadFrom`, a dump (PGlite's dumpDataDir), or from `copyFrom`, a
   * data folder copied into a `dataDir` that holds no database yet (src/db/data-dir-copy.ts).
   */
  | { kind: 'embedded'; dataDir: string; loadFrom?: Blob; copyFrom?: string };

export interface Database {
  readonly target: DatabaseTarget;
  /** Prisma's client, for writes, imports and migrations. */
  readonly prisma: PrismaClient;
  /** The read path's statements (src/read), sent to the same database without Prisma's engine. */
  readonly sql: SqlRunner;
  /** The adapter factory the wasm schema engine drives migrations through. */
  readonly migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  /** Only for the embedded database: its PGlite instance (used to dump test templates). */
  readonly pglite?: PGlite;
  /** A description for logs that never contains credentials. */
  readonly label: string;
  /** Only for an embedded database in a folder: the lock that keeps other processes out of it. */
  readonly dataDirLock?: DataDirLock;
  /**
   * Runs `run` while no other holder of the lock `name` runs, in any process on this database: a
   * PostgreSQL advisory lock on a server; on the embedded database, which one process holds, a
   * queue in this process.
   */
  withLock<T>(name: string, run: () => Promise<T>): Promise<T>;
  /** The server pool's connections, for metrics; undefined for the embedded database. */
  poolStats(): PoolStats | undefined;
  /**
   * Calls `listener` with every statement the read path runs, and, when the database was opened
   * with observeQueries, every statement Prisma runs too. Returns a function that stops it.
   */
  onQuery(listener: (sql: string) => void): () => void;
  /** Calls `listener` with each read-path statement, its row count and time. */
  onStatement(listener: StatementListener): () => void;
  /** This process's listener on the change feed (src/db/changes.ts), opened on first use and closed with the database. */
  changes(): ChangeFeed;
  close(): Promise<void>;
}

export interface PoolStats {
  /** Open connections, busy or idle. */
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
  max: number;
}

export const defaultDataDir = resolve(import.meta.dirname, '../../.data/pglite');

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded database in TALKGRAPH_DATA_DIR. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) {
      throw new InvalidInputError(
        `DATABASE_URL must be a postgresql:// URL such as postgresql://user:password@host:5432/talkgraph (got "${redactUrl(url)}"); unset it to use the embedded database.`,
      );
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'embedded', dataDir: env.TALKGRAPH_DATA_DIR?.trim() || defaultDataDir };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

const warnConnectionLost = (error: Error) =>
  console.warn(`talkgraph: an idle database connection was closed (${error.message}); a new one will be opened.`);

export interface OpenOptions {
  /** Told when the server closes an idle connection. Default: a warning on stderr. */
  onConnectionError?: (error: Error) => void;
  /** Emit every SQL statement to onQuery listeners (tests count statements with it). */
  observeQueries?: boolean;
}

/**
 * Session settings for talkgraph's connections. The read path's statements fetch a few hundred
 * rows by index for a list of parent ids; with PostgreSQL's default cost of a random page (4, a
 * spinning disk) the planner prefers scanning whole tables for them (19 ms instead of 2.5 ms for
 * a 250-talk page of speakers), and JIT compilation, tuned for long analytical queries, added
 * 400 ms to a 12 ms statement. The read path's named statements keep one plan: left to choose,
 * PostgreSQL estimates a generic plan of a `LIMIT $1` page dearer than a plan for the values at
 * hand, and so plans the statement again at every request (the small page's statement took 0.49
 * ms with a new plan each time, 0.31 with one; PostGraphile's and the hand-written statements
 * plan once). Prisma's statements are unnamed, planned for their values whatever this says. A DBA
 * can still override each (PGOPTIONS, or `options` in the URL).
 */
export const sessionSettings: Record<string, string> = { random_page_cost: '1.1', jit: 'off', plan_cache_mode: 'force_generic_plan' };
/**
 * The embedded database's own settings. PostgreSQL's 128 MB of shared buffers are most of an
 * embedded server's memory (351 MiB RSS after opening the benchmark data, 229 MiB with 16 MB), and
 * buy little here: the data files are read from the operating system's cache, which holds them
 * outside the process. A server installation sizes its buffers for its machine; this one shares a
 * process with the API.
 */
export const embeddedSettings = ['shared_buffers = 16MB'];

const sessionOptions = Object.entries(sessionSettings)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(' ');

/**
 * adapter-pg runs a migration script by splitting it at every semicolon, which cuts a function
 * body in pieces and runs the parts outside one transaction. The native engine sends the script
 * whole, as one simple query, which PostgreSQL parses properly and runs atomically: do the same.
 */
function wholeScripts(factory: SqlMigrationAwareDriverAdapterFactory, pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = await factory.connect();
      adapter.executeScript = async (script: string) => {
        await pool.query(script);
      };
      return adapter;
    },
  };
}

/** Two 32-bit keys for pg_advisory_lock: talkgraph's own class, and the lock's name. */
function advisoryKeys(name: string): [number, number] {
  const hash = (text: string) => createHash('sha256').update(text).digest().readInt32BE(0);
  return [hash('talkgraph'), hash(name)];
}

/** Serialises `run`s in this process, one after another, per name. */
function localLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const before = tails.get(name) ?? Promise.resolve();
    const mine = before.catch(() => {}).then(run);
    tails.set(name, mine);
    try {
      return await mine;
    } finally {
      if (tails.get(name) === mine) tails.delete(name);
    }
  };
}

/**
 * How long to wait for a new server connection. pg waits forever by default, so a server that
 * stopped answering (a failover in progress, a dropped route) would hold requests and /ready with it.
 */
const CONNECT_TIMEOUT_MS = 30_000;

/** Statement listeners: the read path always reports; Prisma only when observeQueries is on. */
class Observers {
  readonly statements = new Set<StatementListener>();
  readonly queries = new Set<(sql: string) => void>();
  readonly notify = (event: StatementEvent) => {
    for (const listener of this.statements) listener(event);
    for (const listener of this.queries) listener(event.sql);
  };
  add<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => void set.delete(listener);
  }
}

function createPrisma(adapter: SqlMigrationAwareDriverAdapterFactory, observers: Observers, { observeQueries = false }: OpenOptions) {
  if (!observeQueries) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (event) => observers.queries.forEach((listener) => listener(event.query)));
  return prisma as unknown as PrismaClient;
}

/** The one way the app, the CLI, the seed, importers and tests open a database. */
export async function openDatabase(target: DatabaseTarget = targetFromEnv(), options: OpenOptions = {}): Promise<Database> {
  const observers = new Observers();
  const observing = {
    onQuery: (listener: (sql: string) => void) => observers.add(observers.queries, listener),
    onStatement: (listener: StatementListener) => observers.add(observers.statements, listener),
  };
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      options: [sessionOptions, process.env.PGOPTIONS].filter(Boolean).join(' '),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    const prisma = createPrisma(new PrismaPg(pool), observers, options);
    // Our own pool for the schema engine, so closing ends it at once instead of leaving idle
    // connections that keep the process alive for pg's idle timeout.
    const migrationPool = new pg.Pool({ connectionString: target.url, max: 1, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // A connection that the server closes while idle (a restart, a failover, DROP DATABASE ... FORCE)
    // is an 'error' on the pool; unheard, it would end the process. The pool drops the connection
    // and opens a new one for the next statement.
    for (const each of [pool, migrationPool]) {
      each.on('error', (error) => (options.onConnectionError ?? warnConnectionLost)(error));
      // A connection checked out but between statements has no listener of the pool's (Prisma's
      // adapter drops its own before it hands a transaction's connection back): one the server ends
      // then would also end the process. Every connection is heard from the start; the pool reports
      // idle ones, and a statement sent on a dead one fails and is reported (reads are sent again).
      each.on('connect', (client) => client.on('error', () => {}));
    }
    let feed: ChangeFeed | undefined;
    const endPools = async () => {
      await feed?.close();
      await prisma.$disconnect();
      await pool.end();
      await migrationPool.end();
    };
    // Ask once now, so a wrong URL or a server that is down is said at once and plainly, not as
    // the failure of whatever statement happens to come first.
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await endPools().catch(() => {});
      throw unreachable(error, target.url) ?? error;
    }
    return {
      target,
      prisma,
      sql: poolRunner(pool, observers.notify),
      ...observing,
      migrationAdapter: wholeScripts(new PrismaPg(migrationPool), migrationPool),
      label: `PostgreSQL ${redactUrl(target.url)}`,
      async withLock(name, run) {
        // A session lock on a connection of its own, held for the whole of `run` (which may use
        // other connections); it is released with the connection should the process die.
        const client = await pool.connect();
        // Checked out, the connection has no listener of the pool's: should the server end it
        // while `run` is busy elsewhere, its 'error' must still be heard, or it ends the process.
        // The lock goes with the connection; `run` carries on, and the pool drops the connection.
        const onError = (error: Error) => (options.onConnectionError ?? warnConnectionLost)(error);
        client.on('error', onError);
        const [classKey, nameKey] = advisoryKeys(name);
        try {
          await client.query('SELECT pg_advisory_lock($1, $2)', [classKey, nameKey]);
          try {
            return await run();
          } finally {
            await client.query('SELECT pg_advisory_unlock($1, $2)', [classKey, nameKey]).catch(() => {});
          }
        } finally {
          client.removeListener('error', onError);
          client.release();
        }
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 }),
      changes: () => (feed ??= new ChangeFeed({ url: target.url }, { onConnectionLost: options.onConnectionError ?? warnConnectionLost })),
      close: endPools,
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
  const dataDirLock = inMemory ? undefined : await lockDataDir(target.dataDir);
  let pglite: PGlite;
  try {
    // Asked again under the lock: another process may have made the database since the caller looked.
    if (target.copyFrom && !inMemory && isNewDataDir(target.dataDir)) await copyDataDir(target.copyFrom, target.dataDir);
    pglite = await PGlite.create(inMemory ? undefined : target.dataDir, {
      loadDataDir: target.loadFrom,
      // Trigram similarity for names and typos in search; a migration creates the extension.
      extensions: { pg_trgm },
      postgresqlconf: embeddedSettings,
    });
  } catch (error) {
    dataDirLock?.release();
    throw error;
  }
  // PGlite has no JIT; the cost and plan settings apply as on a server (its reads are PREPAREd too).
  await pglite.exec(`SET random_page_cost = ${sessionSettings.random_page_cost}; SET plan_cache_mode = ${sessionSettings.plan_cache_mode}`);
  const adapter = new PrismaPGlite(pglite);
  const prisma = createPrisma(adapter, observers, options);
  let feed: ChangeFeed | undefined;
  return {
    target,
    prisma,
    sql: pgliteRunner(pglite, observers.notify),
    ...observing,
    migrationAdapter: adapter,
    pglite,
    label: inMemory ? 'embedded PostgreSQL (in memory)' : `embedded PostgreSQL in ${target.dataDir}`,
    dataDirLock,
    withLock: localLocks(),
    poolStats: () => undefined,
    changes: () => (feed ??= new ChangeFeed({ pglite })),
    async close() {
      try {
        await feed?.close();
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        dataDirLock?.release();
      }
    },
  };
}
