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
import { type DocumentNode, type ExecutionResult, getVariableValues, Kind } from 'graphql';
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

export function useCompiledOperations({ maxPageSize, plansPerOperation = 16, onPlan }: CompiledOperationsOptions): Plugin<Context> {
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
      const { complexity, depth, breadth } = complexityFromQuery(entry.costDocument, { schema, variables, ctx: context });
      within = depth <= COMPLEXITY_LIMIT.depth && breadth <= COMPLEXITY_LIMIT.breadth && complexity <= COMPLEXITY_LIMIT.complexity;
      if (entry.withinLimits.size < COST_RESULTS) entry.withinLimits.set(key, within);
    }
    return within;
  };

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      if (!context.viewer.scopes.has('read')) return;
      const entry = entryFor(args);
      const shape = entry.shape;
      if (!shape || shape.refused) return;
      const coerced = getVariableValues(args.schema, shape.operation.variableDefinitions ?? [], args.variableValues ?? {});
      if (coerced.errors) return;
      const variables = coerced.coerced;
      const key = planKey(shape, variables);
      let plan = entry.plans.get(key);
      if (!plan) {
        plan = compileOperation(args.schema, shape, variables, maxPageSize);
        onPlan?.(shape.operation.name?.value, plan);
        if (entry.plans.size < plansPerOperation) entry.plans.set(key, plan);
      }
      if ('refused' in plan) return;
      if (!withinLimits(entry, args.schema, variables, context)) return;
      const values = bindValues(plan.statement, variables);
      if (!values) return;
      const [row] = await context.read.query<Record<string, unknown>>({ text: plan.statement.text, values } as unknown as Sql);
      for (let check = 0; check < plan.statement.checks; check++) if (row[`$missing${check}`] === true) return;
      setResultAndStopExecution(jsonResult(row.data as string));
    },
  };
}

/**
 * A result whose `data` is JSON text from the database: sent as it is, parsed only if another
 * plugin reads `data` or adds errors or extensions.
 */
export function jsonResult(data: string): ExecutionResult & { stringify: (result: ExecutionResult) => string } {
  let parsed: ExecutionResult['data'];
  return {
    get data() {
      return (parsed ??= JSON.parse(data));
    },
    stringify: (result) => (result.errors || result.extensions ? JSON.stringify(result) : `{"data":${data}}`),
  };
}
