// The per-request side of the read path. Resolvers ask the reader for a row, a list or a page;
// the reader batches every such request of one field at one level of the response (graphql-js
// resolves a level's fields in the same tick) into one statement, planned from the field's
// selection. So a request costs one statement per list level, whatever the number of rows.
import DataLoader from 'dataloader';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { Sql, SqlRunner } from '../db/sql.js';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import { planRow, type RowPlan, type Table } from './plan.js';
import { subfields, type OperationInfo } from './selection.js';
import { byIdStatement, type Facet, facetStatement, findStatement, listStatement, type Relation, type Window } from './statements.js';

/** Largest page a connection returns; asking for more is an error. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Edge<Row> {
  readonly cursor: string;
  readonly node: Row;
  /** What a ranked list counts for this row (talks, reactions); absent in other orders. */
  readonly count?: number;
}

/** An edge whose cursor is encoded only if a client asks for it. */
class RowEdge<Row extends { id: number }> implements Edge<Row> {
  constructor(
    readonly node: Row,
    readonly count?: number,
  ) {}
  get cursor(): string {
    return encodeCursor(this.node.id);
  }
}

/** What a connection field resolves to; totalCount is there when the selection asked for it. */
export interface Page<Row> {
  edges: Array<Edge<Row>>;
  /** The list the page is from, for fields computed over the whole list (facets). */
  list?: ListSource;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; readonly startCursor: string | null; readonly endCursor: string | null };
  totalCount?: number;
}

type Row = Record<string, unknown> & { id: number };

/** A list as a field asked for it: the relation, the field's arguments, and the parent (null at the root). */
export interface ListSource {
  relation: Relation;
  args: Record<string, unknown>;
  parentId: number | null;
}

export interface FacetGroup {
  value: unknown;
  count: number;
}

