// Identity: the identifiers and aliases of people and organisations, finding a node by an
// identifier, the merge of two people or two organisations, and the list of likely duplicates to
// review before merging (src/db/identity.ts writes, src/read/duplicates.ts reads).
import { builder } from '../builder.js';
import { identifierSchemes, normaliseIdentifier } from '../dataset/identity.js';
import { type MergeResult, mergeOrganisations, mergePeople } from '../db/identity.js';
import { writeTransaction } from '../db/write-transaction.js';
import { LimitExceededError } from '../errors.js';
import { fromColumns, list } from '../read/fields.js';
import { table } from '../read/plan.js';
import { type DuplicateRow, duplicatesStatement } from '../read/duplicates.js';
import { identifiedBy } from '../read/people.js';
import { byColumn, asc } from '../read/statements.js';
import { Organisation } from './organisations.js';
import { adminWrites, changed } from './mutation-support.js';
import { Person } from './people.js';
import { organisations, people } from './tables.js';

interface IdentifierRow {
  id: number;
  scheme: (typeof identifierSchemes)[number];
  value: string;
}
interface AliasRow {
  id: number;
  slug: string;
  name: string;
}
const personIdentifiers = table<IdentifierRow>('PersonIdentifier', 'Identifier');
const organisationIdentifiers = table<IdentifierRow>('OrganisationIdentifier', 'Identifier');
const personAliases = table<AliasRow>('PersonAlias', 'Alias');
const organisationAliases = table<AliasRow>('OrganisationAlias', 'Alias');

export const IdentifierSchemeEnum = builder.enumType('IdentifierScheme', {
  description: 'A register that identifies people and organisations independently of their names.',
  values: Object.fromEntries(identifierSchemes.map((scheme) => [scheme, { value: scheme }])) as Record<(typeof identifierSchemes)[number], { value: (typeof identifierSchemes)[number] }>,
});

const Identifier = builder.objectRef<IdentifierRow>('Identifier').implement({
  description: 'An identifier a register gives a person or organisation (a GitHub login, a Sessionize speaker id); imports match on it before names.',
  fields: (t) => ({
    scheme: t.field({ type: IdentifierSchemeEnum, ...fromColumns('scheme'), resolve: (row) => row.scheme }),
    value: t.exposeString('value'),
  }),
});

const Alias = builder.objectRef<AliasRow>('Alias').implement({
  description: 'Another name of a person or organisation, kept when two were merged: imports that meet the name (or its slug) again find this node.',
  fields: (t) => ({ slug: t.exposeString('slug'), name: t.exposeString('name') }),
});

const IdentifierInput = builder.inputType('IdentifierInput', {
  fields: (t) => ({
    scheme: t.field({ type: IdentifierSchemeEnum, required: true }),
    value: t.string({ required: true }),
  }),
});

builder.objectFields(Person, (t) => ({
  identifiers: t.field({
    type: [Identifier],
    description: 'Identifiers of the person in registers and in the programmes they were imported from.',
    ...list<IdentifierRow>({ target: personIdentifiers, parent: byColumn('personId'), orderBy: () => [asc('scheme'), asc('value')] }),
  }),
  aliases: t.field({
    type: [Alias],
    description: 'Other names the person was known by, kept by merges.',
    ...list<AliasRow>({ target: personAliases, parent: byColumn('personId'), orderBy: () => [asc('slug')] }),
  }),
}));

builder.objectFields(Organisation, (t) => ({
  identifiers: t.field({
    type: [Identifier],
    description: 'Identifiers of the organisation in registers (Wikidata, its website).',
    ...list<IdentifierRow>({ target: organisationIdentifiers, parent: byColumn('organisationId'), orderBy: () => [asc('scheme'), asc('value')] }),
  }),
  aliases: t.field({
    type: [Alias],
    description: 'Other names the organisation was known by, kept by merges.',
    ...list<AliasRow>({ target: organisationAliases, parent: byColumn('organisationId'), orderBy: () => [asc('slug')] }),
  }),
}));

const DuplicateKindEnum = builder.enumType('DuplicateKind', {
  description: 'What duplicateCandidates compares.',
  values: { PERSON: { value: 'PERSON' as const }, ORGANISATION: { value: 'ORGANISATION' as const } },
});

interface Member {
  slug: string;
  name: string;
  talks: number;
}
const DuplicateMember = builder.objectRef<Member>('DuplicateMember').implement({
  description: 'One side of a duplicate candidate.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    talks: t.exposeInt('talks', { description: 'Speaker roles (people) or talks represented at (organisations): the busier one is usually the one to keep.' }),
  }),
});

