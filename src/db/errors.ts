import { Prisma } from '../generated/prisma/client.js';
import { ConflictError, NotFoundError, type TalkgraphError } from '../errors.js';

/** Columns that point at another row; in a unique constraint they scope the other fields. */
const references = new Set(['conferenceId', 'talkId', 'personId', 'organisationId', 'articleId', 'publisherId']);

interface ConstraintMeta {
  modelName?: string;
  target?: string[] | string;
  driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } };
}

/**
 * Turns the database's constraint violations into errors that name the entity and the field, so a
 * user learns what to change: a duplicate slug, a reference to a row that does not exist.
 * Returns undefined for anything else, which stays an unexpected error.
 */
export function translateDatabaseError(error: unknown): TalkgraphError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = (error.meta ?? {}) as ConstraintMeta;
  const entity = meta.modelName ?? 'record';
  const constraint = meta.driverAdapterError?.cause?.constraint;
  if (error.code === 'P2002') {
    // PGlite reports the fields; adapter-pg only the index, which Prisma names <Model>_<fields>_key.
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
      named[0] ?? fields[0],
    );
  }
  if (error.code === 'P2003') {
    const index = constraint?.index ?? '';
    // Prisma names foreign keys <Model>_<field>_fkey.
    const field = index.match(/^[A-Za-z]+_(\w+)_fkey$/)?.[1] ?? 'a reference';
    return new NotFoundError(
      `${entity}: ${field} points to a ${field.replace(/Id$/, '')} that does not exist; create it first or fix the reference.`,
      field,
    );
  }
  if (error.code === 'P2025') {
    return new NotFoundError(`${entity}: the record to change does not exist (it may have been deleted).`);
  }
  return undefined;
}
