// From a selection to the columns of one statement. A row plan lists the columns a type's selected
// fields read and the to-one relations they follow; those are joined into the same statement, so
// `talk { conference { name } }` costs no statement of its own. To-many relations are not joined:
// each is one batched statement for all the parents of its level (./statements.ts).
//
// Fields say what they read through their GraphQL extensions: an exposed field reads its column
// (Pothos records `pothosExposedField`), other fields carry a `read` entry (see FieldRead).
import { type FieldNode, type GraphQLObjectType, isObjectType } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { fieldsOn, type OperationInfo } from './selection.js';
import type { Sql } from '../db/sql.js';
import type { Facet, Relation } from './statements.js';
import type { HistogramArgs, HistogramSubject } from './histogram.js';

/** A table the read path selects from, and the GraphQL object type its rows become. */
export interface Table<Row = unknown> {
  /** Table name in the database (Prisma's model name). */
  readonly name: string;
  /** The GraphQL object type. */
  readonly type: string;
  /** Type-level only: the row shape. */
  readonly row?: Row;
}

/** A table by its Prisma model's name (checked by the compiler), read as GraphQL type `type`. */
export function table<Row>(name: Prisma.ModelName, type: string = name): Table<Row> {
  return { name, type };
}

/** What a non-exposed field needs from its row, declared in the field's `extensions.read`. */
export type FieldRead =
  /** Computed from these columns of its own row. */
  | { kind: 'columns'; columns: readonly string[] }
  /** A to-one relation: the row's `foreignKey` column holds the id of a row of `table`. */
  | { kind: 'join'; table: Table; foreignKey: string; nullable: boolean }
  /** Every row of a relation of the row (a talk's speakers). */
  | { kind: 'list'; relation: Relation }
  /** A page of a relation of the row, or of a root list (`root`). */
  | { kind: 'connection'; relation: Relation; root: boolean }
  /** node(id:) or nodes(ids:): rows by global ID, each from the table of its ID's type; at most `maxIds`. */
  | { kind: 'node'; tables: Readonly<Record<string, Table>>; maxIds: number }
  /** A root field that finds one row of `table` by its arguments (a conference by its slug). */
  | { kind: 'find'; table: Table; where: (row: Sql, args: Record<string, unknown>) => Sql }
  /**
   * Rows made for each parent by their own query (recommendations): `rows(parents, args)` selects
   * them, in order, with the parent's id as "$parent", `parents` being an int[] expression (one
   * parent's, or a level's); the field's arguments are checked there.
   */
  | { kind: 'perParent'; rows: (parents: Sql, args: Record<string, unknown>) => Sql }
  /** The rows of `table` whose ids the row's int[] `column` lists, in that order. */
  | { kind: 'byIds'; table: Table; column: string }
  /** Objects stored as a JSON array in the row's `column` (jsonb): each item's keys are the fields its type exposes. */
  | { kind: 'items'; column: string }
  /**
   * Rows grouped per parent, in order (a programme's tracks, counts by kind): `rows(parents)` selects
   * them with the parent's id as "$parent", `parents` saying which parents' (one, or a level's);
   * the value is the list of `column`, or of objects whose fields are the rows' columns.
   */
  | { kind: 'grouped'; rows: (parents: (column: Sql) => Sql) => Sql; column?: string }
  /** A connection's facets: an object whose fields are each a 'facet' of the connection's whole list. */
  | { kind: 'facets' }
  /** Groups of the connection's list by `facet`, as many as `groups(args)` says (it checks the field's arguments). */
  | { kind: 'facet'; facet: Facet; groups: (args: Record<string, unknown>) => number }
  /** The connection's list per bucket of time, its items placed by `subject`; `settings(args)` checks the field's arguments. */
  | { kind: 'histogram'; subject: HistogramSubject; settings: (args: Record<string, unknown>) => HistogramArgs };

export interface RowPlan {
  readonly table: Table;
  /** Columns to select, `id` first. */
  readonly columns: readonly string[];
  /** To-one relations to join, by field name. */
  readonly joins: ReadonlyArray<{ field: string; foreignKey: string; plan: RowPlan }>;
}

/** The row plan for `type` as selected by `nodes` (the field nodes whose selection set is on it). */
export function planRow(operation: OperationInfo, table: Table, nodes: readonly FieldNode[]): RowPlan {
  const type = objectType(operation, table.type);
  const columns = new Set<string>(['id']);
  const joins: Array<{ field: string; foreignKey: string; plan: RowPlan }> = [];
  const definitions = type.getFields();
  for (const [name, fieldNodes] of fieldsOn(operation, type, nodes)) {
    const definition = definitions[name];
    if (!definition) continue; // __typename
    const extensions = definition.extensions as { pothosExposedField?: string; read?: FieldRead };
    if (extensions.pothosExposedField) {
      columns.add(extensions.pothosExposedField);
      continue;
    }
    const read = extensions.read;
    if (read?.kind === 'items' || read?.kind === 'byIds') {
      columns.add(read.column);
      continue;
    }
    if (!read || (read.kind !== 'columns' && read.kind !== 'join')) continue;
    if (read.kind === 'columns') {
      for (const column of read.columns) columns.add(column);
      continue;
    }
    columns.add(read.foreignKey);
    joins.push({ field: name, foreignKey: read.foreignKey, plan: planRow(operation, read.table, fieldNodes) });
  }
  return { table, columns: [...columns], joins };
}

function objectType(operation: OperationInfo, name: string): GraphQLObjectType {
  const type = operation.schema.getType(name);
  if (!isObjectType(type)) throw new Error(`The read path has no object type "${name}".`);
  return type;
}

export type Decoder = (row: Record<string, unknown>) => Record<string, unknown>;

/** A statement's select list for a row plan, the joins it needs, and how to turn a row back into objects. */
export interface Selection {
  readonly columns: Sql;
  readonly joins: Sql;
  readonly decode: Decoder;
}

const quote = (identifier: string) => Prisma.raw(`"${identifier.replace(/"/g, '""')}"`);

/**
 * Builds the select list for `plan` read from `alias`. Columns come out as c0, c1, ... so nested
 * joins never clash; `prefix` keeps several selections in one statement apart.
 */
export function selection(plan: RowPlan, alias: Sql, prefix = 'c'): Selection {
  const columns: Sql[] = [];
  const joins: Sql[] = [];
  let aliases = 0;
  const build = (rowPlan: RowPlan, from: Sql): Decoder => {
    const fields: Array<[string, string]> = rowPlan.columns.map((column) => {
      const name = `${prefix}${columns.length}`;
      columns.push(Prisma.sql`${from}.${quote(column)} AS ${quote(name)}`);
      return [column, name];
    });
    const nested = rowPlan.joins.map((join) => {
      const joined = Prisma.raw(`${prefix}j${aliases++}`);
      joins.push(Prisma.sql`LEFT JOIN ${quote(join.plan.table.name)} ${joined} ON ${joined}."id" = ${from}.${quote(join.foreignKey)}`);
      const idColumn = `${prefix}${columns.length}`;
      return { field: join.field, idColumn, decode: build(join.plan, joined) };
    });
    return (row) => {
      const object: Record<string, unknown> = {};
      for (const [field, column] of fields) object[field] = row[column];
      for (const join of nested) object[join.field] = row[join.idColumn] == null ? null : join.decode(row);
      return object;
    };
  };
  const decode = build(plan, alias);
  return { columns: Prisma.join(columns, ', '), joins: joins.length ? Prisma.join(joins, ' ') : Prisma.empty, decode };
}
