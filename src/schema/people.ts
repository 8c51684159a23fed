// People: the Person node, their roles at organisations, the talks they gave, their reactions and
// the articles they wrote.
import { builder, encodeGlobalId } from '../builder.js';
import { reactionConnection } from './facets.js';
import { affiliationRecord, personRecord } from '../dataset/format.js';
import type { Sql } from '../db/sql.js';
import { apiSource, canonicalSources, restated } from '../dataset/sources.js';
import { ConflictError, InvalidIdError, NotFoundError } from '../errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { bySlug, connection, countedEdges, list, rootConnection } from '../read/fields.js';
import { rolesAsOf } from '../read/organisations.js';
import { coSpeakers, latestTalkFirst, type PersonListFilter, personListFilter, talksAtConference } from '../read/people.js';
import type { PageArgs } from '../read/reader.js';
import { asc, byColumn, byCount, desc } from '../read/statements.js';
import {
  adminWrites,
  cascade,
  changed,
  checked,
  checkPeriod,
  committed,
  type Db,
  deleteNode,
  deletePayload,
  existingId,
  fieldsOf,
  type InputFieldBuilder,
  isoDay,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from './mutation-support.js';
import { Affiliation, type AsOfArgs } from './organisations.js';
import { reactionListArgs, reactionsWhere } from './reactions.js';
import { conferenceIds, talksGiven } from '../read/speaking.js';
import { ConferenceMatch, conferencesSpokenAt } from './speaking.js';
import { type AffiliationRow, affiliations, people, type PersonRow, speakers, type SpeakerRow } from './tables.js';
import { closeSpeakerGap } from './talks/mutations.js';

export const Person = builder.node(builder.objectRef<PersonRow>('Person'), {
  id: { resolve: (person) => person.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    bio: t.exposeString('bio', { nullable: true }),
    links: t.exposeStringList('links'),
    roles: t.field({
      type: ['Affiliation'],
      description:
        'The person’s roles at organisations, latest start first (roles without a start first), each with its sources. With asOf, the roles held on that day: a start or end that is not known does not bound a role, so a role without dates counts as held on any day (as current, and for past days too), one with only an end until that day, one with only a start from that day on. Both ends are days of the role.',
      args: { asOf: t.arg({ type: 'Date', description: 'Only roles held on this day.' }) },
      ...list<AffiliationRow, AsOfArgs>(personRoles),
    }),
    affiliations: t.field({
      type: ['Affiliation'],
      description: 'The person’s roles at organisations: the same list as roles.',
      args: { asOf: t.arg({ type: 'Date', description: 'Only roles held on this day (see roles).' }) },
      ...list<AffiliationRow, AsOfArgs>(personRoles),
    }),
    talks: t.connection({
      type: 'Speaker',
      description: 'The talks the person gave, each with the organisation they represented.',
      args: { conference: t.arg.string({ description: 'Slug of a conference, to list only its talks.' }) },
      ...connection<SpeakerRow, PageArgs & { conference?: string | null }>({
        target: speakers,
        parent: byColumn('personId'),
        where: (row, args, _parent, lookups) => talksAtConference(args.conference ? lookups.id('Conference', args.conference, 'conference') : undefined)?.(row),
        orderBy: latestTalkFirst,
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
          where: (row, _args, person) => coSpeakers.where(row, person),
          orderBy: coSpeakers.orderBy,
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

/** A person's roles, in Person.roles and Person.affiliations. */
const personRoles = {
  target: affiliations,
  parent: byColumn('personId'),
  where: (row: Sql, args: AsOfArgs) => rolesAsOf(row, args),
  orderBy: () => [desc('startedOn'), asc('organisationId')],
};

export const PersonOrder = builder.enumType('PersonOrder', {
  values: {
    NAME: { description: 'Alphabetically by name.' },
    MOST_TALKS: { description: 'Most talks first, at the conferences of spokeAt when given; each edge’s count is that number.' },
  } as const,
});

type PersonListArgs = PersonListFilter & { orderBy?: typeof PersonOrder.$inferType | null };

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
        where: (row, args, _parent, lookups) => personListFilter(args, lookups)?.(row),
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

const roleRules = affiliationRecord.omit({ organisation: true, sources: true });

/** The person and the role a role write changed, read back with the caller's selection. */
const changedRole = (t: PayloadFieldBuilder<{ personId: number; roleId: number }>) => ({
  ...changedPerson(t),
  ...changed('role', Affiliation, affiliations, 'roleId', 'The role as written.')(t),
});

type RoleFields = { jobTitle?: string | null; startedOn?: Date | null; endedOn?: Date | null };

/** A role's fields from a mutation's input, checked by the dataset's rules; undefined leaves a field as it is. */
function roleData(fields: RoleFields, stored?: { startedOn: Date | null; endedOn: Date | null }) {
  checked(roleRules, { ...fields, startedOn: isoDay(fields.startedOn), endedOn: isoDay(fields.endedOn) });
  checkPeriod('startedOn', 'endedOn', fields, stored);
  return { jobTitle: fields.jobTitle, startedOn: fields.startedOn, endedOn: fields.endedOn };
}

const roleInputFields = (t: InputFieldBuilder) => ({
  jobTitle: t.string(),
  startedOn: t.field({ type: 'Date', description: 'The first day of the role; null or left out when unknown.' }),
  endedOn: t.field({ type: 'Date', description: 'The last day of the role; null or left out while it lasts or when unknown.' }),
});

/** Creates a role with the API as its source, in the transaction `tx`. */
/** A role written in one transaction, and announced as a change of the person once committed. */
function roleWrite<T extends { personId: number }>(prisma: PrismaClient, write: (tx: Db) => Promise<T>): Promise<T> {
  return committed(prisma, write, (result) => [row('Person', 'UPDATED', result.personId)]);
}

async function createRole(tx: Db, personId: number, organisationId: number, fields: RoleFields, tokenName: string | null) {
  const data = roleData(fields);
  const created = await tx.affiliation.create({
    data: { ...data, personId, organisationId, sources: [apiSource(tokenName)] },
    select: { id: true },
  });
  return { personId, roleId: created.id };
}

/** Updates a role (fields left out keep their value), restating the API as its latest source. */
async function updateRole(tx: Db, id: number, fields: RoleFields, tokenName: string | null, field = 'id') {
  const stored = await tx.affiliation.findUnique({ where: { id }, select: { personId: true, startedOn: true, endedOn: true, sources: true } });
  if (!stored) throw new NotFoundError(`input.${field}: no role with this ID.`, `input.${field}`);
  const data = roleData(fields, stored);
  await tx.affiliation.update({ where: { id }, data: { ...data, sources: restated(canonicalSources(stored.sources), apiSource(tokenName)) } });
  return { personId: stored.personId, roleId: id };
}

/**
 * A role's database id from its ID (Affiliation.id, the role's node ID). The input is a plain ID,
 * so it is decoded here, with a message that names roles when it is another node's ID.
 */
function roleIdOf(value: string | number): number {
  const text = String(value);
  const [typename, id] = Buffer.from(text, 'base64url').toString('utf8').split(':');
  if (typename !== 'Affiliation' || !/^[1-9]\d{0,9}$/.test(id ?? '') || Number(id) > 2 ** 31 - 1 || encodeGlobalId(typename, id) !== text) {
    throw new InvalidIdError(`input.id: "${text}" is not the ID of a role; use the id field of an Affiliation (Person.roles { id }).`, 'input.id');
  }
  return Number(id);
}

builder.relayMutationField(
  'recordRole',
  {
    inputFields: (t) => ({
      personId: t.globalID({ required: true }),
      organisationId: t.globalID({ required: true }),
      ...roleInputFields(t),
    }),
  },
  {
    ...writes,
    description:
      'Records a new role of a person at an organisation, beside any they have there (a new job title, a return after leaving). Its source is this API token. Change an existing role with updateRole.',
    resolve: async (_root, { input }, { prisma, viewer }) => {
      const { personId: personGlobalId, organisationId: organisationGlobalId, ...fields } = fieldsOf(input);
      roleData(fields);
      const personId = await existingId(prisma, 'Person', personGlobalId, 'personId');
      const organisationId = await existingId(prisma, 'Organisation', organisationGlobalId, 'organisationId');
      return roleWrite(prisma, (tx) => createRole(tx, personId, organisationId, fields, viewer.tokenName));
    },
  },
  { outputFields: changedRole },
);

builder.relayMutationField(
  'updateRole',
  {
    inputFields: (t) => ({
      id: t.id({ required: true, description: 'The role’s ID (Affiliation.id).' }),
      ...roleInputFields(t),
    }),
  },
  {
    ...writes,
    description: 'Changes a role: fields left out keep their value, null clears. This API token becomes its latest source.',
    resolve: async (_root, { input }, { prisma, viewer }) => {
      const { id: roleGlobalId, ...fields } = fieldsOf(input);
      const id = roleIdOf(roleGlobalId);
      return roleWrite(prisma, (tx) => updateRole(tx, id, fields, viewer.tokenName));
    },
  },
  { outputFields: changedRole },
);

builder.relayMutationField(
  'removeRole',
  { inputFields: (t) => ({ id: t.id({ required: true, description: 'The role’s ID (Affiliation.id).' }) }) },
  {
    ...writes,
    description: 'Removes one role. Reactions the person made keep the organisation the article recorded.',
    resolve: async (_root, { input }, { prisma }) => {
      const id = roleIdOf(input.id);
      return roleWrite(prisma, async (tx) => {
          const role = await tx.affiliation.findUnique({ where: { id }, select: { personId: true } });
          if (!role) throw new NotFoundError('input.id: no role with this ID.', 'input.id');
          await tx.affiliation.delete({ where: { id } });
          return { personId: role.personId };
      });
    },
  },
  { outputFields: changedPerson },
);

builder.relayMutationField(
  'recordAffiliation',
  {
    inputFields: (t) => ({
      personId: t.globalID({ required: true }),
      organisationId: t.globalID({ required: true }),
      ...roleInputFields(t),
    }),
  },
  {
    ...writes,
    deprecationReason: 'A person may hold several roles at one organisation: use recordRole to add one, updateRole to change one.',
    description:
      'Records a person’s role at an organisation as before roles had history: creates it when they have none there, updates it (fields left out keep their value, null clears) when they have one, and refuses with CONFLICT when they have several.',
    resolve: async (_root, { input }, { prisma, viewer }) => {
      const { personId: personGlobalId, organisationId: organisationGlobalId, ...fields } = fieldsOf(input);
      roleData(fields);
      const personId = await existingId(prisma, 'Person', personGlobalId, 'personId');
      const organisationId = await existingId(prisma, 'Organisation', organisationGlobalId, 'organisationId');
      return roleWrite(prisma, async (tx) => {
        const roles = await tx.affiliation.findMany({ where: { personId, organisationId }, select: { id: true }, take: 2 });
        if (roles.length === 0) return createRole(tx, personId, organisationId, fields, viewer.tokenName);
        if (roles.length === 1) return updateRole(tx, roles[0].id, fields, viewer.tokenName, 'organisationId');
        throw new ConflictError(
          'input.organisationId: the person has several roles at this organisation; add one with recordRole, or change one with updateRole and its ID (Person.roles { id }).',
          'input.organisationId',
        );
      });
    },
  },
  { outputFields: changedRole },
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
    description:
      'Removes every role a person has at an organisation (removeRole removes one). Reactions they made as its member keep the organisation.',
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
