// Reactions: a person's response to a talk, the organisation they reacted as a member of, and the
// article it was recorded from; the reaction filter every reaction list shares (its SQL is in
// src/read/reactions.ts).
import type { ArgBuilder } from '@pothos/core';
import { builder, encodeGlobalId, type Types } from '../builder.js';
import { reactionRows } from '../db/changes.js';
import { reactionConnection } from './facets.js';
import { canonicalEvidence, type EvidenceSpan as EvidenceSpanRecord, reactionRecord } from '../dataset/format.js';
import type { Sql } from '../db/sql.js';
import { ConflictError } from '../errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { all } from '../read/conditions.js';
import { reactionFilter, type ReactionFilterInput, reactionOrder } from '../read/reactions.js';
import { jsonItems, maybeOne, one, rootConnection } from '../read/fields.js';
import type { ParentLink, Relation } from '../read/statements.js';
import type { ReactionKind } from '../generated/prisma/enums.js';
import { ReactionKindEnum } from './enums.js';
import { articles, organisations, people, type ReactionRow, reactions, talks } from './tables.js';
import {
  adminWrites,
  changed,
  checked,
  committed,
  deleteNode,
  deletePayload,
  existingId,
  existingIdIfGiven,
  found,
  inputId,
  notNull,
  type PayloadFieldBuilder,
  writes,
} from './mutation-support.js';

export const EvidenceSpan = builder.objectRef<EvidenceSpanRecord>('EvidenceSpan').implement({
  description: 'Words of an article that support a reaction, and where they stand in it (UTF-16 offsets, end exclusive).',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end'), text: t.exposeString('text') }),
});

export const Reaction = builder.node(builder.objectRef<ReactionRow>('Reaction'), {
  id: { resolve: (reaction) => reaction.id },
  fields: (t) => ({
    kind: t.expose('kind', { type: ReactionKindEnum }),
    summary: t.exposeString('summary'),
    person: t.field({ type: 'Person', ...one(people, 'personId') }),
    organisation: t.field({
      type: 'Organisation',
      nullable: true,
      description: 'The organisation the person reacted as a member of.',
      ...maybeOne(organisations, 'organisationId'),
    }),
    talk: t.field({ type: 'Talk', ...one(talks, 'talkId') }),
    source: t.field({ type: 'Article', description: 'The article the reaction was recorded from.', ...one(articles, 'articleId') }),
    recordedAt: t.expose('createdAt', { type: 'DateTime', description: 'When talkgraph recorded the reaction.' }),
    evidence: t.field({
      type: [EvidenceSpan],
      nullable: true,
      description: 'Where the source article says so, when the reaction was read from an article by talkgraph ingest-article.',
      ...jsonItems('evidence'),
      resolve: (reaction) => canonicalEvidence(reaction.evidence),
    }),
  }),
});

export type { ReactionFilterInput };

