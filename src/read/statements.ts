// The SQL of the read path, in one place. Every statement here reads only what its answer holds:
// a page of a connection is `first + 1` rows per parent (the extra one says whether there is a next
// page), taken for all the parents of a level in one statement with a LATERAL join; a count is a
// grouped subquery only when `totalCount` is asked for; columns are those the selection needs.
// Everything a caller supplies is a parameter; identifiers come from this codebase only.
import { Prisma } from '../generated/prisma/client.js';
import type { Sql } from '../db/sql.js';
import { Lookups } from './lookups.js';
import { type RowPlan, selection, type Table } from './plan.js';

export { Lookups };

/** One key of an order: an expression of the row (and of the parent id, for per-parent values). */
export interface OrderKey {
  expr: (row: Sql, parent: Sql) => Sql;
  descending: boolean;
  /** Where rows without a value go: PostgreSQL's default is last ascending, first descending. */
  nullsFirst: boolean;
  /** Set when the key is a plain column, so `id` is not appended twice. */
  column?: string;
  /** Set on a key that counts something (talks, reactions): its value is the edge's `count`. */
  count?: boolean;
}

/**
 * How a row of a list belongs to its parent: a column of the row holds the parent's id (a talk's
 * `conferenceId`), or a link table pairs them (`_TalkToTopic`: column `from` holds the parent's
 * id, column `to` the value of the row's `on` column, by default its id).
 */
export type ParentLink = { column: string } | { through: string; from: string; to: string; on?: string };

export const byColumn = (column: string): ParentLink => ({ column });
export const through = (table: string, from: string, to: string, on?: string): ParentLink => ({ through: table, from, to, on });

/** "Row belongs to the parent with id `parent`", as a condition. */
export function linkCondition(link: ParentLink, row: Sql, parent: Sql): Sql {
  if ('column' in link) return Prisma.sql`${col(row, link.column)} = ${parent}`;
  return Prisma.sql`${col(row, link.on ?? 'id')} IN (SELECT ${Prisma.raw(`"${link.to}"`)} FROM ${Prisma.raw(`"${link.through}"`)} WHERE ${Prisma.raw(`"${link.from}"`)} = ${parent})`;
}

/**
 * A list of rows of `target` that belongs to a parent row (or to the root, when neither `parent`
 * nor a parent-dependent `where` ties it to one): `talks` of a conference, all `talks`.
 */
export interface Relation<Args = Record<string, unknown>, Row = unknown> {
  readonly target: Table<Row>;
  /** How a row belongs to its parent; absent for root lists and lists that `where` ties to the parent. */
  readonly parent?: ParentLink;
  /**
   * Conditions from the field's arguments (filters); `parent` is the parent's id. Slugs in the
   * arguments become ids through `lookups`, which also reports the ones that name nothing.
   */
  readonly where?: (row: Sql, args: Args, parent: Sql, lookups: Lookups) => Sql | undefined;
  readonly orderBy: (args: Args, lookups: Lookups) => OrderKey[];
}

type Nulls = 'nulls first' | 'nulls last';

/** An ascending key: a column of the row, or any expression of the row and its parent. */
export function asc(key: string | OrderKey['expr'], nulls: Nulls = 'nulls last'): OrderKey {
  return typeof key === 'string'
    ? { expr: (row) => col(row, key), descending: false, nullsFirst: nulls === 'nulls first', column: key }
    : { expr: key, descending: false, nullsFirst: nulls === 'nulls first' };
}

export function desc(key: string | OrderKey['expr'], nulls: Nulls = 'nulls first'): OrderKey {
  return { ...asc(key), descending: true, nullsFirst: nulls === 'nulls first' };
}

/** A key that ranks by a count, largest first; the count is also each edge's `count`. */
export const byCount = (count: OrderKey['expr']): OrderKey => ({ ...desc(count, 'nulls last'), count: true });

export const col = (row: Sql, column: string) => Prisma.sql`${row}.${Prisma.raw(`"${column}"`)}`;
export const tableName = (table: Table) => Prisma.raw(`"${table.name}"`);

/** Which slice of an ordered list a page is; built from first/last/after/before by ./reader.ts. */
export interface Window {
  /** Rows to return; the statement reads one more. Null for a plain list (every row). */
  limit: number | null;
  /** Read from the end of the order (last/before); the rows come back reversed. */
  backward: boolean;
  /** Only rows after (and before) the rows with these ids, in the list's order. */
  after?: number;
  before?: number;
}

export interface ListStatement {
  statement: Sql;
  /** Turns a returned row into the object its GraphQL type resolves from. */
  decode: (row: Record<string, unknown>) => Record<string, unknown>;
  /** The slugs the statement's filters named; `verify` a returned row to report those that name nothing. */
  lookups?: Lookups;
}

