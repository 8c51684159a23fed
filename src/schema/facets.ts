// Facets: how the items of a filtered list are spread, counted in the database, one grouped
// statement per facet (for all the lists of one level together). Talk lists count by track, day,
// kind, language, room, year, conference, organisation, topic and speaker; reaction lists by kind,
// organisation, person, talk, conference and year. Years come oldest first: a time series.
// Beside the facets, each list has a histogram: its items per day, week, month or year.
import { builder, parseDay, parseInstant, type Types } from '../builder.js';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import type { ReactionKind, TalkKind } from '../generated/prisma/enums.js';
import { byId, countedEdges } from '../read/fields.js';
import {
  type HistogramArgs,
  type HistogramBound,
  type HistogramBucket,
  histogramBuckets,
  histogramStatement,
  type HistogramSubject,
  MAX_HISTOGRAM_BUCKETS,
  reactionDates,
  talkStarts,
} from '../read/histogram.js';
import { MAX_PAGE_SIZE, type ListSource, type Page } from '../read/reader.js';
import { reactionFacets, talkFacets } from '../read/facets.js';
import type { Facet } from '../read/statements.js';
import { ReactionKindEnum, TalkKindEnum } from './enums.js';
import type { FieldRead, Table } from '../read/plan.js';
import { conferences, organisations, people, talks, topics } from './tables.js';

const DEFAULT_GROUPS = 20;

/** A group of a facet: the value its items share (a column's value, or the id of a node) and how many they are. */
type Group<Value> = { value: Value; count: number };

// Each group type exposes `value` under its own name, so a compiled operation reads it as a column.
const FacetValue = builder.objectRef<Group<string>>('FacetValue').implement({
  description: 'A value the items of a list have, and how many have it.',
  fields: (t) => ({ value: t.exposeString('value'), count: t.exposeInt('count') }),
});

const YearCount = builder.objectRef<Group<number>>('YearCount').implement({
  description: 'How many items of a list are from one year.',
  fields: (t) => ({ year: t.exposeInt('value'), count: t.exposeInt('count') }),
});

const DayCount = builder.objectRef<Group<number>>('DayCount').implement({
  description: 'How many talks of a list are on one day of their conference (the first day being 1).',
  fields: (t) => ({ day: t.exposeInt('value'), count: t.exposeInt('count') }),
});

const TalkKindCount = builder.objectRef<Group<TalkKind>>('TalkKindCount').implement({
  description: 'How many talks of a list are of one kind.',
  fields: (t) => ({ kind: t.expose('value', { type: TalkKindEnum }), count: t.exposeInt('count') }),
});

const ReactionKindFacet = builder.objectRef<Group<ReactionKind>>('ReactionKindFacet').implement({
  description: 'How many reactions of a list are of one kind.',
  fields: (t) => ({ kind: t.expose('value', { type: ReactionKindEnum }), count: t.exposeInt('count') }),
});

const countDescription = (noun: string) => `How many items of a list are about one ${noun}.`;

/**
 * A group whose value is a node's id: the node (read, batched, with the caller's selection) and
 * its count. The node is a join on `value`, which a compiled operation follows in its statement.
 */
function nodeGroup<T>(name: string, field: string, table: Table<T>, noun: string) {
  return builder.objectRef<Group<number>>(name).implement({
    description: countDescription(noun),
    fields: (t) => ({
      [field]: t.field({ type: table.type as 'Conference', ...(byId(table, 'value') as ReturnType<typeof byId<never>>) }),
      count: t.exposeInt('count'),
    }),
  });
}

const ConferenceCount = nodeGroup('ConferenceCount', 'conference', conferences, 'conference');
const OrganisationCount = nodeGroup('OrganisationCount', 'organisation', organisations, 'organisation');
const PersonCount = nodeGroup('PersonCount', 'person', people, 'person');
const TalkCount = nodeGroup('TalkCount', 'talk', talks, 'talk');
const TopicCount = nodeGroup('TopicCount', 'topic', topics, 'topic');

