// The SQL of people: the filters of the people list, a person's talks and co-speakers, and the
// person an external identifier names.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { type Condition, containsWordOf, filterCondition, type FilterRules, slugRule } from './conditions.js';
import type { Lookups } from './lookups.js';
import { conferenceIds, spokeAt } from './speaking.js';
import { asc, byCount, col, desc, type OrderKey } from './statements.js';

export interface PersonListFilter {
  search?: string | null;
  organisation?: string | null;
  spokeAt?: string[] | null;
  spokeAtMatch?: 'ALL' | 'ANY' | null;
}

function personRules(lookups: Lookups): FilterRules<PersonListFilter> {
  return {
    search: (search) => (search ? containsWordOf('name', search) : undefined),
    organisation: slugRule(
      lookups,
      'Organisation',
      (organisation) => (row) => Prisma.sql`${col(row, 'id')} IN (SELECT "personId" FROM "Affiliation" WHERE "organisationId" = ${organisation})`,
    ),
    spokeAt: (slugs, path, args) => {
      const conferences = conferenceIds(slugs, lookups, path);
      return (row) => spokeAt(row, 'personId', conferences, args.spokeAtMatch ?? 'ALL');
    },
    spokeAtMatch: () => undefined,
  };
}

/** The condition the people list's arguments put on person rows. */
export function personListFilter(args: PersonListFilter, lookups: Lookups): Condition | undefined {
  return filterCondition(args, personRules(lookups), '');
}

/** Person.talks: at one conference when `conference` (its id) is given; latest first. */
export const talksAtConference = (conference: Sql | undefined): Condition | undefined =>
  conference && ((row) => Prisma.sql`${col(row, 'talkId')} IN (SELECT "id" FROM "Talk" WHERE "conferenceId" = ${conference})`);
export const latestTalkFirst = (): OrderKey[] => [desc((row) => Prisma.sql`(SELECT o."startsAt" FROM "Talk" o WHERE o."id" = ${col(row, 'talkId')})`, 'nulls last')];

/** Person.coSpeakers: people who gave a talk with the person at `person`, most shared talks first. */
export const coSpeakers = {
  where: (row: Sql, person: Sql) =>
    Prisma.sql`${col(row, 'id')} IN (SELECT b."personId" FROM "TalkSpeaker" a JOIN "TalkSpeaker" b ON b."talkId" = a."talkId"
      WHERE a."personId" = ${person} AND b."personId" <> ${person})`,
  orderBy: (): OrderKey[] => [
    byCount((row, person) =>
      Prisma.sql`(SELECT count(*) FROM "TalkSpeaker" a JOIN "TalkSpeaker" b ON b."talkId" = a."talkId" WHERE a."personId" = ${person} AND b."personId" = ${col(row, 'id')})`,
    ),
    asc('name'),
  ],
};

/** The person (or organisation) an identifier, already normalised, belongs to. */
export const identifiedBy =
  (kind: 'Person' | 'Organisation', scheme: string, value: string): Condition =>
  (row) =>
    kind === 'Person'
      ? Prisma.sql`${col(row, 'id')} = (SELECT "personId" FROM "PersonIdentifier" WHERE scheme = ${scheme}::"IdentifierScheme" AND value = ${value})`
      : Prisma.sql`${col(row, 'id')} = (SELECT "organisationId" FROM "OrganisationIdentifier" WHERE scheme = ${scheme}::"IdentifierScheme" AND value = ${value})`;