const rowAlias = Prisma.raw('x');
const cursorAlias = Prisma.raw('y');
const parentId = Prisma.raw('p.id');

export function conditions(relation: Relation, args: Record<string, unknown>, row: Sql, parent: Sql, lookups: Lookups): Sql[] {
  const all: Sql[] = [];
  if (relation.parent) all.push(linkCondition(relation.parent, row, parent));
  const filter = relation.where?.(row, args, parent, lookups);
  if (filter) all.push(filter);
  return all;
}

const flip = (key: OrderKey): OrderKey => ({ ...key, descending: !key.descending, nullsFirst: !key.nullsFirst });

export const whereClause = (parts: Sql[]) => (parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty);

/** The keys with `id` appended as the last tie-breaker, and flipped when reading backwards. */
export function orderKeys(relation: Relation, args: Record<string, unknown>, backward: boolean, lookups: Lookups): OrderKey[] {
  const given = relation.orderBy(args, lookups);
  const keys = given[given.length - 1]?.column === 'id' ? given : [...given, asc('id')];
  return backward ? keys.map(flip) : keys;
}

export function orderBy(keys: OrderKey[], row: Sql, parent: Sql): Sql {
  return Prisma.join(
    keys.map(
      (key) => Prisma.sql`${key.expr(row, parent)} ${Prisma.raw(key.descending ? 'DESC' : 'ASC')} ${Prisma.raw(key.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST')}`,
    ),
    ', ',
  );
}

/**
 * "Row comes after the cursor row in this order": for keys k1..kn, some key is strictly after the
 * cursor's value and all keys before it are equal (NULLs compare equal to NULLs and sort where the
 * key says). `cursor` is the alias of a lateral row holding the cursor's key values k0, k1, ...
 */
function afterCursor(keys: OrderKey[], row: Sql, parent: Sql, cursor: Sql): Sql {
  const value = (index: number) => Prisma.sql`${cursor}.${Prisma.raw(`k${index}`)}`;
  const after = (key: OrderKey, index: number): Sql => {
    const mine = key.expr(row, parent);
    const theirs = value(index);
    const beyond = key.descending ? Prisma.sql`${mine} < ${theirs}` : Prisma.sql`${mine} > ${theirs}`;
    return key.nullsFirst
      ? Prisma.sql`((${theirs} IS NULL AND ${mine} IS NOT NULL) OR ${beyond})`
      : Prisma.sql`(${theirs} IS NOT NULL AND (${mine} IS NULL OR ${beyond}))`;
  };
  const alternatives = keys.map((key, index) => {
    const equalBefore = keys.slice(0, index).map((earlier, j) => Prisma.sql`${earlier.expr(row, parent)} IS NOT DISTINCT FROM ${value(j)}`);
    return Prisma.join([...equalBefore, after(key, index)], ' AND ');
  });
  return Prisma.sql`(${Prisma.join(alternatives.map((alternative) => Prisma.sql`(${alternative})`), ' OR ')})`;
}

/** A lateral row with the cursor row's key values, and the condition placing rows after (or before) it. */
export function cursorJoin(relation: Relation, keys: OrderKey[], id: unknown, name: string, before: boolean, parent: Sql, row: Sql = rowAlias, cursorRow: Sql = cursorAlias) {
  const alias = Prisma.raw(name);
  const values = Prisma.join(
    keys.map((key, index) => Prisma.sql`${key.expr(cursorRow, parent)} AS ${Prisma.raw(`k${index}`)}`),
    ', ',
  );
  const join = Prisma.sql`CROSS JOIN LATERAL (SELECT ${values} FROM ${tableName(relation.target)} ${cursorRow} WHERE ${cursorRow}."id" = ${id}) ${alias}`;
  const flipped = before ? keys.map(flip) : keys;
  return { join, condition: afterCursor(flipped, row, parent, alias) };
}

/**
 * The rows of `relation` for every parent in one statement: `$parent` names the parent of each row,
 * `$total` its count (when asked), `$count` the counted key of a ranked order. A parent with no
 * rows still has one row (without an id) when it is counted or its filters name slugs, so the
 * count and the slug checks always come back. With `parents` null the list is a root list.
 */
