// Identity: organisations that differ only in spelling are one, identifiers find people before
// names and keep namesakes apart, merges keep every edge once and hold across re-imports, exports
// carry identifiers and aliases, and the duplicates report lists likely pairs with their evidence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiToken } from '../src/auth.js';
import type { DatasetInput } from '../src/dataset/format.js';
import { identifiersFromLinks, organisationMatchKey, provesDifferent } from '../src/dataset/identity.js';
import { exportDataset } from '../src/db/export-dataset.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { DatasetCollector } from '../src/importers/common.js';
import { parseSchedule } from '../src/importers/index.js';
import { createApp, type App } from '../src/yoga.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError, graphSnapshot, mutate, mutationError } from './helpers/graphql.js';

const admin = 'admin-secret-0123456789';
const tokens: ApiToken[] = [{ name: 'ops', scopes: ['admin'], secret: admin }];

const dataset = (fields: Omit<DatasetInput, 'format' | 'version'>): DatasetInput => ({ format: 'talkgraph', version: 1, ...fields });

describe('identity rules', () => {
  it('organisation names that differ only by spacing, case, punctuation or a legal suffix share a match key', () => {
    expect(organisationMatchKey('RedHat')).toBe(organisationMatchKey('Red Hat'));
    expect(organisationMatchKey('Red-Hat, Inc.')).toBe(organisationMatchKey('red hat'));
    expect(organisationMatchKey('Red Hat')).not.toBe(organisationMatchKey('Red Hot'));
  });

  it('reads GitHub, ORCID and Wikidata identifiers from links, and nothing from other links', () => {
    expect(
      identifiersFromLinks(['https://github.com/OctoCat', 'https://github.com/octocat/repo', 'https://orcid.org/0000-0002-1825-0097', 'https://www.wikidata.org/wiki/Q42', 'https://blog.example/me']),
    ).toEqual([
      { scheme: 'GITHUB', value: 'octocat' },
      { scheme: 'ORCID', value: '0000-0002-1825-0097' },
      { scheme: 'WIKIDATA', value: 'Q42' },
    ]);
  });

  it('a different per-edition schedule id proves nothing (one person may have several); a Sessionize id does', () => {
    expect(provesDifferent({ scheme: 'FRAB', value: 'fosdem-2024/1' }, { scheme: 'FRAB', value: 'fosdem-2024/2' })).toBe(false);
    expect(provesDifferent({ scheme: 'FRAB', value: 'fosdem-2024/1' }, { scheme: 'FRAB', value: 'fosdem-2025/2' })).toBe(false);
    expect(provesDifferent({ scheme: 'SESSIONIZE', value: 'a' }, { scheme: 'SESSIONIZE', value: 'b' })).toBe(true);
  });

  it('one file: "RedHat" is "Red Hat" (first spelling kept), and namesakes with different speaker ids are two people', () => {
    const collector = new DatasetCollector();
    expect(collector.organisation('Red Hat')).toBe('red-hat');
    expect(collector.organisation('RedHat')).toBe('red-hat');
    const first = collector.person('Jane Doe', undefined, undefined, [{ scheme: 'SESSIONIZE', value: 'aaa' }]);
    const second = collector.person('Jane Doe', undefined, undefined, [{ scheme: 'SESSIONIZE', value: 'bbb' }]);
    const again = collector.person('Jane Doe', undefined, undefined, [{ scheme: 'SESSIONIZE', value: 'bbb' }]);
    expect([first, second, again]).toEqual(['jane-doe', 'jane-doe-2', 'jane-doe-2']);
    const data = collector.dataset();
    expect(data.organisations).toEqual([{ slug: 'red-hat', name: 'Red Hat', kind: undefined }].map(({ kind: _, ...o }) => o));
    expect(data.people!.map((p) => [p.slug, p.identifiers])).toEqual([
      ['jane-doe', [{ scheme: 'SESSIONIZE', value: 'aaa' }]],
      ['jane-doe-2', [{ scheme: 'SESSIONIZE', value: 'bbb' }]],
    ]);
  });

  it('Sessionize speakers carry their speaker id and the GitHub login of their links', () => {
    const content = JSON.stringify({
      sessions: [{ id: '1', title: 'Talk', speakers: ['3f2c'], startsAt: '2025-06-01T10:00:00', endsAt: '2025-06-01T10:30:00', categoryItems: [], questionAnswers: [] }],
      speakers: [{ id: '3f2c', firstName: 'Ada', lastName: 'Byron', fullName: 'Ada Byron', links: [{ title: 'GitHub', url: 'https://github.com/AdaB', linkType: 'Other' }], questionAnswers: [] }],
      categories: [],
      rooms: [],
      questions: [],
    });
    const { dataset: parsed } = parseSchedule(content, { file: 'ddd.json', conference: 'Test Conf 2025', timeZone: 'UTC' });
    expect(parsed.people.map((p) => p.identifiers)).toEqual([
      [
        { scheme: 'SESSIONIZE', value: '3f2c' },
        { scheme: 'GITHUB', value: 'adab' },
      ],
    ]);
  });
});

