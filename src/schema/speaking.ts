// Who spoke where: how lists of people and of organisations read a list of conferences, and the
// conferences a person or organisation spoke at. The SQL is in src/read/speaking.ts.
import { builder } from '../builder.js';
import { connection } from '../read/fields.js';
import type { PageArgs } from '../read/reader.js';
import { type Speaking, spokenAtBy } from '../read/speaking.js';
import { type ConferenceRow, conferences } from './tables.js';

export const ConferenceMatch = builder.enumType('ConferenceMatch', {
  description: 'How a list of conferences is read.',
  values: {
    ALL: { description: 'Every one of them.' },
    ANY: { description: 'At least one of them.' },
  } as const,
});

/**
 * Person.conferences and Organisation.conferences: where the parent spoke, latest first, each
 * edge's count its talks there.
 */
export function conferencesSpokenAt(speaking: Speaking) {
  const spoken = spokenAtBy(speaking);
  return connection<ConferenceRow, PageArgs>({
    target: conferences,
    where: (row, _args, parent) => spoken.where(row, parent),
    orderBy: spoken.orderBy,
  });
}