export function listStatement(
  relation: Relation,
  args: Record<string, unknown>,
  plan: RowPlan | null,
  window: Window,
  parents: number[] | null,
  count: boolean,
): ListStatement {
  const lookups = new Lookups();
  const keys = orderKeys(relation, args, window.backward, lookups);
  const selected = plan && selection(plan, rowAlias);

  if (plan && selected && window.limit === null) {
    // A plain list: every row of every parent, read through the parent column's index for all
    // parents at once (a lateral subquery would be planned and run once per parent).
    const link = relation.parent;
    if (!link) throw new Error(`A plain list of ${relation.target.name} needs a parent link.`);
    const linkAlias = Prisma.raw('l');
    const parent = 'column' in link ? col(rowAlias, link.column) : col(linkAlias, link.from);
    const from =
      'column' in link
        ? Prisma.sql`${tableName(relation.target)} ${rowAlias}`
        : Prisma.sql`${Prisma.raw(`"${link.through}"`)} ${linkAlias} JOIN ${tableName(relation.target)} ${rowAlias} ON ${col(rowAlias, link.on ?? 'id')} = ${col(linkAlias, link.to)}`;
    const filter = relation.where?.(rowAlias, args, parent, lookups);
    if (!lookups.empty) throw new Error(`Plain lists take no slugs (${relation.target.name}).`);
    const statement = Prisma.sql`SELECT ${parent} AS "$parent", ${selected.columns}
      FROM ${from} ${selected.joins}
      WHERE ${parent} = ANY(${parents ?? []}::int[])${filter ? Prisma.sql` AND ${filter}` : Prisma.empty}
      ORDER BY ${orderBy(keys, rowAlias, parent)}`;
    return { statement, decode: selected.decode };
  }

  const where = conditions(relation, args, rowAlias, parentId, lookups);
  // The count is computed while the parent ids are unnested, where the parent id is u.id.
  const total = count
    ? Prisma.sql`, (SELECT count(*)::int FROM ${tableName(relation.target)} ${rowAlias} ${whereClause(conditions(relation, args, rowAlias, Prisma.raw('u.id'), lookups))}) AS total`
    : Prisma.empty;
  const parentRows =
    parents === null
      ? Prisma.sql`(SELECT NULL::int AS id, 1::bigint AS ord ${total} ${lookups.columns()}) p`
      : Prisma.sql`(SELECT u.id, u.ord ${total} ${lookups.columns()} FROM unnest(${parents}::int[]) WITH ORDINALITY AS u(id, ord)) p`;
  const parentColumns = Prisma.sql`p.id AS "$parent" ${count ? Prisma.sql`, p.total AS "$total"` : Prisma.empty} ${lookups.selected(Prisma.raw('p'))}`;
  if (!plan || !selected) {
    return { statement: Prisma.sql`SELECT ${parentColumns} FROM ${parentRows}`, decode: () => ({}), lookups };
  }

  const cursorJoins: Sql[] = [];
  const addCursor = (id: number | undefined, name: string, before: boolean) => {
    if (id === undefined) return;
    const cursor = cursorJoin(relation, orderKeys(relation, args, false, lookups), id, name, before, parentId);
    cursorJoins.push(cursor.join);
    where.push(cursor.condition);
  };
  addCursor(window.after, 'after_row', false);
  addCursor(window.before, 'before_row', true);

  // The page is taken from the table alone (its own columns and the order's keys, `first + 1` rows
  // per parent); the to-one joins are applied to those rows only, outside the per-parent subquery,
  // and the rows come out in page order by the keys the subquery already computed.
  const ownColumns = plan.columns.map((column) => col(rowAlias, column));
  const keyColumns = keys.map((key, index) => Prisma.sql`${key.expr(rowAlias, parentId)} AS ${Prisma.raw(`"$k${index}"`)}`);
  const page = Prisma.sql`SELECT ${Prisma.join([...ownColumns, ...keyColumns], ', ')}
    FROM ${tableName(relation.target)} ${rowAlias} ${cursorJoins.length ? Prisma.join(cursorJoins, ' ') : Prisma.empty}
    ${whereClause(where)} ORDER BY ${orderBy(keys, rowAlias, parentId)} LIMIT ${window.limit! + 1}`;
  const pageOrder = orderBy(
    keys.map((key, index) => ({ ...key, expr: () => Prisma.raw(`x."$k${index}"`) })),
    rowAlias,
    parentId,
  );
  const counted = keys.findIndex((key) => key.count);
  const countColumn = counted >= 0 ? Prisma.raw(`, x."$k${counted}"::int AS "$count"`) : Prisma.empty;
  const outer = count || !lookups.empty;
  const statement = Prisma.sql`SELECT ${parentColumns}, ${selected.columns} ${countColumn}
    FROM ${parentRows} ${Prisma.raw(outer ? 'LEFT JOIN' : 'CROSS JOIN')} LATERAL (${page}) ${rowAlias} ${Prisma.raw(outer ? 'ON true' : '')}
    ${selected.joins}
    ORDER BY p.ord, ${pageOrder}`;
  return { statement, decode: selected.decode, lookups };
}

