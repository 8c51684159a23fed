// The transaction a dataset load writes in, on what the caller holds: the app's Prisma client (the
// importDataset mutation, the seed, article proposals), or the database itself (the talkgraph
// import command). On the database, the load talks to the driver directly: Prisma's query engine
// is a WebAssembly module of about 40 MB that a command importing files never needs otherwise,
// and its debug history keeps the last hundred statements' parameters (here, whole batches)
// alive. Both ways run the same statements (src/db/merge.ts) and read rows alike.
import pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type Database, sessionSettings } from './client.js';
// Rows read as the read path reads them (and as Prisma does): a day as midnight UTC, a timestamp,
// stored without zone in UTC, as that instant.
import { parsers, pgTypes } from './sql.js';

/** What a load needs of its transaction: statements with $1, $2 parameters, returning rows as objects. */
export interface Statements {
  query<Row>(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

/** A Prisma client, or an open database (its connection details and, when embedded, its PGlite). */
export type WriteTarget = PrismaClient | Pick<Database, 'target' | 'pglite'>;

export interface TransactionOptions {
  /** Prisma's interactive transaction timeout; the driver's transactions have none. */
  timeoutMs?: number;
}

const isPrisma = (target: WriteTarget): target is PrismaClient => '$transaction' in target;

/** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
export async function writeTransaction<T>(target: WriteTarget, work: (statements: Statements) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (isPrisma(target)) {
    return target.$transaction((tx) => work({ query: (text, values = []) => tx.$queryRawUnsafe(text, ...values) }), {
      timeout: options.timeoutMs ?? 10 * 60_000,
      maxWait: 60_000,
    });
  }
  if (target.pglite) {
    return target.pglite.transaction((tx) => work({ query: async <Row>(text: string, values: readonly unknown[] = []) => (await tx.query<Row>(text, [...values], { parsers })).rows }));
  }
  if (target.target.kind !== 'postgres') throw new Error('An embedded database without its PGlite instance.');
  // A connection of its own for the length of the load, so the transaction is on one connection,
  // with the session settings of the app's connections (a DBA's PGOPTIONS still apply).
  const settings = Object.entries(sessionSettings).map(([name, value]) => `-c ${name}=${value}`);
  const client = new pg.Client({ connectionString: target.target.url, options: [...settings, process.env.PGOPTIONS].filter(Boolean).join(' ') });
  let lost: Error | undefined;
  // The statement in flight fails when the connection ends; without a listener the event would end the process.
  client.on('error', (error) => (lost = error));
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      const result = await work({ query: async (text, values = []) => (await client.query({ text, values: [...values], types: pgTypes })).rows });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
