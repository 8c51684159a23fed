// The dataset loader's one way to write a table: merge a batch of wanted records into the rows
// already there, by identity. For each batch it reads the existing rows in one statement, compares
// in memory, inserts the new records in one multi-row statement, updates only the rows that differ
// (one statement per set of changed columns) and, for lists a dataset replaces, deletes the rows
// it no longer names.
//
// A batch travels as one JSON parameter that PostgreSQL unpacks with jsonb_to_recordset, rather
// than as Prisma model queries: a 500-talk insert through Prisma's query engine is 7,500 bound
// parameters, each with a type descriptor, planned by the engine and kept in its debug history.
// Statement texts are built here from the table definitions only; every value is a parameter.
import { isoDay, isoInstant } from '../dataset/dates.js';
import { InvalidInputError, ConflictError } from '../errors.js';
import type { Statements } from './write-transaction.js';

/** How a column's value travels in the batch's JSON, and the PostgreSQL type it becomes. */
const columnTypes = {
  int: 'integer',
  text: 'text',
  texts: 'text[]',
  day: 'date',
  instant: 'timestamp(3)',
  json: 'jsonb',
} as const;

/** An enum column: its PostgreSQL type is the Prisma enum's name. */
type EnumColumn = `enum:${string}`;

/** The column kinds a field of this TypeScript type may be stored as. */
type ColumnFor<T> = [NonNullable<T>] extends [Date]
  ? 'day' | 'instant'
  : [NonNullable<T>] extends [number]
    ? 'int'
    : [NonNullable<T>] extends [string[]]
      ? 'texts'
      : [NonNullable<T>] extends [string]
        ? 'text' | EnumColumn
        : 'json';

/** What a row is without the columns the database or the merge fills in. */
export type Fields<Row> = Omit<Row, 'id' | 'createdAt' | 'updatedAt'>;

export interface Table<Row> {
  /** The table's name in PostgreSQL (the Prisma model's name). */
  name: string;
  /** Every column the loader writes, with its kind. */
  columns: { [C in keyof Fields<Row>]-?: ColumnFor<Fields<Row>[C]> };
  /** The row's primary key: its id, or the columns of a composite key. */
  primaryKey: ReadonlyArray<keyof Row & string>;
  /** Whether the table has Prisma's createdAt and updatedAt, which raw statements must set themselves. */
  timestamps: boolean;
}

/** A record to merge: the columns it states; undefined means "this record does not say". */
export type Wanted<Row> = { [C in keyof Fields<Row>]?: Fields<Row>[C] | undefined };

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows dropped from a list the dataset replaces (a talk's speakers, an article's authors). */
  removed: number;
}

export interface MergeRule<Row> {
  table: Table<Row>;
  /**
   * The column sets that identify a row, strongest first; records are matched on the first one they
   * give in full. A weaker identity only matches a row when one side lacks the stronger one: a
   * talk's source id wins, and its slug only matches a talk that has no source id of its own (or
   * when the record has none).
   */
  identities: ReadonlyArray<ReadonlyArray<keyof Fields<Row> & string>>;
  /**
   * Per column, when a stored value and a wanted one are the same thing (default: equal values);
   * given the stored row and the record too, for a column whose sameness depends on another.
   */
  same?: { [C in keyof Fields<Row>]?: (stored: Fields<Row>[C], wanted: Fields<Row>[C], row: Row, record: Wanted<Row>) => boolean };
  /** Columns whose stored value wins unless it is blank (schedule imports fill in, never overwrite). */
  keepKnown?: ReadonlyArray<keyof Fields<Row> & string>;
  /**
   * For lists a dataset replaces: the column naming the list's owner. A batch then reads every row
   * of its owners, and deletes those its records do not name.
   */
  replaceWithin?: keyof Fields<Row> & string;
  /** The counts this rule adds to. */
  counts: EntityCounts;
}

export interface BatchResult<Row> {
  /** Per record, in the order given: what happened. */
  outcomes: Outcome[];
  /** Per record, the row it ended up as; of a created row, only its key and identity columns. */
  rows: Row[];
  /** Rows deleted because their owner's list no longer names them. */
  removed: Row[];
}

