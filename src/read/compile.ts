// A whole read operation as one SQL statement. The operation's tree of root lookups, root lists,
// connections (a page of `first + 1` rows per parent, its count, its page info and cursors), plain
// lists and to-one relations becomes nested subqueries in which PostgreSQL builds the response's
// `data` as JSON, keyed by the operation's response keys, with every scalar already in the form
// GraphQL serialises it to (global IDs, ISO dates, cursors). The server sends that text as it is:
// no rows are turned into objects, no resolver runs.
//
// The statement is built from the same declarations as the per-level read path (./statements.ts):
// the `read` extension each field helper of ./fields.ts puts on its field, the relations' links,
// filters and orders, the facets and histograms of connections, per-parent queries
// (recommendations) and JSON items (evidence). A field without such a declaration (search, paths,
// anything computed in JavaScript) makes the operation "refused": it then runs through GraphQL
// execution and the per-level read path, which answers every operation.
//
// Compiled once per document: what a variable does decides whether it is a parameter ("slot") or
// part of the plan. A variable that is the whole value of a lookup's argument (`conference(slug:
// $slug)`) or of a page argument (`first: $first`, `after: $cursor`) is a slot, bound at each
// request; any other variable (inside a filter, an order, @include) is part of the plan's key, so
// the same document with other filter values compiles again (plans are kept per document, a few
// per document).
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isEnumType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getMappedArgumentValues } from '@pothos/core';
import { decodeGlobalId } from '../builder.js';
import type { Sql } from '../db/sql.js';
import { TalkgraphError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { Lookups } from './lookups.js';
import type { FieldRead, Table } from './plan.js';
import { histogramStatement, MAX_HISTOGRAM_BUCKETS } from './histogram.js';
import { DEFAULT_PAGE_SIZE, decodeCursor } from './reader.js';
import { applies, included } from './selection.js';
import { conditions, cursorJoin, facetGroups, facetOrder, orderBy, orderKeys, type Relation, tableName, whereClause } from './statements.js';

/** A value bound at each request from a variable (optionally transformed: a cursor or a global ID becomes a row id). */
export class Slot {
  constructor(
    readonly variable: string,
    readonly transform?: (value: unknown) => unknown,
    /** What the transform reads, for people: "a cursor", "the row id of an ID". */
    readonly from?: string,
  ) {}
}

export interface CompiledStatement {
  /** The statement, with $1, $2 ... placeholders; it returns one row: `data`, then one flag per slug check. */
  readonly text: string;
  /** Its values; a Slot stands for a variable's value. */
  readonly values: readonly unknown[];
  /** How many slug checks follow `data` ($missing0, ...): a true flag means a filter named nothing. */
  readonly checks: number;
  /** Conditions on slot values (page sizes) the statement may run under; otherwise the operation is executed. */
  readonly guards: ReadonlyArray<(variables: Record<string, unknown>) => boolean>;
  /** Whether `data` may hold EXECUTE_INSTEAD. */
  readonly marked: boolean;
  /**
   * Whether it groups whole lists (facets, histograms): such a statement costs the database
   * milliseconds on a large list, more than a cached answer costs to send.
   */
  readonly groupsLists: boolean;
}

/**
 * What a statement writes in place of a part of the answer that only execution can give (an error
 * it reports, such as a histogram of too many buckets). Written as json keeps it, this text cannot
 * come from the data: inside a JSON string a quote is always escaped, and objects the statement
 * builds are written with spaces around their colons.
 */
export const EXECUTE_INSTEAD = '{"$execute":true}';

export type Compilation = { statement: CompiledStatement } | { refused: string };

/** What stays the same for every request of one operation of one document. */
export interface OperationShape {
  readonly operation: OperationDefinitionNode;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  /** Variables bound at each request; the others key the plan. */
  readonly slots: ReadonlySet<string>;
  /** Slots holding global IDs (node, nodes): the plan is per type of ID, the row id is bound. */
  readonly idSlots: ReadonlySet<string>;
  /** Set when nothing about the operation can compile (a mutation, a subscription). */
  readonly refused?: string;
}

/** The page arguments of a connection, taken as slots when a variable gives them whole. */
const pageArguments = new Set(['first', 'last', 'after', 'before']);

const readOf = (field: GraphQLField<unknown, unknown> | undefined | null) => field?.extensions?.read as FieldRead | undefined;

function slotCapable(field: GraphQLField<unknown, unknown>, argument: string): boolean {
  const read = readOf(field);
  // Pothos maps ID arguments (global IDs to row ids) before a resolver sees them: not a plain value.
  const definition = field.args.find((arg) => arg.name === argument);
  if (!definition) return false;
  // A node's global ID: its type picks the table (part of the plan), its row id is bound.
  if (read?.kind === 'node') return true;
  if (getNamedType(definition.type).name === 'ID') return false;
  if (read?.kind === 'find') return true;
  return read?.kind === 'connection' && pageArguments.has(argument);
}

/** The operation of a document, its fragments, and which of its variables are slots. */
export function operationShape(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): OperationShape | null {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  if (operation.operation !== 'query') return { operation, fragments, slots: new Set(), idSlots: new Set(), refused: `a ${operation.operation}` };
  // `{ __typename }` (a client's probe) reads no table: execution answers it without a statement.
  if (operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename')) {
    return { operation, fragments, slots: new Set(), idSlots: new Set(), refused: 'nothing to read' };
  }

  const candidates = new Set<string>();
  const ids = new Set<string>();
  const planVariables = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const variablesIn = (node: object) =>
    visit(node as DocumentNode, { Variable: (variable) => void planVariables.add(variable.name.value) });
  // Fragments are visited where they are defined; their fields' definitions are known there too.
  const reachable: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation, ...Object.values(fragments)];
  for (const definition of reachable) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument(argument) {
          const field = typeInfo.getFieldDef();
          if (argument.value.kind === Kind.VARIABLE && field && slotCapable(field, argument.name.value)) {
            candidates.add(argument.value.name.value);
            if (readOf(field)?.kind === 'node') ids.add(argument.value.name.value);
          } else variablesIn(argument.value);
          return false;
        },
        Directive(directive) {
          variablesIn(directive);
          return false;
        },
      }),
    );
  }
  const slots = new Set([...candidates].filter((name) => !planVariables.has(name)));
  return { operation, fragments, slots, idSlots: new Set([...ids].filter((name) => slots.has(name))) };
}

