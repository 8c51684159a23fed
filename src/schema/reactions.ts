// Reactions: a person's response to a talk, the organisation they reacted as a member of, and the
// article it was recorded from; the reaction filter every reaction list shares.
import type { ArgBuilder } from '@pothos/core';
import { builder, encodeGlobalId, type Types } from '../builder.js';
import { reactionRecord } from '../dataset/format.js';
import { prisma } from '../db/prisma.js';
import { ConflictError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ReactionKind } from '../generated/prisma/enums.js';
import { ReactionKindEnum } from './enums.js';
import { idOf } from './ids.js';
import {
  adminScopes,
  checked,
  deleteNode,
  deletePayload,
  existingId,
  existingIdIfGiven,
  found,
  inputId,
  notNull,
  type PayloadFieldBuilder,
  writeScopes,
  writing,
} from './mutation-support.js';

export const Reaction = builder.prismaNode('Reaction', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    kind: t.expose('kind', { type: ReactionKindEnum }),
    summary: t.exposeString('summary'),
    person: t.relation('person'),
    organisation: t.relation('organisation', { nullable: true }),
    talk: t.relation('talk'),
    source: t.relation('article', { description: 'The article the reaction was recorded from.' }),
    recordedAt: t.expose('createdAt', { type: 'DateTime', description: 'When talkgraph recorded the reaction.' }),
  }),
});

export const ReactionFilter = builder.inputType('ReactionFilter', {
  description: 'Narrows a list of reactions. All given conditions must hold.',
  fields: (t) => ({
    kinds: t.field({ type: [ReactionKindEnum], description: 'Any of these kinds; [HIGHLIGHT, DAY_HIGHLIGHT] for highlights.' }),
    person: t.string({ description: 'Slug of the person who reacted.' }),
    organisation: t.string({ description: 'Slug of the organisation the person reacted as a member of.' }),
    conference: t.string({ description: 'Slug of the conference of the talk reacted to.' }),
    talk: t.globalID({ description: 'ID of the talk reacted to.' }),
    article: t.string({ description: 'Slug of the article the reaction was recorded from.' }),
  }),
});

export const ReactionOrder = builder.enumType('ReactionOrder', {
  values: {
    NEWEST: { description: 'Most recently recorded first.' },
    OLDEST: { description: 'First recorded first.' },
    PERSON: { description: 'By the name of the person who reacted.' },
  } as const,
});

export function reactionWhere(filter: typeof ReactionFilter.$inferInput | null | undefined): Prisma.ReactionWhereInput {
  if (!filter) return {};
  const where: Prisma.ReactionWhereInput = {};
  if (filter.kinds?.length) where.kind = { in: filter.kinds };
  if (filter.person) where.person = { slug: filter.person };
  if (filter.organisation) where.organisation = { slug: filter.organisation };
  if (filter.conference) where.talk = { conference: { slug: filter.conference } };
  if (filter.talk) where.talkId = idOf('Talk', filter.talk, 'filter.talk');
  if (filter.article) where.article = { slug: filter.article };
  return where;
}

export function reactionOrderBy(order: typeof ReactionOrder.$inferType | null | undefined): Prisma.ReactionOrderByWithRelationInput[] {
  switch (order ?? 'OLDEST') {
    case 'NEWEST':
      return [{ createdAt: 'desc' }, { id: 'desc' }];
    case 'PERSON':
      return [{ person: { name: 'asc' } }, { id: 'asc' }];
    default:
      return [{ createdAt: 'asc' }, { id: 'asc' }];
  }
}

/** The arguments every list of reactions takes, and the Prisma query they make. */
export const reactionListArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: ReactionFilter }),
  orderBy: arg({ type: ReactionOrder }),
});

export const reactionListQuery = (args: ReactionListArgs) => ({
  where: reactionWhere(args.filter),
  orderBy: reactionOrderBy(args.orderBy),
});

type ReactionListArgs = {
  filter?: typeof ReactionFilter.$inferInput | null;
  orderBy?: typeof ReactionOrder.$inferType | null;
};

builder.queryFields((t) => ({
  reactions: t.prismaConnection({
    type: Reaction,
    cursor: 'id',
    description: 'All reactions, filtered and ordered.',
    args: reactionListArgs(t.arg),
    resolve: (query, _root, args) =>
      prisma().reaction.findMany({ ...query, where: reactionWhere(args.filter), orderBy: reactionOrderBy(args.orderBy) }),
    totalCount: (_root, args) => prisma().reaction.count({ where: reactionWhere(args.filter) }),
  }),
}));

