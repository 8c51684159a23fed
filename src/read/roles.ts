// The SQL of staff roles (Affiliation rows): when a role was held.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { col } from './statements.js';

/**
 * "The role `role` (an Affiliation row) was held on `day`": a start or end that is not known does
 * not bound it, so a role without dates holds on every day (it counts as current, and for past
 * conferences too), one with only an end holds until that day (included), one with only a start
 * from that day on. A day that is not known (null) is held by every role.
 */
export function roleHeldOn(role: Sql, day: Sql): Sql {
  return Prisma.sql`(${day} IS NULL OR ${day} BETWEEN COALESCE(${col(role, 'startedOn')}, '-infinity'::date) AND COALESCE(${col(role, 'endedOn')}, 'infinity'::date))`;
}
