// What every mutation shares: input validation against the dataset format's rules, database
// errors turned into user errors, ID decoding and existence checks, and the cascade report of deletes.
import type { FieldRef, ObjectRef } from '@pothos/core';
import type { z } from 'zod';
import { builder, encodeGlobalId, type Types } from '../builder.js';
import { announce, type ChangedRow, type ChangeKind, deletionRows, prismaStatements } from '../db/changes.js';
import { translateDatabaseError } from '../db/errors.js';
import type { Statements } from '../db/write-transaction.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { formatPath } from '../dataset/format.js';
import { slugify } from '../dataset/slug.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Table } from '../read/plan.js';
import { idOf } from './ids.js';

export type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;
export type PayloadFieldBuilder<Shape> = PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>;

/** A global ID as the relay plugin hands it to resolvers. */
export type DecodedId = { typename: string; id: string };
/** The client resolvers write with: the bound client, or the transaction they run in. */
export type Db = Prisma.TransactionClient;

/** Validates `record` with a dataset-format schema; the first problem names its input field. */
export function checked<S extends z.ZodType>(schema: S, record: unknown): z.output<S> {
  const result = schema.safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = `input.${formatPath(issue.path)}`;
    throw new InvalidInputError(`${field}: ${issue.message}`, field);
  }
  return result.data;
}

/**
 * The fields an input sets. Relay's clientMutationId is only echoed back in the payload; the
 * dataset rules (strict records) would reject it as an unknown field.
 */
export function fieldsOf<T extends { clientMutationId?: unknown }>(input: T): Omit<T, 'clientMutationId'> {
  const { clientMutationId: _echoedBack, ...fields } = input;
  return fields;
}

/** Runs a write, turning constraint violations into errors that name the entity and field. */
export async function writing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateDatabaseError(error, { fieldPrefix: 'input.' }) ?? error;
  }
}

/**
 * Runs a write in one transaction and announces there the rows it changed (src/db/changes.ts), so
 * every process hears the change once it is committed, and never when it is rolled back.
 * `changes` is given the write's result and the transaction, to read what subscribers filter on.
 */
export function committed<T>(
  prisma: PrismaClient,
  write: (tx: Db) => Promise<T>,
  changes: (result: T, db: Statements) => ChangedRow[] | Promise<ChangedRow[]>,
): Promise<T> {
  return writing(() =>
    prisma.$transaction(async (tx) => {
      const result = await write(tx);
      const db = prismaStatements(tx);
      await announce(db, { source: 'mutation', rows: await changes(result, db) });
      return result;
    }),
  );
}

/** A changed row of an entity whose subscribers need nothing but its id. */
export const row = (type: NodeTypename, change: ChangeKind, id: number): ChangedRow => ({ type, change, id });

/** A decoded global ID of the expected type, or an INVALID_ID error naming the input field. */
export function inputId(typename: string, value: DecodedId, field: string): number {
  return idOf(typename, value, `input.${field}`);
}

function inputIds(typename: string, values: ReadonlyArray<DecodedId>, field: string): number[] {
  return values.map((value, index) => idOf(typename, value, `input.${field}[${index}]`));
}

export type NodeTypename = 'Conference' | 'Talk' | 'Person' | 'Organisation' | 'Reaction' | 'Article' | 'Topic';

const presentIds: Record<NodeTypename, (db: Db, ids: number[]) => Promise<Array<{ id: number }>>> = {
  Conference: (db, ids) => db.conference.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  Talk: (db, ids) => db.talk.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  Person: (db, ids) => db.person.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  Organisation: (db, ids) => db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  Reaction: (db, ids) => db.reaction.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  Article: (db, ids) => db.article.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  Topic: (db, ids) => db.topic.findMany({ where: { id: { in: ids } }, select: { id: true } }),
};

const notFound = (typename: NodeTypename, field: string) =>
  new NotFoundError(`input.${field}: no ${typename} with this ID.`, `input.${field}`);

