// Conditions on rows that several domains share: root lookups, roles held on a day, reactions that
// count for an organisation.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { col } from './statements.js';

/** A talk by its conference's slug and its own slug (slugs are unique within a conference). */
export function talkBySlugs(row: Sql, args: { conference: string; slug: string }): Sql {
  return Prisma.sql`${col(row, 'slug')} = ${args.slug} AND ${col(row, 'conferenceId')} = (SELECT "id" FROM "Conference" WHERE "slug" = ${args.conference})`;
}

/**
 * "The role `role` (an Affiliation row) was held on `day`": a start or end that is not known does
 * not bound it, so a role without dates holds on every day (it counts as current, and for past
 * conferences too), one with only an end holds until that day (included), one with only a start
 * from that day on. A day that is not known (null) is held by every role.
 */
export function roleHeldOn(role: Sql, day: Sql): Sql {
  return Prisma.sql`(${day} IS NULL OR ${day} BETWEEN COALESCE(${col(role, 'startedOn')}, '-infinity'::date) AND COALESCE(${col(role, 'endedOn')}, 'infinity'::date))`;
}

/**
 * The day a reaction is about, from the rows joined as `talk`, `conference` and `article`: the
 * talk's day (its start in the conference's time zone, else the conference's first day plus the
 * talk's day number), else the article's publication day, else the conference's first day; null
 * when none is known.
 */
function reactionDay(talk: Sql, conference: Sql, article: Sql): Sql {
  return Prisma.sql`COALESCE((${talk}."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(${conference}."timeZone", 'UTC'))::date,
    ${conference}."startsOn" + (${talk}."day" - 1), ${article}."publishedOn", ${conference}."startsOn")`;
}

/**
 * Reactions that count for an organisation: those the article recorded as made for it (the stored
 * organisation), and those by a person who held a role there on the reaction's day. A person with
 * roles at two organisations counts at both.
 *
 * The ids are gathered first, as an array (two index lookups: by the stored organisation; by the
 * organisation's roles, then their holders' reactions, whose day is read only when a role has a
 * date), and the row is then matched by its primary key. Written as `IN (subquery)` or as an OR,
 * PostgreSQL cannot tell how few ids there are and reads every reaction of the other conditions:
 * 8 ms against 0.1 ms for the headline's count on the benchmark's 20,000 reactions.
 */
export function reactionOfOrganisation(row: Sql, organisation: Sql): Sql {
  return Prisma.sql`${col(row, 'id')} = ANY(ARRAY(
    SELECT rs."id" FROM "Reaction" rs WHERE rs."organisationId" = ${organisation}
    UNION
    SELECT rr."id" FROM "Affiliation" ro
      JOIN "Reaction" rr ON rr."personId" = ro."personId"
      LEFT JOIN "Talk" rt ON rt."id" = rr."talkId"
      LEFT JOIN "Conference" rc ON rc."id" = rt."conferenceId"
      LEFT JOIN "Article" ra ON ra."id" = rr."articleId"
     WHERE ro."organisationId" = ${organisation}
       AND ((ro."startedOn" IS NULL AND ro."endedOn" IS NULL) OR ${roleHeldOn(Prisma.raw('ro'), reactionDay(Prisma.raw('rt'), Prisma.raw('rc'), Prisma.raw('ra')))})))`;
}
