// Answers a read operation that compiles to one statement (src/read/compile.ts) without GraphQL
// execution: the statement returns the response's `data` as JSON text, and the response is that
// text. Per document and operation, the operation's shape (which variables are parameters) is
// worked out once and each plan is compiled once, so a repeated request costs a map lookup, the
// binding of its variables, one statement and the bytes.
//
// Anything the fast path is not sure of goes to execution, which answers every operation and
// reports every error: an operation with a field that is not compiled, variables that do not fit
// their types, a page size out of range, a bad cursor, a filter naming a slug that names nothing, a
// cost over the limit, or a caller without the read scope. A request for its SQL (explain) gets
// the one statement, recorded by the request's reader like any other.
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, getVariableValues, type GraphQLSchema, Kind, type TypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { COMPLEXITY_LIMIT } from '../builder.js';
import type { Context } from '../context.js';
import type { Sql } from '../db/sql.js';
import { bindValues, type Compilation, compileOperation, type OperationShape, operationShape, planKey } from '../read/compile.js';

export interface CompiledOperationsOptions {
  /** The largest page a connection returns (the app's setting). */
  maxPageSize: number;
  /** Plans kept per operation, one per set of filter values it was sent with. Default 16. */
  plansPerOperation?: number;
  /** Called once per compiled plan and per refusal, with the operation's name (development logs, tests). */
  onPlan?: (operationName: string | undefined, plan: Compilation) => void;
  /**
   * Documents to compile now rather than on first use (the trusted documents): each operation's
   * plan for its variables' defaults, when its other variables are all parameters.
   */
  prepare?: Iterable<DocumentNode>;
  /** The schema `prepare`'s documents are for. */
  schema?: GraphQLSchema;
}

interface OperationEntry {
  shape: OperationShape | null;
  plans: Map<string, Compilation>;
  /** The operation with its fragments alone: the cost estimate reads the document's first operation. */
  costDocument?: DocumentNode;
  /** Whether the cost is within the limits, by variable values (a variable page size changes it). */
  withinLimits: Map<string, boolean>;
}

/** Results kept per operation for the cost check before they are worked out again. */
const COST_RESULTS = 64;

