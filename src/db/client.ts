import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** `dataDir` is a folder, or `memory://` for a database that lives only as long as the process. */
  | { kind: 'embedded'; dataDir: string; loadFrom?: Blob };

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  /** The adapter factory the wasm schema engine drives migrations through. */
  readonly migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  /** Only for the embedded database: its PGlite instance (used to dump test templates). */
  readonly pglite?: PGlite;
  /** A description for logs that never contains credentials. */
  readonly label: string;
  /** Calls `listener` with every SQL statement the client runs (only when opened with observeQueries). */
  onQuery(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
}

export const defaultDataDir = resolve(import.meta.dirname, '../../.data/pglite');

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded database in TALKGRAPH_DATA_DIR. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `DATABASE_URL must be a postgresql:// URL (got "${redactUrl(url)}"); unset it to use the embedded database.`,
      );
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'embedded', dataDir: env.TALKGRAPH_DATA_DIR?.trim() || defaultDataDir };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export interface OpenOptions {
  /** Emit every SQL statement to onQuery listeners (tests count statements with it). */
  observeQueries?: boolean;
}

function createClient(adapter: SqlMigrationAwareDriverAdapterFactory, { observeQueries = false }: OpenOptions) {
  const listeners = new Set<(sql: string) => void>();
  if (!observeQueries) {
    return {
      prisma: new PrismaClient({ adapter }),
      onQuery(): () => void {
        throw new Error('Open the database with { observeQueries: true } to observe its queries.');
      },
    };
  }
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (event) => listeners.forEach((listener) => listener(event.query)));
  return {
    prisma: prisma as unknown as PrismaClient,
    onQuery(listener: (sql: string) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The one way the app, the CLI, the seed, importers and tests open a database. */
export async function openDatabase(target: DatabaseTarget = targetFromEnv(), options: OpenOptions = {}): Promise<Database> {
  if (target.kind === 'postgres') {
    const { prisma, onQuery } = createClient(new PrismaPg({ connectionString: target.url }), options);
    // Our own pool for the schema engine, so closing ends it at once instead of leaving idle
    // connections that keep the process alive for pg's idle timeout.
    const migrationPool = new pg.Pool({ connectionString: target.url, max: 1 });
    return {
      target,
      prisma,
      onQuery,
      migrationAdapter: new PrismaPg(migrationPool),
      label: `PostgreSQL ${redactUrl(target.url)}`,
      async close() {
        await prisma.$disconnect();
        await migrationPool.end();
      },
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : target.dataDir, {
    loadDataDir: target.loadFrom,
  });
  const adapter = new PrismaPGlite(pglite);
  const { prisma, onQuery } = createClient(adapter, options);
  return {
    target,
    prisma,
    onQuery,
    migrationAdapter: adapter,
    pglite,
    label: inMemory ? 'embedded PostgreSQL (in memory)' : `embedded PostgreSQL in ${target.dataDir}`,
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}