const DuplicateCandidate = builder.objectRef<DuplicateRow>('DuplicateCandidate').implement({
  description: 'Two people, or two organisations, that may be one: review the evidence, then apply mergePeople or mergeOrganisations.',
  fields: (t) => ({
    first: t.field({ type: DuplicateMember, resolve: (row) => ({ slug: row.firstSlug, name: row.firstName, talks: row.firstTalks }) }),
    second: t.field({ type: DuplicateMember, resolve: (row) => ({ slug: row.secondSlug, name: row.secondName, talks: row.secondTalks }) }),
    similarity: t.exposeFloat('similarity', { description: 'Trigram similarity of the two names, 0 to 1.' }),
    sharedTalks: t.exposeInt('sharedTalks', { description: 'Talks both are on (people: as speakers; organisations: represented by a speaker).' }),
    sharedConferences: t.exposeInt('sharedConferences', { description: 'Conferences both spoke at (or were represented at).' }),
    sharedOrganisations: t.exposeInt('sharedOrganisations', { description: 'People: organisations both have a role at or spoke for.' }),
    sharedPeople: t.exposeInt('sharedPeople', { description: 'Organisations: people with a role at, or who spoke for, both.' }),
    score: t.exposeFloat('score', { description: 'What the list is ordered by: the similarity plus weights for what they share.' }),
  }),
});

const MAX_CANDIDATES = 500;

builder.queryFields((t) => ({
  personByIdentifier: t.field({
    type: Person,
    nullable: true,
    description: 'The person an identifier belongs to (a GitHub login is compared without case).',
    args: { identifier: t.arg({ type: IdentifierInput, required: true }) },
    resolve: (_root, { identifier }, context, info) => {
      const { scheme, value } = normaliseIdentifier(identifier);
      return context.read.find(people, info, identifiedBy('Person', scheme, value));
    },
  }),
  organisationByIdentifier: t.field({
    type: Organisation,
    nullable: true,
    description: 'The organisation an identifier belongs to.',
    args: { identifier: t.arg({ type: IdentifierInput, required: true }) },
    resolve: (_root, { identifier }, context, info) => {
      const { scheme, value } = normaliseIdentifier(identifier);
      return context.read.find(organisations, info, identifiedBy('Organisation', scheme, value));
    },
  }),
  duplicateCandidates: t.field({
    type: [DuplicateCandidate],
    authScopes: { admin: true },
    description: 'Likely duplicate people or organisations (similar names, with what they share), best first, for review before a merge. Needs an admin token.',
    args: {
      kind: t.arg({ type: DuplicateKindEnum, required: true }),
      first: t.arg.int({ defaultValue: 50, description: `At most ${MAX_CANDIDATES}.` }),
    },
    resolve: (_root, args, context) => {
      const first = args.first ?? 50;
      if (first < 1 || first > MAX_CANDIDATES) throw new LimitExceededError(`first: ask for 1 to ${MAX_CANDIDATES} candidates (got ${first}).`, 'first');
      return context.read.query<DuplicateRow>(duplicatesStatement(args.kind, first));
    },
  }),
}));

const mergeOutput =
  <Name extends 'person' | 'organisation'>(name: Name) =>
  (t: Parameters<ReturnType<typeof changed>>[0]) => ({
    ...(name === 'person' ? changed('person', Person, people, 'keptId')(t as never) : changed('organisation', Organisation, organisations, 'keptId')(t as never)),
    alias: t.string({ description: 'The removed slug, now an alias of the kept node.', resolve: (result) => (result as unknown as MergeResult).removedSlug }),
    moved: t.int({ description: 'Edges (talks, reactions, roles, authorships, articles) moved to the kept node.', resolve: (result) => (result as unknown as MergeResult).moved }),
    duplicatesDropped: t.int({
      description: 'Edges the kept node already had, dropped instead of duplicated.',
      resolve: (result) => (result as unknown as MergeResult).duplicatesDropped,
    }),
  });

for (const [field, kind, merge] of [
  ['mergePeople', 'person', mergePeople],
  ['mergeOrganisations', 'organisation', mergeOrganisations],
] as const) {
  builder.relayMutationField(
    field,
    {
      inputFields: (t) => ({
        keep: t.string({ required: true, description: `Slug of the ${kind} that stays.` }),
        remove: t.string({ required: true, description: `Slug of the ${kind} merged into it; its name and slug become an alias.` }),
      }),
    },
    {
      ...adminWrites,
      description: `Merges two ${kind === 'person' ? 'people' : 'organisations'} in one transaction: every edge moves to the kept one (one of each where both had it), and re-imports that meet the removed name find the kept one.`,
      resolve: (_root, { input }, { prisma }) => writeTransaction(prisma, (db) => merge(db, input.keep, input.remove)),
    },
    { outputFields: mergeOutput(kind) as never },
  );
}
