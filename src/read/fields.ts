// Field helpers for the schema modules: spread into a Pothos field, each declares what the field
// reads (so the planner can join or batch it) and resolves it through the request's reader.
//
//   conference: t.field({ type: Conference, ...one(conferences, 'conferenceId') }),
//   speakers: t.field({ type: [Speaker], ...list(speakersOfTalk) }),
//   reactions: t.connection({ type: Reaction, args: reactionListArgs(t.arg), ...connection(reactionsOfTalk) }),
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { FieldRead, Table } from './plan.js';
import type { Types } from '../builder.js';
import type { Edge, Page, PageArgs } from './reader.js';
import { col, type Relation } from './statements.js';
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';

type Parent = object;
type Keyed = { id: number };

function related<T>(parent: Parent, target: Table<T>, foreignKey: string, context: Context, info: GraphQLResolveInfo) {
  const row = parent as Record<string, unknown>;
  // Joined into the parent's statement when the parent was read with this field selected.
  const joined = row[info.fieldName];
  if (joined !== undefined) return joined as T | null;
  const id = row[foreignKey];
  return id == null ? null : context.read.byId(target, id as number, info);
}

/** A to-one relation that is always there (a talk's conference). */
export function one<T>(target: Table<T>, foreignKey: string) {
  return {
    extensions: { read: { kind: 'join', table: target, foreignKey, nullable: false } satisfies FieldRead },
    // Synchronous when the row was joined in (the usual case): a promise per field per row is
    // most of what a large answer costs the executor and the garbage collector.
    resolve: (parent: Parent, _args: object, context: Context, info: GraphQLResolveInfo): T | Promise<T> => {
      const row = related(parent, target, foreignKey, context, info);
      if (row instanceof Promise) return row.then((loaded) => present(loaded, target, info));
      return present(row, target, info);
    },
  };
}

function present<T>(row: T | null, target: Table<T>, info: GraphQLResolveInfo): T {
  if (row === null) throw new Error(`${info.parentType.name}.${info.fieldName}: the ${target.type} it refers to is missing.`);
  return row;
}

/** A to-one relation that may be absent (a speaker's organisation). */
export function maybeOne<T>(target: Table<T>, foreignKey: string) {
  return {
    extensions: { read: { kind: 'join', table: target, foreignKey, nullable: true } satisfies FieldRead },
    resolve: (parent: Parent, _args: object, context: Context, info: GraphQLResolveInfo): Promise<T | null> | T | null =>
      related(parent, target, foreignKey, context, info),
  };
}

/** A plain list that belongs to the row (a talk's speakers): every item, one statement per level. */
export function list<T, Args extends object = object>(relation: Relation<Args, T>) {
  return {
    extensions: { read: { kind: 'list', relation: relation as Relation } satisfies FieldRead },
    resolve: (parent: Keyed, args: Args, context: Context, info: GraphQLResolveInfo): Promise<T[]> =>
      context.read.list<T, Args>(relation, parent.id, args, info),
  };
}

/** A connection that belongs to the row (a conference's talks): one page per parent, one statement per level. */
export function connection<T, Args extends object>(relation: Relation<Args, T>) {
  return {
    extensions: { read: { kind: 'connection', relation: relation as Relation, root: false } satisfies FieldRead },
    resolve: (parent: Keyed, args: Args & PageArgs, context: Context, info: GraphQLResolveInfo): Promise<Page<T>> =>
      context.read.page<T, Args>(relation, parent.id, args, info),
  };
}

/** A root connection (all talks): one page, one statement. */
export function rootConnection<T, Args extends object>(relation: Relation<Args, T>) {
  return {
    extensions: { read: { kind: 'connection', relation: relation as Relation, root: true } satisfies FieldRead },
    resolve: (_root: object, args: Args & PageArgs, context: Context, info: GraphQLResolveInfo): Promise<Page<T>> =>
      context.read.page<T, Args>(relation, null, args, info),
  };
}

/**
 * A root field that finds one row by its arguments (a conference by its slug). Every argument is
 * used as a value in `where`, never to shape the statement, so a compiled operation can take it as
 * a parameter.
 */