/** One facet of a list: what its rows are grouped by, and how the groups are ordered. */
export interface Facet {
  /**
   * The FROM clause after the list's own table (joins to what is grouped, e.g. a talk's speakers),
   * and the grouped value; rows whose value is NULL are left out.
   */
  joins?: (row: Sql, lookups: Lookups) => Sql;
  value: (row: Sql, lookups: Lookups) => Sql;
  /** Count distinct list rows (needed when `joins` can repeat a row). */
  distinct?: boolean;
  /** 'count': largest groups first (ties by value); 'value': by value, for time series. */
  order: 'count' | 'value';
}

/**
 * The groups of the list of one parent (`parent`: its id, or NULL::int for a root list) as a
 * subquery with columns `value` and `count`, at most `first` groups, in the facet's order. The
 * list's own filters apply; `row` is the alias its rows are read under.
 */
export function facetGroups(relation: Relation, args: Record<string, unknown>, facet: Facet, row: Sql, parent: Sql, lookups: Lookups, first: number): Sql {
  const where = conditions(relation, args, row, parent, lookups);
  const value = facet.value(row, lookups);
  where.push(Prisma.sql`${value} IS NOT NULL`);
  const counted = facet.distinct ? Prisma.sql`count(DISTINCT ${col(row, 'id')})::int` : Prisma.sql`count(*)::int`;
  return Prisma.sql`SELECT ${value} AS value, ${counted} AS count
    FROM ${tableName(relation.target)} ${row} ${facet.joins?.(row, lookups) ?? Prisma.empty}
    ${whereClause(where)} GROUP BY 1 ORDER BY ${facetOrder(facet, Prisma.raw('1'), Prisma.raw('2'))} LIMIT ${first}`;
}

/** The order of a facet's groups, given its value and count expressions. */
export const facetOrder = (facet: Facet, value: Sql, count: Sql) =>
  facet.order === 'count' ? Prisma.sql`${count} DESC, ${value} ASC` : Prisma.sql`${value} ASC`;

/**
 * Whose lists a grouped statement reads: a level's parents by id, the root list (null), or the one
 * parent an enclosing statement is at (`{ parent }`, an expression of its row; a compiled operation).
 */
export type Parents = number[] | null | { parent: Sql };

/**
 * The groups of a list for every parent in one statement: rows with `$parent`, `value` and `count`,
 * at most `first` groups per parent. The list's own filters apply. Given `lookups` (those of an
 * enclosing statement) the slugs it names are checked there; otherwise each row carries the flags.
 */
export function facetStatement(relation: Relation, args: Record<string, unknown>, facet: Facet, parents: Parents, first: number, shared?: Lookups): ListStatement {
  const lookups = shared ?? new Lookups();
  const groups = facetGroups(relation, args, facet, rowAlias, parentId, lookups, first);
  const flags = shared ? Prisma.empty : lookups.columns();
  const parentRows =
    parents === null
      ? Prisma.sql`(SELECT NULL::int AS id, 1::bigint AS ord ${flags}) p`
      : Array.isArray(parents)
        ? Prisma.sql`(SELECT u.id, u.ord ${flags} FROM unnest(${parents}::int[]) WITH ORDINALITY AS u(id, ord)) p`
        : Prisma.sql`(SELECT ${parents.parent} AS id, 1::bigint AS ord) p`;
  const statement = Prisma.sql`SELECT p.id AS "$parent" ${shared ? Prisma.empty : lookups.selected(Prisma.raw('p'))}, f.value, f.count
    FROM ${parentRows} LEFT JOIN LATERAL (${groups}) f ON true
    ORDER BY p.ord, ${facetOrder(facet, Prisma.raw('f.value'), Prisma.raw('f.count'))}`;
  return { statement, decode: (row) => row, lookups: shared ? undefined : lookups };
}

/** Rows of `table` by id, for every id of a level in one statement. */
export function byIdStatement(plan: RowPlan, ids: number[]): ListStatement {
  const selected = selection(plan, rowAlias);
  return {
    statement: Prisma.sql`SELECT ${selected.columns} FROM ${tableName(plan.table)} ${rowAlias} ${selected.joins} WHERE ${rowAlias}."id" = ANY(${ids}::int[])`,
    decode: selected.decode,
  };
}

/** The one row of `table` that `where` picks (a root lookup by slug). */
export function findStatement(plan: RowPlan, where: (row: Sql) => Sql): ListStatement {
  const selected = selection(plan, rowAlias);
  return {
    statement: Prisma.sql`SELECT ${selected.columns} FROM ${tableName(plan.table)} ${rowAlias} ${selected.joins} WHERE ${where(rowAlias)} LIMIT 1`,
    decode: selected.decode,
  };
}

/** "Any of these columns contains `word`", case-insensitive; LIKE's wildcards in the word match themselves. */
export function containsWord(columns: Sql[], word: string): Sql {
  const pattern = `%${word.replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`)}%`;
  return Prisma.sql`(${Prisma.join(columns.map((column) => Prisma.sql`${column} ILIKE ${pattern}`), ' OR ')})`;
}
