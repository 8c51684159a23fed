import {
  astFromValue,
  type DocumentNode,
  type ExecutionArgs,
  execute,
  getNullableType,
  getNamedType,
  getOperationAST,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  type OperationDefinitionNode,
  typeFromAST,
  valueFromASTUntyped,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/**
 * Runs operations with graphql-jit: each operation document is compiled once into a JavaScript
 * function that resolves exactly its selection, and reused while Yoga's parser cache hands back the
 * same document. On the benchmark's nested operations it answered 1.4-1.9x the requests per second
 * of graphql-js's own `execute` (which had replaced Yoga's default executor, whose @defer and
 * @stream support talkgraph does not offer, for another 50-75%). A document graphql-jit cannot
 * compile runs through graphql-js, which then reports what is wrong with it.
 *
 * Variables are checked by graphql-js first, so a wrong one is refused with the same error as
 * before, naming the variable and the path inside it. graphql-jit then gets them as sent, with the
 * defaults filled in: it refuses a missing non-null variable or input field even when a default is
 * given ($first: Int! = 10, `kind: TalkKind! = TALK` in an input).
 *
 * graphql-jit is loaded on the first operation, not at start-up (it takes about 140 ms to load);
 * until it is there, graphql-js runs the operations.
 */
export function useGraphQLExecute(): Plugin {
  let jit: typeof import('graphql-jit') | undefined;
  let loading: Promise<unknown> | undefined;
  const compiled = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, CompiledQuery>>>();
  const compiledFor = (args: ExecutionArgs): CompiledQuery | undefined => {
    let bySchema = compiled.get(args.schema);
    if (!bySchema) compiled.set(args.schema, (bySchema = new WeakMap()));
    let byName = bySchema.get(args.document);
    if (!byName) bySchema.set(args.document, (byName = new Map()));
    const key = args.operationName ?? '';
    if (!byName.has(key)) {
      const operation = getOperationAST(args.document, args.operationName);
      const result = operation && !takesInputObjects(args.schema, operation) ? jit!.compileQuery(args.schema, args.document, args.operationName ?? undefined) : undefined;
      byName.set(key, result && jit!.isCompiledQuery(result) ? result : (undefined as unknown as CompiledQuery));
    }
    return byName.get(key);
  };
  const jitExecute = (args: ExecutionArgs) => {
    if (!jit) {
      // Should it fail to load, graphql-js goes on running every operation.
      loading ??= import('graphql-jit').then((module) => (jit = module)).catch(() => undefined);
      return execute(args);
    }
    const query = compiledFor(args);
    const operation = query && getOperationAST(args.document, args.operationName);
    if (!query || !operation) return execute(args);
    const checked = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 50 });
    if (checked.errors) return { errors: checked.errors };
    const variables: Record<string, unknown> = { ...args.variableValues };
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (definition.defaultValue && variables[name] === undefined) variables[name] = valueFromASTUntyped(definition.defaultValue);
      const type = typeFromAST(args.schema, definition.type) as GraphQLInputType | undefined;
      if (type) variables[name] = withInputDefaults(variables[name], type);
    }
    return query.query(args.rootValue, args.contextValue, variables);
  };
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(jitExecute as typeof execute);
    },
  };
}

/**
 * Whether a variable holds an input object (a filter). graphql-jit writes a variable checker that
 * unrolls an input type's fields, and the filters refer to themselves (AND, OR, NOT): compiling
 * `query ($filter: TalkFilter)` took 20 s and held the event loop, so every request waited. Such
 * operations run through graphql-js, which checks variables as it goes.
 */
function takesInputObjects(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((definition) => {
    const type = typeFromAST(schema, definition.type);
    return type !== undefined && isInputObjectType(getNamedType(type));
  });
}

/** `value`, as sent, with the default of every input field it leaves out, as a client would write it. */
function withInputDefaults(value: unknown, type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (value === null || value === undefined) return value;
  if (isListType(nullable)) {
    return Array.isArray(value) ? value.map((item) => withInputDefaults(item, nullable.ofType)) : withInputDefaults(value, nullable.ofType);
  }
  if (!isInputObjectType(nullable) || typeof value !== 'object') return value;
  const filled: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(nullable.getFields())) {
    if (filled[field.name] !== undefined) filled[field.name] = withInputDefaults(filled[field.name], field.type);
    else if (field.defaultValue !== undefined) {
      const literal = astFromValue(field.defaultValue, field.type);
      if (literal) filled[field.name] = valueFromASTUntyped(literal);
    }
  }
  return filled;
}
