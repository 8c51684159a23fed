// Roles over time and provenance: several roles per person and organisation with dates, the roles
// held on a day, which reactions count for an organisation (a role held on the talk's day, or the
// organisation the article recorded), the role mutations, and the sources of roles and speakers'
// organisations from schedules, articles, datasets and API tokens, and that a second role at an
// organisation where a person already works changes no answer derived from roles, on both databases.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../src/auth.js';
import type { DatasetInput } from '../src/dataset/format.js';
import { exportDataset } from '../src/db/export-dataset.js';
import { importSchedule } from '../src/db/import.js';
import { type LoadSummary, loadDataset } from '../src/db/load-dataset.js';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, mutate, mutationError } from './helpers/graphql.js';

const writer = 'writer-secret-0123456789';
const tokens: ApiToken[] = [{ name: 'editor', scopes: ['write'], secret: writer }];

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');
const changes = (summary: LoadSummary) => Object.values(summary).reduce((n, c) => n + c.created + c.updated + c.removed, 0);

/**
 * One conference on 2022-06-01 and a recap published 2023-03-01. Everyone reacts to the dated
 * talk except Carol, whose talk has no date (so her role is judged on the article's day):
 * - Alice: Acme engineer 2019-2021, Acme team lead from 2022 (open-ended), Globex adviser (undated);
 * - Bob: Acme 2015-2018, back at Acme from 2023; the article recorded him as reacting for Globex;
 * - Carol: Acme from 2023-01-01 (only a start);
 * - Dave: Acme until 2022-06-01, the talk's day (only an end, which is a day of the role);
 * - Eve: Acme until 2022-05-31, the day before.
 */
const scenario: DatasetInput = {
  format: 'talkgraph',
  version: 1,
  organisations: [
    { slug: 'acme', name: 'Acme' },
    { slug: 'globex', name: 'Globex' },
  ],
  people: [
    {
      slug: 'alice',
      name: 'Alice',
      affiliations: [
        { organisation: 'acme', jobTitle: 'Engineer', startedOn: '2019-01-01', endedOn: '2021-12-31' },
        { organisation: 'acme', jobTitle: 'Team Lead', startedOn: '2022-01-01' },
        { organisation: 'globex', jobTitle: 'Adviser' },
      ],
    },
    {
      slug: 'bob',
      name: 'Bob',
      affiliations: [
        { organisation: 'acme', jobTitle: 'Engineer', startedOn: '2015-03-01', endedOn: '2018-12-31' },
        { organisation: 'acme', jobTitle: 'Architect', startedOn: '2023-01-01' },
      ],
    },
    { slug: 'carol', name: 'Carol', affiliations: [{ organisation: 'acme', startedOn: '2023-01-01' }] },
    { slug: 'dave', name: 'Dave', affiliations: [{ organisation: 'acme', endedOn: '2022-06-01' }] },
    { slug: 'eve', name: 'Eve', affiliations: [{ organisation: 'acme', endedOn: '2022-05-31' }] },
  ],
  conferences: [
    {
      slug: 'roles-con-2022',
      name: 'Roles Con 2022',
      startsOn: '2022-06-01',
      endsOn: '2022-06-02',
      timeZone: 'Europe/Berlin',
      talks: [
        { slug: 'dated', title: 'A dated talk', startsAt: '2022-06-01T09:00:00+02:00', speakers: [{ person: 'alice', organisation: 'acme' }] },
        { slug: 'undated', title: 'An undated talk' },
      ],
    },
  ],
  articles: [
    {
      slug: 'roles-recap',
      title: 'Roles Con recap',
      publishedOn: '2023-03-01',
      reactions: [
        { person: 'alice', talk: 'roles-con-2022/dated', kind: 'HIGHLIGHT', summary: 'Liked it.' },
        { person: 'bob', talk: 'roles-con-2022/dated', kind: 'HIGHLIGHT', summary: 'Liked it too.', organisation: 'globex' },
        { person: 'carol', talk: 'roles-con-2022/undated', kind: 'MENTION', summary: 'Mentioned it.' },
        { person: 'dave', talk: 'roles-con-2022/dated', kind: 'TAKEAWAY', summary: 'Took notes.' },
        { person: 'eve', talk: 'roles-con-2022/dated', kind: 'CRITIQUE', summary: 'Disagreed.' },
      ],
    },
  ],
};

