// Conferences: the Conference node, its talks and the organisations present, root lookups.
import { builder } from '../builder.js';
import { conferenceRecord } from '../dataset/format.js';
import { prisma } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ConferenceFormatEnum, ReactionKindEnum } from './enums.js';
import { Organisation, OrganisationOrder, organisationOrderBy } from './organisations.js';
import {
  adminScopes,
  cascade,
  checked,
  checkPeriod,
  deleteNode,
  deletePayload,
  fieldsOf,
  found,
  inputId,
  type InputFieldBuilder,
  isoDay,
  notNull,
  type PayloadFieldBuilder,
  slugOrFrom,
  writeScopes,
  writing,
} from './mutation-support.js';
import { reactionListArgs, reactionOrderBy, reactionWhere } from './reactions.js';
import { talkListArgs, talkListQuery } from './talks/index.js';

export const OrganisationPresence = builder.enumType('OrganisationPresence', {
  description: 'How an organisation took part in a conference.',
  values: {
    SPEAKING: { description: 'Someone spoke on its behalf.' },
    REACTING: { description: 'Its staff reacted to talks.' },
    ANY: { description: 'Either.' },
  } as const,
});

const ReactionKindCount = builder
  .objectRef<{ kind: string; count: number }>('ReactionKindCount')
  .implement({
    description: 'How many reactions of one kind.',
    fields: (t) => ({
      kind: t.field({ type: ReactionKindEnum, resolve: (row) => row.kind as never }),
      count: t.exposeInt('count'),
    }),
  });

export const Conference = builder.prismaNode('Conference', {
  id: { field: 'id' },
  nullable: true,
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
    talks: t.relatedConnection('talks', {
      cursor: 'id',
      totalCount: true,
      args: talkListArgs(t.arg),
      query: talkListQuery,
    }),
    tracks: t.stringList({
      description: 'The tracks of the programme, alphabetically.',
      resolve: (conference, _args, context) => context.loaders.conferenceTracks.load(conference.id),
    }),
    organisations: t.prismaConnection({
      type: Organisation,
      cursor: 'id',
      description: 'Organisations present at the conference: represented by a speaker, or whose staff reacted to a talk.',
      args: {
        presence: t.arg({ type: OrganisationPresence, defaultValue: 'ANY' }),
        orderBy: t.arg({ type: OrganisationOrder }),
      },
      resolve: (query, conference, args) =>
        prisma().organisation.findMany({
          ...query,
          where: presentAt(conference.id, args.presence ?? 'ANY'),
          orderBy: organisationOrderBy(args.orderBy),
        }),
      totalCount: (conference, args) => prisma().organisation.count({ where: presentAt(conference.id, args.presence ?? 'ANY') }),
    }),
    reactions: t.prismaConnection({
      type: 'Reaction',
      cursor: 'id',
      description: 'Reactions to the conference’s talks.',
      args: reactionListArgs(t.arg),
      resolve: (query, conference, args) =>
        prisma().reaction.findMany({
          ...query,
          where: { AND: [reactionWhere(args.filter), { talk: { conferenceId: conference.id } }] },
          orderBy: reactionOrderBy(args.orderBy),
        }),
      totalCount: (conference, args) =>
        prisma().reaction.count({ where: { AND: [reactionWhere(args.filter), { talk: { conferenceId: conference.id } }] } }),
    }),
    reactionCounts: t.field({
      type: [ReactionKindCount],
      description: 'How many reactions of each kind the conference’s talks received (kinds with none are left out).',
      resolve: (conference, _args, context) => context.loaders.conferenceReactionCounts.load(conference.id),
    }),
  }),
});

function presentAt(conferenceId: number, presence: 'SPEAKING' | 'REACTING' | 'ANY'): Prisma.OrganisationWhereInput {
  const speaking: Prisma.OrganisationWhereInput = { representedTalks: { some: { talk: { conferenceId } } } };
  const reacting: Prisma.OrganisationWhereInput = { reactions: { some: { talk: { conferenceId } } } };
  return presence === 'SPEAKING' ? speaking : presence === 'REACTING' ? reacting : { OR: [speaking, reacting] };
}

export const ConferenceOrder = builder.enumType('ConferenceOrder', {
  values: {
    NEWEST: { description: 'Latest start date first.' },
    OLDEST: { description: 'Earliest start date first.' },
    NAME: { description: 'Alphabetically by name.' },
  } as const,
});

builder.queryFields((t) => ({
  conference: t.prismaField({
    type: Conference,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) => prisma().conference.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  conferences: t.prismaConnection({
    type: Conference,
    cursor: 'id',
    args: {
      series: t.arg.string({ description: 'Exact series name, e.g. "KubeCon + CloudNativeCon Europe".' }),
      year: t.arg.int(),
      search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
      orderBy: t.arg({ type: ConferenceOrder }),
    },
    resolve: (query, _root, args) =>
      prisma().conference.findMany({ ...query, where: conferenceWhere(args), orderBy: conferenceOrderBy(args.orderBy) }),
    totalCount: (_root, args) => prisma().conference.count({ where: conferenceWhere(args) }),
  }),
}));

function conferenceWhere(args: { series?: string | null; year?: number | null; search?: string | null }): Prisma.ConferenceWhereInput {
  return {
    ...(args.series ? { series: args.series } : {}),
    ...(args.year != null ? { year: args.year } : {}),
    ...(args.search ? { name: { contains: args.search, mode: 'insensitive' } } : {}),
  };
}

function conferenceOrderBy(order: typeof ConferenceOrder.$inferType | null | undefined): Prisma.ConferenceOrderByWithRelationInput[] {
  switch (order ?? 'NEWEST') {
    case 'NAME':
      return [{ name: 'asc' }, { id: 'asc' }];
    case 'OLDEST':
      return [{ startsOn: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }];
    default:
      return [{ startsOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }];
  }
}

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

/** The conference a write changed, read again with the caller's selection so nested fields stay one query. */
const changedConference = (t: PayloadFieldBuilder<{ id: number }>) => ({
  conference: t.prismaField({
    type: Conference,
    resolve: (query, changed) => prisma().conference.findUniqueOrThrow({ ...query, where: { id: changed.id } }),
  }),
});

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
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const data = conferenceData({ ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      checkPeriod('startsOn', 'endsOn', input);
      return writing(() => prisma().conference.create({ data: { ...data, slug: data.slug!, name: data.name! }, select: { id: true } }));
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
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const { id: globalId, ...fields } = fieldsOf(input);
      const data = conferenceData({ ...fields, name: notNull(fields.name, 'name'), slug: notNull(fields.slug, 'slug') });
      const id = inputId('Conference', globalId, 'id');
      const stored = found(await prisma().conference.findUnique({ where: { id }, select: { startsOn: true, endsOn: true } }), 'Conference');
      checkPeriod('startsOn', 'endsOn', fields, stored);
      return writing(() => prisma().conference.update({ where: { id }, data, select: { id: true } }));
    },
  },
  { outputFields: changedConference },
);

builder.relayMutationField(
  'deleteConference',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    authScopes: adminScopes,
    errors: { directResult: true },
    description: 'Deletes a conference with its talks, their speaker roles and the reactions to them.',
    resolve: (_root, { input }) =>
      deleteNode('Conference', input.id, async (tx, id) => {
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
