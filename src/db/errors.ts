// The one place where the database's refusals become errors a user can act on. Mutations, the
// dataset loader and the API's error masking all come here, so a duplicate slug reads the same
// whichever way it was written.
import { GraphQLError } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { ConflictError, InvalidInputError, NotFoundError, type TalkgraphError } from '../errors.js';
import { isConnectionLost } from './connection-errors.js';

/** Columns that point at another row; in a unique constraint they scope the other fields. */
const references = new Set(['conferenceId', 'talkId', 'personId', 'organisationId', 'articleId', 'publisherId']);

interface AdapterCause {
  originalCode?: string;
  originalMessage?: string;
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

/** What the database refused, however the error reached us. */
interface Refusal {
  kind: 'unique' | 'reference' | 'missing' | 'nul';
  entity: string;
  /** The constraint's fields, when the error names them (PGlite does). */
  fields?: string[];
  /** The constraint's name: Prisma names them <Model>_<fields>_key and <Model>_<field>_fkey. */
  index?: string;
  /** What Prisma says the constraint covers, when nothing better is known. */
  target?: string[];
}

const sqlStates: Record<string, Refusal['kind']> = { '23505': 'unique', '23503': 'reference', '22021': 'nul', '22P05': 'nul' };
const adapterKinds: Record<string, Refusal['kind']> = { UniqueConstraintViolation: 'unique', ForeignKeyConstraintViolation: 'reference' };
const prismaCodes: Record<string, Refusal['kind']> = { P2002: 'unique', P2003: 'reference', P2025: 'missing' };

const entityOf = (index: string | undefined) => index?.match(/^([A-Za-z]+)_/)?.[1];

function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const meta = (error.meta ?? {}) as ErrorMeta;
    const cause = meta.driverAdapterError?.cause;
    // P2010 is a raw statement's failure; what failed is in the driver adapter's cause.
    const kind = error.code === 'P2010' ? (adapterKinds[cause?.kind ?? ''] ?? sqlStates[cause?.originalCode ?? '']) : prismaCodes[error.code];
    if (!kind) return undefined;
    // PGlite's adapter gives the fields but not the constraint's name, which its message has.
    const index = cause?.constraint?.index ?? cause?.originalMessage?.match(/constraint "(\w+)"/)?.[1];
    const target = Array.isArray(meta.target) ? meta.target : meta.target ? [meta.target] : undefined;
    return { kind, entity: meta.modelName ?? cause?.table ?? entityOf(index) ?? 'record', fields: cause?.constraint?.fields, index, target };
  }
  // The drivers' own errors (pg, PGlite), from statements sent without Prisma: SQLSTATE, table, constraint.
  const driver = error as { code?: unknown; severity?: unknown; table?: unknown; constraint?: unknown } | null;
  if (error instanceof Error && typeof driver?.code === 'string' && typeof driver.severity === 'string') {
    const kind = sqlStates[driver.code];
    if (!kind) return undefined;
    const index = typeof driver.constraint === 'string' ? driver.constraint : undefined;
    return { kind, entity: (typeof driver.table === 'string' ? driver.table : entityOf(index)) ?? 'record', index };
  }
  return undefined;
}

/**
 * Turns the database's constraint violations into errors that name the entity and the field, so a
 * user learns what to change: a duplicate slug, a reference to a row that does not exist, text
 * PostgreSQL cannot store. Prisma's model queries, its raw statements and the drivers' own errors
 * are read alike. Returns undefined for anything else, which stays an unexpected error.
 */
export function translateDatabaseError(error: unknown, { fieldPrefix = '' }: TranslateOptions = {}): TalkgraphError | undefined {
  const refusal = refusalOf(error);
  if (!refusal) return undefined;
  const { entity, index } = refusal;
  const at = (field: string | undefined) => (field === undefined ? undefined : `${fieldPrefix}${field}`);
  switch (refusal.kind) {
    case 'unique': {
      // PGlite reports the fields; adapter-pg and pg only the index.
      const fields = (refusal.fields ?? index?.match(/^[A-Za-z]+_(\w+)_key$/)?.[1].split('_') ?? refusal.target ?? []).map((field) => field.replace(/"/g, ''));
      const named = fields.filter((field) => !references.has(field));
      const shown = (named.length > 0 ? named : fields).join(', ') || 'a unique field';
      const scope = fields.find((field) => references.has(field));
      return new ConflictError(
        `${entity}: another ${entity} already has this ${shown}${scope ? ` (unique per ${scope.replace(/Id$/, '')})` : ''}; choose a different ${shown} or update the existing ${entity}.`,
        at(named[0] ?? fields[0]),
      );
    }
    case 'reference': {
      const field = index?.match(/^[A-Za-z]+_(\w+)_fkey$/)?.[1];
      const shown = field ?? 'a reference';
      return new NotFoundError(
        `${entity}: ${shown} points to a ${shown.replace(/Id$/, '')} that does not exist; create it first or fix the reference.`,
        at(field),
      );
    }
    case 'missing':
      return new NotFoundError(`${entity}: the record to change does not exist (it may have been deleted).`);
    case 'nul':
      return new InvalidInputError('text contains a NUL character (U+0000), which the database cannot store; remove it and try again.');
  }
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

/** Seconds a client is asked to wait (Retry-After) before sending again while the database does not answer. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * For the API's error masking: a statement that failed because the database cannot be reached (the
 * server down or cut off, every connection refused or reset; the embedded database already closed
 * by a server shutting down) becomes SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, which Yoga
 * reads from `extensions.http` and leaves out of the response body. A client or a load balancer
 * then knows to try again, where "Unexpected error." said nothing. Undefined for anything else.
 */
export function databaseUnavailableError(error: unknown): GraphQLError | undefined {
  const located = error instanceof GraphQLError ? error : undefined;
  const original = located ? (located.originalError ?? located) : error;
  const embeddedClosed = original instanceof Error && original.message === 'PGlite is closed';
  if (!embeddedClosed && !isConnectionLost(original)) return undefined;
  return new GraphQLError(`The database does not answer right now; try again in ${RETRY_AFTER_SECONDS} seconds.`, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } },
  });
}
