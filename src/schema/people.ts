// People: the Person node, their roles at organisations, the talks they gave, their reactions and
// the articles they wrote.
import { builder } from '../builder.js';
import { affiliationRecord, personRecord } from '../dataset/format.js';
import { prisma } from '../db/prisma.js';
import { NotFoundError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import {
  adminScopes,
  cascade,
  checked,
  checkPeriod,
  deleteNode,
  deletePayload,
  existingId,
  fieldsOf,
  isoDay,
  notNull,
  type PayloadFieldBuilder,
  slugOrFrom,
  writeScopes,
  writing,
} from './mutation-support.js';
import { reactionListArgs, reactionListQuery } from './reactions.js';
import { closeSpeakerGap } from './talks/mutations.js';

export const Person = builder.prismaNode('Person', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    bio: t.exposeString('bio', { nullable: true }),
    links: t.exposeStringList('links'),
    affiliations: t.relation('affiliations', {
      description: 'The person’s roles at organisations.',
      query: { orderBy: [{ startedOn: { sort: 'desc', nulls: 'first' } }, { id: 'asc' }] },
    }),
    talks: t.relatedConnection('talks', {
      cursor: 'id',
      totalCount: true,
      description: 'The talks the person gave, each with the organisation they represented.',
      args: { conference: t.arg.string({ description: 'Slug of a conference, to list only its talks.' }) },
      query: (args) => ({
        where: args.conference ? { talk: { conference: { slug: args.conference } } } : {},
        orderBy: [{ talk: { startsAt: { sort: 'desc', nulls: 'last' } } }, { id: 'asc' }],
      }),
    }),
    reactions: t.relatedConnection('reactions', {
      cursor: 'id',
      totalCount: true,
      args: reactionListArgs(t.arg),
      query: reactionListQuery,
    }),
  }),
});

