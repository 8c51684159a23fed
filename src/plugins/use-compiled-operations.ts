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
//
// A repeat is answered sooner (`repeats`): once execution has run an operation of a document and
// this plugin answered it, the same text (or trusted hash) sent again is answered when the request
// arrives, before Yoga reads its parameters, parses, validates, builds a context and processes a
// result, which on a small page is most of what a request costs. That is only sure for a plain
// JSON POST of a small body whose every part this plugin reads the way Yoga would: anything else
// (another parameter, an Accept header it does not match exactly, a token without the read scope,
// the explain header, If-None-Match, variables that do not fit, a cost not yet estimated for them, a statement
// that fails, names nothing or leaves a part to execution) goes on to Yoga with the body it sent, and is answered there.
import { complexityFromQuery } from '@pothos/plugin-complexity';
import type { IncomingMessage } from 'node:http';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, getVariableValues, type GraphQLSchema, Kind, parse, type TypeNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { COMPLEXITY_LIMIT } from '../builder.js';
import type { Context } from '../context.js';
import type { Sql, SqlRunner } from '../db/sql.js';
import { normaliseHash, type TrustedDocument } from '../trusted-documents.js';
import { checkArguments, MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS } from './use-input-rules.js';
import { answeredEarly, operationFacts, type OperationFacts } from './request-facts.js';
import { answerOf, bindValues, type Compilation, compileOperation, type OperationShape, operationShape, planKey } from '../read/compile.js';

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
  /** Answer repeated operations as their requests arrive (see the top of this file). Default: not. */
  repeats?: RepeatOptions;
}

export interface RepeatOptions {
  /** Runs the statement (the database's runner: statement events and prepared names as for any read). */
  sql: SqlRunner;
  /** The GraphQL endpoint's path. */
  endpoint: string;
  /** The scopes of a request's token; an empty set for a bad one. */
  scopesOf: (request: Request) => ReadonlySet<string>;
  /** Documents a request may name by hash. */
  trusted: ReadonlyMap<string, TrustedDocument>;
  /** Whether a request without a hash may run its text (trusted-only mode refuses some). */
  mayRunText: (request: Request) => boolean;
  /** The app's body limit: a larger body goes to Yoga, which refuses it. */
  maxBodyBytes: number;
  /**
   * Whether a response cache answers repeats in Yoga: then an operation whose statement groups
   * whole lists (facets, histograms) is left to it, since the cached answer costs less.
   */
  cached?: boolean;
}

interface OperationEntry {
  shape: OperationShape | null;
  plans: Map<string, Compilation>;
  /** The operation with its fragments alone: the cost estimate reads the document's first operation. */
  costDocument?: DocumentNode;
  /** Whether the cost is within the limits, by variable values (a variable page size changes it). */
  withinLimits: Map<string, boolean>;
}

/** An operation this plugin has answered, found by its document's text and the operation name sent. */
interface Repeatable {
  entry: OperationEntry;
  schema: GraphQLSchema;
  facts: OperationFacts;
  /** Whether its arguments are all literals, so the input rules passed once for all. */
  literalArguments: boolean;
}

/** Operations kept for early answers; more are answered by execution only. */
const REPEATABLE_OPERATIONS = 1000;
/** The largest body read early: a repeated read is small; imports and large variables go to Yoga. */
const EARLY_BODY_BYTES = 64 * 1024;
const inputRules = { maxSearchLength: MAX_SEARCH_LENGTH, maxSearchTerms: MAX_SEARCH_TERMS };
/** The parameters a JSON body may carry to be answered early; any other goes to Yoga, which may refuse it. */
const earlyParameters = new Set(['query', 'operationName', 'variables', 'extensions', 'documentId']);

/** Results kept per operation for the cost check before they are worked out again. */
const COST_RESULTS = 64;

