// The one place where the database's refusals become errors a user can act on. Mutations, the
// dataset loader and the API's error masking all come here, so a duplicate slug reads the same
// whichever way it was written.
import { GraphQLError } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { ConflictError, InvalidInputError, NotFoundError, type TalkgraphError } from '../errors.js';

/** Columns that point at another row; in a unique constraint they scope the other fields. */
const references = new Set(['conferenceId', 'talkId', 'personId', 'organisationId', 'articleId', 'publisherId']);

interface AdapterCause {
  originalCode?: string;
  kind?: string;
  constraint?: { fields?: string[]; index?: string };
  table?: string;
}

interface ErrorMeta {
  modelName?: string;
  target?: string[] | string;
  driverAdapterError?: { cause?: AdapterCause };
}

export interface TranslateOptions {
  /**
   * Where the failing record's fields sit in what the user sent: "input." for a mutation's
   * input, so the error names `input.slug` rather than `slug`.
   */
  fieldPrefix?: string;
}

/**
 * Turns the database's constraint violations into errors that name the entity and the field, so a
 * user learns what to change: a duplicate slug, a reference to a row that does not exist, text
 * PostgreSQL cannot store. Model queries and raw statements (the dataset loader's) are read alike.
 * Returns undefined for anything else, which stays an unexpected error.
 */
export function translateDatabaseError(error: unknown, { fieldPrefix = '' }: TranslateOptions = {}): TalkgraphError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = (error.meta ?? {}) as ErrorMeta;
  const cause = meta.driverAdapterError?.cause;
  const constraint = cause?.constraint;
  // Prisma names constraints <Model>_<fields>_key and <Model>_<field>_fkey; raw statements carry no model name.
  const entity = meta.modelName ?? cause?.table ?? constraint?.index?.match(/^([A-Za-z]+)_/)?.[1] ?? 'record';
  const at = (field: string | undefined) => (field === undefined ? undefined : `${fieldPrefix}${field}`);
  const kind = error.code === 'P2010' ? cause?.kind : error.code;

  if (kind === 'P2002' || kind === 'UniqueConstraintViolation') {
    // PGlite reports the fields; adapter-pg only the index.
    const rawFields =
      constraint?.fields ??
      constraint?.index?.match(/^[A-Za-z]+_(\w+)_key$/)?.[1].split('_') ??
      (Array.isArray(meta.target) ? meta.target : meta.target ? [meta.target] : []);
    const fields = rawFields.map((field) => field.replace(/"/g, ''));
    const named = fields.filter((field) => !references.has(field));
    const shown = (named.length > 0 ? named : fields).join(', ') || 'a unique field';
    const scope = fields.find((field) => references.has(field));
    return new ConflictError(
      `${entity}: another ${entity} already has this ${shown}${scope ? ` (unique per ${scope.replace(/Id$/, '')})` : ''}; choose a different ${shown} or update the existing ${entity}.`,
      at(named[0] ?? fields[0]),
    );
  }
  if (kind === 'P2003' || kind === 'ForeignKeyConstraintViolation') {
    const field = constraint?.index?.match(/^[A-Za-z]+_(\w+)_fkey$/)?.[1] ?? 'a reference';
    return new NotFoundError(
      `${entity}: ${field} points to a ${field.replace(/Id$/, '')} that does not exist; create it first or fix the reference.`,
      at(constraint?.index ? field : undefined),
    );
  }
  if (kind === 'P2025') {
    return new NotFoundError(`${entity}: the record to change does not exist (it may have been deleted).`);
  }
  // 22021 (a NUL byte in text) and 22P05 (\u0000 in JSON that becomes text): PostgreSQL cannot store U+0000.
  if (cause?.originalCode === '22021' || cause?.originalCode === '22P05') {
    return new InvalidInputError('text contains a NUL character (U+0000), which the database cannot store; remove it and try again.');
  }
  return undefined;
}

/**
 * For the API's error masking: a database refusal the caller can fix, as a GraphQL error at the
 * same place in the response as the error it replaces; undefined for anything else.
 */
export function databaseUserError(error: unknown): GraphQLError | undefined {
  const located = error instanceof GraphQLError ? error : undefined;
  const translated = translateDatabaseError(located ? (located.originalError ?? located) : error);
  if (!translated) return undefined;
  return new GraphQLError(translated.message, { nodes: located?.nodes, path: located?.path, extensions: translated.extensions });
}
