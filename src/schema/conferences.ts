// Conferences: the Conference node, its talks and the organisations present, root lookups.
import { builder } from '../builder.js';
import { reactionConnection, talkConnection } from './facets.js';
import { conferenceRecord } from '../dataset/format.js';
import type { ReactionKind } from '../generated/prisma/enums.js';
import { bySlug, connection, countedEdges, grouped, rootConnection } from '../read/fields.js';
import { asc, byColumn, byCount, through } from '../read/statements.js';
import { ConferenceFormatEnum, ReactionKindEnum } from './enums.js';
import { OrganisationOrder } from './organisations.js';
import { conferenceListFilter, type ConferenceListFilter, conferenceOrder, type Presence, presentAt, reactionCountsOf, tracksOf } from '../read/conferences.js';
import { talksGiven } from '../read/speaking.js';
import {
  adminWrites,
  cascade,
  changed,
  checked,
  checkPeriod,
  committed,
  deleteNode,
  deletePayload,
  fieldsOf,
  found,
  type InputFieldBuilder,
  inputId,
  isoDay,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from './mutation-support.js';
import { reactionListArgs, reactionsWhere } from './reactions.js';
import { conferences, type ConferenceRow, type OrganisationRow, organisations } from './tables.js';
import { talkListArgs, talksWhere } from './talks/filter.js';

export const OrganisationPresence = builder.enumType('OrganisationPresence', {
  description: 'How an organisation took part in a conference.',
  values: {
    SPEAKING: { description: 'Someone spoke on its behalf.' },
    REACTING: { description: 'Its staff reacted to talks.' },
    ANY: { description: 'Either.' },
  } as const,
});

const ReactionKindCount = builder
  .objectRef<{ kind: ReactionKind; count: number }>('ReactionKindCount')
  .implement({
    description: 'How many reactions of one kind.',
    fields: (t) => ({
      kind: t.expose('kind', { type: ReactionKindEnum }),
      count: t.exposeInt('count'),
    }),
  });

export const Conference = builder.node(builder.objectRef<ConferenceRow>('Conference'), {
  id: { resolve: (conference) => conference.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    series: t.exposeString('series', { nullable: true }),
    year: t.exposeInt('year', { nullable: true }),
    edition: t.exposeString('edition', { nullable: true }),
    startsOn: t.expose('startsOn', { type: 'Date', nullable: true }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true }),
    timeZone: t.exposeString('timeZone', { nullable: true }),
    format: t.expose('format', { type: ConferenceFormatEnum, nullable: true }),
    location: t.exposeString('location', { nullable: true }),
    website: t.exposeString('website', { nullable: true }),
    talks: t.connection({
      type: 'Talk',
      args: talkListArgs(t.arg),
      ...connection(talksWhere(byColumn('conferenceId'))),
    }, talkConnection, countedEdges),
    tracks: t.stringList({
      description: 'The tracks of the programme, alphabetically.',
      ...grouped<{ track: string }>(tracksOf, 'track'),
    }),
    organisations: t.connection(
      {
        type: 'Organisation',
        description:
          'Organisations present at the conference: represented by a speaker, or whose staff reacted to a talk. MOST_TALKS counts talks at this conference.',
        args: {
          presence: t.arg({ type: OrganisationPresence, defaultValue: 'ANY' }),
          orderBy: t.arg({ type: OrganisationOrder }),
        },
        ...connection<OrganisationRow, { presence?: Presence | null; orderBy?: typeof OrganisationOrder.$inferType | null }>({
          target: organisations,
          where: (row, args, conference) => presentAt(row, conference, args.presence ?? 'ANY'),
          orderBy: (args) =>
            args.orderBy === 'MOST_TALKS' ? [byCount((row, conference) => talksGiven('organisationId', [conference])(row)), asc('name')] : [asc('name')],
        }),
      },
      {},
      countedEdges,
    ),
    reactions: t.connection({
      type: 'Reaction',
      description: 'Reactions to the conference’s talks.',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(through('Talk', 'conferenceId', 'id', 'talkId'))),
    }, reactionConnection),
    reactionCounts: t.field({
      type: [ReactionKindCount],
      description: 'How many reactions of each kind the conference’s talks received (kinds with none are left out).',
      ...grouped<{ kind: ReactionKind; count: number }>(reactionCountsOf),
    }),
  }),
});

