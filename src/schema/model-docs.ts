// Models are documented once, with `///` comments in prisma/schema.prisma. This gives those
// comments to the GraphQL types built from the models and to the fields that expose a model's
// column or follow its relation, wherever the schema module did not write its own description.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type GraphQLSchema, isObjectType } from 'graphql';
import type { FieldRead, Table } from '../read/plan.js';

const schemaFile = resolve(import.meta.dirname, '../../prisma/schema.prisma');

interface ModelDocs {
  doc?: string;
  fields: Map<string, string>;
}

/** `///` comments by model and field, read from schema.prisma. */
export function modelDocs(text = readFileSync(schemaFile, 'utf8')): Map<string, ModelDocs> {
  const models = new Map<string, ModelDocs>();
  let pending: string[] = [];
  let current: ModelDocs | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('///')) {
      pending.push(line.slice(3).trim());
      continue;
    }
    const model = /^model (\w+) \{/.exec(line);
    if (model) {
      current = { doc: pending.join(' ') || undefined, fields: new Map() };
      models.set(model[1], current);
    } else if (line === '}') {
      current = undefined;
    } else if (current && pending.length) {
      const field = /^(\w+)\s/.exec(line);
      if (field) current.fields.set(field[1], pending.join(' '));
    }
    pending = [];
  }
  return models;
}

/** Fills in missing descriptions of `tables`' GraphQL types and fields from the model documentation. */
export function describeFromModels(schema: GraphQLSchema, tables: Iterable<Table>): GraphQLSchema {
  const docs = modelDocs();
  for (const table of tables) {
    const type = schema.getType(table.type);
    const model = docs.get(table.name);
    if (!model || !isObjectType(type)) continue;
    type.description ??= model.doc;
    for (const field of Object.values(type.getFields())) {
      if (field.description) continue;
      const extensions = field.extensions as { pothosExposedField?: string; read?: FieldRead };
      const column = extensions.pothosExposedField ?? (extensions.read?.kind === 'join' ? field.name : undefined);
      if (column) field.description = model.fields.get(column);
    }
  }
  return schema;
}
