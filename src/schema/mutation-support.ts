// What every mutation shares: input validation against the dataset format's rules, database
// errors turned into user errors, ID decoding, and the cascade report of deletes.
import type { z } from 'zod';
import { builder } from '../builder.js';
import { formatPath } from '../db/load-dataset.js';
import { translateDatabaseError } from '../db/errors.js';
import { InvalidInputError, TalkgraphError } from '../errors.js';
import { slugify } from '../dataset/slug.js';
import { idOf } from './ids.js';

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

/** Runs a write, turning constraint violations into errors that name the entity and field. */
export async function writing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const translated = translateDatabaseError(error);
    if (!translated) throw error;
    throw new TalkgraphError(translated.code, translated.message, translated.field && `input.${translated.field}`);
  }
}

/** A decoded global ID of the expected type, or an INVALID_ID error naming the input field. */
export function inputId(typename: string, value: { typename: string; id: string }, field: string): number {
  return idOf(typename, value, `input.${field}`);
}

export function inputIds(typename: string, values: ReadonlyArray<{ typename: string; id: string }>, field: string): number[] {
  return values.map((value, index) => idOf(typename, value, `input.${field}[${index}]`));
}

/** The slug a create mutation uses: the one given, else one made from the name. */
export function slugOrFrom(slug: string | null | undefined, name: string): string {
  return slug ?? slugify(name);
}

/** Dates in mutation inputs come in as Date scalars; the dataset rules take "YYYY-MM-DD". */
export const isoDay = (value: Date | null | undefined) => (value == null ? value : value.toISOString().slice(0, 10));
export const isoInstant = (value: Date | null | undefined) => (value == null ? value : value.toISOString());

/** A required field cannot be cleared: null in an update means "clear", which it cannot be. */
export function notNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw new InvalidInputError(`input.${field} cannot be null; leave it out to keep the current value.`, `input.${field}`);
  return value;
}

export interface CascadeCount {
  entity: string;
  count: number;
  /** DELETED: removed with the entity; UNLINKED: kept, with the reference to the entity cleared. */
  effect: 'DELETED' | 'UNLINKED';
}

export const CascadeEffect = builder.enumType('CascadeEffect', {
  values: {
    DELETED: { description: 'Removed together with the deleted entity.' },
    UNLINKED: { description: 'Kept, with its reference to the deleted entity cleared.' },
  } as const,
});

export const CascadeCountType = builder.objectRef<CascadeCount>('CascadeCount').implement({
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
  outputFields: (t: PayloadFieldBuilder) => ({
    deletedId: t.exposeID('deletedId', { description: 'The ID of the deleted entity.' }),
    cascaded: t.field({
      type: [CascadeCountType],
      description: 'Records that referred to the deleted entity, and what happened to them.',
      resolve: (payload) => payload.cascaded,
    }),
  }),
};

type PayloadFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, DeletePayloadShape>;

export const cascade = (entity: string, count: number, effect: CascadeCount['effect'] = 'DELETED'): CascadeCount[] =>
  count > 0 ? [{ entity, count, effect }] : [];

export const writeScopes = { write: true } as const;
export const adminScopes = { admin: true } as const;