function groupCount(first: number | null | undefined): number {
  const count = first ?? DEFAULT_GROUPS;
  if (count < 1) throw new InvalidInputError(`first: ask for at least 1 group (got ${count}).`, 'first');
  if (count > MAX_PAGE_SIZE) throw new LimitExceededError(`first: ${count} is more than the ${MAX_PAGE_SIZE} groups a facet returns; ask for at most ${MAX_PAGE_SIZE}.`, 'first');
  return count;
}

type FacetType = typeof FacetValue | typeof YearCount | typeof TalkKindCount | typeof ReactionKindFacet;

/** A facet field: `type` is the group type, `facet` how the list's items are grouped. */
function facetField(t: PothosSchemaTypes.ObjectFieldBuilder<Types, ListSource>, type: FacetType, facet: Facet, description: string) {
  return t.field({
    type: [type as typeof FacetValue],
    description,
    args: { first: t.arg.int({ description: `Most groups to return (default ${DEFAULT_GROUPS}, at most ${MAX_PAGE_SIZE}).` }) },
    extensions: { read: { kind: 'facet', facet, groups: (args) => groupCount(args.first as number | null | undefined) } satisfies FieldRead },
    resolve: (source, args, context, info) => context.read.facet(source, facet, groupCount(args.first), info) as Promise<Group<string>[]>,
  });
}

export const TalkFacets = builder.objectRef<ListSource>('TalkFacets').implement({
  description: 'How the talks of this list (all pages, with its filter) are spread. Largest groups first; days and years in order.',
  fields: (t) => ({
    tracks: facetField(t, FacetValue, talkFacets.tracks, 'Talks per track.'),
    days: facetField(t, DayCount, talkFacets.days, 'Talks per day of the conference.'),
    kinds: facetField(t, TalkKindCount, talkFacets.kinds, 'Talks per kind.'),
    languages: facetField(t, FacetValue, talkFacets.languages, 'Talks per language.'),
    rooms: facetField(t, FacetValue, talkFacets.rooms, 'Talks per room.'),
    years: facetField(t, YearCount, talkFacets.years, 'Talks per year of their conference, oldest first: a time series.'),
    conferences: facetField(t, ConferenceCount, talkFacets.conferences, 'Talks per conference.'),
    organisations: facetField(t, OrganisationCount, talkFacets.organisations, 'Talks per organisation a speaker represented.'),
    speakers: facetField(t, PersonCount, talkFacets.speakers, 'Talks per speaker.'),
    topics: facetField(t, TopicCount, talkFacets.topics, 'Talks per topic.'),
  }),
});

export const ReactionFacets = builder.objectRef<ListSource>('ReactionFacets').implement({
  description: 'How the reactions of this list (all pages, with its filter) are spread. Largest groups first; years in order.',
  fields: (t) => ({
    kinds: facetField(t, ReactionKindFacet, reactionFacets.kinds, 'Reactions per kind.'),
    organisations: facetField(t, OrganisationCount, reactionFacets.organisations, 'Reactions per organisation the person reacted for.'),
    people: facetField(t, PersonCount, reactionFacets.people, 'Reactions per person.'),
    talks: facetField(t, TalkCount, reactionFacets.talks, 'Reactions per talk.'),
    conferences: facetField(t, ConferenceCount, reactionFacets.conferences, 'Reactions per conference of the talk.'),
    years: facetField(t, YearCount, reactionFacets.years, 'Reactions per year of the talk’s conference, oldest first.'),
  }),
});

builder.scalarType('DateOrDateTime', {
  description: 'A calendar date (2026-01-31, midnight on the clock it is read in) or an instant with a zone (2026-01-31T09:00:00Z).',
  serialize: () => {
    throw new Error('DateOrDateTime is an input only.');
  },
  parseValue: (value): HistogramBound => {
    if (typeof value === 'string' && !value.includes('T')) return { day: (parseDay(value), value) };
    return { instant: parseInstant(value) };
  },
});

const HistogramIntervalEnum = builder.enumType('HistogramInterval', {
  description: 'The width of the buckets of a histogram, on the calendar of its time zone.',
  values: {
    DAY: { description: 'Calendar days, midnight to midnight (23 or 25 hours when the clocks change).' },
    WEEK: { description: 'ISO weeks, Monday to Monday.' },
    MONTH: { description: 'Calendar months.' },
    YEAR: { description: 'Calendar years.' },
  } as const,
});