/** The type a global ID names, or '?' for a string that is not one (execution reports it). */
function typeOfId(id: unknown): string {
  try {
    return decodeGlobalId(String(id)).typename;
  } catch {
    return '?';
  }
}

const typesOfIds = (value: unknown) => (Array.isArray(value) ? value.map(typeOfId) : typeOfId(value));
const rowIdOf = (id: unknown) => Number(decodeGlobalId(String(id)).id);

/** The key of the plan a request needs: slots by whether they are given (IDs by their types), other variables by value. */
export function planKey(shape: OperationShape, variables: Record<string, unknown>): string {
  const parts = (shape.operation.variableDefinitions ?? []).map((definition) => {
    const name = definition.variable.name.value;
    const value = variables[name];
    if (!shape.slots.has(name)) return value ?? null;
    return value == null ? 0 : shape.idSlots.has(name) ? typesOfIds(value) : 1;
  });
  return JSON.stringify(parts);
}

class Refusal extends Error {}

const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

/** A row in the statement (of a table, or of a subquery: a facet's group): its alias, and the columns read from it. */
class RowRef {
  readonly used = new Set<string>(['id']);
  constructor(readonly alias: Sql) {}
  col(column: string): Sql {
    this.used.add(column);
    return Prisma.sql`${this.alias}.${Prisma.raw(`"${column}"`)}`;
  }
}

const literal = (text: string) => Prisma.raw(`'${text.replace(/'/g, "''")}'`);