describe.each(databaseKinds)('roles over time on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    await loadDataset(db.prisma, scenario);
    app = createApp({ database: db, logging: false, tokens });
  });
  afterAll(() => db?.dispose());

  const reactorsFor = async (organisation: string, filter = '') => {
    const data = await execute(app, `query ($slug: String!) { organisation(slug: $slug) { reactions${filter} { nodes { person { slug } } } } }`, {
      variables: { slug: organisation },
    });
    return data.organisation.reactions.nodes.map((r: any) => r.person.slug).sort();
  };

  it('keeps several roles per person and organisation, and lists those held on a day', async () => {
    const data = await execute(
      app,
      `{ person(slug: "alice") {
           all: roles { jobTitle startedOn endedOn organisation { slug } }
           in2020: roles(asOf: "2020-05-05") { jobTitle }
           atTheTalk: roles(asOf: "2022-06-01") { jobTitle }
           affiliations { jobTitle }
         } }`,
    );
    expect(data.person.all).toEqual([
      { jobTitle: 'Adviser', startedOn: null, endedOn: null, organisation: { slug: 'globex' } },
      { jobTitle: 'Team Lead', startedOn: '2022-01-01', endedOn: null, organisation: { slug: 'acme' } },
      { jobTitle: 'Engineer', startedOn: '2019-01-01', endedOn: '2021-12-31', organisation: { slug: 'acme' } },
    ]);
    expect(data.person.in2020.map((r: any) => r.jobTitle)).toEqual(['Adviser', 'Engineer']);
    expect(data.person.atTheTalk.map((r: any) => r.jobTitle)).toEqual(['Adviser', 'Team Lead']);
    expect(data.person.affiliations).toHaveLength(3);
  });

  it('lists staff on a day: open-ended, start-only and end-only roles, the end day included', async () => {
    const staff = async (asOf?: string) => {
      const data = await execute(app, 'query ($asOf: Date) { organisation(slug: "acme") { staff(asOf: $asOf, first: 50) { totalCount nodes { person { slug } jobTitle } } } }', {
        variables: { asOf },
      });
      return data.organisation.staff;
    };
    expect((await staff()).totalCount).toBe(7);
    expect((await staff('2022-06-01')).nodes).toEqual([
      { person: { slug: 'alice' }, jobTitle: 'Team Lead' },
      { person: { slug: 'dave' }, jobTitle: null },
    ]);
    expect((await staff('2023-06-01')).nodes.map((n: any) => `${n.person.slug}:${n.jobTitle}`)).toEqual(['alice:Team Lead', 'bob:Architect', 'carol:null']);
    expect((await staff('2017-01-01')).nodes.map((n: any) => n.person.slug)).toEqual(['bob', 'dave', 'eve']);
  });

  it('counts a reaction for an organisation where the reactor held a role on the day of the talk, or that the article named', async () => {
    // Alice (team lead then), Dave (his last day), Carol (the article's day, her talk has none); not
    // Bob (between his two Acme roles) nor Eve (left the day before).
    expect(await reactorsFor('acme')).toEqual(['alice', 'carol', 'dave']);
    // Alice's undated Globex role counts too: she counts at both; Bob by the article's word.
    expect(await reactorsFor('globex')).toEqual(['alice', 'bob']);
    expect(await reactorsFor('acme', '(filter: { kinds: [HIGHLIGHT] })')).toEqual(['alice']);

    const root = await execute(
      app,
      `{ acme: reactions(filter: { organisation: "acme" }) { nodes { person { slug } } }
         notAcme: reactions(filter: { conference: "roles-con-2022", NOT: { organisation: "acme" } }) { nodes { person { slug } } }
         either: reactions(filter: { OR: [{ organisation: "acme" }, { organisation: "globex" }] }) { totalCount }
         talks(filter: { reactions: { some: { organisation: "globex" } } }) { nodes { slug } } }`,
    );
    expect(root.acme.nodes.map((n: any) => n.person.slug).sort()).toEqual(['alice', 'carol', 'dave']);
    expect(root.notAcme.nodes.map((n: any) => n.person.slug).sort()).toEqual(['bob', 'eve']);
    expect(root.either.totalCount).toBe(4);
    expect(root.talks.nodes.map((n: any) => n.slug)).toEqual(['dated']);

    // The stored organisation stays what the article said.
    const stored = await db.prisma.reaction.findMany({ where: { article: { slug: 'roles-recap' } }, select: { organisationId: true } });
    expect(stored.filter((r) => r.organisationId !== null)).toHaveLength(1);
  });

  it('keeps the seed’s headline answer: Max Kelsen staff without dates count for 2020', async () => {
    const data = await execute(app, '{ organisation(slug: "max-kelsen") { reactions(filter: { kinds: [HIGHLIGHT, DAY_HIGHLIGHT] }) { nodes { kind person { name } talk { title } } } } }');
    expect(data.organisation.reactions.nodes.map((n: any) => n.person.name)).toEqual(['Matthew Rose', 'Esmael Tahmasebi']);
  });

  it('loads the same dataset again without change, and exports several roles that import back the same', async () => {
    expect(changes(await loadDataset(db.prisma, scenario))).toBe(0);
    const exported = await exportDataset(db.prisma);
    const alice = exported.people.find((p) => p.slug === 'alice')!;
    expect(alice.affiliations!.map((a) => [a.organisation, a.jobTitle, a.startedOn, a.endedOn])).toEqual([
      ['acme', 'Engineer', '2019-01-01', '2021-12-31'],
      ['acme', 'Team Lead', '2022-01-01', null],
      ['globex', 'Adviser', null, null],
    ]);
    const copy = await createTestDatabase(kind);
    try {
      await loadDataset(copy.prisma, exported);
      expect(await exportDataset(copy.prisma)).toEqual(exported);
    } finally {
      await copy.dispose();
    }
  });
});

