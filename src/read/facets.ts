// The SQL of facets: what talks and reactions are grouped by, for each facet a list offers. The
// grouped statement is made by facetStatement (./statements.ts).
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { col, type Facet } from './statements.js';

const byCountOf = (value: (row: Sql) => Sql): Facet => ({ value, order: 'count' });
// Joined once, not looked up per row: a subquery per talk for its conference's year read the
// Conference table 600,000 times for the talks of one series.
const conferenceOfTalk = (talk: Sql) => Prisma.sql`JOIN "Conference" gc ON gc."id" = ${col(talk, 'conferenceId')}`;
const talkOfReaction = (reaction: Sql) => Prisma.sql`JOIN "Talk" gt ON gt."id" = ${col(reaction, 'talkId')}`;

/** What talks are grouped by, for each facet. */
export const talkFacets = {
  tracks: byCountOf((row) => col(row, 'track')),
  days: { value: (row) => col(row, 'day'), order: 'value' },
  kinds: byCountOf((row) => Prisma.sql`${col(row, 'kind')}::text`),
  languages: byCountOf((row) => col(row, 'language')),
  rooms: byCountOf((row) => col(row, 'room')),
  years: { joins: conferenceOfTalk, value: () => Prisma.sql`gc."year"`, order: 'value' },
  conferences: byCountOf((row) => col(row, 'conferenceId')),
  organisations: { joins: (row) => Prisma.sql`JOIN "TalkSpeaker" g ON g."talkId" = ${col(row, 'id')}`, value: () => Prisma.sql`g."organisationId"`, distinct: true, order: 'count' },
  speakers: { joins: (row) => Prisma.sql`JOIN "TalkSpeaker" g ON g."talkId" = ${col(row, 'id')}`, value: () => Prisma.sql`g."personId"`, distinct: true, order: 'count' },
  topics: { joins: (row) => Prisma.sql`JOIN "_TalkToTopic" g ON g."A" = ${col(row, 'id')}`, value: () => Prisma.sql`g."B"`, order: 'count' },
} satisfies Record<string, Facet>;

/** What reactions are grouped by, for each facet. */
export const reactionFacets = {
  kinds: byCountOf((row) => Prisma.sql`${col(row, 'kind')}::text`),
  organisations: byCountOf((row) => col(row, 'organisationId')),
  people: byCountOf((row) => col(row, 'personId')),
  talks: byCountOf((row) => col(row, 'talkId')),
  conferences: { joins: talkOfReaction, value: () => Prisma.sql`gt."conferenceId"`, order: 'count' },
  years: {
    joins: (row) => Prisma.sql`${talkOfReaction(row)} JOIN "Conference" gc ON gc."id" = gt."conferenceId"`,
    value: () => Prisma.sql`gc."year"`,
    order: 'value',
  },
} satisfies Record<string, Facet>;
