// The change feed: every committed write says what it changed through PostgreSQL's NOTIFY, sent
// inside the write's own transaction, so that a rolled-back write announces nothing and every
// process on the database (the server, the talkgraph command, other replicas) hears the same
// changes in commit order. A process listens once (ChangeFeed) and fans the changes out to its
// subscriptions and its response cache.
//
// A notification's payload is limited to 8000 bytes: a change with many rows (an import, a cascade
// delete) goes out as several notifications of at most PAYLOAD_BYTES each, all in the same
// transaction, the summary of an import (its conferences) in the last one.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Statements } from './write-transaction.js';

/** The channel every talkgraph process listens on. */
export const CHANGES_CHANNEL = 'talkgraph_changes';

/** Below PostgreSQL's 8000-byte limit, with room for multi-byte characters (none are sent today). */
export const PAYLOAD_BYTES = 7000;

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';
export type EntityType = 'Conference' | 'Talk' | 'Person' | 'Organisation' | 'Reaction' | 'Article' | 'Topic';
/** What wrote: an API mutation, an import (command or importDataset), an applied article proposal, the seed. */
export type ChangeSource = 'mutation' | 'import' | 'proposal' | 'seed';

/** One row that changed, with what subscriptions filter on (a talk's and a reaction's conference, a reaction's kind and organisation). */
export interface ChangedRow {
  type: EntityType;
  change: ChangeKind;
  id: number;
  conferenceId?: number | null;
  /** Reactions: their kind. */
  kind?: string | null;
  /** Reactions: the organisation the person reacted as a member of. */
  organisationId?: number | null;
}

export interface Change {
  source: ChangeSource;
  rows: ChangedRow[];
  /** Set for an import or an applied proposal: the graph changed as a whole, in these conferences. */
  graph?: { conferenceIds: number[] };
  /** When the write was made (ISO 8601); filled in by announce. */
  at?: string;
}

// On the wire, rows are tuples: [type, change, id, conferenceId, kind, organisationId].
type WireRow = [string, string, number, (number | null)?, (string | null)?, (number | null)?];
interface Wire {
  v: 1;
  s: ChangeSource;
  at: string;
  r: WireRow[];
  g?: number[];
}

const toWire = (row: ChangedRow): WireRow => {
  const tuple: WireRow = [row.type, row.change, row.id];
  if (row.conferenceId !== undefined || row.kind !== undefined || row.organisationId !== undefined) {
    tuple.push(row.conferenceId ?? null, row.kind ?? null, row.organisationId ?? null);
  }
  return tuple;
};

/** The payloads that carry `change`, each within PAYLOAD_BYTES. */
export function payloadsOf(change: Change): string[] {
  const at = change.at ?? new Date().toISOString();
  const head = (rows: WireRow[], graph?: number[]) => JSON.stringify({ v: 1, s: change.source, at, r: rows, ...(graph ? { g: graph } : {}) } satisfies Wire);
  const payloads: string[] = [];
  let rows: WireRow[] = [];
  let size = head([]).length;
  for (const row of change.rows.map(toWire)) {
    const extra = JSON.stringify(row).length + 1;
    if (rows.length > 0 && size + extra > PAYLOAD_BYTES) {
      payloads.push(head(rows));
      rows = [];
      size = head([]).length;
    }
    rows.push(row);
    size += extra;
  }
  const graph = change.graph?.conferenceIds;
  if (graph && size + JSON.stringify(graph).length + 8 > PAYLOAD_BYTES) {
    payloads.push(head(rows));
    rows = [];
  }
  // An import touching more conferences than one payload holds says "all of them" (an empty list).
  const graphIds = graph && JSON.stringify(graph).length > PAYLOAD_BYTES - 200 ? [] : graph;
  if (rows.length > 0 || graphIds) payloads.push(head(rows, graphIds));
  return payloads;
}