export const BATCH_SIZE = 500;

export function batches<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isBlank = (value: unknown) => value == null || value === '' || (Array.isArray(value) && value.length === 0);

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a == null && b == null;
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (a ?? null) === (b ?? null);
}

const quote = (name: string) => `"${name}"`;

/**
 * Merges one batch of records into `rule.table` inside the transaction `db`. `owners` lists the
 * owners a replaceWithin batch speaks for, including those whose list is now empty. `pathOf`
 * names a record in messages (its dataset path).
 */
export async function mergeBatch<Row extends object>(
  db: Statements,
  rule: MergeRule<Row>,
  records: ReadonlyArray<Wanted<Row>>,
  options: { owners?: readonly number[]; pathOf?: (index: number) => string; now: Date },
): Promise<BatchResult<Row>> {
  const { table, identities, counts } = rule;
  type Column = keyof Fields<Row> & string;
  const columns = Object.keys(table.columns) as Column[];
  const kindOf = (column: Column): string => table.columns[column as keyof Fields<Row>];
  const sqlType = (column: string): string => {
    const kind = column in table.columns ? kindOf(column as Column) : 'int';
    return kind.startsWith('enum:') ? quote(kind.slice(5)) : columnTypes[kind as keyof typeof columnTypes];
  };
  const pathOf = options.pathOf ?? ((index: number) => `${table.name}[${index}]`);
  const value = (record: Wanted<Row> | Row, column: string): unknown => (record as Record<string, unknown>)[column];
  const gives = (record: Wanted<Row> | Row, identity: readonly string[]) => identity.every((column) => value(record, column) != null);
  const keyOf = (record: Wanted<Row> | Row, identity: readonly string[]) => JSON.stringify(identity.map((column) => value(record, column)));
  const strongest = (record: Wanted<Row>) => identities.findIndex((identity) => gives(record, identity));

  // Records that name one row twice (a source listing a speaker twice) merge once, as the first.
  const firstOf = new Map<string, number>();
  const primary = records.map((record, index) => {
    const strength = strongest(record);
    if (strength < 0) throw new Error(`${pathOf(index)}: a ${table.name} record without its identity (${identities[0].join(', ')})`);
    const key = `${strength}:${keyOf(record, identities[strength])}`;
    if (!firstOf.has(key)) firstOf.set(key, index);
    return key;
  });

  const existing = await readExisting(db, rule, records, options.owners, sqlType);
  const indexes = identities.map((identity) => {
    const byKey = new Map<string, Row>();
    for (const row of existing) if (gives(row, identity)) byKey.set(keyOf(row, identity), row);
    return byKey;
  });

  const outcomes: Outcome[] = new Array(records.length);
  const rows: Row[] = new Array(records.length);
  const matched = new Set<Row>();
  const fresh: number[] = [];
  const changes = new Map<string, Array<{ row: Row; diff: Record<string, unknown> }>>();
  for (const [index, record] of records.entries()) {
    const first = firstOf.get(primary[index])!;
    if (first !== index) continue;
    const row = match(record, index);
    if (!row) {
      fresh.push(index);
      continue;
    }
    matched.add(row);
    rows[index] = row;
    const diff: Record<string, unknown> = {};
    for (const column of columns) {
      const wanted = value(record, column);
      if (wanted === undefined) continue;
      const stored = value(row, column);
      const same = rule.same?.[column as keyof Fields<Row>] as ((a: unknown, b: unknown, row: Row, record: Wanted<Row>) => boolean) | undefined;
      if (same ? same(stored, wanted, row, record) : sameValue(stored, wanted)) continue;
      if (rule.keepKnown?.includes(column) && !isBlank(stored)) continue;
      diff[column] = wanted;
    }
    const changed = Object.keys(diff);
    if (changed.length === 0) {
      outcomes[index] = 'unchanged';
      counts.unchanged++;
    } else {
      outcomes[index] = 'updated';
      counts.updated++;
      const group = changed.join(',');
      if (!changes.has(group)) changes.set(group, []);
      changes.get(group)!.push({ row, diff });
    }
  }

  function match(record: Wanted<Row>, index: number): Row | undefined {
    for (const [strength, identity] of identities.entries()) {
      if (!gives(record, identity)) continue;
      const row = indexes[strength].get(keyOf(record, identity));
      if (!row) continue;
      const stronger = identities.slice(0, strength).find((other) => gives(record, other) && gives(row, other));
      if (!stronger) return row;
      // Inserting would break the weaker identity's unique index; say which record and why.
      const [column] = identity.filter((c) => !stronger.includes(c));
      const [strongColumn] = stronger.filter((c) => !identity.includes(c));
      throw new ConflictError(
        `${pathOf(index)}.${column}: another ${table.name} already has ${column} "${String(value(record, column))}" with ${strongColumn} "${String(value(row, strongColumn))}" (this record's is "${String(value(record, strongColumn))}"); give this record another ${column}, or the ${strongColumn} of the existing one.`,
        `${pathOf(index)}.${column}`,
      );
    }
    return undefined;
  }

  const now = isoInstant(options.now);
  const encode = (column: string, raw: unknown): unknown => {
    if (!(raw instanceof Date)) return raw;
    return kindOf(column as Column) === 'day' ? isoDay(raw) : isoInstant(raw);
  };
  const json = (items: Array<Record<string, unknown>>, describe: (position: number) => string) => {
    const text = JSON.stringify(items);
    if (text.includes('\\u0000')) {
      const position = items.findIndex((item) => JSON.stringify(item).includes('\\u0000'));
      const column = Object.keys(items[position]).find((key) => JSON.stringify(items[position][key]).includes('\\u0000'));
      const field = `${describe(position)}.${column}`;
      throw new InvalidInputError(`${field}: contains a NUL character (U+0000), which the database cannot store; remove it.`, field);
    }
    return text;
  };

  // New rows, one statement per set of given columns (the database fills in the defaults of the others).
  const inserted = new Map<string, Row>();
  const byColumns = new Map<string, number[]>();
  for (const index of fresh) {
    const given = columns.filter((column) => value(records[index], column) !== undefined).join(',');
    if (!byColumns.has(given)) byColumns.set(given, []);
    byColumns.get(given)!.push(index);
  }
  for (const [given, members] of byColumns) {
    const written = given.split(',') as Column[];
    const items = members.map((index) => Object.fromEntries(written.map((column) => [column, encode(column, value(records[index], column))])));
    const payload = json(items, (position) => pathOf(members[position]));
    const targets = [...written, ...(table.timestamps ? ['createdAt', 'updatedAt'] : [])].map(quote);
    const sources = [...written.map((column) => `r.${quote(column)}`), ...(table.timestamps ? ['$2::timestamp(3)', '$2::timestamp(3)'] : [])];
    const returned = [...new Set([...table.primaryKey, ...identities.flat()])].map(quote);
    const statement =
      `INSERT INTO ${quote(table.name)} (${targets.join(', ')}) ` +
      `SELECT ${sources.join(', ')} FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${written.map((c) => `${quote(c)} ${sqlType(c)}`).join(', ')})) ` +
      `WITH ORDINALITY AS r(${[...written.map(quote), '"#"'].join(', ')}) ORDER BY r."#" ` +
      `RETURNING ${returned.join(', ')}`;
    const created = await db.query<Row>(statement, table.timestamps ? [payload, now] : [payload]);
    for (const row of created) {
      const strength = identities.findIndex((identity) => gives(row, identity));
      inserted.set(`${strength}:${keyOf(row, identities[strength])}`, row);
    }
  }
  for (const index of fresh) {
    outcomes[index] = 'created';
    rows[index] = inserted.get(primary[index])!;
  }
  counts.created += fresh.length;

  // Changed rows, one statement per set of changed columns.
  for (const [group, members] of changes) {
    const changed = group.split(',');
    const keys = table.primaryKey;
    const items = members.map(({ row, diff }) => ({
      ...Object.fromEntries(keys.map((key) => [key, value(row, key)])),
      ...Object.fromEntries(changed.map((column) => [column, encode(column, diff[column])])),
    }));
    const payload = json(items, (position) => pathOf(records.findIndex((_, index) => rows[index] === members[position].row)));
    const assignments = [...changed.map((column) => `${quote(column)} = r.${quote(column)}`), ...(table.timestamps ? ['"updatedAt" = $2::timestamp(3)'] : [])];
    const statement =
      `UPDATE ${quote(table.name)} AS t SET ${assignments.join(', ')} ` +
      `FROM jsonb_to_recordset($1::jsonb) AS r(${[...keys, ...changed].map((c) => `${quote(c)} ${sqlType(c)}`).join(', ')}) ` +
      `WHERE ${keys.map((key) => `t.${quote(key)} = r.${quote(key)}`).join(' AND ')}`;
    await db.query(statement, table.timestamps ? [payload, now] : [payload]);
  }

  // Rows of the batch's owners that no record names any more.
  const removed = rule.replaceWithin ? existing.filter((row) => !matched.has(row)) : [];
  if (removed.length > 0) {
    const keys = table.primaryKey;
    const payload = JSON.stringify(removed.map((row) => Object.fromEntries(keys.map((key) => [key, value(row, key)]))));
    await db.query(
      `DELETE FROM ${quote(table.name)} AS t USING jsonb_to_recordset($1::jsonb) AS r(${keys.map((key) => `${quote(key)} integer`).join(', ')}) ` +
        `WHERE ${keys.map((key) => `t.${quote(key)} = r.${quote(key)}`).join(' AND ')}`,
      [payload],
    );
    counts.removed += removed.length;
  }

  // Records that repeated an earlier one share its outcome and row.
  for (const [index] of records.entries()) {
    const first = firstOf.get(primary[index])!;
    if (first !== index) {
      outcomes[index] = outcomes[first];
      rows[index] = rows[first];
    }
  }
  return { outcomes, rows, removed };
}