/** base64url without padding, as Buffer.from(text).toString('base64url') writes it. */
const base64url = (text: Sql) => Prisma.sql`rtrim(translate(encode(convert_to(${text}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;
const globalId = (typename: string, id: Sql) => base64url(Prisma.sql`${literal(`${typename}:`)} || ${id}`);
const cursorOf = (id: Sql) => base64url(Prisma.sql`'row:' || ${id}`);

/** How many key/value pairs one json_build_object takes (PostgreSQL allows 100 arguments). */
const MAX_KEYS = 50;

interface Window {
  limit: number | Slot;
  backward: boolean;
  after?: number | Slot;
  before?: number | Slot;
}

class OperationCompiler {
  private aliases = 0;
  readonly lookups = new Lookups();
  /** Set when a part of the statement may write EXECUTE_INSTEAD. */
  marked = false;
  /** Set when the statement groups a whole list (a facet, a histogram). */
  groupsLists = false;
  readonly guards: Array<(variables: Record<string, unknown>) => boolean> = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly shape: OperationShape,
    private readonly variables: Record<string, unknown>,
    private readonly maxPageSize: number,
  ) {}

  private alias(): Sql {
    return Prisma.raw(`t${this.aliases++}`);
  }

  statement(): Sql {
    const query = this.schema.getQueryType() ?? refuse('no query type');
    const data = this.object(query, [this.shape.operation.selectionSet], (key, field, nodes) => this.rootField(key, field, nodes));
    return Prisma.sql`SELECT (${data})::text AS data${this.lookups.columns()}`;
  }

  /** The fields selected on `type` by response key, in order, the way execution collects them. */
  private collect(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
    const fields = new Map<string, FieldNode[]>();
    const operation = { schema: this.schema, fragments: this.shape.fragments, variableValues: this.variables };
    const visited = new Set<string>();
    const walk = (selectionSet: SelectionSetNode) => {
      for (const selection of selectionSet.selections) {
        if (!included(operation, selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const list = fields.get(key);
          if (list) list.push(selection);
          else fields.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (!selection.typeCondition || applies(this.schema, selection.typeCondition.name.value, type)) walk(selection.selectionSet);
        } else if (!visited.has(selection.name.value)) {
          visited.add(selection.name.value);
          const fragment = this.shape.fragments[selection.name.value];
          if (fragment && applies(this.schema, fragment.typeCondition.name.value, type)) walk(fragment.selectionSet);
        }
      }
    };
    selectionSets.forEach(walk);
    return fields;
  }

  /** json_build_object of the selected fields of `type`, each value made by `value`. */
  private object(
    type: GraphQLObjectType,
    selectionSets: readonly SelectionSetNode[],
    value: (key: string, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]) => Sql,
  ): Sql {
    const fields = this.collect(type, selectionSets);
    if (fields.size > MAX_KEYS) refuse(`more than ${MAX_KEYS} fields on ${type.name}`);
    const pairs: Sql[] = [];
    for (const [key, nodes] of fields) {
      const name = nodes[0].name.value;
      if (name === '__typename') {
        pairs.push(Prisma.sql`${literal(key)}, ${literal(type.name)}`);
        continue;
      }
      const field = type.getFields()[name] ?? refuse(`${type.name}.${name} is not a field`);
      if ((field.extensions?.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes) {
        refuse(`${type.name}.${name} has its own scopes`);
      }
      pairs.push(Prisma.sql`${literal(key)}, ${value(key, field, nodes)}`);
    }
    return Prisma.sql`json_build_object(${Prisma.join(pairs, ', ')})`;
  }

  /** json_build_object of the fields of `type` selected by `nodes`, each read from `row`. */
  private rowObject(row: RowRef, type: GraphQLObjectType, nodes: readonly FieldNode[]): Sql {
    return this.object(type, this.selections(nodes), (key, child, childNodes) => this.rowField(row, type, key, child, childNodes));
  }

  private selections(nodes: readonly FieldNode[]): SelectionSetNode[] {
    return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  }

  /** The field's arguments as its resolver gets them; a slot variable given whole becomes its Slot. */
  private args(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    const info = { schema: this.schema, fragments: this.shape.fragments, variableValues: this.variables };
    const args = getMappedArgumentValues(field as never, node, {}, info as never) as Record<string, unknown> | Promise<unknown>;
    if (args instanceof Promise) refuse(`${field.name} maps its arguments asynchronously`);
    const values = { ...(args as Record<string, unknown>) };
    for (const argument of node.arguments ?? []) {
      if (argument.value.kind !== Kind.VARIABLE) continue;
      const variable = argument.value.name.value;
      if (this.shape.slots.has(variable) && values[argument.name.value] != null) values[argument.name.value] = new Slot(variable);
    }
    return values;
  }

  private rootField(_key: string, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Sql {
    const read = readOf(field);
    const args = this.args(field, nodes[0]);
    if (read?.kind === 'find') {
      const type = objectOf(field.type);
      const row = new RowRef(this.alias());
      const object = this.rowObject(row, type, nodes);
      return Prisma.sql`(SELECT ${object} FROM ${tableName(read.table)} ${row.alias} WHERE ${read.where(row.alias, args)} LIMIT 1)`;
    }
    if (read?.kind === 'connection' && read.root) return this.connection(read.relation, args, field, nodes, null);
    if (read?.kind === 'node') return this.nodes(read, args, field, nodes);
    return refuse(`Query.${field.name} is not compiled`);
  }

  /**
   * node(id:) as its row, or nodes(ids:) as a JSON array of rows in the order given, each read from
   * the table of its ID's type (null where the row is not there). An ID given by a variable binds
   * its row id at each request.
   */
  private nodes(read: Extract<FieldRead, { kind: 'node' }>, args: Record<string, unknown>, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Sql {
    const given = field.name === 'nodes' ? args.ids : args.id;
    const many = Array.isArray(given) || (given instanceof Slot && Array.isArray(this.variables[given.variable]));
    let ids: Array<{ typename: string; row: number | Slot }>;
    if (given instanceof Slot) {
      const variable = given.variable;
      // The plan's key holds the IDs' types (planKey), so a request's IDs are of these types.
      const types = typesOfIds(this.variables[variable]);
      ids = many
        ? (types as string[]).map((typename, index) => ({ typename, row: new Slot(variable, (value) => rowIdOf((value as unknown[])[index]), `the row id of ID ${index + 1}`) }))
        : [{ typename: types as string, row: new Slot(variable, rowIdOf, 'the row id of the ID') }];
    } else {
      ids = (many ? (given as unknown[]) : [given]).map((id) => {
        const { typename, id: row } = id as { typename: string; id: string };
        return { typename, row: Number(row) };
      });
    }
    if (ids.length > read.maxIds) refuse(`more than ${read.maxIds} IDs`);
    const rows = ids.map(({ typename, row: rowId }) => {
      const table = read.tables[typename] ?? refuse(`${typename} is not a node type`);
      const type = this.schema.getType(table.type);
      if (!isObjectType(type)) return refuse(`${table.type} is not an object type`);
      const row = new RowRef(this.alias());
      const object = this.rowObject(row, type, nodes);
      return Prisma.sql`(SELECT ${object} FROM ${tableName(table)} ${row.alias} WHERE ${row.alias}."id" = ${rowId}::int)`;
    });
    if (!many) return rows[0];
    return rows.length ? Prisma.sql`json_build_array(${Prisma.join(rows, ', ')})` : Prisma.sql`'[]'::json`;
  }

  /** A field of a row of a table. */
  private rowField(row: RowRef, type: GraphQLObjectType, _key: string, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Sql {
    const exposed = field.extensions?.pothosExposedField as string | undefined;
    if (exposed) return scalar(field.type, row.col(exposed), `${type.name}.${field.name}`);
    const read = readOf(field);
    if (!read) {
      if (field.name === 'id' && type.getInterfaces().some((node) => node.name === 'Node')) return globalId(type.name, row.col('id'));
      return refuse(`${type.name}.${field.name} is resolved in JavaScript`);
    }
    switch (read.kind) {
      case 'join': {
        const target = objectOf(field.type);
        const joined = new RowRef(this.alias());
        const object = this.rowObject(joined, target, nodes);
        return Prisma.sql`(SELECT ${object} FROM ${tableName(read.table)} ${joined.alias} WHERE ${joined.alias}."id" = ${row.col(read.foreignKey)})`;
      }
      case 'list':
        return this.list(read.relation, this.args(field, nodes[0]), field, nodes, row.col('id'));
      case 'connection':
        return this.connection(read.relation, this.args(field, nodes[0]), field, nodes, row.col('id'));
      case 'grouped':
        return this.grouped(read, type, field, nodes, row.col('id'));
      case 'perParent':
        return this.perParent(read.rows(Prisma.sql`ARRAY[${row.col('id')}]`, this.args(field, nodes[0])), field, nodes);
      case 'byIds':
        return this.byIds(read.table, row.col(read.column), field, nodes);
      case 'items':
        return this.items(row.col(read.column), type, field, nodes);
      default:
        return refuse(`${type.name}.${field.name} is read by its own statement`);
    }
  }

  /** Every row of a relation of the parent, as a JSON array in the relation's order. */
  private list(relation: Relation, args: Record<string, unknown>, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], parent: Sql): Sql {
    const type = objectOf(field.type);
    const row = new RowRef(this.alias());
    const keys = orderKeys(relation, args, false, this.lookups);
    const object = this.rowObject(row, type, nodes);
    const where = conditions(relation, args, row.alias, parent, this.lookups);
    return Prisma.sql`(SELECT coalesce(json_agg(${object} ORDER BY ${orderBy(keys, row.alias, parent)}), '[]'::json)
      FROM ${tableName(relation.target)} ${row.alias} ${whereClause(where)})`;
  }

  /**
   * The parent's rows of a grouped read, in their order, as a JSON array: of one column's values,
   * or of objects of the selected fields, each a column of the rows.
   */
  private grouped(read: Extract<FieldRead, { kind: 'grouped' }>, parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], parent: Sql): Sql {
    const rows = read.rows((column) => Prisma.sql`${column} = ${parent}`);
    const group = this.alias();
    const columnOf = (name: string) => Prisma.sql`${group}.${Prisma.raw(`"${name}"`)}`;
    const coordinate = `${parentType.name}.${field.name}`;
    let value: Sql;
    if (read.column) {
      value = scalar(getNamedType(field.type) as GraphQLOutputType, columnOf(read.column), coordinate);
    } else {
      const type = objectOf(field.type);
      value = this.object(type, this.selections(nodes), (_key, child) => {
        const exposed = child.extensions?.pothosExposedField as string | undefined;
        return exposed ? scalar(child.type, columnOf(exposed), `${type.name}.${child.name}`) : refuse(`${type.name}.${child.name} is not a column of ${coordinate}`);
      });
    }
    return this.inOrder(value, rows, group);
  }

  /** A JSON array of `value` for each of the rows `rows` returns (aliased `row`), in the order they come. */
  private inOrder(value: Sql, rows: Sql, row: Sql): Sql {
    const numbered = this.alias();
    return Prisma.sql`(SELECT coalesce(json_agg(${value} ORDER BY ${row}."$n"), '[]'::json)
      FROM (SELECT ${numbered}.*, row_number() OVER () AS "$n" FROM (${rows}) ${numbered}) ${row})`;
  }

  /** The rows a per-parent query returns for one parent, in its order, as objects of the field's type. */
  private perParent(rows: Sql, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Sql {
    const type = objectOf(field.type);
    const row = new RowRef(this.alias());
    const object = this.rowObject(row, type, nodes);
    return this.inOrder(object, rows, row.alias);
  }

  /** The rows of `table` whose ids the int[] `ids` lists, in that order. */
  private byIds(table: Table, ids: Sql, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Sql {
    const type = objectOf(field.type);
    const row = new RowRef(this.alias());
    const listed = this.alias();
    const object = this.rowObject(row, type, nodes);
    return Prisma.sql`(SELECT coalesce(json_agg(${object} ORDER BY ${listed}.n), '[]'::json)
      FROM unnest(${ids}) WITH ORDINALITY ${listed}(id, n) JOIN ${tableName(table)} ${row.alias} ON ${row.alias}."id" = ${listed}.id)`;
  }

  /**
   * Objects kept as a JSON array in a jsonb column, as a JSON array of the selected fields: each
   * item's keys read as the columns of a record whose types are those the object type exposes.
   * Anything but an array is null, as execution makes it.
   */
  private items(column: Sql, parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, nodes: FieldNode[]): Sql {
    const type = objectOf(field.type);
    const coordinate = `${parentType.name}.${field.name}`;
    const definitions = Object.values(type.getFields()).map((child) => {
      const key = (child.extensions?.pothosExposedField as string | undefined) ?? refuse(`${type.name}.${child.name} is not a key of ${coordinate}`);
      const sqlType = recordTypes[getNamedType(child.type).name] ?? refuse(`${type.name}.${child.name} is a ${getNamedType(child.type).name}`);
      return Prisma.raw(`"${key}" ${sqlType}`);
    });
    const item = new RowRef(this.alias());
    const object = this.rowObject(item, type, nodes);
    return Prisma.sql`CASE WHEN jsonb_typeof(${column}) = 'array' THEN (SELECT coalesce(json_agg(${object} ORDER BY ${item.alias}.ordinality), '[]'::json)
      FROM ROWS FROM (jsonb_to_recordset(${column}) AS (${Prisma.join(definitions, ', ')})) WITH ORDINALITY ${item.alias}) END`;
  }

  /** first/last/after/before as the slice to read; constants are checked now, slots at each request. */
  private window(args: Record<string, unknown>): Window {
    const { first, last, after, before } = args;
    if (first != null && last != null) refuse('first and last are both given');
    const size = (name: string, value: unknown): number | Slot => {
      if (value instanceof Slot) {
        const max = this.maxPageSize;
        this.guards.push((variables) => {
          const given = variables[value.variable];
          return typeof given === 'number' && given >= 0 && given <= max;
        });
        return value;
      }
      if (typeof value !== 'number' || value < 0 || value > this.maxPageSize) refuse(`${name} is out of range`);
      return value as number;
    };
    const cursor = (name: string, value: unknown): number | Slot | undefined => {
      if (value == null) return undefined;
      if (value instanceof Slot) {
        // Checked even when no page is read (only totalCount): execution refuses a bad cursor either way.
        this.guards.push((variables) => {
          try {
            decodeCursor(variables[value.variable] as string, name);
            return true;
          } catch {
            return false;
          }
        });
        return new Slot(value.variable, (given) => decodeCursor(given as string, name), 'a cursor');
      }
      return decodeCursor(value as string, name);
    };
    return {
      limit: last != null ? size('last', last) : first != null ? size('first', first) : DEFAULT_PAGE_SIZE,
      backward: last != null,
      after: cursor('after', after),
      before: cursor('before', before),
    };
  }

  /** A page of a relation of the parent (or of a root list, parent null) as the connection's JSON. */
  private connection(relation: Relation, args: Record<string, unknown>, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], parent: Sql | null): Sql {
    let window: Window;
    try {
      window = this.window(args);
    } catch (error) {
      if (error instanceof TalkgraphError) refuse(`a page argument is refused: ${error.message}`);
      throw error;
    }
    const parentId = parent ?? Prisma.sql`NULL::int`;
    const connectionType = objectOf(field.type);
    const nodeType = objectOf(connectionType.getFields().nodes?.type ?? refuse(`${connectionType.name} has no nodes`));
    const row = new RowRef(this.alias());
    const keys = orderKeys(relation, args, window.backward, this.lookups);
    const limit = Prisma.sql`${window.limit}::int`;
    const inPage = Prisma.sql`${row.alias}."$n" <= ${limit}`;
    const display = Prisma.raw(window.backward ? 'DESC' : 'ASC');
    const nodeObject = (selected: FieldNode[]) =>
      this.rowObject(row, nodeType, selected);
    const countedKey = keys.findIndex((key) => key.count);
    let pageRead = false;
    const cursorAt = (order: Sql) => cursorOf(Prisma.sql`(array_agg(${row.alias}."id" ORDER BY ${row.alias}."$n" ${order}) FILTER (WHERE ${inPage}))[1]`);

    const object = this.object(connectionType, this.selections(nodes), (_key, child, childNodes) => {
      switch (child.name) {
        case 'totalCount': {
          const counted = this.alias();
          return Prisma.sql`(SELECT count(*)::int FROM ${tableName(relation.target)} ${counted} ${whereClause(conditions(relation, args, counted, parentId, this.lookups))})`;
        }
        case 'nodes':
          pageRead = true;
          return Prisma.sql`coalesce(json_agg(${nodeObject(childNodes)} ORDER BY ${row.alias}."$n" ${display}) FILTER (WHERE ${inPage}), '[]'::json)`;
        case 'edges': {
          pageRead = true;
          const edgeType = objectOf(child.type);
          const edge = this.object(edgeType, this.selections(childNodes), (_edgeKey, edgeField, edgeNodes) => {
            if (edgeField.name === 'cursor') return cursorOf(row.col('id'));
            if (edgeField.name === 'node') return nodeObject(edgeNodes);
            if (edgeField.name === 'count') return countedKey >= 0 ? Prisma.sql`${row.alias}.${Prisma.raw(`"$k${countedKey}"`)}::int` : Prisma.sql`NULL::int`;
            return refuse(`${edgeType.name}.${edgeField.name} is not compiled`);
          });
          return Prisma.sql`coalesce(json_agg(${edge} ORDER BY ${row.alias}."$n" ${display}) FILTER (WHERE ${inPage}), '[]'::json)`;
        }
        case 'pageInfo': {
          pageRead = true;
          const pageInfoType = objectOf(child.type);
          const more = Prisma.sql`count(*) > ${limit}`;
          return this.object(pageInfoType, this.selections(childNodes), (_infoKey, infoField) => {
            switch (infoField.name) {
              case 'hasNextPage':
                return window.backward ? Prisma.raw(window.before !== undefined ? 'true' : 'false') : more;
              case 'hasPreviousPage':
                return window.backward ? more : Prisma.raw(window.after !== undefined ? 'true' : 'false');
              case 'startCursor':
                return cursorAt(display);
              case 'endCursor':
                return cursorAt(Prisma.raw(window.backward ? 'ASC' : 'DESC'));
              default:
                return refuse(`PageInfo.${infoField.name} is not compiled`);
            }
          });
        }
        default: {
          const read = readOf(child);
          if (read?.kind === 'facets') return this.facets(relation, args, child, childNodes, parentId);
          if (read?.kind === 'histogram') return this.histogram(relation, args, read, child, childNodes, parentId);
          return refuse(`${connectionType.name}.${child.name} is read by its own statement`);
        }
      }
    });
    if (!pageRead) return object;

    const where = conditions(relation, args, row.alias, parentId, this.lookups);
    const joins: Sql[] = [];
    const addCursor = (id: number | Slot | undefined, before: boolean) => {
      if (id === undefined) return;
      const cursor = cursorJoin(relation, orderKeys(relation, args, false, this.lookups), id, `${this.alias().text}c`, before, parentId, row.alias, this.alias());
      joins.push(cursor.join);
      where.push(cursor.condition);
    };
    addCursor(window.after, false);
    addCursor(window.before, true);
    const order = orderBy(keys, row.alias, parentId);
    const columns = [
      ...[...row.used].map((column) => Prisma.sql`${row.alias}.${Prisma.raw(`"${column}"`)}`),
      // The key a ranked list counts by is each edge's count; the other keys are only ordered by.
      ...(countedKey >= 0 ? [Prisma.sql`${keys[countedKey].expr(row.alias, parentId)} AS ${Prisma.raw(`"$k${countedKey}"`)}`] : []),
    ];
    const page = Prisma.sql`SELECT ${Prisma.join(columns, ', ')} FROM ${tableName(relation.target)} ${row.alias} ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}
      ${whereClause(where)} ORDER BY ${order} LIMIT ${limit} + 1`;
    // Rows are numbered in the page's order after the limit: a window ordered by the keys would
    // read one row past the limit to find the last row's peers.
    const numbered = Prisma.sql`SELECT ${row.alias}.*, row_number() OVER () AS "$n" FROM (${page}) ${row.alias}`;
    return Prisma.sql`(SELECT ${object} FROM (${numbered}) ${row.alias})`;
  }

  /** A connection's facets: each selected facet of the whole list (all pages, its filter) as a subquery. */
  private facets(relation: Relation, listArgs: Record<string, unknown>, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], parent: Sql): Sql {
    const type = objectOf(field.type);
    this.groupsLists = true;
    return this.object(type, this.selections(nodes), (_key, facetField, facetNodes) => {
      const read = readOf(facetField);
      if (read?.kind !== 'facet') return refuse(`${type.name}.${facetField.name} is not compiled`);
      const groupType = objectOf(facetField.type);
      const group = new RowRef(this.alias());
      const object = this.rowObject(group, groupType, facetNodes);
      const groups = facetGroups(relation, listArgs, read.facet, this.alias(), parent, this.lookups, read.groups(this.args(facetField, facetNodes[0])));
      const order = facetOrder(read.facet, group.col('value'), group.col('count'));
      return Prisma.sql`(SELECT coalesce(json_agg(${object} ORDER BY ${order}), '[]'::json) FROM (${groups}) ${group.alias})`;
    });
  }

  /**
   * A connection's histogram: its buckets as a JSON array; a span of more buckets than a histogram
   * returns makes the answer EXECUTE_INSTEAD, so that execution reports the limit.
   */
  private histogram(
    relation: Relation,
    listArgs: Record<string, unknown>,
    read: Extract<FieldRead, { kind: 'histogram' }>,
    field: GraphQLField<unknown, unknown>,
    nodes: FieldNode[],
    parent: Sql,
  ): Sql {
    const type = objectOf(field.type);
    const built = histogramStatement(relation, listArgs, read.subject, read.settings(this.args(field, nodes[0])), { parent }, this.lookups);
    const bucket = new RowRef(this.alias());
    const object = this.rowObject(bucket, type, nodes);
    this.marked = true;
    this.groupsLists = true;
    // Bucket bounds are instants (timestamptz): read as UTC timestamps, as Prisma's columns hold them.
    return Prisma.sql`(SELECT CASE WHEN count(*) > ${MAX_HISTOGRAM_BUCKETS} THEN ${literal(EXECUTE_INSTEAD)}::json
        ELSE coalesce(json_agg(${object} ORDER BY ${bucket.alias}."start"), '[]'::json) END
      FROM (SELECT h."start" AT TIME ZONE 'UTC' AS "start", h."end" AT TIME ZONE 'UTC' AS "end", h."count"
        FROM (${built.statement}) h WHERE h."start" IS NOT NULL) ${bucket.alias})`;
  }
}

/** The SQL types a JSON item's keys are read as, by GraphQL scalar. */
const recordTypes: Record<string, string> = { Int: 'int', Float: 'float8', String: 'text', Boolean: 'boolean' };

/** The object type a field returns, through lists and non-null. */
function objectOf(type: GraphQLOutputType): GraphQLObjectType {
  const named = getNamedType(type);
  return isObjectType(named) ? named : refuse(`${named.name} is not an object type`);
}

/** A column as GraphQL serialises its type, or a refusal for a type PostgreSQL cannot write the same way. */
function scalar(type: GraphQLOutputType, column: Sql, coordinate: string): Sql {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = getNamedType(nullable);
    if (item.name === 'String' || item.name === 'Int') return column;
    return refuse(`${coordinate} is a list of ${item.name}`);
  }
  if (isEnumType(nullable)) {
    return nullable.getValues().every((value) => value.value === value.name) ? column : refuse(`${coordinate} maps its enum values`);
  }
  if (!isScalarType(nullable)) return refuse(`${coordinate} is not a scalar`);
  switch (nullable.name) {
    case 'String':
    case 'Int':
    case 'Float':
    case 'Boolean':
      return column;
    case 'ID':
      return Prisma.sql`${column}::text`;
    case 'DateTime':
      return Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'Date':
      return Prisma.sql`to_char(${column}, 'YYYY-MM-DD')`;
    default:
      return refuse(`${coordinate} is a ${nullable.name}`);
  }
}

/** Compiles the operation for these variables (coerced), or says why it cannot be. */
export function compileOperation(schema: GraphQLSchema, shape: OperationShape, variables: Record<string, unknown>, maxPageSize: number): Compilation {
  if (shape.refused) return { refused: shape.refused };
  const compiler = new OperationCompiler(schema, shape, variables, maxPageSize);
  try {
    const statement = compiler.statement();
    return { statement: { text: statement.text, values: statement.values, checks: compiler.lookups.count, guards: compiler.guards, marked: compiler.marked, groupsLists: compiler.groupsLists } };
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.message };
    // A filter that refuses its input (two exclusive arguments, a bad ID): execution reports it.
    if (error instanceof TalkgraphError) return { refused: `an argument is refused: ${error.message}` };
    throw error;
  }
}

/**
 * The response's `data` from the statement's row, or undefined when execution must answer instead:
 * a slug of a filter named nothing, or a part of the answer was left to execution.
 */
export function answerOf(statement: CompiledStatement, row: Record<string, unknown>): string | undefined {
  for (let check = 0; check < statement.checks; check++) if (row[`$missing${check}`] === true) return undefined;
  const data = row.data as string;
  return statement.marked && data.includes(EXECUTE_INSTEAD) ? undefined : data;
}

/** The statement's values for one request: each slot takes its variable's value. */
export function bindValues(statement: CompiledStatement, variables: Record<string, unknown>): unknown[] | null {
  if (!statement.guards.every((guard) => guard(variables))) return null;
  try {
    return statement.values.map((value) =>
      value instanceof Slot ? (value.transform ? value.transform(variables[value.variable]) : variables[value.variable]) : value,
    );
  } catch (error) {
    if (error instanceof TalkgraphError) return null; // a bad cursor: execution reports it
    throw error;
  }
}
