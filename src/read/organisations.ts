// The SQL of organisations: the filters and orders of the organisations list, their staff roles
// as of a day, and the people who spoke for them.
import type { Sql } from '../db/sql.js';
import { isoDay } from '../dataset/dates.js';
import { Prisma } from '../generated/prisma/client.js';
import type { OrganisationKind } from '../generated/prisma/enums.js';
import { type Condition, containsWordOf, filterCondition, type FilterRules } from './conditions.js';
import type { Lookups } from './lookups.js';
import { roleHeldOn } from './roles.js';
import { conferenceIds, spokeAt, talksGiven } from './speaking.js';
import { asc, byCount, col, type OrderKey } from './statements.js';

export interface OrganisationListFilter {
  search?: string | null;
  kind?: OrganisationKind | null;
  spokeAt?: string[] | null;
  spokeAtMatch?: 'ALL' | 'ANY' | null;
}

function organisationRules(lookups: Lookups): FilterRules<OrganisationListFilter> {
  return {
    search: (search) => (search ? containsWordOf('name', search) : undefined),
    kind: (kind) => (row) => Prisma.sql`${col(row, 'kind')}::text = ${kind}`,
    spokeAt: (slugs, path, args) => {
      const conferences = conferenceIds(slugs, lookups, path);
      return (row) => spokeAt(row, 'organisationId', conferences, args.spokeAtMatch ?? 'ALL');
    },
    spokeAtMatch: () => undefined,
  };
}

/** The condition the organisations list's arguments put on organisation rows. */
export function organisationListFilter(args: OrganisationListFilter, lookups: Lookups): Condition | undefined {
  return filterCondition(args, organisationRules(lookups), '');
}

/** The order of a list of organisations; MOST_TALKS counts talks at `conferences` when given. */
export function organisationOrder(order: 'NAME' | 'MOST_TALKS' | null | undefined, conferences?: Sql[]): OrderKey[] {
  return order === 'MOST_TALKS' ? [byCount(talksGiven('organisationId', conferences)), asc('name')] : [asc('name')];
}

/** The roles (Affiliation rows) held on `asOf` (see roleHeldOn); every role without it. */
export function rolesAsOf(row: Sql, args: { asOf?: Date | null }): Sql | undefined {
  return args.asOf ? roleHeldOn(row, Prisma.sql`${isoDay(args.asOf)}::date`) : undefined;
}

/** Roles by the name of the person who holds them. */
export const staffOrder = (): OrderKey[] => [asc((row) => Prisma.sql`(SELECT o."name" FROM "Person" o WHERE o."id" = ${col(row, 'personId')})`)];

/** People by how many talks they gave for the organisation at `organisation`, most first. */
export const mostTalksFor = (): OrderKey[] => [
  byCount((row, organisation) => Prisma.sql`(SELECT count(*) FROM "TalkSpeaker" o WHERE o."organisationId" = ${organisation} AND o."personId" = ${col(row, 'id')})`),
  asc('name'),
];