describe.each(databaseKinds)('sources of roles and speakers’ organisations on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false, tokens });
  });
  afterAll(() => db?.dispose());

  const rolesOf = async (slug: string) =>
    (
      await execute(app, 'query ($slug: String!) { person(slug: $slug) { roles { id jobTitle organisation { slug } sources { kind file record article { slug } evidence { text } recordedBy recordedAt } } } }', {
        variables: { slug },
      })
    ).person.roles;

  it('records the schedule file and talk of a role and of a speaker’s organisation, once however often it is imported', async () => {
    const ics = fixture('schedule.sched.ics');
    const first = await importSchedule(db.prisma, ics, { file: '/somewhere/demo-2027.ics' });
    expect(first.summary.affiliations.created).toBeGreaterThan(0);
    const roles = await rolesOf('rosa-lima');
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ jobTitle: 'Principal Engineer, Platform Team', sources: [{ kind: 'SCHEDULE', file: 'demo-2027.ics', record: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', article: null }] });
    expect(Date.parse(roles[0].sources[0].recordedAt)).toBeGreaterThan(Date.now() - 600_000);

    const again = await importSchedule(db.prisma, ics, { file: 'demo-2027.ics' });
    expect(changes(again.summary)).toBe(0);
    expect((await rolesOf('rosa-lima'))[0].sources).toEqual(roles[0].sources);

    // Another file saying the same role adds its own source to the same role.
    await importSchedule(db.prisma, ics, { file: 'demo-2027-mirror.ics' });
    const twice = await rolesOf('rosa-lima');
    expect(twice).toHaveLength(1);
    expect(twice[0].sources.map((s: any) => s.file)).toEqual(['demo-2027.ics', 'demo-2027-mirror.ics']);

    // Each talk's speaker row names its own record; the first file that said the organisation stays.
    const speakers = await execute(app, '{ person(slug: "rosa-lima") { talks { nodes { talk { externalId } organisationSource { kind file record } } } } }');
    expect(speakers.person.talks.nodes).toHaveLength(2);
    for (const node of speakers.person.talks.nodes) {
      expect(node.organisationSource).toEqual({ kind: 'SCHEDULE', file: 'demo-2027.ics', record: node.talk.externalId });
    }
  });

  it('adds a role, not a changed title, when a schedule gives another job title', async () => {
    const ics = fixture('schedule.sched.ics').replace('Rosa Lima\\, Principal Engineer', 'Rosa Lima\\, Distinguished Engineer');
    await importSchedule(db.prisma, ics, { file: 'demo-2028.ics' });
    const roles = await rolesOf('rosa-lima');
    expect(roles.map((r: any) => r.jobTitle).sort()).toEqual(['Distinguished Engineer, Platform Team', 'Principal Engineer, Platform Team']);
    expect(roles.find((r: any) => r.jobTitle.startsWith('Distinguished')).sources.map((s: any) => s.file)).toEqual(['demo-2028.ics']);
  });

  it('names the article and the words that state a seed role and a speaker’s organisation', async () => {
    const [role] = await rolesOf('matthew-rose');
    expect(role.sources).toEqual([
      expect.objectContaining({ kind: 'ARTICLE', file: null, article: { slug: 'max-kelsen-wraps-up-kubecon-day-four' }, evidence: [{ text: 'Max Kelsen Machine Learning Engineer, Matthew Rose' }] }),
    ]);
    const speakers = await execute(
      app,
      '{ talk(conference: "kubecon-cloudnativecon-europe-2020", slug: "advanced-persistence-threats-the-future-of-kubernetes-attacks") { speakers { organisation { slug } organisationSource { kind article { title } evidence { start end text } } } } }',
    );
    expect(speakers.talk.speakers.map((s: any) => [s.organisation.slug, s.organisationSource.kind, s.organisationSource.article.title, s.organisationSource.evidence[0].text])).toEqual([
      ['salesforce', 'ARTICLE', 'Max Kelsen Wraps Up KubeCon: Day Four', 'Ian Coldwater from Salesforce'],
      ['darkbit', 'ARTICLE', 'Max Kelsen Wraps Up KubeCon: Day Four', 'Brad Geesaman from Darkbit'],
    ]);
  });

  it('adds an article source to a role a dataset stated without one, and refuses an article that does not exist', async () => {
    const [before] = await rolesOf('ruby-nguyen');
    expect(before.sources.map((s: any) => s.kind)).toEqual(['DATASET']);
    const role = { organisation: 'max-kelsen', jobTitle: 'Marketing Coordinator' };
    await loadDataset(db.prisma, {
      format: 'talkgraph',
      version: 1,
      people: [{ slug: 'ruby-nguyen', name: 'Ruby Nguyen', affiliations: [{ ...role, sources: [{ kind: 'ARTICLE', article: 'max-kelsen-wraps-up-kubecon-day-four', evidence: [{ start: 0, end: 4, text: 'Ruby' }] }] }] }],
    });
    const [after] = await rolesOf('ruby-nguyen');
    expect(after.id).toBe(before.id);
    expect(after.sources.map((s: any) => [s.kind, s.article?.slug ?? null, s.evidence?.[0]?.text ?? null])).toEqual([
      ['DATASET', null, null],
      ['ARTICLE', 'max-kelsen-wraps-up-kubecon-day-four', 'Ruby'],
    ]);
    const error = await loadDataset(db.prisma, {
      format: 'talkgraph',
      version: 1,
      people: [{ slug: 'ruby-nguyen', name: 'Ruby Nguyen', affiliations: [{ ...role, sources: [{ kind: 'ARTICLE', article: 'no-such-article' }] }] }],
    }).catch((e) => e);
    expect({ code: error.code, field: error.field }).toEqual({ code: 'INVALID_INPUT', field: 'people[0].affiliations[0].sources[0].article' });
  });

  it('records a hand entry by its token; recordRole adds, updateRole changes, removeRole removes one role', async () => {
    const ids = await execute(app, '{ person(slug: "esmael-tahmasebi") { id } organisation(slug: "max-kelsen") { id } }');
    const input = { personId: ids.person.id, organisationId: ids.organisation.id };
    const added = await mutate(app, 'recordRole', { ...input, jobTitle: 'Platform Lead', startedOn: '2021-02-01' }, {
      token: writer,
      selection: '{ role { id jobTitle startedOn sources { kind recordedBy } } person { roles { jobTitle } } }',
    });
    expect(added.role).toMatchObject({ jobTitle: 'Platform Lead', startedOn: '2021-02-01', sources: [{ kind: 'API', recordedBy: 'editor' }] });
    // Roles without a start come first: they count as current.
    expect(added.person.roles.map((r: any) => r.jobTitle)).toEqual(['Cloud Engineer', 'Platform Lead']);

    const updated = await mutate(app, 'updateRole', { id: added.role.id, endedOn: '2023-01-31' }, { token: writer, selection: '{ role { jobTitle startedOn endedOn sources { kind recordedBy } } }' });
    expect(updated.role).toEqual({ jobTitle: 'Platform Lead', startedOn: '2021-02-01', endedOn: '2023-01-31', sources: [{ kind: 'API', recordedBy: 'editor' }] });
    const notARole = await mutationError(app, 'updateRole', { id: ids.person.id, jobTitle: 'x' }, { token: writer });
    expect({ code: notARole.code, field: notARole.field }).toEqual({ code: 'INVALID_ID', field: 'input.id' });
    const backwards = await mutationError(app, 'updateRole', { id: added.role.id, endedOn: '2020-01-01' }, { token: writer });
    expect({ code: backwards.code, field: backwards.field }).toEqual({ code: 'INVALID_INPUT', field: 'input.endedOn' });

    // Two roles there: the old one-role mutation cannot tell which to change.
    const ambiguous = await mutationError(app, 'recordAffiliation', { ...input, jobTitle: 'Someone' }, { token: writer });
    expect({ code: ambiguous.code, field: ambiguous.field }).toEqual({ code: 'CONFLICT', field: 'input.organisationId' });

    const removed = await mutate(app, 'removeRole', { id: added.role.id }, { token: writer, selection: '{ person { roles { jobTitle } } }' });
    expect(removed.person.roles.map((r: any) => r.jobTitle)).toEqual(['Cloud Engineer']);
    const gone = await mutationError(app, 'removeRole', { id: added.role.id }, { token: writer });
    expect(gone.code).toBe('NOT_FOUND');

    // With one role there, recordAffiliation updates it as it always did, and the token becomes a source.
    const old = await mutate(app, 'recordAffiliation', { ...input, jobTitle: 'Senior Cloud Engineer' }, { token: writer, selection: '{ role { jobTitle sources { kind recordedBy } } }' });
    expect(old.role.jobTitle).toBe('Senior Cloud Engineer');
    expect(old.role.sources.at(-1)).toEqual({ kind: 'API', recordedBy: 'editor' });
  });
});