builder.queryFields((t) => ({
  person: t.prismaField({
    type: Person,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) => prisma().person.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  people: t.prismaConnection({
    type: Person,
    cursor: 'id',
    args: {
      search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
      organisation: t.arg.string({ description: 'Slug of an organisation the person has a role at.' }),
      spokeAt: t.arg.string({ description: 'Slug of a conference the person spoke at.' }),
    },
    resolve: (query, _root, args) =>
      prisma().person.findMany({ ...query, where: personWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    totalCount: (_root, args) => prisma().person.count({ where: personWhere(args) }),
  }),
}));

function personWhere(args: { search?: string | null; organisation?: string | null; spokeAt?: string | null }): Prisma.PersonWhereInput {
  return {
    ...(args.search ? { name: { contains: args.search, mode: 'insensitive' } } : {}),
    ...(args.organisation ? { affiliations: { some: { organisation: { slug: args.organisation } } } } : {}),
    ...(args.spokeAt ? { talks: { some: { talk: { conference: { slug: args.spokeAt } } } } } : {}),
  };
}

// Mutations ---------------------------------------------------------------------------------------

const personRules = personRecord.omit({ affiliations: true }).partial();

/** The person a write changed, read again with the caller's selection so nested fields stay one query. */
const changedPerson = (t: PayloadFieldBuilder<{ personId: number }>) => ({
  person: t.prismaField({
    type: Person,
    resolve: (query, changed) => prisma().person.findUniqueOrThrow({ ...query, where: { id: changed.personId } }),
  }),
});

builder.relayMutationField(
  'createPerson',
  {
    inputFields: (t) => ({
      name: t.string({ required: true }),
      slug: t.string({ description: 'Defaults to one made from the name.' }),
      bio: t.string(),
      links: t.stringList({ required: true, defaultValue: [], description: 'Web pages about the person (homepage, profiles).' }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const data = checked(personRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await writing(() =>
        prisma().person.create({ data: { ...data, slug: data.slug!, name: data.name! }, select: { id: true } }),
      );
      return { personId: created.id };
    },
  },
  { outputFields: changedPerson },
);

builder.relayMutationField(
  'updatePerson',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      name: t.string({ description: 'Leave out to keep.' }),
      slug: t.string({ description: 'Leave out to keep.' }),
      bio: t.string(),
      links: t.stringList({ description: 'Replaces the list; [] removes them all. Leave out to keep.' }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const { id: globalId, ...fields } = fieldsOf(input);
      const data = checked(personRules, {
        ...fields,
        name: notNull(fields.name, 'name'),
        slug: notNull(fields.slug, 'slug'),
        links: notNull(fields.links, 'links'),
      });
      const id = await existingId('Person', globalId, 'id');
      await writing(() => prisma().person.update({ where: { id }, data }));
      return { personId: id };
    },
  },
  { outputFields: changedPerson },
);

builder.relayMutationField(
  'deletePerson',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    authScopes: adminScopes,
    errors: { directResult: true },
    description: 'Deletes a person with their roles, speaker roles, reactions and authorships; the talks and articles stay.',
    resolve: (_root, { input }) =>
      deleteNode('Person', input.id, async (tx, id) => {
        const speakerRoles = await tx.talkSpeaker.findMany({ where: { personId: id }, select: { talkId: true, position: true } });
        const authorships = await tx.articleAuthor.findMany({ where: { personId: id }, select: { articleId: true, position: true } });
        // The talks and articles stay: close the gaps the person leaves in speaker lists and bylines.
        for (const role of speakerRoles) await closeSpeakerGap(tx, role.talkId, role.position);
        for (const { articleId, position } of authorships) {
          await tx.articleAuthor.updateMany({ where: { articleId, position: { gt: position } }, data: { position: { decrement: 1 } } });
        }
        return [
          cascade('Affiliation', await tx.affiliation.count({ where: { personId: id } })),
          cascade('Speaker', speakerRoles.length),
          cascade('Reaction', await tx.reaction.count({ where: { personId: id } })),
          cascade('Authorship', authorships.length),
        ];
      }),
  },
  deletePayload,
);

const affiliationRules = affiliationRecord.omit({ organisation: true });

builder.relayMutationField(
  'recordAffiliation',
  {
    inputFields: (t) => ({
      personId: t.globalID({ required: true }),
      organisationId: t.globalID({ required: true }),
      jobTitle: t.string(),
      startedOn: t.field({ type: 'Date' }),
      endedOn: t.field({ type: 'Date' }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    description:
      'Records a person’s role at an organisation: creates it, or updates the one they have there (fields left out keep their value, null clears).',
    resolve: async (_root, { input }) => {
      const { personId: personGlobalId, organisationId: organisationGlobalId, ...fields } = fieldsOf(input);
      const data = {
        ...checked(affiliationRules, { ...fields, startedOn: isoDay(fields.startedOn), endedOn: isoDay(fields.endedOn) }),
        startedOn: fields.startedOn,
        endedOn: fields.endedOn,
      };
      const personId = await existingId('Person', personGlobalId, 'personId');
      const organisationId = await existingId('Organisation', organisationGlobalId, 'organisationId');
      const role = { personId_organisationId: { personId, organisationId } };
      const stored = await prisma().affiliation.findUnique({ where: role, select: { startedOn: true, endedOn: true } });
      checkPeriod('startedOn', 'endedOn', fields, stored ?? undefined);
      await writing(() => prisma().affiliation.upsert({ where: role, create: { ...data, personId, organisationId }, update: data }));
      return { personId };
    },
  },
  { outputFields: changedPerson },
);

builder.relayMutationField(
  'removeAffiliation',
  {
    inputFields: (t) => ({
      personId: t.globalID({ required: true }),
      organisationId: t.globalID({ required: true }),
    }),
  },
  {
    authScopes: writeScopes,
    errors: { directResult: true },
    description: 'Removes a person’s role at an organisation. Reactions they made as its member keep the organisation.',
    resolve: async (_root, { input }) => {
      const personId = await existingId('Person', input.personId, 'personId');
      const organisationId = await existingId('Organisation', input.organisationId, 'organisationId');
      const removed = await writing(() => prisma().affiliation.deleteMany({ where: { personId, organisationId } }));
      if (removed.count === 0) throw new NotFoundError('input.organisationId: the person has no role at this organisation.', 'input.organisationId');
      return { personId };
    },
  },
  { outputFields: changedPerson },
);