export function lookup<T, Args extends object>(target: Table<T>, where: (row: Sql, args: Args) => Sql) {
  return {
    extensions: { read: { kind: 'find', table: target, where: where as (row: Sql, args: Record<string, unknown>) => Sql } satisfies FieldRead },
    resolve: (_root: object, args: Args, context: Context, info: GraphQLResolveInfo): Promise<T | null> =>
      context.read.find(target, info, (row) => where(row, args)),
  };
}

/** A root field that finds one row of `target` by its unique slug. */
export const bySlug = <T>(target: Table<T>) => lookup<T, { slug: string }>(target, (row, args) => Prisma.sql`${col(row, 'slug')} = ${args.slug}`);

/** Objects kept as a JSON array in the row's jsonb `column` (see FieldRead 'items'). */
export function jsonItems(column: string) {
  return { extensions: { read: { kind: 'items', column } satisfies FieldRead } };
}

/** A scalar computed from columns of its own row. */
export function fromColumns(...columns: string[]) {
  return { extensions: { read: { kind: 'columns', columns } satisfies FieldRead } };
}

/**
 * Rows made for each parent by their own query (see FieldRead 'perParent'): read for every parent
 * of a level at once when executed, inside the statement of a compiled operation.
 */
export function perParent<Row extends object, Args extends object>(rows: (parents: Sql, args: Args) => Sql) {
  return {
    extensions: { read: { kind: 'perParent', rows: rows as (parents: Sql, args: Record<string, unknown>) => Sql } satisfies FieldRead },
    resolve: (parent: Keyed, args: Args, context: Context, info: GraphQLResolveInfo): Promise<Row[]> =>
      context.read.grouped(info, parent.id, (ids) => rows(Prisma.sql`${ids}::int[]`, args), (found: Row[]) => found),
  };
}

/**
 * The row of `target` whose id the value's `column` holds, for values that are not rows of a table
 * (a facet's group, a recommendation): nothing is joined into their statement, so it is read by id.
 */
export function byId<T>(target: Table<T>, column: string) {
  return {
    extensions: { read: { kind: 'join', table: target, foreignKey: column, nullable: false } satisfies FieldRead },
    resolve: async (parent: Parent, _args: object, context: Context, info: GraphQLResolveInfo): Promise<T> =>
      present(await context.read.byId(target, (parent as Record<string, unknown>)[column] as number, info), target, info),
  };
}

/** The rows of `target` whose ids the row's `column` lists, in that order (see FieldRead 'byIds'). */
export function byIds<T>(target: Table<T>, column: string) {
  return {
    extensions: { read: { kind: 'byIds', table: target, column } satisfies FieldRead },
    resolve: (parent: Parent, _args: object, context: Context, info: GraphQLResolveInfo): Promise<T[]> =>
      Promise.all(
        ((parent as Record<string, unknown>)[column] as number[]).map(async (id) =>
          present(await context.read.byId(target, id, info), target, info),
        ),
      ),
  };
}

/**
 * A list made of rows grouped per parent (see FieldRead 'grouped'): the values of `column`, or
 * (without it) the rows as objects. Compiled operations read it inside their one statement; executed
 * ones read it for every parent of the level at once.
 */
export function grouped<Row extends object>(rows: (parents: (column: Sql) => Sql) => Sql, column?: keyof Row & string) {
  return {
    extensions: { read: { kind: 'grouped', rows, column } satisfies FieldRead },
    resolve: (parent: Keyed, _args: unknown, context: Context, info: GraphQLResolveInfo) =>
      context.read.grouped(
        info,
        parent.id,
        (ids) => rows((parentColumn) => Prisma.sql`${parentColumn} = ANY(${ids}::int[])`),
        (found: Array<Row & { $parent?: number }>) => (column ? found.map((row) => row[column]) : found),
      ) as Promise<never>,
  };
}

/**
 * Edge options for lists ranked or grouped by a count (most talks, most reactions): the edge's
 * `count` is the number the row is ranked by, so a client sees why the order is what it is.
 */
export const countedEdges = {
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Edge<unknown>>) => ({
    count: t.int({
      nullable: true,
      description: 'The number this list is ranked by for this item (talks, reactions); null when the order is not a count.',
      resolve: (edge) => edge.count ?? null,
    }),
  }),
};
