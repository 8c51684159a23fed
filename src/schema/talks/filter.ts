// The arguments of every talk list: the TalkFilter input (conditions, relations with
// some/every/none, AND/OR/NOT, full-text search, date and year ranges) and the orders. What they
// mean in SQL is in src/read/talks.ts.
import type { ArgBuilder } from '@pothos/core';
import { builder, type Types } from '../../builder.js';
import type { Quantified } from '../../read/conditions.js';
import type { ReactionFilterInput } from '../../read/reactions.js';
import type { ParentLink, Relation } from '../../read/statements.js';
import { type SpeakerFilterInput, type TalkFilterInput, type TalkListArgs, talkFilter, talkOrder, type TopicFilterInput } from '../../read/talks.js';
import { OrganisationKindEnum, ReactionKindEnum, TalkKindEnum } from '../enums.js';
import { ReactionFilter } from '../reactions.js';
import { talks, type TalkRow } from '../tables.js';

export type { TalkFilterInput, TalkListArgs };

export const IntRange = builder.inputType('IntRange', {
  description: 'Whole numbers from `from` to `to`, both included; leave one out for an open end.',
  fields: (t) => ({ from: t.int(), to: t.int() }),
});

export const SpeakerFilter = builder.inputRef<SpeakerFilterInput>('SpeakerFilter').implement({
  description: 'Narrows a talk’s speakers: who they are, whom they represented.',
  fields: (t) => ({
    person: t.string({ description: 'Slug of the person.' }),
    organisation: t.string({ description: 'Slug of the organisation they represented.' }),
    organisationKinds: t.field({ type: [OrganisationKindEnum], description: 'Kinds of organisation they represented.' }),
  }),
});

export const TopicFilter = builder.inputRef<TopicFilterInput>('TopicFilter').implement({
  description: 'Narrows a talk’s topics.',
  fields: (t) => ({ slugs: t.stringList({ description: 'Slugs of topics, any of them.' }) }),
});

const quantifiedDescription = (item: string) =>
  `Conditions on a talk’s ${item}: at least one matches (some), all do (every; true when there are none), or none does.`;

const SpeakersCondition = builder.inputRef<Quantified<SpeakerFilterInput>>('SpeakersCondition').implement({
  description: quantifiedDescription('speakers'),
  fields: (t) => ({ some: t.field({ type: SpeakerFilter }), every: t.field({ type: SpeakerFilter }), none: t.field({ type: SpeakerFilter }) }),
});

const TopicsCondition = builder.inputRef<Quantified<TopicFilterInput>>('TopicsCondition').implement({
  description: quantifiedDescription('topics'),
  fields: (t) => ({ some: t.field({ type: TopicFilter }), every: t.field({ type: TopicFilter }), none: t.field({ type: TopicFilter }) }),
});

const ReactionsCondition = builder.inputRef<Quantified<ReactionFilterInput>>('ReactionsCondition').implement({
  description: quantifiedDescription('reactions'),
  fields: (t) => ({ some: t.field({ type: ReactionFilter }), every: t.field({ type: ReactionFilter }), none: t.field({ type: ReactionFilter }) }),
});

export const TalkFilter = builder.inputRef<TalkFilterInput>('TalkFilter').implement({
  description: 'Narrows a list of talks. All given conditions must hold; AND, OR and NOT combine filters.',
  fields: (t) => ({
    AND: t.field({ type: [TalkFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [TalkFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: TalkFilter, description: 'This filter does not hold.' }),
    conference: t.string({ description: 'Slug of the conference.' }),
    conferences: t.stringList({ description: 'Slugs of conferences: talks at any of them.' }),
    series: t.string({ description: 'Exact series name of the conferences, e.g. "FOSDEM": talks of every edition.' }),
    years: t.field({ type: IntRange, description: 'Years of the conferences, e.g. { from: 2024, to: 2026 }.' }),
    topic: t.string({ description: 'Slug of a topic the talk covers.' }),
    speaker: t.string({ description: 'Slug of a person who spoke.' }),
    organisation: t.string({ description: 'Slug of an organisation a speaker represented.' }),
    kinds: t.field({ type: [TalkKindEnum] }),
    day: t.int({ description: 'Day of the conference, the first day being 1.' }),
    track: t.string({ description: 'Exact track name.' }),
    tracks: t.stringList({ description: 'Exact track names: talks in any of them.' }),
    language: t.string({ description: 'Language code as the programme gives it, e.g. "en", "de".' }),
    search: t.string({
      description:
        'Full-text search of title, subtitle and abstract in web-search syntax: words (all must appear, stemmed: "containers" finds "container"), "a phrase", or, -excluded. Words match as words: "rust" does not find "trust".',
    }),
    startsAfter: t.field({ type: 'DateTime', description: 'Talks starting at or after this instant.' }),
    startsBefore: t.field({ type: 'DateTime', description: 'Talks starting before this instant.' }),
    reactedTo: t.field({
      type: ReactionFilter,
      description: 'Only talks with at least one reaction matching this filter, e.g. highlighted by an organisation’s staff. Same as reactions: { some: ... }.',
    }),
    speakers: t.field({ type: SpeakersCondition }),
    topics: t.field({ type: TopicsCondition }),
    reactions: t.field({ type: ReactionsCondition }),
  }),
});

export const TalkOrder = builder.enumType('TalkOrder', {
  values: {
    SCHEDULE: { description: 'By conference day and start time, then title.' },
    TITLE: { description: 'Alphabetically by title.' },
    MOST_REACTIONS: { description: 'Most reactions first (of the kinds in reactionKinds, when given); each edge’s count is that number.' },
    NEWEST_CONFERENCE: { description: 'Latest conferences first, then schedule order.' },
    RELEVANCE: { description: 'Best match for filter.search first; needs a search.' },
  } as const,
});

/** The arguments every list of talks takes. */
export const talkListArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: TalkFilter }),
  orderBy: arg({ type: TalkOrder }),
  reactionKinds: arg({ type: [ReactionKindEnum], description: 'For orderBy MOST_REACTIONS: count only reactions of these kinds, e.g. [HIGHLIGHT, DAY_HIGHLIGHT].' }),
});

/** A list of talks tied to its parent by `parent` (absent for all talks), filtered and ordered by the list arguments. */
export function talksWhere(parent?: ParentLink): Relation<TalkListArgs, TalkRow> {
  return {
    target: talks,
    parent,
    where: (row, args, _parent, lookups) => talkFilter(args.filter, lookups)?.(row),
    orderBy: (args) => talkOrder(args),
  };
}
