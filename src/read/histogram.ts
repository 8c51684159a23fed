// Histograms: how many items of a filtered list fall in each day, ISO week, month or year, empty
// buckets included, in one statement for all the lists of one level. Talks are placed by when they
// start; reactions by the day their article was published, else by the talk's day, else by when
// they were recorded.
//
// Buckets are calendar buckets of a time zone: a day in Europe/Brussels is 23 hours on the day the
// clocks go forward. So values are truncated as local times (date_trunc of `AT TIME ZONE`), the
// series of buckets is generated in local time too (adding '1 day' to a local midnight is the next
// midnight, whatever the offset), and only then is each bucket's start and end turned back into an
// instant. Weeks are ISO weeks: date_trunc('week') starts them on Monday.
//
// Without a zone, a list whose items are all from one conference is bucketed in that conference's
// zone, anything else in UTC. That is a fact of the data, not of the field the list came from, so
// the grouping statement carries each group's conference and both truncations (its conference's zone
// and UTC), and the choice is made per list inside the same statement.
import type { Sql } from '../db/sql.js';
import { LimitExceededError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { col, type Facet, facetStatement, type Lookups, type Parents, type Relation } from './statements.js';

export type HistogramInterval = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

/** Most buckets one histogram returns; a wider span is refused rather than read. */
export const MAX_HISTOGRAM_BUCKETS = 1000;

/** A bound of the histogram: a calendar day (midnight in the histogram's zone) or an instant. */
export type HistogramBound = { day: string } | { instant: Date };

export interface HistogramArgs {
  interval: HistogramInterval;
  /** An IANA zone, already checked; null: the list's conference's zone, or UTC. */
  timeZone: string | null;
  from: HistogramBound | null;
  to: HistogramBound | null;
}

export interface HistogramBucket {
  start: Date;
  end: Date;
  count: number;
}

/** What a list's items are placed by, as a local time in `zone` (a SQL text expression). */
export interface HistogramSubject {
  /** Joins after the list's table; must make `conference` and the value's columns available. */
  joins: (row: Sql) => Sql;
  /** The conference id of the row. */
  conference: (row: Sql) => Sql;
  /** The time zone of the row's conference (joined by `joins`, not looked up per row). */
  conferenceZone: Sql;
  /** The row's time, as a timestamp without zone read on the clock of `zone`; NULL leaves it out. */
  localTime: (row: Sql, zone: Sql) => Sql;
}

const units: Record<HistogramInterval, { unit: string; step: string }> = {
  DAY: { unit: 'day', step: '1 day' },
  WEEK: { unit: 'week', step: '7 days' },
  MONTH: { unit: 'month', step: '1 month' },
  YEAR: { unit: 'year', step: '1 year' },
};

/** Prisma stores a DateTime as a timestamp without zone holding UTC; this reads it on the clock of `zone`. */
const clockOf = (utcTimestamp: Sql, zone: Sql) => Prisma.sql`((${utcTimestamp} AT TIME ZONE 'UTC') AT TIME ZONE ${zone})`;

/** Talks, by when they start. */
export const talkStarts: HistogramSubject = {
  joins: (row) => Prisma.sql`JOIN "Conference" hc ON hc."id" = ${col(row, 'conferenceId')}`,
  conference: (row) => col(row, 'conferenceId'),
  conferenceZone: Prisma.sql`hc."timeZone"`,
  localTime: (row, zone) => clockOf(col(row, 'startsAt'), zone),
};

/**
 * Reactions, by their article's publication day (a calendar day, the same on every clock), else by
 * the day of the talk (its start, else its conference's first day plus its day number), else by the
 * conference's first day, else by when the reaction was recorded. An article without a date was
 * written after the talk, so the talk's day places it better than the day it reached the graph.
 */
export const reactionDates: HistogramSubject = {
  joins: (row) => Prisma.sql`JOIN "Talk" ht ON ht."id" = ${col(row, 'talkId')} JOIN "Conference" hc ON hc."id" = ht."conferenceId"
    JOIN "Article" ha ON ha."id" = ${col(row, 'articleId')}`,
  conference: () => Prisma.sql`ht."conferenceId"`,
  conferenceZone: Prisma.sql`hc."timeZone"`,
  localTime: (row, zone) =>
    Prisma.sql`coalesce(ha."publishedOn"::timestamp, ${clockOf(Prisma.sql`ht."startsAt"`, zone)}, (hc."startsOn" + (ht."day" - 1))::timestamp,
      hc."startsOn"::timestamp, ${clockOf(col(row, 'createdAt'), zone)})`,
};

/**
 * The grouping: each group is [conference, bucket on the conference's clock, bucket in UTC] as text.
 * With a zone given, both buckets are on its clock and the conference does not matter.
 */
function groupingFacet(subject: HistogramSubject, unit: Sql, zone: string | null): Facet {
  return {
    joins: (row) => subject.joins(row),
    value: (row) => {
      const bucket = (clock: Sql) => Prisma.sql`date_trunc(${unit}, ${subject.localTime(row, clock)})::text`;
      if (zone !== null) {
        const given = Prisma.sql`${zone}::text`;
        return Prisma.sql`CASE WHEN ${subject.localTime(row, given)} IS NOT NULL THEN ARRAY['0', ${bucket(given)}, ${bucket(given)}] END`;
      }
      const utc = Prisma.sql`'UTC'`;
      return Prisma.sql`CASE WHEN ${subject.localTime(row, utc)} IS NOT NULL
        THEN ARRAY[${subject.conference(row)}::text, ${bucket(Prisma.sql`coalesce(${subject.conferenceZone}, 'UTC')`)}, ${bucket(utc)}] END`;
    },
    order: 'value',
  };
}

/** The first bucket (or the last) as a local timestamp: the one holding the bound, else the list's own. */
function boundBucket(bound: HistogramBound | null, unit: Sql, edge: 'min' | 'max'): Sql {
  if (bound === null) return Prisma.sql`(SELECT ${Prisma.raw(edge)}(g.bucket) FROM g WHERE g.parent = z.parent)`;
  if ('day' in bound) return Prisma.sql`date_trunc(${unit}, ${bound.day}::timestamp)`;
  return Prisma.sql`date_trunc(${unit}, ${bound.instant.toISOString()}::timestamptz AT TIME ZONE z.zone)`;
}

export interface HistogramStatement {
  statement: Sql;
  /** Throws what the statement's rows say is wrong (a slug that names nothing). */
  verify: (row: Record<string, unknown> | undefined) => void;
}

/**
 * The buckets of a list for every parent (null: the root list, reported as parent 0): rows with
 * `$parent`, `start`, `end` and `count`, at most MAX_HISTOGRAM_BUCKETS + 1 per parent (one more
 * says the span is too wide); a list without any bucket has one row with a NULL start. With
 * `shared` lookups (an enclosing statement's), the slugs its filter names are checked there.
 */
export function histogramStatement(
  relation: Relation,
  listArgs: Record<string, unknown>,
  subject: HistogramSubject,
  args: HistogramArgs,
  parents: Parents,
  shared?: Lookups,
): HistogramStatement {
  const { unit: unitName, step: stepText } = units[args.interval];
  const unit = Prisma.sql`${unitName}::text`;
  const step = Prisma.sql`${stepText}::interval`;
  const groups = facetStatement(relation, listArgs, groupingFacet(subject, unit, args.timeZone), parents, 2 ** 31 - 1, shared);
  const lookups = groups.lookups;
  const missing = (alias: string) => lookups?.selected(Prisma.raw(alias)) ?? Prisma.empty;
  let low = boundBucket(args.from, unit, 'min');
  let high = boundBucket(args.to, unit, 'max');
  // One bound given and an empty list: a histogram of the one bucket the bound names.
  if (args.from === null && args.to !== null) low = Prisma.sql`coalesce(${low}, ${high})`;
  if (args.to === null && args.from !== null) high = Prisma.sql`coalesce(${high}, ${low})`;
  const statement = Prisma.sql`WITH f AS (${groups.statement}),
    s AS (
      SELECT coalesce(f."$parent", 0) AS parent ${missing('f')},
        count(DISTINCT f.value[1]) = 1 AS single, min(f.value[1]) AS conference
      FROM f GROUP BY f."$parent" ${missing('f')}
    ),
    g AS (
      SELECT s.parent, (CASE WHEN s.single THEN f.value[2] ELSE f.value[3] END)::timestamp AS bucket, sum(f.count)::int AS count
      FROM f JOIN s ON s.parent = coalesce(f."$parent", 0)
      WHERE f.value IS NOT NULL GROUP BY 1, 2
    ),
    z AS (
      SELECT s.*, coalesce(${args.timeZone}::text,
        CASE WHEN s.single THEN (SELECT c."timeZone" FROM "Conference" c WHERE c."id" = s.conference::int) END, 'UTC') AS zone
      FROM s
    )
    SELECT z.parent AS "$parent" ${missing('z')}, b.start, b."end", b.count
    FROM z LEFT JOIN LATERAL (
      SELECT series.slot AT TIME ZONE z.zone AS start, (series.slot + ${step}) AT TIME ZONE z.zone AS "end", coalesce(g.count, 0) AS count
      FROM (SELECT slot FROM generate_series(${low}, ${high}, ${step}) AS slot LIMIT ${MAX_HISTOGRAM_BUCKETS + 1}) series
      LEFT JOIN g ON g.parent = z.parent AND g.bucket = series.slot
    ) b ON true
    ORDER BY z.parent, b.start`;
  return { statement, verify: (row) => lookups?.verify(row) };
}

/** A parent's rows as buckets; refuses a span of more than MAX_HISTOGRAM_BUCKETS buckets. */
export function histogramBuckets(rows: Array<Record<string, unknown>>, interval: HistogramInterval): HistogramBucket[] {
  const buckets = rows.filter((row) => row.start != null).map((row) => ({ start: row.start as Date, end: row.end as Date, count: row.count as number }));
  if (buckets.length > MAX_HISTOGRAM_BUCKETS) {
    throw new LimitExceededError(
      `histogram: the span holds more than ${MAX_HISTOGRAM_BUCKETS} ${interval.toLowerCase()}s; narrow it with from and to, or ask for a coarser interval (WEEK, MONTH, YEAR).`,
      'interval',
    );
  }
  return buckets;
}