export function parsePayload(payload: string): Change | null {
  try {
    const wire = JSON.parse(payload) as Wire;
    if (wire.v !== 1 || !Array.isArray(wire.r)) return null;
    return {
      source: wire.s,
      at: wire.at,
      rows: wire.r.map(([type, change, id, conferenceId, kind, organisationId]) => ({
        type: type as EntityType,
        change: change as ChangeKind,
        id,
        ...(conferenceId !== undefined ? { conferenceId, kind, organisationId } : {}),
      })),
      ...(wire.g ? { graph: { conferenceIds: wire.g } } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * Queues `change` for announcement when the transaction `db` commits (NOTIFY is transactional:
 * PostgreSQL delivers it at commit, and drops it on rollback). Nothing is sent for an empty change.
 */
export async function announce(db: Statements, change: Change): Promise<void> {
  if (change.rows.length === 0 && !change.graph) return;
  for (const payload of payloadsOf(change)) {
    await db.query('SELECT 1 AS sent FROM pg_notify($1::text, $2::text)', [CHANGES_CHANNEL, payload]);
  }
}

/** A Prisma interactive transaction as Statements, for announce and the row helpers below. */
export function prismaStatements(tx: { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> }): Statements {
  return { query: <Row>(text: string, values: readonly unknown[] = []) => tx.$queryRawUnsafe<Row[]>(text, ...values) };
}

const idList = (ids: readonly number[]) => JSON.stringify(ids);
const IDS = 'SELECT jsonb_array_elements_text($1::jsonb)::integer';

/** Reactions as changed rows, with what subscriptions filter on; read inside the writing transaction. */
export async function reactionRows(db: Statements, ids: readonly number[], change: ChangeKind): Promise<ChangedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: number; kind: string; organisationId: number | null; conferenceId: number }>(
    `SELECT r.id, r.kind::text AS kind, r."organisationId", t."conferenceId"
       FROM "Reaction" AS r JOIN "Talk" AS t ON t.id = r."talkId" WHERE r.id IN (${IDS}) ORDER BY r.id`,
    [idList(ids)],
  );
  return rows.map((row) => ({ type: 'Reaction', change, id: row.id, conferenceId: row.conferenceId, kind: row.kind, organisationId: row.organisationId }));
}

/** Talks as changed rows, with their conference. */
export async function talkRows(db: Statements, ids: readonly number[], change: ChangeKind): Promise<ChangedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: number; conferenceId: number }>(`SELECT id, "conferenceId" FROM "Talk" WHERE id IN (${IDS}) ORDER BY id`, [idList(ids)]);
  return rows.map((row) => ({ type: 'Talk', change, id: row.id, conferenceId: row.conferenceId }));
}

/**
 * What deleting an entity takes with it, read before the delete (afterwards it is gone): the
 * talks and reactions removed by the cascade, and reactions whose organisation is cleared.
 */
export async function deletionRows(db: Statements, type: EntityType, id: number): Promise<ChangedRow[]> {
  const ids = async (sql: string) => (await db.query<{ id: number }>(sql, [id])).map((row) => row.id);
  switch (type) {
    case 'Conference': {
      const talks = await ids('SELECT id FROM "Talk" WHERE "conferenceId" = $1');
      const reactions = await ids('SELECT r.id FROM "Reaction" r JOIN "Talk" t ON t.id = r."talkId" WHERE t."conferenceId" = $1');
      return [...(await reactionRows(db, reactions, 'DELETED')), ...(await talkRows(db, talks, 'DELETED')), { type, change: 'DELETED', id, conferenceId: id }];
    }
    case 'Talk':
      return [...(await reactionRows(db, await ids('SELECT id FROM "Reaction" WHERE "talkId" = $1'), 'DELETED')), ...(await talkRows(db, [id], 'DELETED'))];
    case 'Reaction':
      return reactionRows(db, [id], 'DELETED');
    case 'Person':
      return [...(await reactionRows(db, await ids('SELECT id FROM "Reaction" WHERE "personId" = $1'), 'DELETED')), { type, change: 'DELETED', id }];
    case 'Article':
      return [...(await reactionRows(db, await ids('SELECT id FROM "Reaction" WHERE "articleId" = $1'), 'DELETED')), { type, change: 'DELETED', id }];
    case 'Organisation': {
      const cleared = await reactionRows(db, await ids('SELECT id FROM "Reaction" WHERE "organisationId" = $1'), 'UPDATED');
      return [...cleared.map((row) => ({ ...row, organisationId: null })), { type, change: 'DELETED', id }];
    }
    default:
      return [{ type, change: 'DELETED', id }];
  }
}

