import { InvalidIdError } from '../errors.js';

/** "a Talk", "an Affiliation": a type name with its article, for messages. */
export const withArticle = (typename: string) => `${/^[AEIOU]/.test(typename) ? 'an' : 'a'} ${typename}`;

/** The database id inside a decoded global ID, after checking it names the expected type. */
export function idOf(typename: string, globalId: { typename: string; id: string }, field: string): number {
  if (globalId.typename !== typename) {
    throw new InvalidIdError(`${field} must be the ID of ${withArticle(typename)}, but it is the ID of ${withArticle(globalId.typename)}.`, field);
  }
  return Number(globalId.id);
}
