// The SQL of conferences: the filters and orders of the conferences list, a programme's tracks and
// reaction counts, and the organisations present at a conference.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { type Condition, containsWordOf, equals, filterCondition, type FilterRules } from './conditions.js';
import { asc, col, desc, type OrderKey } from './statements.js';

export interface ConferenceListFilter {
  series?: string | null;
  year?: number | null;
  search?: string | null;
}

const conferenceRules: FilterRules<ConferenceListFilter> = {
  series: (series) => (series ? equals('series', series) : undefined),
  year: (year) => equals('year', year),
  search: (search) => (search ? containsWordOf('name', search) : undefined),
};

/** The condition the conferences list's arguments put on conference rows. */
export function conferenceListFilter(args: ConferenceListFilter): Condition | undefined {
  return filterCondition(args, conferenceRules, '');
}

/** The order of a list of conferences; NEWEST by default. */
export function conferenceOrder(order: 'NEWEST' | 'OLDEST' | 'NAME' | null | undefined): OrderKey[] {
  switch (order ?? 'NEWEST') {
    case 'NAME':
      return [asc('name')];
    case 'OLDEST':
      return [asc('startsOn')];
    default:
      return [desc('startsOn', 'nulls last'), desc('id')];
  }
}

/** The tracks of the conferences `parents` selects, alphabetically. */
export const tracksOf = (parents: (column: Sql) => Sql) =>
  Prisma.sql`SELECT "conferenceId" AS "$parent", "track" FROM "Talk"
    WHERE ${parents(Prisma.sql`"conferenceId"`)} AND "track" IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`;

/** How many reactions of each kind the talks of the conferences `parents` selects received, most first. */
export const reactionCountsOf = (parents: (column: Sql) => Sql) =>
  Prisma.sql`SELECT t."conferenceId" AS "$parent", r."kind", count(*)::int AS "count"
    FROM "Reaction" r JOIN "Talk" t ON t."id" = r."talkId"
    WHERE ${parents(Prisma.sql`t."conferenceId"`)} GROUP BY 1, 2 ORDER BY 1, 3 DESC, r."kind"::text`;

export type Presence = 'SPEAKING' | 'REACTING' | 'ANY';

/** Organisations (at `row`) present at the conference `conferenceId`: represented by a speaker, or whose staff reacted, or either. */
export function presentAt(row: Sql, conferenceId: Sql, presence: Presence): Sql {
  const id = col(row, 'id');
  const speaking = Prisma.sql`${id} IN (SELECT ps."organisationId" FROM "TalkSpeaker" ps JOIN "Talk" pt ON pt."id" = ps."talkId" WHERE pt."conferenceId" = ${conferenceId})`;
  const reacting = Prisma.sql`${id} IN (SELECT pr."organisationId" FROM "Reaction" pr JOIN "Talk" pt ON pt."id" = pr."talkId" WHERE pt."conferenceId" = ${conferenceId})`;
  return presence === 'SPEAKING' ? speaking : presence === 'REACTING' ? reacting : Prisma.sql`(${speaking} OR ${reacting})`;
}
