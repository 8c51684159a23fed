// People: the Person node, their roles at organisations, the talks they gave, their reactions and
// the articles they wrote.
import { builder } from '../builder.js';
import { reactionConnection } from './facets.js';
import { affiliationRecord, personRecord } from '../dataset/format.js';
import type { Sql } from '../db/sql.js';
import { NotFoundError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { bySlug, connection, countedEdges, list, rootConnection } from '../read/fields.js';
import type { Lookups } from '../read/lookups.js';
import type { PageArgs } from '../read/reader.js';
import { asc, byColumn, byCount, col, containsWord, desc } from '../read/statements.js';
import {
  adminWrites,
  cascade,
  changed,
  checked,
  checkPeriod,
  committed,
  deleteNode,
  deletePayload,
  existingId,
  fieldsOf,
  isoDay,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from './mutation-support.js';
import { reactionListArgs, reactionsWhere } from './reactions.js';
import { ConferenceMatch, conferenceIds, conferencesSpokenAt, spokeAt, talksGiven } from './speaking.js';
import { type AffiliationRow, affiliations, people, type PersonRow, speakers, type SpeakerRow } from './tables.js';
import { closeSpeakerGap } from './talks/mutations.js';

export const Person = builder.node(builder.objectRef<PersonRow>('Person'), {
  id: { resolve: (person) => person.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    bio: t.exposeString('bio', { nullable: true }),
    links: t.exposeStringList('links'),
    affiliations: t.field({
      type: ['Affiliation'],
      description: 'The person’s roles at organisations.',
      ...list<AffiliationRow>({
        target: affiliations,
        parent: byColumn('personId'),
        orderBy: () => [desc('startedOn')],
      }),
    }),
    talks: t.connection({
      type: 'Speaker',
      description: 'The talks the person gave, each with the organisation they represented.',
      args: { conference: t.arg.string({ description: 'Slug of a conference, to list only its talks.' }) },
      ...connection<SpeakerRow, PageArgs & { conference?: string | null }>({
        target: speakers,
        parent: byColumn('personId'),
        where: (row, args, _parent, lookups) =>
          args.conference
            ? Prisma.sql`${col(row, 'talkId')} IN (SELECT "id" FROM "Talk" WHERE "conferenceId" = ${lookups.id('Conference', args.conference, 'conference')})`
            : undefined,
        orderBy: () => [desc((row) => Prisma.sql`(SELECT o."startsAt" FROM "Talk" o WHERE o."id" = ${col(row, 'talkId')})`, 'nulls last')],
      }),
    }),
    conferences: t.connection(
      {
        type: 'Conference',
        description: 'Conferences the person spoke at, latest first; each edge’s count is their talks there.',
        ...conferencesSpokenAt('personId'),
      },
      {},
      countedEdges,
    ),
    coSpeakers: t.connection(
      {
        type: 'Person',
        description: 'People who gave a talk together with this person, most shared talks first; each edge’s count is how many.',
        ...connection<PersonRow, PageArgs>({
          target: people,
          where: (row, _args, person) =>
            Prisma.sql`${col(row, 'id')} IN (SELECT b."personId" FROM "TalkSpeaker" a JOIN "TalkSpeaker" b ON b."talkId" = a."talkId"
              WHERE a."personId" = ${person} AND b."personId" <> ${person})`,
          orderBy: () => [
            byCount((row, person) =>
              Prisma.sql`(SELECT count(*) FROM "TalkSpeaker" a JOIN "TalkSpeaker" b ON b."talkId" = a."talkId" WHERE a."personId" = ${person} AND b."personId" = ${col(row, 'id')})`,
            ),
            asc('name'),
          ],
        }),
      },
      {},
      countedEdges,
    ),
    reactions: t.connection({
      type: 'Reaction',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(byColumn('personId'))),
    }, reactionConnection),
  }),
});

export const PersonOrder = builder.enumType('PersonOrder', {
  values: {
    NAME: { description: 'Alphabetically by name.' },
    MOST_TALKS: { description: 'Most talks first, at the conferences of spokeAt when given; each edge’s count is that number.' },
  } as const,
});

type PersonListArgs = {
  search?: string | null;
  organisation?: string | null;
  spokeAt?: string[] | null;
  spokeAtMatch?: 'ALL' | 'ANY' | null;
  orderBy?: typeof PersonOrder.$inferType | null;
};

function personConditions(args: PersonListArgs, row: Sql, lookups: Lookups): Sql | undefined {
  const and: Sql[] = [];
  const id = col(row, 'id');
  if (args.search) and.push(containsWord([col(row, 'name')], args.search));
  if (args.organisation) {
    and.push(Prisma.sql`${id} IN (SELECT "personId" FROM "Affiliation" WHERE "organisationId" = ${lookups.id('Organisation', args.organisation, 'organisation')})`);
  }
  if (args.spokeAt) and.push(spokeAt(row, 'personId', conferenceIds(args.spokeAt, lookups, 'spokeAt'), args.spokeAtMatch ?? 'ALL'));
  return and.length ? Prisma.join(and, ' AND ') : undefined;
}