export function encodeCursor(id: number): string {
  return Buffer.from(`row:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): number {
  const match = /^row:([1-9]\d{0,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match ? Number(match[1]) : NaN;
  if (!match || id > 2 ** 31 - 1 || encodeCursor(id) !== cursor) {
    throw new InvalidInputError(`${argument}: "${cursor}" is not a cursor of this list; use an edge's cursor or pageInfo's startCursor/endCursor.`, argument);
  }
  return id;
}

/** Checks first/last/after/before and turns them into the slice of the list to read. */
export function pageWindow(args: PageArgs, maxPageSize = MAX_PAGE_SIZE): Window {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new InvalidInputError('first and last: give one of them (first with after to page forwards, last with before to page backwards), not both.', 'first');
  }
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value == null) continue;
    if (value < 0) throw new InvalidInputError(`${name}: ${value} is negative; ask for 0 to ${maxPageSize} items.`, name);
    if (value > maxPageSize) {
      throw new LimitExceededError(`${name}: ${value} is more than the ${maxPageSize} items a page can hold; ask for at most ${maxPageSize} and page with after/before.`, name);
    }
  }
  return {
    limit: last ?? first ?? DEFAULT_PAGE_SIZE,
    backward: last != null,
    after: args.after == null ? undefined : decodeCursor(args.after, 'after'),
    before: args.before == null ? undefined : decodeCursor(args.before, 'before'),
  };
}

/** What a connection field's selection asks for. */
interface ConnectionPlan {
  /** Null when neither edges, nodes nor pageInfo is selected: only the count is read. */
  rows: RowPlan | null;
  count: boolean;
}

export class Reader {
  /** Loaders by the field nodes they serve (the same array for every parent at one place in the response). */
  private readonly loaders = new Map<readonly FieldNode[], Map<string, DataLoader<number, unknown>>>();

  constructor(
    private readonly sql: SqlRunner,
    private readonly maxPageSize = MAX_PAGE_SIZE,
  ) {}

  /** Runs a statement a schema module built itself (search, paths), through this request's runner. */
  query<Row>(statement: Sql): Promise<Row[]> {
    return this.sql.query<Row>(statement);
  }

  /** The row `where` picks, read with the columns and joins the field's selection needs. */
  async find<T>(table: Table<T>, info: GraphQLResolveInfo, where: (row: Sql) => Sql): Promise<T | null> {
    const { statement, decode } = findStatement(planRow(info, table, info.fieldNodes), where);
    const [row] = await this.sql.query<Record<string, unknown>>(statement);
    return row ? (decode(row) as T) : null;
  }

  /** A row by id; the ids asked for at one place in the response are read in one statement. */
  byId<T>(table: Table<T>, id: number, info: GraphQLResolveInfo): Promise<T | null> {
    const loader = this.loader(info, table.type, () => {
      const plan = planRow(info, table, info.fieldNodes);
      return new DataLoader<number, unknown>(async (ids) => {
        const { statement, decode } = byIdStatement(plan, [...ids]);
        const rows = new Map((await this.sql.query<Record<string, unknown>>(statement)).map((row) => [row.c0 as number, decode(row)]));
        return ids.map((id) => rows.get(id) ?? null);
      });
    });
    return loader.load(id) as Promise<T | null>;
  }

  /** Every row of a plain list (speakers of a talk, roles of a person) for a parent. */
  list<T, Args extends object>(relation: Relation<Args, T>, parentId: number, args: Args, info: GraphQLResolveInfo): Promise<T[]> {
    const loader = this.loader(info, '', () => {
      const plan = planRow(info, relation.target, info.fieldNodes);
      return this.listLoader(relation as Relation, args as Record<string, unknown>, plan, { limit: null, backward: false }, false);
    });
    return loader.load(parentId).then((result) => (result as Page<T>).edges.map((edge) => edge.node));
  }

  /** One page of a connection, for a parent or (parentId null) for a root list. */
  page<T, Args extends object>(relation: Relation<Args, T>, parentId: number | null, args: Args & PageArgs, info: GraphQLResolveInfo): Promise<Page<T>> {
    const loader = this.loader(info, '', () => {
      const window = pageWindow(args, this.maxPageSize);
      const { rows, count } = connectionPlan(info, relation.target);
      return this.listLoader(relation as Relation, args as Record<string, unknown>, rows, window, count, parentId === null);
    });
    return loader.load(parentId ?? 0) as Promise<Page<T>>;
  }

  /**
   * A value computed per parent by one grouped statement (counts, tracks): `statement` gets every
   * parent id of the level and returns rows with a `$parent` column; `shape` turns a parent's rows
   * into the value.
   */
  grouped<T, R = Record<string, unknown>>(
    info: GraphQLResolveInfo,
    parentId: number,
    statement: (parents: number[]) => Sql,
    shape: (rows: R[]) => T,
  ): Promise<T> {
    const loader = this.loader(info, '', () => new DataLoader<number, unknown>(async (parents) => {
      const byParent = new Map<number, R[]>();
      for (const row of await this.sql.query<R & { $parent: number }>(statement([...parents]))) {
        const rows = byParent.get(row.$parent);
        if (rows) rows.push(row);
        else byParent.set(row.$parent, [row]);
      }
      return parents.map((parent) => shape(byParent.get(parent) ?? []));
    }));
    return loader.load(parentId) as Promise<T>;
  }

  private loader(info: GraphQLResolveInfo, key: string, create: () => DataLoader<number, unknown>) {
    let byKey = this.loaders.get(info.fieldNodes);
    if (!byKey) this.loaders.set(info.fieldNodes, (byKey = new Map()));
    const fullKey = `${info.parentType.name}:${key}`;
    let loader = byKey.get(fullKey);
    if (!loader) byKey.set(fullKey, (loader = create()));
    return loader;
  }

  /**
   * Groups of a list (a facet) for a parent (null at the root): one statement for all parents of
   * the level, at most `first` groups each, with the list's filters applied.
   */
  facet(source: ListSource, facet: Facet, first: number, info: GraphQLResolveInfo): Promise<FacetGroup[]> {
    const root = source.parentId === null;
    const loader = this.loader(info, '', () => new DataLoader<number, unknown>(async (parents) => {
      const { statement, lookups } = facetStatement(source.relation, source.args, facet, root ? null : [...parents], first);
      const rows = await this.sql.query<Record<string, unknown>>(statement);
      lookups?.verify(rows[0]);
      const groups = new Map<number | null, FacetGroup[]>();
      for (const row of rows) {
        const parent = row.$parent as number | null;
        if (!groups.has(parent)) groups.set(parent, []);
        if (row.value != null) groups.get(parent)!.push({ value: row.value, count: row.count as number });
      }
      return parents.map((parent) => groups.get(root ? null : parent) ?? []);
    }));
    return loader.load(source.parentId ?? 0) as Promise<FacetGroup[]>;
  }

  private listLoader(relation: Relation, args: Record<string, unknown>, plan: RowPlan | null, window: Window, count: boolean, root = false) {
    return new DataLoader<number, unknown>(async (parents) => {
      const { statement, decode, lookups } = listStatement(relation, args, plan, window, root ? null : [...parents], count);
      const rows = await this.sql.query<Record<string, unknown>>(statement);
      lookups?.verify(rows[0]);
      const pages = new Map<number | null, { rows: Array<{ node: Row; count?: number }>; total?: number }>();
      for (const row of rows) {
        const parent = row.$parent as number | null;
        let page = pages.get(parent);
        if (!page) pages.set(parent, (page = { rows: [], total: count ? (row.$total as number) : undefined }));
        if (plan && row.c0 != null) page.rows.push({ node: decode(row) as Row, count: row.$count as number | undefined });
      }
      return parents.map((parent) => {
        const page = toPage(pages.get(root ? null : parent) ?? { rows: [], total: count ? 0 : undefined }, window);
        page.list = { relation, args, parentId: root ? null : parent };
        return page;
      });
    });
  }
}

function toPage(page: { rows: Array<{ node: Row; count?: number }>; total?: number }, window: Window): Page<Row> {
  const more = window.limit !== null && page.rows.length > window.limit;
  const rows = more ? page.rows.slice(0, window.limit!) : page.rows;
  if (window.backward) rows.reverse();
  const edges = rows.map((row) => new RowEdge(row.node, row.count));
  return {
    edges,
    pageInfo: {
      hasNextPage: window.backward ? window.before !== undefined : more,
      hasPreviousPage: window.backward ? more : window.after !== undefined,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    totalCount: page.total,
  };
}

/** Whether a connection's selection needs rows (edges, nodes, pageInfo) and the count, and the rows' plan. */
function connectionPlan(info: GraphQLResolveInfo, target: Table): ConnectionPlan {
  const connectionType = info.returnType;
  const type = ('ofType' in connectionType ? connectionType.ofType : connectionType) as Parameters<typeof subfields>[1];
  const operation: OperationInfo = info;
  const edges = subfields(operation, type, info.fieldNodes, 'edges');
  const nodes = subfields(operation, type, info.fieldNodes, 'nodes');
  const pageInfo = subfields(operation, type, info.fieldNodes, 'pageInfo');
  const count = subfields(operation, type, info.fieldNodes, 'totalCount').length > 0;
  if (edges.length + nodes.length + pageInfo.length === 0) return { rows: null, count };
  const edgeType = type.getFields().edges.type;
  const edgeObject = unwrap(edgeType) as Parameters<typeof subfields>[1];
  const edgeNodes = subfields(operation, edgeObject, edges, 'node');
  return { rows: planRow(info, target, [...edgeNodes, ...nodes]), count };
}

function unwrap(type: unknown): unknown {
  let current = type as { ofType?: unknown };
  while (current && 'ofType' in current && current.ofType) current = current.ofType as { ofType?: unknown };
  return current;
}
