// The SQL an operation compiles to, written for people: the statement formatted, its parameters
// listed, or why the operation is not compiled. `npm run sql:print` stores it beside each example
// operation (schema/operations/*.sql), and a test compares, so a change of plan is a reviewed diff.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DocumentNode, getVariableValues, type GraphQLSchema, parse } from 'graphql';
import { format } from 'sql-formatter';
import { MAX_PAGE_SIZE } from './reader.js';
import { compileOperation, operationShape, Slot } from './compile.js';

const show = (value: unknown) => (value instanceof Slot ? `$${value.variable}${value.from ? ` (${value.from})` : ''}` : JSON.stringify(value));

/** The operation's compiled statement (with its variables' defaults), or the reason it is executed instead. */
export function describeCompilation(schema: GraphQLSchema, document: DocumentNode, operationName?: string, variables: Record<string, unknown> = {}): string {
  const shape = operationShape(schema, document, operationName);
  if (!shape) return '-- No such operation.\n';
  const name = shape.operation.name?.value ?? 'the operation';
  const coerced = getVariableValues(schema, shape.operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return `-- ${name}: its variables do not fit: ${coerced.errors[0].message}\n`;
  const plan = compileOperation(schema, shape, coerced.coerced, MAX_PAGE_SIZE);
  if ('refused' in plan) return `-- ${name} runs through GraphQL execution, one statement per list level: ${plan.refused}.\n`;
  const { statement } = plan;
  const parameters = statement.values.map((value, index) => `--   $${index + 1} = ${show(value)}`);
  const slots = [...shape.slots].map((variable) => `$${variable}`);
  return [
    `-- ${name} as one statement.${slots.length ? ` Bound at each request: ${slots.join(', ')}.` : ''}`,
    ...(parameters.length ? ['-- Parameters:', ...parameters] : []),
    format(statement.text, { language: 'postgresql', paramTypes: { numbered: ['$'] }, expressionWidth: 100 }),
    '',
  ].join('\n');
}

const root = resolve(import.meta.dirname, '../..');

/** The operations whose SQL is stored beside them: the examples and the benchmark's. */
export const operationFolders = [resolve(root, 'schema/operations'), resolve(root, 'scripts/bench/operations')];

/** Each stored operation's file, the file its SQL is kept in, and that SQL as the code compiles it now. */
export function compiledOperationFiles(schema: GraphQLSchema): Array<{ operation: string; sqlFile: string; sql: string }> {
  return operationFolders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.graphql'))
      .sort()
      .map((file) => {
        const operation = resolve(folder, file);
        return { operation, sqlFile: operation.replace(/\.graphql$/, '.sql'), sql: describeCompilation(schema, parse(readFileSync(operation, 'utf8'))) };
      }),
  );
}