builder.queryFields((t) => ({
  person: t.field({
    type: Person,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    ...bySlug(people),
  }),
  people: t.connection(
    {
      type: Person,
      args: {
        search: t.arg.string({ description: 'Part of the name (case-insensitive).' }),
        organisation: t.arg.string({ description: 'Slug of an organisation the person has a role at.' }),
        spokeAt: t.arg.stringList({ description: 'Conference slugs: people who spoke at every one of them (or any, with spokeAtMatch: ANY).' }),
        spokeAtMatch: t.arg({ type: ConferenceMatch, defaultValue: 'ALL' }),
        orderBy: t.arg({ type: PersonOrder }),
      },
      ...rootConnection<PersonRow, PersonListArgs & PageArgs>({
        target: people,
        where: (row, args, _parent, lookups) => personConditions(args, row, lookups),
        orderBy: (args, lookups) =>
          args.orderBy === 'MOST_TALKS'
            ? [byCount(talksGiven('personId', args.spokeAt ? conferenceIds(args.spokeAt, lookups, 'spokeAt') : undefined)), asc('name')]
            : [asc('name')],
      }),
    },
    {},
    countedEdges,
  ),
}));

// Mutations ---------------------------------------------------------------------------------------

const personRules = personRecord.omit({ affiliations: true, identifiers: true, aliases: true }).partial();

/** The person a write changed, read back with the caller's selection. */
const changedPerson = changed('person', Person, people, 'personId');

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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const data = checked(personRules, { ...fieldsOf(input), slug: slugOrFrom(input.slug, input.name) });
      const created = await committed(
        prisma,
        (tx) => tx.person.create({ data: { ...data, slug: data.slug!, name: data.name! }, select: { id: true } }),
        ({ id }) => [row('Person', 'CREATED', id)],
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
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { id: globalId, ...fields } = fieldsOf(input);
      const data = checked(personRules, {
        ...fields,
        name: notNull(fields.name, 'name'),
        slug: notNull(fields.slug, 'slug'),
        links: notNull(fields.links, 'links'),
      });
      const id = await existingId(prisma, 'Person', globalId, 'id');
      await committed(prisma, (tx) => tx.person.update({ where: { id }, data, select: { id: true } }), () => [row('Person', 'UPDATED', id)]);
      return { personId: id };
    },
  },
  { outputFields: changedPerson },
);

builder.relayMutationField(
  'deletePerson',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    description: 'Deletes a person with their roles, speaker roles, reactions and authorships; the talks and articles stay.',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Person', input.id, async (tx, id) => {
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
    ...writes,
    description:
      'Records a person’s role at an organisation: creates it, or updates the one they have there (fields left out keep their value, null clears).',
    resolve: async (_root, { input }, { prisma }) => {
      const { personId: personGlobalId, organisationId: organisationGlobalId, ...fields } = fieldsOf(input);
      const data = {
        ...checked(affiliationRules, { ...fields, startedOn: isoDay(fields.startedOn), endedOn: isoDay(fields.endedOn) }),
        startedOn: fields.startedOn,
        endedOn: fields.endedOn,
      };
      const personId = await existingId(prisma, 'Person', personGlobalId, 'personId');
      const organisationId = await existingId(prisma, 'Organisation', organisationGlobalId, 'organisationId');
      const role = { personId_organisationId: { personId, organisationId } };
      const stored = await prisma.affiliation.findUnique({ where: role, select: { startedOn: true, endedOn: true } });
      checkPeriod('startedOn', 'endedOn', fields, stored ?? undefined);
      await committed(
        prisma,
        (tx) => tx.affiliation.upsert({ where: role, create: { ...data, personId, organisationId }, update: data, select: { id: true } }),
        () => [row('Person', 'UPDATED', personId), row('Organisation', 'UPDATED', organisationId)],
      );
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
    ...writes,
    description: 'Removes a person’s role at an organisation. Reactions they made as its member keep the organisation.',
    resolve: async (_root, { input }, { prisma }) => {
      const personId = await existingId(prisma, 'Person', input.personId, 'personId');
      const organisationId = await existingId(prisma, 'Organisation', input.organisationId, 'organisationId');
      await committed(
        prisma,
        async (tx) => {
          const removed = await tx.affiliation.deleteMany({ where: { personId, organisationId } });
          if (removed.count === 0) throw new NotFoundError('input.organisationId: the person has no role at this organisation.', 'input.organisationId');
        },
        () => [row('Person', 'UPDATED', personId), row('Organisation', 'UPDATED', organisationId)],
      );
      return { personId };
    },
  },
  { outputFields: changedPerson },
);