export const ReactionFilter = builder.inputRef<ReactionFilterInput>('ReactionFilter').implement({
  description: 'Narrows a list of reactions. All given conditions must hold; AND, OR and NOT combine filters.',
  fields: (t) => ({
    AND: t.field({ type: [ReactionFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [ReactionFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: ReactionFilter, description: 'This filter does not hold.' }),
    kinds: t.field({ type: [ReactionKindEnum], description: 'Any of these kinds; [HIGHLIGHT, DAY_HIGHLIGHT] for highlights.' }),
    person: t.string({ description: 'Slug of the person who reacted.' }),
    organisation: t.string({
      description:
        'Slug of an organisation: reactions the article recorded as made for it, and reactions by anyone who held a role there on the day of the talk (of the article, when the talk has no date). See Person.roles for how a role’s dates count.',
    }),
    conference: t.string({ description: 'Slug of the conference of the talk reacted to.' }),
    conferences: t.stringList({ description: 'Slugs of conferences: reactions to talks at any of them.' }),
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

/** The arguments every list of reactions takes. */
export const reactionListArgs = (arg: ArgBuilder<Types>) => ({
  filter: arg({ type: ReactionFilter }),
  orderBy: arg({ type: ReactionOrder }),
});

type ReactionListArgs = { filter?: ReactionFilterInput | null; orderBy?: typeof ReactionOrder.$inferType | null };

/**
 * A list of reactions tied to its parent by `parent`, or by the condition `tie` on the row and the
 * parent's id (neither, for all reactions), filtered and ordered by the list arguments.
 */
export function reactionsWhere(parent?: ParentLink, tie?: (row: Sql, parent: Sql) => Sql): Relation<ReactionListArgs, ReactionRow> {
  return {
    target: reactions,
    parent,
    where: (row, args, parentId, lookups) => all([tie && ((at) => tie(at, parentId)), reactionFilter(args.filter, lookups)])?.(row),
    orderBy: (args) => reactionOrder(args.orderBy),
  };
}

builder.queryFields((t) => ({
  reactions: t.connection({
    type: Reaction,
    description: 'All reactions, filtered and ordered.',
    args: reactionListArgs(t.arg),
    ...rootConnection(reactionsWhere()),
  }, reactionConnection),
}));

// Mutations ---------------------------------------------------------------------------------------

const reactionRules = reactionRecord.pick({ kind: true, summary: true });

/** The reaction a write changed, read back with the caller's selection. */
const changedReaction = changed('reaction', Reaction, reactions, 'reactionId');

/**
 * One article records at most one reaction of a kind by a person to a talk. Checked before writing
 * so the error can point to the reaction that is already there.
 */
async function refuseDuplicate(prisma: PrismaClient, reaction: { articleId: number; personId: number; talkId: number; kind: ReactionKind }) {
  const twin = await prisma.reaction.findUnique({ where: { articleId_personId_talkId_kind: reaction }, select: { id: true } });
  if (twin) {
    throw new ConflictError(
      `input.kind: the article already records a ${reaction.kind} reaction by this person to this talk (${encodeGlobalId('Reaction', twin.id)}); update that one instead.`,
      'input.kind',
    );
  }
}

/** Whom a person reacts for when the input does not say: their organisation, if they have roles at exactly one. */
async function soleOrganisationOf(prisma: PrismaClient, personId: number): Promise<number | null> {
  const roles = await prisma.affiliation.findMany({ where: { personId }, select: { organisationId: true }, distinct: ['organisationId'], take: 2 });
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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const record = checked(reactionRules, { kind: input.kind, summary: input.summary });
      const personId = await existingId(prisma, 'Person', input.personId, 'personId');
      const talkId = await existingId(prisma, 'Talk', input.talkId, 'talkId');
      const articleId = await existingId(prisma, 'Article', input.articleId, 'articleId');
      const organisationId =
        input.organisationId === undefined
          ? await soleOrganisationOf(prisma, personId)
          : await existingIdIfGiven(prisma, 'Organisation', input.organisationId, 'organisationId');
      await refuseDuplicate(prisma, { articleId, personId, talkId, kind: record.kind });
      const created = await committed(
        prisma,
        (tx) => tx.reaction.create({ data: { ...record, personId, talkId, articleId, organisationId }, select: { id: true } }),
        ({ id }, db) => reactionRows(db, [id], 'CREATED'),
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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const record = checked(reactionRules.partial(), { kind: notNull(input.kind, 'kind'), summary: notNull(input.summary, 'summary') });
      const id = inputId('Reaction', input.id, 'id');
      const stored = found(
        await prisma.reaction.findUnique({ where: { id }, select: { articleId: true, personId: true, talkId: true, kind: true } }),
        'Reaction',
      );
      if (record.kind && record.kind !== stored.kind) await refuseDuplicate(prisma, { ...stored, kind: record.kind });
      const organisationId = await existingIdIfGiven(prisma, 'Organisation', input.organisationId, 'organisationId');
      await committed(
        prisma,
        (tx) => tx.reaction.update({ where: { id }, data: { ...record, organisationId }, select: { id: true } }),
        (_updated, db) => reactionRows(db, [id], 'UPDATED'),
      );
      return { reactionId: id };
    },
  },
  { outputFields: changedReaction },
);

builder.relayMutationField(
  'deleteReaction',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    resolve: (_root, { input }, { prisma }) => deleteNode(prisma, 'Reaction', input.id),
  },
  deletePayload,
);
