// Conditions that root lookups share with other parts of the read path.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { col } from './statements.js';

/** A talk by its conference's slug and its own slug (slugs are unique within a conference). */
export function talkBySlugs(row: Sql, args: { conference: string; slug: string }): Sql {
  return Prisma.sql`${col(row, 'slug')} = ${args.slug} AND ${col(row, 'conferenceId')} = (SELECT "id" FROM "Conference" WHERE "slug" = ${args.conference})`;
}