// Listening ----------------------------------------------------------------------------------------

/** What a feed tells its subscribers: a change, or that its connection was lost and restored (changes may have been missed). */
export type FeedSignal = { type: 'change'; change: Change } | { type: 'reconnected' };
export type FeedListener = (signal: FeedSignal) => void;

export interface FeedOptions {
  /** Told when the listening connection is lost; it is then opened again with backoff. */
  onConnectionLost?: (error: Error) => void;
  /** First wait before reconnecting, doubled up to maxBackoffMs. Default 100 ms. */
  minBackoffMs?: number;
  /** Default 5 s. */
  maxBackoffMs?: number;
}

/**
 * One process's listener on the change channel. On a server it holds a dedicated connection (not
 * one of the pool's, which are handed from statement to statement), opened again with backoff
 * whenever it is lost; subscribers are then told `reconnected`, since changes committed meanwhile
 * were not heard. On the embedded database it uses PGlite's own listen.
 */
export class ChangeFeed {
  private readonly listeners = new Set<FeedListener>();
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private everConnected = false;
  /** Whether the feed is listening now: changes committed while it is not are not heard. */
  listening = false;
  /** Times the connection was restored after a loss. */
  reconnects = 0;
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly source: { url: string } | { pglite: PGlite },
    private readonly options: FeedOptions = {},
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    void this.connect(this.options.minBackoffMs ?? 100);
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** The pid of the listening connection's server process (a test ends it to check reconnecting). */
  async backendPid(): Promise<number | undefined> {
    if (!this.client || !this.listening) return undefined;
    const { rows } = await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return rows[0]?.pid;
  }

  private emit(signal: FeedSignal) {
    for (const listener of [...this.listeners]) {
      try {
        listener(signal);
      } catch {
        // One subscriber's failure must not keep the change from the others.
      }
    }
  }

  private onPayload = (payload: string) => {
    const change = parsePayload(payload);
    if (change) this.emit({ type: 'change', change });
  };

  private async connect(backoffMs: number): Promise<void> {
    if (this.closed) return;
    if ('pglite' in this.source) {
      try {
        this.unlisten = await this.source.pglite.listen(CHANGES_CHANNEL, this.onPayload);
        this.listening = true;
      } catch (error) {
        // A closed database: nothing to hear, and the feed says it is not listening.
        this.options.onConnectionLost?.(error as Error);
      } finally {
        this.markReady();
      }
      return;
    }
    const client = new pg.Client({ connectionString: this.source.url, application_name: 'talkgraph change feed', keepAlive: true, connectionTimeoutMillis: 30_000 });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      const wasListening = this.listening;
      this.listening = false;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (this.closed) return;
      this.options.onConnectionLost?.(error ?? new Error('the change feed connection ended'));
      this.scheduleReconnect(wasListening ? (this.options.minBackoffMs ?? 100) : backoffMs);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL && message.payload) this.onPayload(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      onLost(error as Error);
      if (!this.everConnected) this.markReady(); // The start goes on; the feed keeps trying.
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.listening = true;
    const restored = this.everConnected;
    this.everConnected = true;
    this.markReady();
    if (restored) {
      this.reconnects++;
      this.emit({ type: 'reconnected' });
    }
  }

  private scheduleReconnect(backoffMs: number) {
    const max = this.options.maxBackoffMs ?? 5000;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      // The next wait doubles only while connecting keeps failing; a connection that held resets it.
      void this.connect(Math.min(backoffMs * 2, max)).then(() => undefined);
    }, backoffMs);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    clearTimeout(this.retry);
    this.listeners.clear();
    await this.unlisten?.().catch(() => {});
    await this.client?.end().catch(() => {});
  }
}