const HistogramBucketRef = builder.objectRef<HistogramBucket>('HistogramBucket').implement({
  description: 'A span of time and how many items of a list fall in it: from start (included) to end (excluded).',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime' }),
    end: t.expose('end', { type: 'DateTime' }),
    count: t.exposeInt('count'),
  }),
});

type HistogramFieldArgs = { interval: HistogramArgs['interval']; timeZone?: string | null; from?: HistogramBound | null; to?: HistogramBound | null };

function histogramArgs(args: HistogramFieldArgs): HistogramArgs {
  if (args.timeZone === '') throw new InvalidInputError('timeZone: the zone is empty; name an IANA zone such as Europe/Brussels, or leave timeZone out.', 'timeZone');
  const { from = null, to = null } = args;
  const later =
    from && to && ('day' in from && 'day' in to ? from.day > to.day : 'instant' in from && 'instant' in to ? from.instant > to.instant : false);
  if (later) throw new InvalidInputError('from: it is after to; give a from that comes before to.', 'from');
  return { interval: args.interval, timeZone: args.timeZone ?? null, from, to };
}

/** The histogram field of a list: its items per bucket, placed by `subject`. */
function histogramField(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Page<unknown>>, subject: HistogramSubject, description: string) {
  return t.field({
    type: [HistogramBucketRef],
    description: `${description} Empty buckets are included, from the bucket holding \`from\` to the one holding \`to\` (by default the list's first and last item), at most ${MAX_HISTOGRAM_BUCKETS} buckets.`,
    args: {
      interval: t.arg({ type: HistogramIntervalEnum, required: true }),
      timeZone: t.arg.string({ description: "The IANA zone whose calendar makes the buckets. Default: the conference's zone when the list's items are all from one conference, else UTC." }),
      from: t.arg({ type: 'DateOrDateTime', description: 'The first bucket is the one holding this day or instant.' }),
      to: t.arg({ type: 'DateOrDateTime', description: 'The last bucket is the one holding this day or instant.' }),
    },
    extensions: { read: { kind: 'histogram', subject, settings: (args) => histogramArgs(args as HistogramFieldArgs) } satisfies FieldRead },
    resolve: (page, args, context, info) => {
      const source = listOf(page);
      const histogram = histogramArgs(args);
      let verify: (row: Record<string, unknown> | undefined) => void = () => {};
      return context.read.grouped<HistogramBucket[]>(
        info,
        source.parentId ?? 0,
        (parents) => {
          const built = histogramStatement(source.relation, source.args, subject, histogram, source.parentId === null ? null : parents);
          verify = built.verify;
          return built.statement;
        },
        (rows) => {
          verify(rows[0]);
          return histogramBuckets(rows, histogram.interval);
        },
      );
    },
  });
}

function listOf(page: Page<unknown>): ListSource {
  if (!page.list) throw new Error('A page without its list cannot have facets.');
  return page.list;
}

/** Connection options for every list of talks: its facets. */
export const talkConnection = {
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Page<unknown>>) => ({
    facets: t.field({ type: TalkFacets, extensions: { read: { kind: 'facets' } satisfies FieldRead }, description: 'How the talks of the whole list are spread: by track, day, year and more.', resolve: listOf }),
    histogram: histogramField(t, talkStarts, 'Talks of the whole list per day, week, month or year, by when they start; talks without a start time are left out.'),
  }),
};

/** Connection options for every list of reactions: its facets. */
export const reactionConnection = {
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Page<unknown>>) => ({
    facets: t.field({ type: ReactionFacets, extensions: { read: { kind: 'facets' } satisfies FieldRead }, description: 'How the reactions of the whole list are spread: by kind, organisation, person and more.', resolve: listOf }),
    histogram: histogramField(
      t,
      reactionDates,
      'Reactions of the whole list per day, week, month or year, by the day their article was published, else when they were recorded.',
    ),
  }),
};

export { countedEdges };