describe.each(databaseKinds)('a second role at one organisation on %s PostgreSQL', (kind) => {
  const admin = 'admin-secret-0123456789';
  let db: TestDatabase;
  let app: App;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false, tokens: [...tokens, { name: 'admin', scopes: ['admin'], secret: admin }] });
    const found = await execute(
      app,
      `{ esmael: person(slug: "esmael-tahmasebi") { id } ruby: person(slug: "ruby-nguyen") { id } leo: person(slug: "leo-di-donato") { id }
         brad: person(slug: "brad-geesaman") { id } maxKelsen: organisation(slug: "max-kelsen") { id } sysdig: organisation(slug: "sysdig") { id }
         prow: talk(conference: "kubecon-cloudnativecon-europe-2020", slug: "going-beyond-ci-cd-with-prow") { id }
         apt: talk(conference: "kubecon-cloudnativecon-europe-2020", slug: "advanced-persistence-threats-the-future-of-kubernetes-attacks") { id } }`,
    );
    for (const [name, node] of Object.entries(found)) ids[name] = (node as { id: string }).id;
    // So that the seed's two talks share an organisation through roles: Brad Geesaman (who gave
    // the attacks talk) works at Sysdig, for whom Leo Di Donato gave the Prow talk. And a
    // look-alike of Esmael Tahmasebi at Max Kelsen, for the duplicate candidates.
    await mutate(app, 'recordRole', { personId: ids.brad, organisationId: ids.sysdig, jobTitle: 'Adviser' }, { token: writer });
    const maxKelsen = await db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'max-kelsen' } });
    await db.prisma.person.create({
      data: { slug: 'esmael-tahmasbi', name: 'Esmael Tahmasbi', affiliations: { create: { organisationId: maxKelsen.id, jobTitle: 'Cloud Engineer' } } },
    });
  });
  afterAll(() => db?.dispose());

  const path = 'outcome length totalCount paths { nodes { ... on Person { slug } ... on Organisation { slug } ... on Talk { slug } } edges { kind direction } }';
  const similar = 'similar { score talk { slug } sharedOrganisations { slug } sharedSpeakers { slug } sharedTopics { slug } }';
  // Every answer derived by joining people to organisations through their roles.
  const derived = `query ($esmael: ID!, $ruby: ID!, $leo: ID!, $brad: ID!, $maxKelsen: ID!, $sysdig: ID!, $prow: ID!, $apt: ID!) {
    toOrganisation: paths(from: $esmael, to: $maxKelsen) { ${path} }
    colleagues: paths(from: $esmael, to: $ruby) { ${path} }
    speakers: paths(from: $leo, to: $brad) { ${path} }
    staffReaction: paths(from: $maxKelsen, to: $apt) { ${path} }
    staffTalk: paths(from: $sysdig, to: $apt) { ${path} }
    prow: node(id: $prow) { ... on Talk { ${similar} } }
    apt: node(id: $apt) { ... on Talk { ${similar} } }
    maxKelsen: organisation(slug: "max-kelsen") {
      reactions { totalCount nodes { kind person { slug } } facets { people { count person { slug } } } }
    }
    sysdig: organisation(slug: "sysdig") { reactions { totalCount } }
    reactions(filter: { organisation: "max-kelsen" }) { totalCount }
    talks(filter: { reactions: { some: { organisation: "max-kelsen" } } }) { totalCount nodes { slug } }
    maxKelsenPeople: people(organisation: "max-kelsen") { totalCount nodes { slug } }
    sysdigPeople: people(organisation: "sysdig") { totalCount nodes { slug } }
    duplicateCandidates(kind: PERSON) { first { slug } second { slug } sharedOrganisations score }
  }`;
  // The roles themselves, which do change: one row per role.
  const staff = '{ maxKelsen: organisation(slug: "max-kelsen") { staff { totalCount } } sysdig: organisation(slug: "sysdig") { staff { totalCount } } }';
  const read = () => execute(app, derived, { variables: ids, token: admin });
  const spelt = (found: any) =>
    found.paths.map((p: any) => p.nodes.map((n: any, i: number) => (p.edges[i] ? `${n.slug} ${p.edges[i].direction === 'FORWARD' ? `-${p.edges[i].kind}>` : `<${p.edges[i].kind}-`} ` : n.slug)).join(''));

  it('changes no count, path or reason when a person takes a second role where they already work', async () => {
    const before = await read();
    expect(spelt(before.toOrganisation)).toEqual(['esmael-tahmasebi -WORKS_AT> max-kelsen']);
    expect(before.toOrganisation.totalCount).toBe(1);
    expect(spelt(before.colleagues)).toEqual(['esmael-tahmasebi -WORKS_AT> max-kelsen <WORKS_AT- ruby-nguyen']);
    expect(before.colleagues.totalCount).toBe(1);
    expect(spelt(before.speakers)).toEqual(['leo-di-donato -WORKS_AT> sysdig <WORKS_AT- brad-geesaman']);
    expect(spelt(before.staffReaction)).toEqual(['max-kelsen <WORKS_AT- esmael-tahmasebi -REACTED_TO> advanced-persistence-threats-the-future-of-kubernetes-attacks']);
    expect(spelt(before.staffTalk)).toEqual(['sysdig <WORKS_AT- brad-geesaman -SPOKE_AT> advanced-persistence-threats-the-future-of-kubernetes-attacks']);
    expect(before.prow.similar).toEqual([
      expect.objectContaining({ talk: { slug: 'advanced-persistence-threats-the-future-of-kubernetes-attacks' }, sharedOrganisations: [{ slug: 'sysdig' }] }),
    ]);
    expect(before.apt.similar).toEqual([expect.objectContaining({ talk: { slug: 'going-beyond-ci-cd-with-prow' }, sharedOrganisations: [{ slug: 'sysdig' }] })]);
    expect(before.maxKelsen.reactions.totalCount).toBe(2);
    expect(before.maxKelsen.reactions.facets.people.map((p: any) => p.count)).toEqual([1, 1]);
    expect(before.reactions.totalCount).toBe(2);
    expect(before.maxKelsenPeople.totalCount).toBe(5);
    expect(before.sysdigPeople.nodes.map((p: any) => p.slug).sort()).toEqual(['brad-geesaman', 'leo-di-donato']);
    const lookAlike = before.duplicateCandidates.find((c: any) => [c.first.slug, c.second.slug].includes('esmael-tahmasbi'));
    expect(lookAlike).toMatchObject({ sharedOrganisations: 1 });
    const staffBefore = await execute(app, staff);

    // Esmael Tahmasebi became a senior engineer in 2020 (held on the day of the talk he reacted
    // to, like his undated first role); Leo Di Donato and Brad Geesaman take undated second roles.
    for (const [person, organisation, role] of [
      ['esmael', 'maxKelsen', { jobTitle: 'Senior Cloud Engineer', startedOn: '2020-01-01' }],
      ['leo', 'sysdig', { jobTitle: 'Team Lead' }],
      ['brad', 'sysdig', { jobTitle: 'Board Member' }],
    ] as const) {
      await mutate(app, 'recordRole', { personId: ids[person], organisationId: ids[organisation], ...role }, { token: writer });
    }
    const staffAfter = await execute(app, staff);
    expect(staffAfter.maxKelsen.staff.totalCount).toBe(staffBefore.maxKelsen.staff.totalCount + 1);
    expect(staffAfter.sysdig.staff.totalCount).toBe(staffBefore.sysdig.staff.totalCount + 2);

    expect(await read()).toEqual(before);
  });
});
