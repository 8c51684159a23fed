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

/**
 * Organisations (at `row`) present at the conference `conferenceId`: represented by a speaker, or
 * whose staff reacted, or either. Each set is an array worked out once per conference, from its
 * talks: as `IN (subquery)` PostgreSQL made it a semi join it planned without knowing the
 * conference, and walked every speaker of the graph (FOSDEM 2026's organisations took 22 ms).
 */
export function presentAt(row: Sql, conferenceId: Sql, presence: Presence): Sql {
  const id = col(row, 'id');
  const speaking = Prisma.sql`${id} = ANY(ARRAY(SELECT ps."organisationId" FROM "Talk" pt JOIN "TalkSpeaker" ps ON ps."talkId" = pt."id"
    WHERE pt."conferenceId" = ${conferenceId} AND ps."organisationId" IS NOT NULL))`;
  const reacting = Prisma.sql`${id} = ANY(ARRAY(SELECT pr."organisationId" FROM "Talk" pt JOIN "Reaction" pr ON pr."talkId" = pt."id"
    WHERE pt."conferenceId" = ${conferenceId} AND pr."organisationId" IS NOT NULL))`;
  return presence === 'SPEAKING' ? speaking : presence === 'REACTING' ? reacting : Prisma.sql`(${speaking} OR ${reacting})`;
}
