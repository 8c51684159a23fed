// The read path's way to PostgreSQL: parameterised statements built with Prisma's SQL template
// (Prisma.sql, Prisma.join) and sent straight to the driver the Prisma adapter wraps, a pg Pool or
// the PGlite instance. Prisma's query engine is for writes; reads that are compiled from a GraphQL
// selection skip it, which costs a quarter less per statement (measured on the nested benchmark).
//
// Both drivers get the same value parsers, so a row reads the same on either database: Prisma
// stores DateTime as a timestamp without zone holding UTC, which the drivers would otherwise read
// as local time.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { dateOfDay, dateOfInstant } from '../dataset/dates.js';
import type { Sql } from '../generated/prisma/internal/prismaNamespace.js';
import { isConnectionLost } from './connection-errors.js';

export type { Sql };

/** One statement the read path ran: its text, parameters, the rows it returned and how long it took. */
export interface StatementEvent {
  sql: string;
  values: readonly unknown[];
  rows: number;
  ms: number;
}

export type StatementListener = (event: StatementEvent) => void;

export interface SqlRunner {
  /** Runs one statement and returns its rows as objects keyed by column name. */
  query<Row>(statement: Sql): Promise<Row[]>;
  /** The same for a statement already written out with $1, $2 placeholders (EXPLAIN of a recorded one). */
  run<Row>(text: string, values: readonly unknown[]): Promise<Row[]>;
}

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;

/** How rows are read from either driver, without Prisma: the dataset loader's statements use them too. */
export const parsers: Record<number, (value: string) => unknown> = {
  [TIMESTAMP]: (value) => dateOfInstant(`${value.replace(' ', 'T')}Z`),
  [TIMESTAMPTZ]: (value) => dateOfInstant(value),
  [DATE]: (value) => dateOfDay(value),
  [INT8]: (value) => Number(value),
  [NUMERIC]: (value) => Number(value),
};

export const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => parsers[oid] ?? pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

/** Sends a statement; `repeated` says it comes from the read path, whose texts recur request after request. */
type Send = (text: string, values: unknown[], repeated: boolean) => Promise<unknown[]>;

function runner(send: Send, notify: StatementListener): SqlRunner {
  const sendAndNotify = async <Row>(text: string, values: readonly unknown[], repeated: boolean): Promise<Row[]> => {
    const started = performance.now();
    const rows = await send(text, values as unknown[], repeated);
    notify({ sql: text, values, rows: rows.length, ms: performance.now() - started });
    return rows as Row[];
  };
  return {
    run: (text, values) => sendAndNotify(text, values, false),
    query: (statement) => sendAndNotify(statement.text, statement.values, true),
  };
}

/**
 * The read path's statements as named prepared statements, so that PostgreSQL parses and plans a
 * text once per connection instead of on every request: for a page of talks, planning (the Talk
 * table has a dozen indexes to weigh) takes longer than running it. An operation's statements have
 * the same text whatever its values (those are parameters), so the texts a server sees are few; the
 * first PREPARED_TEXTS get a name, and any beyond run unnamed, so a server that is sent endless
 * shapes of query does not grow the statements each connection keeps.
 */
const PREPARED_TEXTS = 500;

function statementNames() {
  const names = new Map<string, string>();
  return (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_TEXTS) names.set(text, (name = `talkgraph_${names.size + 1}`));
    return name;
  };
}

/**
 * The read path only reads, so a statement whose connection was cut under it (a server restart,
 * pg_terminate_backend, a failover) is sent again instead of failing the request. When every
 * connection was cut at once, the pool may hand out another dead one before it has heard of its
 * end; a short pause lets it drop them, and the last try opens a new connection.
 */
const READ_RETRY_DELAYS_MS = [0, 25, 100];

export function poolRunner(pool: pg.Pool, notify: StatementListener): SqlRunner {
  const nameOf = statementNames();
  return runner(async (text, values, repeated) => {
    const name = repeated ? nameOf(text) : undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await pool.query({ name, text, values, types: pgTypes })).rows;
      } catch (error) {
        if (attempt >= READ_RETRY_DELAYS_MS.length || !isConnectionLost(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, READ_RETRY_DELAYS_MS[attempt]));
      }
    }
  }, notify);
}

/**
 * The embedded database has one session and PGlite sends every statement unnamed, so each request
 * would parse and plan its statement again (7.6 of the headline's 8 ms). PGlite cannot bind values
 * to a named statement, so the read path's texts are prepared with SQL (`PREPARE`) and run with
 * `EXECUTE name('value', ...)`, each value written as an escaped string literal that PostgreSQL reads with
 * the parameter's type, as it reads a value bound as text. A text whose parameters PostgreSQL cannot
 * type alone, or a value with no plain literal, runs unnamed as before.
 */
export function pgliteRunner(pglite: PGlite, notify: StatementListener): SqlRunner {
  const nameOf = statementNames();
  const prepared = new Map<string, Promise<boolean>>();
  const prepare = (name: string, text: string) => {
    let done = prepared.get(name);
    if (!done) {
      done = pglite.exec(`PREPARE ${name} AS ${text}`).then(
        () => true,
        () => false,
      );
      prepared.set(name, done);
    }
    return done;
  };
  return runner(async (text, values, repeated) => {
    const name = repeated ? nameOf(text) : undefined;
    const literals = name === undefined ? undefined : sqlLiterals(values);
    if (name !== undefined && literals !== undefined && (await prepare(name, text))) {
      return (await pglite.query(`EXECUTE ${name}${literals.length ? `(${literals.join(', ')})` : ''}`, [], { parsers })).rows;
    }
    return (await pglite.query(text, values, { parsers })).rows;
  }, notify);
}

/**
 * A quoted literal of text in the escape-string form (E'...'), with its backslashes and quotes
 * doubled: it reads the same whatever standard_conforming_strings says.
 */
const quoted = (text: string) => `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** Text of a value as PostgreSQL reads it for any type; undefined for a value that has none here. */
function literalText(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const elements: string[] = [];
    for (const element of value) {
      if (Array.isArray(element)) return undefined;
      const inner = literalText(element);
      if (inner === undefined) return undefined;
      elements.push(inner === null ? 'NULL' : `"${inner.replace(/["\\]/g, (c) => `\\${c}`)}"`);
    }
    return `{${elements.join(',')}}`;
  }
  return undefined;
}

/** The values as SQL literals for EXECUTE; undefined when one of them has no literal (bytes, objects). */
export function sqlLiterals(values: readonly unknown[]): string[] | undefined {
  const literals: string[] = [];
  for (const value of values) {
    const text = literalText(value);
    if (text === undefined || text?.includes('\0')) return undefined;
    literals.push(text === null ? 'NULL' : quoted(text));
  }
  return literals;
}
