// The graph's tables and columns as Prisma's data model declares them, and a check that every read
// declaration of the schema (the `read` extension the helpers of ./fields.ts put on each field, and
// the columns exposed fields read) names a table and columns that exist. Prisma's schema stays the
// one place the data model is written; the read path's declarations are held to it here, by a test
// and by the compile step's own refusals, rather than by a second list kept by hand.
import { getNamedType, type GraphQLSchema, isObjectType } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import type { FieldRead, Table } from './plan.js';
import type { ParentLink, Relation } from './statements.js';

/** Each model's columns, from the scalar field lists Prisma generates (`Prisma.TalkScalarFieldEnum`). */
export const models: ReadonlyMap<Prisma.ModelName, ReadonlySet<string>> = new Map(
  Object.values(Prisma.ModelName).map((model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`] ?? {};
    return [model, new Set(Object.values(fields))];
  }),
);

/** Prisma's implicit many-to-many tables: `_AToB` with columns A and B. */
const implicitLinkTable = /^_[A-Z]\w*To[A-Z]\w*$/;

/** What is wrong with the schema's read declarations against the data model; empty when nothing is. */
export function declarationProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const tableOfType = new Map<string, Table>();
  const hasColumn = (table: Table, column: string) => models.get(table.name as Prisma.ModelName)?.has(column) ?? false;
  const checkTable = (where: string, table: Table) => {
    if (!models.has(table.name as Prisma.ModelName)) problems.push(`${where}: no model ${table.name}`);
    else tableOfType.set(table.type, table);
  };
  const checkLink = (where: string, target: Table, link: ParentLink | undefined) => {
    if (!link) return;
    if ('column' in link) {
      if (!hasColumn(target, link.column)) problems.push(`${where}: ${target.name} has no column ${link.column}`);
    } else if (!implicitLinkTable.test(link.through) && !models.has(link.through as Prisma.ModelName)) {
      problems.push(`${where}: no table ${link.through}`);
    } else if (models.has(link.through as Prisma.ModelName)) {
      for (const column of [link.from, link.to]) if (!models.get(link.through as Prisma.ModelName)!.has(column)) problems.push(`${where}: ${link.through} has no column ${column}`);
    }
  };
  const checkRelation = (where: string, relation: Relation) => {
    checkTable(where, relation.target);
    checkLink(where, relation.target, relation.parent);
  };

  const objectTypes = Object.values(schema.getTypeMap()).filter(isObjectType);
  // First every declared table, so that the columns of each type's own fields can be checked after.
  for (const type of objectTypes) {
    for (const field of Object.values(type.getFields())) {
      const read = field.extensions?.read as FieldRead | undefined;
      const where = `${type.name}.${field.name}`;
      if (read?.kind === 'join' || read?.kind === 'find') checkTable(where, read.table);
      if (read?.kind === 'list' || read?.kind === 'connection') checkRelation(where, read.relation);
    }
  }
  for (const type of objectTypes) {
    const table = tableOfType.get(type.name);
    if (!table) continue;
    for (const field of Object.values(type.getFields())) {
      const where = `${type.name}.${field.name}`;
      const exposed = field.extensions?.pothosExposedField as string | undefined;
      if (exposed && !hasColumn(table, exposed)) problems.push(`${where}: ${table.name} has no column ${exposed}`);
      const read = field.extensions?.read as FieldRead | undefined;
      if (read?.kind === 'join' && !hasColumn(table, read.foreignKey)) problems.push(`${where}: ${table.name} has no column ${read.foreignKey}`);
      if (read?.kind === 'columns') for (const column of read.columns) if (!hasColumn(table, column)) problems.push(`${where}: ${table.name} has no column ${column}`);
      if (read && 'table' in read && getNamedType(field.type).name !== read.table.type) {
        problems.push(`${where}: returns ${getNamedType(field.type).name} but reads ${read.table.name} rows, which become ${read.table.type}`);
      }
    }
  }
  return problems;
}