/**
 * The database id of the entity an input field names, after checking it exists. The database
 * would refuse a dangling reference too, but could not say which input field was wrong.
 */
export async function existingId(db: Db, typename: NodeTypename, value: DecodedId, field: string): Promise<number> {
  const id = inputId(typename, value, field);
  if ((await presentIds[typename](db, [id])).length === 0) throw notFound(typename, field);
  return id;
}

/** existingId for an optional field: null (clear it) and undefined (leave it) pass through. */
export async function existingIdIfGiven<Absent extends null | undefined>(
  db: Db,
  typename: NodeTypename,
  value: DecodedId | Absent,
  field: string,
): Promise<number | Absent> {
  return value == null ? value : existingId(db, typename, value, field);
}

/** existingId for a list of IDs (topics, authors): each once, each existing; errors name the index. */
export async function existingIds(db: Db, typename: NodeTypename, values: ReadonlyArray<DecodedId>, field: string): Promise<number[]> {
  const ids = inputIds(typename, values, field);
  const repeat = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeat >= 0) {
    throw new InvalidInputError(`input.${field}[${repeat}]: repeats input.${field}[${ids.indexOf(ids[repeat])}]; list each once.`, `input.${field}[${repeat}]`);
  }
  const present = new Set((await presentIds[typename](db, ids)).map((row) => row.id));
  const missing = ids.findIndex((id) => !present.has(id));
  if (missing >= 0) throw notFound(typename, `${field}[${missing}]`);
  return ids;
}

/** The row an update reads before writing, or NOT_FOUND naming the input field that pointed to it. */
export function found<Row>(row: Row | null, typename: NodeTypename, field = 'id'): Row {
  if (row === null) throw notFound(typename, field);
  return row;
}

/** The slug a create mutation uses: the one given, else one made from the name (or title). */
export function slugOrFrom(slug: string | null | undefined, name: string, nameField = 'name'): string {
  if (slug != null) return slug;
  const made = slugify(name);
  if (made === '') {
    throw new InvalidInputError(`input.${nameField}: has no letters or digits to make a slug from; give a slug.`, `input.${nameField}`);
  }
  return made;
}

/** Dates in mutation inputs come in as Date scalars; the dataset rules take "YYYY-MM-DD". */
export { isoDay, isoInstant } from '../dataset/dates.js';

/** A required field cannot be cleared: null in an update means "clear", which it cannot be. */
export function notNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw new InvalidInputError(`input.${field} cannot be null; leave it out to keep the current value.`, `input.${field}`);
  return value;
}

/**
 * A period that ends before it starts is a typo; the error names the end, the field most often
 * wrong. Updates pass the stored values, so changing one end is checked against the other.
 */
export function checkPeriod<Start extends string, End extends string>(
  start: Start,
  end: End,
  given: { [K in Start | End]?: Date | null },
  stored?: { [K in Start | End]: Date | null },
): void {
  const value = (key: Start | End) => (given[key] === undefined ? stored?.[key] : given[key]);
  const [from, to] = [value(start), value(end)];
  if (from && to && to < from) {
    throw new InvalidInputError(`input.${end}: must not be before ${start}; check both.`, `input.${end}`);
  }
}

export interface CascadeCount {
  entity: string;
  count: number;
  /** DELETED: removed with the entity; UNLINKED: kept, with the reference to the entity cleared. */
  effect: 'DELETED' | 'UNLINKED';
}

const CascadeEffect = builder.enumType('CascadeEffect', {
  values: {
    DELETED: { description: 'Removed together with the deleted entity.' },
    UNLINKED: { description: 'Kept, with its reference to the deleted entity cleared.' },
  } as const,
});