// Mutations ---------------------------------------------------------------------------------------

const reactionRules = reactionRecord.pick({ kind: true, summary: true });

/** The reaction a write changed, read again with the caller's selection so nested fields stay one query. */
const changedReaction = (t: PayloadFieldBuilder<{ reactionId: number }>) => ({
  reaction: t.prismaField({
    type: Reaction,
    resolve: (query, changed) => prisma().reaction.findUniqueOrThrow({ ...query, where: { id: changed.reactionId } }),
  }),
});

/**
 * One article records at most one reaction of a kind by a person to a talk. Checked before writing
 * so the error can point to the reaction that is already there.
 */
async function refuseDuplicate(reaction: { articleId: number; personId: number; talkId: number; kind: ReactionKind }) {
  const twin = await prisma().reaction.findUnique({ where: { articleId_personId_talkId_kind: reaction }, select: { id: true } });
  if (twin) {
    throw new ConflictError(
      `input.kind: the article already records a ${reaction.kind} reaction by this person to this talk (${encodeGlobalId('Reaction', twin.id)}); update that one instead.`,
      'input.kind',
    );
  }
}

/** Whom a person reacts for when the input does not say: their organisation, if they have exactly one. */
async function soleOrganisationOf(personId: number): Promise<number | null> {
  const roles = await prisma().affiliation.findMany({ where: { personId }, select: { organisationId: true }, take: 2 });
  return roles.length === 1 ? roles[0].organisationId : null;
}

builder.relayMutationField(
  'recordReaction',
  {
    inputFields: (t) => ({
      personId: t.globalID({ required: true }),
      talkId: t.globalID({ required: true }),
      articleId: t.globalID({ required: true, description: 'The article the reaction is recorded from.' }),
      kind: t.field({ type: ReactionKindEnum, required: true }),
      summary: t.string({ required: true, description: 'Why the person reacted so, in your own words.' }),
      organisationId: t.globalID({
        description:
          'The organisation the person reacted as a member of; null for none. Left out: the person’s organisation when they have exactly one role.',
      }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const record = checked(reactionRules, { kind: input.kind, summary: input.summary });
      const personId = await existingId('Person', input.personId, 'personId');
      const talkId = await existingId('Talk', input.talkId, 'talkId');
      const articleId = await existingId('Article', input.articleId, 'articleId');
      const organisationId =
        input.organisationId === undefined
          ? await soleOrganisationOf(personId)
          : await existingIdIfGiven('Organisation', input.organisationId, 'organisationId');
      await refuseDuplicate({ articleId, personId, talkId, kind: record.kind });
      const created = await writing(() =>
        prisma().reaction.create({ data: { ...record, personId, talkId, articleId, organisationId }, select: { id: true } }),
      );
      return { reactionId: created.id };
    },
  },
  { outputFields: changedReaction },
);

builder.relayMutationField(
  'updateReaction',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      kind: t.field({ type: ReactionKindEnum, description: 'Leave out to keep.' }),
      summary: t.string({ description: 'Leave out to keep.' }),
      organisationId: t.globalID({ description: 'The organisation the person reacted as a member of; null for none. Leave out to keep.' }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const record = checked(reactionRules.partial(), { kind: notNull(input.kind, 'kind'), summary: notNull(input.summary, 'summary') });
      const id = inputId('Reaction', input.id, 'id');
      const stored = found(
        await prisma().reaction.findUnique({ where: { id }, select: { articleId: true, personId: true, talkId: true, kind: true } }),
        'Reaction',
      );
      if (record.kind && record.kind !== stored.kind) await refuseDuplicate({ ...stored, kind: record.kind });
      const organisationId = await existingIdIfGiven('Organisation', input.organisationId, 'organisationId');
      await writing(() => prisma().reaction.update({ where: { id }, data: { ...record, organisationId } }));
      return { reactionId: id };
    },
  },
  { outputFields: changedReaction },
);

builder.relayMutationField(
  'deleteReaction',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    authScopes: adminScopes,
    errors: { directResult: true },
    resolve: (_root, { input }) => deleteNode('Reaction', input.id),
  },
  deletePayload,
);