export const ConferenceOrder = builder.enumType('ConferenceOrder', {
  values: {
    NEWEST: { description: 'Latest start date first.' },
    OLDEST: { description: 'Earliest start date first.' },
    NAME: { description: 'Alphabetically by name.' },
  } as const,
});

type ConferenceListArgs = ConferenceListFilter & { orderBy?: typeof ConferenceOrder.$inferType | null };

builder.queryFields((t) => ({
  conference: t.field({
    type: Conference,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    ...bySlug(conferences),
  }),
  conferences: t.connection({
    type: Conference,
    args: {
      series: t.arg.string({ description: 'Exact series name, e.g. "KubeCon + CloudNativeCon Europe".' }),
      year: t.arg.int(),
      search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
      orderBy: t.arg({ type: ConferenceOrder }),
    },
    ...rootConnection<ConferenceRow, ConferenceListArgs>({
      target: conferences,
      where: (row, args) => conferenceListFilter(args)?.(row),
      orderBy: (args) => conferenceOrder(args.orderBy),
    }),
  }),
}));

// Mutations ---------------------------------------------------------------------------------------

const conferenceInputFields = (t: InputFieldBuilder) => ({
  series: t.string(),
  year: t.int(),
  edition: t.string(),
  startsOn: t.field({ type: 'Date' }),
  endsOn: t.field({ type: 'Date' }),
  timeZone: t.string({ description: 'IANA time zone, e.g. Europe/Brussels.' }),
  format: t.field({ type: ConferenceFormatEnum }),
  location: t.string(),
  website: t.string(),
});

type ConferenceInput = {
  slug?: string | null;
  name?: string | null;
  series?: string | null;
  year?: number | null;
  edition?: string | null;
  startsOn?: Date | null;
  endsOn?: Date | null;
  timeZone?: string | null;
  format?: 'IN_PERSON' | 'VIRTUAL' | 'HYBRID' | null;
  location?: string | null;
  website?: string | null;
};

/** Validates with the dataset rules and returns Prisma data; fields left out stay undefined. */
function conferenceData(input: ConferenceInput) {
  const record = checked(conferenceRecord.omit({ talks: true }).partial(), {
    ...input,
    startsOn: isoDay(input.startsOn),
    endsOn: isoDay(input.endsOn),
  });
  return {
    ...record,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
  };
}

/** The conference a write changed, read back with the caller's selection. */
const changedConference = changed('conference', Conference, conferences, 'id');

builder.relayMutationField(
  'createConference',
  {
    inputFields: (t) => ({
      name: t.string({ required: true }),
      slug: t.string({ description: 'Defaults to one made from the name.' }),
      ...conferenceInputFields(t),
    }),
  },
  {
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const data = conferenceData({ ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      checkPeriod('startsOn', 'endsOn', input);
      return committed(
        prisma,
        (tx) => tx.conference.create({ data: { ...data, slug: data.slug!, name: data.name! }, select: { id: true } }),
        ({ id }) => [{ ...row('Conference', 'CREATED', id), conferenceId: id }],
      );
    },
  },
  { outputFields: changedConference },
);

builder.relayMutationField(
  'updateConference',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      name: t.string({ description: 'Leave out to keep.' }),
      slug: t.string({ description: 'Leave out to keep.' }),
      ...conferenceInputFields(t),
    }),
  },
  {
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { id: globalId, ...fields } = fieldsOf(input);
      const data = conferenceData({ ...fields, name: notNull(fields.name, 'name'), slug: notNull(fields.slug, 'slug') });
      const id = inputId('Conference', globalId, 'id');
      const stored = found(await prisma.conference.findUnique({ where: { id }, select: { startsOn: true, endsOn: true } }), 'Conference');
      checkPeriod('startsOn', 'endsOn', fields, stored);
      return committed(
        prisma,
        (tx) => tx.conference.update({ where: { id }, data, select: { id: true } }),
        () => [{ ...row('Conference', 'UPDATED', id), conferenceId: id }],
      );
    },
  },
  { outputFields: changedConference },
);

builder.relayMutationField(
  'deleteConference',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    description: 'Deletes a conference with its talks, their speaker roles and the reactions to them.',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Conference', input.id, async (tx, id) => {
        const talk = { conferenceId: id };
        return [
          cascade('Talk', await tx.talk.count({ where: talk })),
          cascade('Speaker', await tx.talkSpeaker.count({ where: { talk } })),
          cascade('Reaction', await tx.reaction.count({ where: { talk } })),
        ];
      }),
  },
  deletePayload,
);