const CascadeCountType = builder.objectRef<CascadeCount>('CascadeCount').implement({
  description: 'What a delete did to records that referred to the deleted entity.',
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'e.g. "Talk", "Speaker", "Reaction".' }),
    count: t.exposeInt('count'),
    effect: t.field({ type: CascadeEffect, resolve: (row) => row.effect }),
  }),
});

export interface DeletePayloadShape {
  deletedId: string;
  cascaded: CascadeCount[];
}

/** Payload fields every delete mutation has: the ID that is gone and what went with it. */
export const deletePayload = {
  outputFields: (t: PayloadFieldBuilder<DeletePayloadShape>) => ({
    deletedId: t.exposeID('deletedId', { description: 'The ID of the deleted entity.' }),
    cascaded: t.field({
      type: [CascadeCountType],
      description: 'Records that referred to the deleted entity, and what happened to them.',
      resolve: (payload) => payload.cascaded,
    }),
  }),
};

export const cascade = (entity: string, count: number, effect: CascadeCount['effect'] = 'DELETED'): CascadeCount[] =>
  count > 0 ? [{ entity, count, effect }] : [];

const deleteById: Record<NodeTypename, (db: Db, id: number) => Promise<unknown>> = {
  Conference: (db, id) => db.conference.delete({ where: { id } }),
  Talk: (db, id) => db.talk.delete({ where: { id } }),
  Person: (db, id) => db.person.delete({ where: { id } }),
  Organisation: (db, id) => db.organisation.delete({ where: { id } }),
  Reaction: (db, id) => db.reaction.delete({ where: { id } }),
  Article: (db, id) => db.article.delete({ where: { id } }),
  Topic: (db, id) => db.topic.delete({ where: { id } }),
};

/**
 * Deletes one entity and reports what went with it. `dependents` counts (and may tidy) the records
 * that refer to it; it runs first, in the same transaction, because afterwards they are gone.
 */
export function deleteNode(
  prisma: PrismaClient,
  typename: NodeTypename,
  value: DecodedId,
  dependents: (tx: Db, id: number) => Promise<CascadeCount[][]> = async () => [],
): Promise<DeletePayloadShape> {
  return writing(() =>
    prisma.$transaction(async (tx) => {
      const id = await existingId(tx, typename, value, 'id');
      const db = prismaStatements(tx);
      const gone = await deletionRows(db, typename, id);
      const cascaded = (await dependents(tx, id)).flat();
      await deleteById[typename](tx, id);
      await announce(db, { source: 'mutation', rows: gone });
      return { deletedId: encodeGlobalId(typename, id), cascaded };
    }),
  );
}

/**
 * The payload field that reads back the entity a mutation wrote, with the caller's selection,
 * through the read path: `changed('talk', Talk, talks, 'talkId')` for a payload shaped { talkId }.
 */
export function changed<Name extends string, Key extends string, Row extends object>(
  name: Name,
  type: ObjectRef<Types, Row>,
  table: Table<Row>,
  key: Key,
  description?: string,
) {
  return <Shape extends { [K in Key]: number }>(t: PayloadFieldBuilder<Shape>) => {
    // Typed as a plain object inside: Pothos cannot check a resolver against a generic row type.
    const field = t.field({
      type: type as ObjectRef<Types, object>,
      description,
      resolve: async (payload, _args, context, info): Promise<object> => {
        const row = await context.read.byId<object>(table, payload[key], info);
        if (row === null) throw new Error(`The ${table.type} just written is gone.`);
        return row;
      },
    });
    return { [name]: field } as { [N in Name]: FieldRef<Types, Row, 'Object'> };
  };
}

/**
 * What every write shares, spread into its options: it needs the write scope, and a failure the
 * caller can fix is its result (a UserError in the payload union), not a GraphQL error.
 */
export const writes = { authScopes: { write: true }, errors: { directResult: true } } as const;
/** The same for writes only admins may make: deletes and imports. */
export const adminWrites = { authScopes: { admin: true }, errors: { directResult: true } } as const;