describe.each(databaseKinds)('identity on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    app = createApp({ database: db, logging: false, tokens });
  });
  afterEach(() => db?.dispose());

  const organisationSlugs = async () => (await db.prisma.organisation.findMany({ orderBy: { slug: 'asc' } })).map((o) => [o.slug, o.name]);
  const personSlugs = async () => (await db.prisma.person.findMany({ orderBy: { slug: 'asc' } })).map((p) => [p.slug, p.name]);
  const talk = (slug: string, speakers: Array<{ person: string; organisation?: string }>) => ({ slug, title: slug, speakers });

  it('an organisation spelt "RedHat" in a later file is the stored "Red Hat", which keeps its name', async () => {
    await loadDataset(db.prisma, dataset({ organisations: [{ slug: 'red-hat', name: 'Red Hat' }] }));
    await loadDataset(
      db.prisma,
      dataset({
        organisations: [{ slug: 'redhat', name: 'RedHat' }],
        people: [{ slug: 'ann', name: 'Ann', affiliations: [{ organisation: 'redhat' }] }],
        conferences: [{ slug: 'conf-2026', name: 'Conf 2026', talks: [talk('t1', [{ person: 'ann', organisation: 'redhat' }])] }],
      }),
    );
    expect(await organisationSlugs()).toEqual([['red-hat', 'Red Hat']]);
    const answer = await execute(app, '{ organisation(slug: "red-hat") { staff { edges { node { person { slug } } } } talks { edges { node { slug } } } } }');
    expect(answer.organisation.staff.edges.map((e: any) => e.node.person.slug)).toEqual(['ann']);
    expect(answer.organisation.talks.edges.map((e: any) => e.node.slug)).toEqual(['t1']);
  });

  it('identifiers find a renamed person, keep namesakes apart with a numbered slug, and answer personByIdentifier', async () => {
    const person = (name: string, value: string) => ({ slug: 'jane-doe', name, identifiers: [{ scheme: 'SESSIONIZE' as const, value }] });
    await loadDataset(db.prisma, dataset({ people: [person('Jane Doe', 'aaa')] }));
    await loadDataset(db.prisma, dataset({ people: [person('Jane Doe', 'bbb')] }));
    await loadDataset(db.prisma, dataset({ people: [person('Jane Doe', 'bbb')] }));
    // The same speaker id under another spelling of the name is still her, with her stored name.
    await loadDataset(db.prisma, dataset({ people: [{ ...person('Jane Doe', 'aaa'), slug: 'jane-m-doe', name: 'Jane M. Doe' }] }));
    expect(await personSlugs()).toEqual([
      ['jane-doe', 'Jane Doe'],
      ['jane-doe-2', 'Jane Doe'],
    ]);
    const found = await execute(app, '{ a: personByIdentifier(identifier: {scheme: SESSIONIZE, value: "bbb"}) { slug identifiers { scheme value } } none: personByIdentifier(identifier: {scheme: GITHUB, value: "x"}) { slug } }');
    expect(found).toEqual({ a: { slug: 'jane-doe-2', identifiers: [{ scheme: 'SESSIONIZE', value: 'bbb' }] }, none: null });
  });

  it('mergePeople keeps every edge once, fills in the role, records the alias, and the pair stays merged on re-import', async () => {
    const programme = dataset({
      organisations: [{ slug: 'acme', name: 'Acme' }],
      people: [
        { slug: 'jane-doe', name: 'Jane Doe', affiliations: [{ organisation: 'acme' }] },
        { slug: 'j-doe', name: 'J. Doe', links: ['https://github.com/jdoe'], affiliations: [{ organisation: 'acme', jobTitle: 'CTO' }] },
      ],
      conferences: [
        {
          slug: 'conf-2026',
          name: 'Conf 2026',
          talks: [talk('both', [{ person: 'jane-doe' }, { person: 'j-doe', organisation: 'acme' }]), talk('only-j', [{ person: 'j-doe' }])],
        },
      ],
    });
    await loadDataset(db.prisma, programme);
    const result = await mutate(app, 'mergePeople', { keep: 'jane-doe', remove: 'j-doe' }, { token: admin, selection: '{ person { slug links } alias moved duplicatesDropped }' });
    expect(result).toEqual({ person: { slug: 'jane-doe', links: ['https://github.com/jdoe'] }, alias: 'j-doe', moved: 1, duplicatesDropped: 2 });
    // Jane's speaker role at "both" takes the organisation J. Doe's had, and where that was stated with it.
    const both = await execute(app, '{ talk(conference: "conf-2026", slug: "both") { speakers { person { slug } organisation { slug } organisationSource { kind } } } }');
    expect(both.talk.speakers).toEqual([{ person: { slug: 'jane-doe' }, organisation: { slug: 'acme' }, organisationSource: { kind: 'DATASET' } }]);

    const check = async () => {
      expect(await personSlugs()).toEqual([['jane-doe', 'Jane Doe']]);
      const answer = await execute(
        app,
        '{ person(slug: "jane-doe") { aliases { slug name } affiliations { jobTitle organisation { slug } } talks { edges { node { talk { slug } organisation { slug } } } } } }',
      );
      expect(answer.person.aliases).toEqual([{ slug: 'j-doe', name: 'J. Doe' }]);
      expect(answer.person.affiliations).toEqual([{ jobTitle: 'CTO', organisation: { slug: 'acme' } }]);
      expect(answer.person.talks.edges.map((e: any) => [e.node.talk.slug, e.node.organisation?.slug ?? null]).sort()).toEqual([
        ['both', 'acme'],
        ['only-j', null],
      ]);
    };
    await check();
    await loadDataset(db.prisma, programme);
    await check();
  });

  it('refuses to merge people with different identifiers of one scheme, changing nothing', async () => {
    await loadDataset(
      db.prisma,
      dataset({
        people: [
          { slug: 'a', name: 'A', identifiers: [{ scheme: 'GITHUB', value: 'one' }] },
          { slug: 'b', name: 'B', identifiers: [{ scheme: 'GITHUB', value: 'two' }] },
        ],
      }),
    );
    const before = await graphSnapshot(db.prisma);
    const error = await mutationError(app, 'mergePeople', { keep: 'a', remove: 'b' }, { token: admin });
    expect({ code: error.code, field: error.field }).toEqual({ code: 'CONFLICT', field: 'remove' });
    expect((await mutationError(app, 'mergePeople', { keep: 'a', remove: 'nobody' }, { token: admin })).field).toBe('remove');
    expect(await graphSnapshot(db.prisma)).toEqual(before);
    expect(await db.prisma.personIdentifier.count()).toBe(2);
  });

  it('mergeOrganisations moves staff, speakers and published articles; export and import round-trip identifiers and aliases', async () => {
    await loadDataset(
      db.prisma,
      dataset({
        organisations: [
          { slug: 'google', name: 'Google', identifiers: [{ scheme: 'WIKIDATA', value: 'q95' }] },
          { slug: 'alphabet-google', name: 'Alphabet Google' },
        ],
        people: [{ slug: 'ann', name: 'Ann', affiliations: [{ organisation: 'alphabet-google' }] }],
        conferences: [{ slug: 'conf-2026', name: 'Conf 2026', talks: [talk('t', [{ person: 'ann', organisation: 'alphabet-google' }])] }],
        articles: [{ slug: 'post', title: 'Post', publisher: 'alphabet-google' }],
      }),
    );
    await mutate(app, 'mergeOrganisations', { keep: 'google', remove: 'alphabet-google' }, { token: admin });
    const answer = await execute(
      app,
      '{ organisationByIdentifier(identifier: {scheme: WIKIDATA, value: "Q95"}) { slug aliases { slug } staff { edges { node { person { slug } } } } talks { edges { node { slug } } } articles { edges { node { slug } } } } }',
    );
    expect(answer.organisationByIdentifier).toEqual({
      slug: 'google',
      aliases: [{ slug: 'alphabet-google' }],
      staff: { edges: [{ node: { person: { slug: 'ann' } } }] },
      talks: { edges: [{ node: { slug: 't' } }] },
      articles: { edges: [{ node: { slug: 'post' } }] },
    });

    const exported = await exportDataset(db.prisma);
    expect(exported.organisations).toEqual([{ slug: 'google', name: 'Google', kind: 'COMPANY', description: null, website: null, identifiers: [{ scheme: 'WIKIDATA', value: 'Q95' }], aliases: [{ slug: 'alphabet-google', name: 'Alphabet Google' }] }]);
    const copy = await createTestDatabase(kind);
    try {
      await loadDataset(copy.prisma, exported);
      // The copy matches as the original does: the merged-away name finds Google.
      await loadDataset(copy.prisma, dataset({ organisations: [{ slug: 'alphabet-google', name: 'Alphabet Google', website: 'https://google.example' }] }));
      expect((await copy.prisma.organisation.findMany()).map((o) => [o.slug, o.website])).toEqual([['google', 'https://google.example']]);
    } finally {
      await copy.dispose();
    }
  });

  it('duplicateCandidates lists similar names with what they share, and needs an admin token', async () => {
    await loadDataset(
      db.prisma,
      dataset({
        organisations: [{ slug: 'acme', name: 'Acme' }],
        people: [
          { slug: 'katarzyna-nowak', name: 'Katarzyna Nowak', affiliations: [{ organisation: 'acme' }] },
          { slug: 'katarzyna-nowakowska', name: 'Katarzyna Nowakowska', affiliations: [{ organisation: 'acme' }] },
          { slug: 'piotr-zielinski', name: 'Piotr Zielinski' },
        ],
      }),
    );
    const query = '{ duplicateCandidates(kind: PERSON, first: 10) { first { slug } second { slug } similarity sharedOrganisations } }';
    const { duplicateCandidates } = await execute(app, query, { token: admin });
    expect(duplicateCandidates).toHaveLength(1);
    expect(duplicateCandidates[0]).toMatchObject({ first: { slug: 'katarzyna-nowak' }, second: { slug: 'katarzyna-nowakowska' }, sharedOrganisations: 1 });
    expect(duplicateCandidates[0].similarity).toBeGreaterThan(0.5);
    const refused = await expectError(app, query);
    expect(refused.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
