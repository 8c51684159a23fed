// Who spoke where, in SQL: the conditions and counts that lists of people and of organisations
// share. A person speaks in their own name; an organisation through the speakers who represented it.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Lookups } from './lookups.js';
import { asc, col, desc, type OrderKey } from './statements.js';

/** The column of a speaker role that names who spoke: the person, or the organisation they represented. */
export type Speaking = 'personId' | 'organisationId';

/** The conference ids the slugs name, each checked (NOT_FOUND naming `path[i]`). */
export function conferenceIds(slugs: string[], lookups: Lookups, path: string): Sql[] {
  return slugs.map((slug, index) => lookups.id('Conference', slug, `${path}[${index}]`));
}

/** "The row (a person or organisation) spoke at all (or any) of these conferences." */
export function spokeAt(row: Sql, speaking: Speaking, conferences: Sql[], match: 'ALL' | 'ANY'): Sql {
  const at = (ids: Sql[]) =>
    Prisma.sql`${col(row, 'id')} IN (SELECT s.${Prisma.raw(`"${speaking}"`)} FROM "TalkSpeaker" s JOIN "Talk" t ON t."id" = s."talkId"
      WHERE t."conferenceId" IN (${Prisma.join(ids, ', ')}))`;
  if (conferences.length === 0) return Prisma.sql`false`;
  return match === 'ANY' ? at(conferences) : Prisma.join(conferences.map((id) => at([id])), ' AND ');
}

/** The number of talks the row (a person or organisation) gave, at these conferences when given. */
export function talksGiven(speaking: Speaking, conferences?: Sql[]) {
  return (row: Sql) => {
    const at = conferences?.length ? Prisma.sql` AND t."conferenceId" IN (${Prisma.join(conferences, ', ')})` : Prisma.empty;
    return Prisma.sql`(SELECT count(DISTINCT s."talkId") FROM "TalkSpeaker" s JOIN "Talk" t ON t."id" = s."talkId"
      WHERE s.${Prisma.raw(`"${speaking}"`)} = ${col(row, 'id')}${at})`;
  };
}

/** The conferences where the parent (at `parent`) spoke: the condition on conference rows. */
export function spokenAtBy(speaking: Speaking) {
  const by = Prisma.raw(`"${speaking}"`);
  return {
    where: (row: Sql, parent: Sql) =>
      Prisma.sql`${col(row, 'id')} IN (SELECT t."conferenceId" FROM "TalkSpeaker" s JOIN "Talk" t ON t."id" = s."talkId" WHERE s.${by} = ${parent})`,
    /** Latest first, each edge's count the parent's talks there. */
    orderBy: (): OrderKey[] => [
      desc('startsOn', 'nulls last'),
      {
        ...asc((row, parent) =>
          Prisma.sql`(SELECT count(DISTINCT s."talkId") FROM "TalkSpeaker" s JOIN "Talk" t ON t."id" = s."talkId" WHERE s.${by} = ${parent} AND t."conferenceId" = ${col(row, 'id')})`,
        ),
        count: true,
      },
    ],
  };
}