export function useCompiledOperations({ maxPageSize, plansPerOperation = 16, onPlan, prepare = [], schema }: CompiledOperationsOptions): Plugin<Context> {
  const entries = new WeakMap<DocumentNode, Map<string, OperationEntry>>();

  const entryFor = (args: { schema: Parameters<typeof operationShape>[0]; document: DocumentNode; operationName?: string | null }) => {
    let byName = entries.get(args.document);
    if (!byName) entries.set(args.document, (byName = new Map()));
    const name = args.operationName ?? '';
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { shape: operationShape(args.schema, args.document, args.operationName), plans: new Map(), withinLimits: new Map() }));
    return entry;
  };

  const withinLimits = (entry: OperationEntry, schema: Parameters<typeof operationShape>[0], variables: Record<string, unknown>, context: Context) => {
    const shape = entry.shape!;
    const key = shape.operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
    let within = entry.withinLimits.get(key);
    if (within === undefined) {
      entry.costDocument ??= {
        kind: Kind.DOCUMENT,
        definitions: [shape.operation, ...Object.values(shape.fragments)],
      };
      try {
        // The variables as sent: the estimate coerces them itself.
        const { complexity, depth, breadth } = complexityFromQuery(entry.costDocument, { schema, variables, ctx: context });
        within = depth <= COMPLEXITY_LIMIT.depth && breadth <= COMPLEXITY_LIMIT.breadth && complexity <= COMPLEXITY_LIMIT.complexity;
      } catch {
        within = false; // execution reports what is wrong
      }
      if (entry.withinLimits.size < COST_RESULTS) entry.withinLimits.set(key, within);
    }
    return within;
  };

  const plan = (entry: OperationEntry, schema: GraphQLSchema, variables: Record<string, unknown>) => {
    const shape = entry.shape!;
    const key = planKey(shape, variables);
    let compiled = entry.plans.get(key);
    if (!compiled) {
      compiled = compileOperation(schema, shape, variables, maxPageSize);
      onPlan?.(shape.operation.name?.value, compiled);
      if (entry.plans.size < plansPerOperation) entry.plans.set(key, compiled);
    }
    return compiled;
  };

  for (const document of schema ? prepare : []) {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const entry = entryFor({ schema: schema!, document, operationName: definition.name?.value });
      const variables = entry.shape && !entry.shape.refused ? standInVariables(schema!, entry.shape) : null;
      if (variables) plan(entry, schema!, variables);
    }
  }

  return {
    onExecute({ executeFn, setExecuteFn }) {
      // An executor rather than a result set here: a plugin after this one that wraps execution
      // (the response cache, which records the entities of an answer) wraps this one too.
      setExecuteFn(((args: ExecutionArgs) =>
        answer(args).then((result) => result ?? executeFn(args))) as typeof executeFn);
    },
  };

  /** The operation's answer from its one statement, or undefined when execution must answer. */
  async function answer(args: ExecutionArgs): Promise<ExecutionResult | undefined> {
    const context = args.contextValue as Context;
    if (!context.viewer.scopes.has('read')) return undefined;
    const entry = entryFor(args);
    const shape = entry.shape;
    if (!shape || shape.refused) return undefined;
    const coerced = getVariableValues(args.schema, shape.operation.variableDefinitions ?? [], args.variableValues ?? {});
    if (coerced.errors) return undefined;
    const variables = coerced.coerced;
    const compiled = plan(entry, args.schema, variables);
    if ('refused' in compiled) return undefined;
    if (!withinLimits(entry, args.schema, (args.variableValues ?? {}) as Record<string, unknown>, context)) return undefined;
    const values = bindValues(compiled.statement, variables);
    if (!values) return undefined;
    let row: Record<string, unknown>;
    try {
      [row] = await context.read.query<Record<string, unknown>>({ text: compiled.statement.text, values } as unknown as Sql);
    } catch {
      // The database did not answer (or refused): execution meets the same failure and reports it
      // as a GraphQL error with its code and status, as for any other operation.
      return undefined;
    }
    for (let check = 0; check < compiled.statement.checks; check++) if (row[`$missing${check}`] === true) return undefined;
    return jsonResult(row.data as string);
  }
}

/** Stand-in values for a plan made ahead of requests: a slot's value is not part of its plan. */
const standIns: Record<string, unknown> = { String: '', ID: '', Int: 0, Float: 0, Boolean: false };

/**
 * The variables to compile an operation with before any request: defaults, a stand-in for each
 * slot without one, nothing for optional variables; null when a required variable shapes the plan.
 */
function standInVariables(schema: GraphQLSchema, shape: OperationShape): Record<string, unknown> | null {
  const given: Record<string, unknown> = {};
  for (const definition of shape.operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue || definition.type.kind !== Kind.NON_NULL_TYPE) continue;
    const standIn = shape.slots.has(name) ? standIns[typeNameOf(definition.type)] : undefined;
    if (standIn === undefined) return null;
    given[name] = standIn;
  }
  const coerced = getVariableValues(schema, shape.operation.variableDefinitions ?? [], given);
  return coerced.errors ? null : coerced.coerced;
}

function typeNameOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : typeNameOf(type.type);
}

/**
 * A result whose `data` is JSON text from the database: sent as it is, parsed only if another
 * plugin reads `data` or adds errors or extensions.
 */
export function jsonResult(data: string): ExecutionResult & { stringify: (result: ExecutionResult) => string } {
  let parsed: ExecutionResult['data'];
  // Set when another plugin replaced `data` (the response cache strips its own fields from it).
  let replaced = false;
  const result: ExecutionResult & { stringify: (result: ExecutionResult) => string } = {
    get data() {
      return (parsed ??= JSON.parse(data));
    },
    set data(value) {
      parsed = value;
      replaced = true;
    },
    // A copy made by another plugin (one that added extensions), or errors, are written out whole.
    stringify: (given) => (given !== result || replaced || given.errors || given.extensions ? JSON.stringify(given) : `{"data":${data}}`),
  };
  return result;
}