export function useCompiledOperations({ maxPageSize, plansPerOperation = 16, onPlan, prepare = [], schema, repeats }: CompiledOperationsOptions): Plugin<Context> {
  const entries = new WeakMap<DocumentNode, Map<string, OperationEntry>>();
  /** By document text, then a NUL, then the operation name as sent. */
  const repeatable = new Map<string, Repeatable>();

  const entryFor = (args: { schema: Parameters<typeof operationShape>[0]; document: DocumentNode; operationName?: string | null }) => {
    let byName = entries.get(args.document);
    if (!byName) entries.set(args.document, (byName = new Map()));
    const name = args.operationName ?? '';
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = { shape: operationShape(args.schema, args.document, args.operationName), plans: new Map(), withinLimits: new Map() }));
    return entry;
  };

  const withinLimits = (entry: OperationEntry, schema: Parameters<typeof operationShape>[0], variables: Record<string, unknown>) => {
    const shape = entry.shape!;
    const key = shape.operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
    let within = entry.withinLimits.get(key);
    if (within === undefined) {
      entry.costDocument ??= {
        kind: Kind.DOCUMENT,
        definitions: [shape.operation, ...Object.values(shape.fragments)],
      };
      try {
        // The variables as sent: the estimate coerces them itself. It reads arguments only, never
        // the context (fieldComplexity in src/builder.ts), so an early answer has none to give.
        const { complexity, depth, breadth } = complexityFromQuery(entry.costDocument, { schema, variables, ctx: {} });
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
    onRequest: repeats
      ? ({ request, url, serverContext, endResponse, setRequest, fetchAPI }) => {
          if (request.method !== 'POST' || url.pathname !== repeats.endpoint || repeatable.size === 0) return;
          const early = earlyRequest(request, Math.min(EARLY_BODY_BYTES, repeats.maxBodyBytes));
          if (!early) return;
          return readBody(request, serverContext as { req?: IncomingMessage }).catch(() => undefined).then(async (body) => {
            if (body === undefined) return;
            const response = await answerEarly(repeats, request, body).catch(() => undefined);
            if (response) {
              answeredEarly(request, response.facts);
              endResponse(new fetchAPI.Response(response.body, { status: 200, headers: { 'content-type': early.contentType, 'content-length': String(Buffer.byteLength(response.body)) } }));
            } else {
              // The body has been read: Yoga gets a request that carries it again.
              setRequest(new fetchAPI.Request(request.url, { method: 'POST', headers: request.headers, body }));
            }
          });
        }
      : undefined,
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
    if (!withinLimits(entry, args.schema, (args.variableValues ?? {}) as Record<string, unknown>)) return undefined;
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
    const data = answerOf(compiled.statement, row);
    if (data === undefined) return undefined;
    if (repeats) remember(args);
    return jsonResult(data);
  }

  /**
   * Keeps an operation just answered for early answers to its repeats. Its plans are made from the
   * text the client sent, parsed again: the document execution ran may have been rewritten by a
   * plugin (the response cache adds fields it strips from the answer).
   */
  function remember(args: ExecutionArgs): void {
    const text = args.document.loc?.source.body;
    if (text === undefined || repeatable.size >= REPEATABLE_OPERATIONS) return;
    const key = `${text}\0${args.operationName ?? ''}`;
    if (repeatable.has(key)) return;
    const document = parse(text);
    const facts = operationFacts(document, args.operationName);
    const entry = entryFor({ schema: args.schema, document, operationName: args.operationName });
    const shape = entry.shape;
    if (!facts || !shape || shape.refused) return;
    let literalArguments = true;
    for (const definition of [shape.operation, ...Object.values(shape.fragments)]) visit(definition, { Variable: () => void (literalArguments = false) });
    repeatable.set(key, { entry, schema: args.schema, facts, literalArguments });
  }

  /** The answer to a repeated operation, or undefined when Yoga must answer the request. */
  async function answerEarly(options: RepeatOptions, request: Request, body: string): Promise<{ body: string; facts: OperationFacts } | undefined> {
    const params = JSON.parse(body) as Record<string, unknown>;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
    for (const key in params) if (!earlyParameters.has(key)) return undefined;
    const { query, operationName, variables, extensions, documentId } = params;
    if (operationName != null && typeof operationName !== 'string') return undefined;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    // Extensions only to name a trusted document; a hash is one way of naming it, not two.
    let hash: string | undefined;
    if (extensions != null) {
      const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery;
      if (typeof extensions !== 'object' || Object.keys(extensions).length !== 1 || typeof persisted?.sha256Hash !== 'string') return undefined;
      hash = persisted.sha256Hash;
    }
    if (documentId != null) {
      if (typeof documentId !== 'string' || hash !== undefined) return undefined;
      hash = documentId;
    }
    let text: string | undefined;
    if (hash !== undefined) {
      if (query != null) return undefined;
      text = options.trusted.get(normaliseHash(hash))?.text;
    } else if (typeof query === 'string' && options.mayRunText(request)) {
      text = query;
    }
    if (text === undefined) return undefined;
    const known = repeatable.get(`${text}\0${operationName ?? ''}`);
    if (!known || !options.scopesOf(request).has('read')) return undefined;
    const { entry, schema, facts } = known;
    const shape = entry.shape!;
    const given = (variables ?? {}) as Record<string, unknown>;
    const coerced = getVariableValues(schema, shape.operation.variableDefinitions ?? [], given);
    if (coerced.errors) return undefined;
    if (!known.literalArguments) {
      try {
        checkArguments(schema, documentOf(shape), shape.operation, coerced.coerced, inputRules);
      } catch {
        return undefined;
      }
    }
    if (!withinLimits(entry, schema, given)) return undefined;
    const compiled = plan(entry, schema, coerced.coerced);
    if ('refused' in compiled || (options.cached && compiled.statement.groupsLists)) return undefined;
    const values = bindValues(compiled.statement, coerced.coerced);
    if (!values) return undefined;
    const [row] = await options.sql.query<Record<string, unknown>>({ text: compiled.statement.text, values } as unknown as Sql);
    const data = answerOf(compiled.statement, row);
    return data === undefined ? undefined : { body: `{"data":${data}}`, facts };
  }
}

/** The operation and its fragments as a document of their own (the input rules walk a document). */
const shapeDocuments = new WeakMap<OperationShape, DocumentNode>();
function documentOf(shape: OperationShape): DocumentNode {
  let document = shapeDocuments.get(shape);
  if (!document) shapeDocuments.set(shape, (document = { kind: Kind.DOCUMENT, definitions: [shape.operation, ...Object.values(shape.fragments)] }));
  return document;
}

/**
 * What an early answer needs of a request's headers: a JSON body of a declared, small length, no
 * explain header, and an Accept header whose first type is one Yoga would answer with (its
 * content type is then the answer's); null for anything else.
 */
function earlyRequest(request: Request, maxBytes: number): { contentType: string } | null {
  const headers = request.headers;
  const type = headers.get('content-type');
  if (type === null || !/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) return null;
  const length = Number(headers.get('content-length') ?? NaN);
  if (!(length > 0 && length <= maxBytes)) return null;
  // A conditional request is the response cache's to answer (304 for an answer it still holds).
  if (headers.has('x-talkgraph-explain') || headers.has('if-none-match')) return null;
  const accept = headers.get('accept');
  if (accept === null) return { contentType: 'application/json; charset=utf-8' };
  if (accept.includes(';')) return null; // parameters and weights: Yoga's negotiation decides
  const first = accept.split(',')[0].trim().toLowerCase();
  if (first === 'application/graphql-response+json') return { contentType: 'application/graphql-response+json; charset=utf-8' };
  if (first === 'application/json' || first === '*/*' || first === '') return { contentType: 'application/json; charset=utf-8' };
  return null;
}

/** The body as text: from Node's request when Yoga runs in Node's http server, else from the fetch Request. */
function readBody(request: Request, serverContext: { req?: IncomingMessage }): Promise<string | undefined> {
  const node = serverContext.req;
  if (!node || typeof node.on !== 'function') return request.text();
  if (node.readableEnded || node.readableFlowing !== null) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    node.on('data', (chunk: Buffer) => chunks.push(chunk));
    node.once('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    node.once('error', reject);
  });
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
