import type { Database } from './db/client.js';
import type { StatementEvent } from './db/sql.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { type ExplainMode, recordingRunner } from './plugins/use-sql-explain.js';
import { Reader } from './read/reader.js';
import type { LiveUpdates } from './schema/subscriptions.js';

/** What a token allows. Reads may also need `read` when the server requires tokens for reads. */
export type Scope = 'read' | 'write' | 'admin';

export interface Viewer {
  /** The token's name from configuration, never the token itself. */
  tokenName: string | null;
  scopes: ReadonlySet<Scope>;
}

export interface Context {
  viewer: Viewer;
  /** The app's database client, for writes. Reads go through `read`. */
  prisma: PrismaClient;
  /** The request's reader: batches and plans every read of this request (src/read); a subscription gets a new one per event. */
  read: Reader;
  /** The process's subscriptions (src/schema/subscriptions.ts), when the app serves them. */
  live?: LiveUpdates;
  /** Set when an admin asked to see the request's SQL (src/plugins/use-sql-explain.ts). */
  explain?: { mode: ExplainMode; statements: StatementEvent[] };
}

export const anonymous: Viewer = { tokenName: null, scopes: new Set() };

/** A new context per request, so the reader's batches and caches never outlive the request. */
export function createContext(
  viewer: Viewer,
  database: Pick<Database, 'prisma' | 'sql'>,
  { maxPageSize, explain, live }: { maxPageSize?: number; explain?: ExplainMode | null; live?: LiveUpdates } = {},
): Context {
  if (!explain) return { viewer, prisma: database.prisma, read: new Reader(database.sql, maxPageSize), live };
  const statements: StatementEvent[] = [];
  return { viewer, prisma: database.prisma, read: new Reader(recordingRunner(database.sql, statements), maxPageSize), explain: { mode: explain, statements }, live };
}