/** The rows the batch's records may match: by any of their identities, or every row of their owners. */
async function readExisting<Row extends object>(
  db: Statements,
  rule: MergeRule<Row>,
  records: ReadonlyArray<Wanted<Row>>,
  owners: readonly number[] | undefined,
  sqlType: (column: string) => string,
): Promise<Row[]> {
  const { table } = rule;
  const selected = [...new Set([...table.primaryKey, ...Object.keys(table.columns)])].map((column) => `t.${quote(column)}`).join(', ');
  if (rule.replaceWithin) {
    if (!owners || owners.length === 0) return [];
    return db.query<Row>(
      `SELECT ${selected} FROM ${quote(table.name)} AS t WHERE t.${quote(rule.replaceWithin)} IN (SELECT jsonb_array_elements_text($1::jsonb)::integer)`,
      [JSON.stringify(owners)],
    );
  }
  const keys = table.primaryKey.map((key) => `t.${quote(key)}`).join(', ');
  const lookups: string[] = [];
  const parameters: string[] = [];
  for (const identity of rule.identities) {
    const values = records
      .filter((record) => identity.every((column) => (record as Record<string, unknown>)[column] != null))
      .map((record) => Object.fromEntries(identity.map((column) => [column, (record as Record<string, unknown>)[column]])));
    if (values.length === 0) continue;
    parameters.push(JSON.stringify(values));
    lookups.push(
      `SELECT ${keys} FROM ${quote(table.name)} AS t JOIN jsonb_to_recordset($${parameters.length}::jsonb) AS k(${identity.map((c) => `${quote(c)} ${sqlType(c)}`).join(', ')}) ` +
        `ON ${identity.map((column) => `t.${quote(column)} = k.${quote(column)}`).join(' AND ')}`,
    );
  }
  if (lookups.length === 0) return [];
  return db.query<Row>(`SELECT ${selected} FROM ${quote(table.name)} AS t WHERE (${keys}) IN (${lookups.join(' UNION ALL ')})`, parameters);
}
