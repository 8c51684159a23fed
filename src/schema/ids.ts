import { InvalidIdError } from '../errors.js';

/** The database id inside a decoded global ID, after checking it names the expected type. */
export function idOf(typename: string, globalId: { typename: string; id: string }, field: string): number {
  if (globalId.typename !== typename) {
    throw new InvalidIdError(`${field} must be the ID of a ${typename}, but it is the ID of a ${globalId.typename}.`, field);
  }
  return Number(globalId.id);
}
