// Talks: the Talk node, its speakers (the Speaker join), and the root fields that find talks.
// What a list of talks holds and its order are in ./filter.ts; writes are in ./mutations.ts.
import { builder } from '../../builder.js';
import { countedEdges, reactionConnection, talkConnection } from '../facets.js';
import { connection, list, lookup, maybeOne, one, rootConnection } from '../../read/fields.js';
import { talkBySlugs } from '../../read/conditions.js';
import { asc, byColumn, type Relation, through } from '../../read/statements.js';
import { TalkKindEnum } from '../enums.js';
import { reactionListArgs, reactionsWhere } from '../reactions.js';
import { talkListArgs, talksWhere } from './filter.js';
import { conferences, organisations, people, speakers, type SpeakerRow, talks, type TalkRow, topics, type TopicRow } from '../tables.js';

export const Talk = builder.node(builder.objectRef<TalkRow>('Talk'), {
  id: { resolve: (talk) => talk.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    externalId: t.exposeString('externalId', { nullable: true }),
    title: t.exposeString('title'),
    subtitle: t.exposeString('subtitle', { nullable: true }),
    abstract: t.exposeString('abstract', { nullable: true }),
    kind: t.expose('kind', { type: TalkKindEnum }),
    track: t.exposeString('track', { nullable: true }),
    room: t.exposeString('room', { nullable: true }),
    language: t.exposeString('language', { nullable: true }),
    day: t.exposeInt('day', { nullable: true }),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true }),
    scheduleUrl: t.exposeString('scheduleUrl', { nullable: true }),
    slidesUrl: t.exposeString('slidesUrl', { nullable: true }),
    recordingUrl: t.exposeString('recordingUrl', { nullable: true }),
    conference: t.field({ type: 'Conference', ...one(conferences, 'conferenceId') }),
    speakers: t.field({
      type: ['Speaker'],
      description: 'The people who gave the talk, in billing order, each with the organisation they represented.',
      ...list(speakersOfTalk),
    }),
    topics: t.field({ type: ['Topic'], ...list(topicsOfTalk) }),
    reactions: t.connection({
      type: 'Reaction',
      description: 'What people said about the talk, and which organisation they said it as a member of.',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(byColumn('talkId'))),
    }, reactionConnection),
  }),
});

export const Speaker = builder.objectRef<SpeakerRow>('Speaker').implement({
  fields: (t) => ({
    position: t.exposeInt('position'),
    person: t.field({ type: 'Person', ...one(people, 'personId') }),
    organisation: t.field({
      type: 'Organisation',
      nullable: true,
      description: 'The organisation represented, when known.',
      ...maybeOne(organisations, 'organisationId'),
    }),
    talk: t.field({ type: 'Talk', ...one(talks, 'talkId') }),
  }),
});

const speakersOfTalk: Relation<object, SpeakerRow> = {
  target: speakers,
  parent: byColumn('talkId'),
  orderBy: () => [asc('position')],
};

const topicsOfTalk: Relation<object, TopicRow> = {
  target: topics,
  parent: through('_TalkToTopic', 'A', 'B'),
  orderBy: () => [asc('name')],
};

builder.queryFields((t) => ({
  talk: t.field({
    type: Talk,
    nullable: true,
    description: 'A talk by its conference’s slug and its own slug.',
    args: { conference: t.arg.string({ required: true }), slug: t.arg.string({ required: true }) },
    ...lookup(talks, talkBySlugs),
  }),
  talks: t.connection({
    type: Talk,
    description: 'All talks, filtered and ordered.',
    args: talkListArgs(t.arg),
    ...rootConnection(talksWhere()),
  }, talkConnection, countedEdges),
}));
