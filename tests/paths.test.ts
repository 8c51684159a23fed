// paths(from:, to:): the shortest connections between two entities, searched from both ends one
// SQL statement per hop. A small hand-made graph pins down each edge kind, its direction, the order
// of equally short paths and every way a search can end; the real FOSDEM and KubeCon programmes
// check answers worked out from the source files.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/builder.js';
import { importSchedule } from '../src/db/import.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { searchPaths } from '../src/read/paths.js';
import { createApp, type App } from '../src/yoga.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError } from './helpers/graphql.js';
import { recording } from './helpers/statements.js';

const search = `query ($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $timeBudgetMs: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first, timeBudgetMs: $timeBudgetMs) {
    outcome message length totalCount hopsSearched
    paths {
      length
      nodes { __typename ... on Person { slug } ... on Organisation { slug } ... on Talk { slug } ... on Conference { slug } ... on Topic { slug } }
      edges { kind direction source { id } target { id } }
    }
  }
}`;

const counts = `query ($from: ID!, $to: ID!, $maxHops: Int, $timeBudgetMs: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, timeBudgetMs: $timeBudgetMs) { outcome length totalCount hopsSearched }
}`;

/** A path as "slug -KIND> slug <KIND- slug": arrows point the way each edge reads. */
function spell(path: { nodes: Array<{ slug: string }>; edges: Array<{ kind: string; direction: string }> }): string {
  return path.nodes
    .map((node, i) => {
      const edge = path.edges[i];
      if (!edge) return node.slug;
      return `${node.slug} ${edge.direction === 'FORWARD' ? `-${edge.kind}>` : `<${edge.kind}-`} `;
    })
    .join('');
}

// Organisations acme and globex; alice works at acme, dave at globex, erin at acme, and gina holds
// two roles at globex (engineer 2019-2021, lead from 2022). At conf-a,
// alice (for acme) and bob gave storage-engines (on the databases topic), bob and carol gave
// query-planners, dave (for globex) gave indexes, and erin highlighted indexes. A chain of one-talk
// conferences links p0 - p1 - p2 - p3 - p4 through co-speakers only. Frank and the lonely topic
// have no edges.
const handMade = {
  format: 'talkgraph',
  version: 1,
  organisations: [
    { slug: 'acme', name: 'Acme' },
    { slug: 'globex', name: 'Globex' },
  ],
  people: [
    { slug: 'alice', name: 'Alice', affiliations: [{ organisation: 'acme' }] },
    { slug: 'bob', name: 'Bob' },
    { slug: 'carol', name: 'Carol' },
    { slug: 'dave', name: 'Dave', affiliations: [{ organisation: 'globex' }] },
    { slug: 'erin', name: 'Erin', affiliations: [{ organisation: 'acme' }] },
    { slug: 'frank', name: 'Frank' },
    {
      slug: 'gina',
      name: 'Gina',
      affiliations: [
        { organisation: 'globex', jobTitle: 'Engineer', startedOn: '2019-01-01', endedOn: '2021-12-31' },
        { organisation: 'globex', jobTitle: 'Lead', startedOn: '2022-01-01' },
      ],
    },
    ...[0, 1, 2, 3, 4].map((i) => ({ slug: `p${i}`, name: `P${i}` })),
  ],
  topics: [
    { slug: 'databases', name: 'Databases' },
    { slug: 'lonely', name: 'Lonely' },
  ],
  conferences: [
    {
      slug: 'conf-a',
      name: 'Conference A',
      talks: [
        { slug: 'storage-engines', title: 'Storage engines', speakers: [{ person: 'alice', organisation: 'acme' }, { person: 'bob' }], topics: ['databases'] },
        { slug: 'query-planners', title: 'Query planners', speakers: [{ person: 'bob' }, { person: 'carol' }] },
        { slug: 'indexes', title: 'Indexes', speakers: [{ person: 'dave', organisation: 'globex' }] },
      ],
    },
    ...[1, 2, 3, 4].map((i) => ({
      slug: `chain-${i}`,
      name: `Chain ${i}`,
      talks: [{ slug: `c${i}`, title: `Chain talk ${i}`, speakers: [{ person: `p${i - 1}` }, { person: `p${i}` }] }],
    })),
  ],
  articles: [
    {
      slug: 'recap',
      title: 'Recap',
      reactions: [{ person: 'erin', organisation: 'acme', talk: 'conf-a/indexes', kind: 'HIGHLIGHT', summary: 'Liked it.' }],
    },
  ],
};

describe.each(databaseKinds)('paths on a hand-made graph on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  const ids = new Map<string, string>();
  const id = (name: string) => ids.get(name)!;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await loadDataset(db.prisma, handMade);
    app = createApp({ database: db, logging: false });
    for (const [type, rows] of [
      ['Person', await db.prisma.person.findMany()],
      ['Organisation', await db.prisma.organisation.findMany()],
      ['Talk', await db.prisma.talk.findMany()],
      ['Conference', await db.prisma.conference.findMany()],
      ['Topic', await db.prisma.topic.findMany()],
    ] as const) {
      for (const row of rows) ids.set(row.slug, encodeGlobalId(type, row.id));
    }
  }, 120_000);
  afterAll(() => db?.dispose());

  const paths = async (from: string, to: string, variables: Record<string, unknown> = {}) =>
    (await execute(app, search, { variables: { from: id(from), to: id(to), ...variables } })).paths;

  it('follows each kind of edge, and says which way it reads', async () => {
    const cases: Array<[from: string, to: string, path: string]> = [
      ['alice', 'databases', 'alice -SPOKE_AT> storage-engines -COVERS> databases'],
      ['acme', 'conf-a', 'acme <REPRESENTED- storage-engines -PART_OF> conf-a'],
      ['dave', 'globex', 'dave -WORKS_AT> globex'],
      ['indexes', 'erin', 'indexes <REACTED_TO- erin'],
    ];
    for (const [from, to, path] of cases) {
      const result = await paths(from, to);
      expect(result).toMatchObject({ outcome: 'FOUND', length: path.match(/[<>]/g)!.length, totalCount: 1 });
      expect(result.paths.map(spell)).toEqual([path]);
    }
    // source and target follow the kind's own direction, whichever way the path runs.
    const [{ edges }] = (await paths('acme', 'conf-a')).paths;
    expect(edges[0]).toMatchObject({ kind: 'REPRESENTED', source: { id: id('storage-engines') }, target: { id: id('acme') } });
    expect(edges[1]).toMatchObject({ kind: 'PART_OF', source: { id: id('storage-engines') }, target: { id: id('conf-a') } });
  });

  it('returns every shortest connection, those through specific nodes first', async () => {
    const result = await paths('alice', 'carol');
    expect(result).toMatchObject({ outcome: 'FOUND', length: 4, totalCount: 2, message: 'Found 2 shortest connections of 4 hops.' });
    expect(result.paths.map(spell)).toEqual([
      'alice -SPOKE_AT> storage-engines <SPOKE_AT- bob -SPOKE_AT> query-planners <SPOKE_AT- carol',
      'alice -SPOKE_AT> storage-engines -PART_OF> conf-a <PART_OF- query-planners <SPOKE_AT- carol',
    ]);
    // Colleagues: through their organisation, before any talk.
    expect((await paths('erin', 'alice')).paths.map(spell)).toEqual(['erin -WORKS_AT> acme <WORKS_AT- alice']);
    expect((await paths('alice', 'carol', { first: 1 })).paths).toHaveLength(1);
  });

  it('walks a person’s two roles at one organisation as one WORKS_AT edge', async () => {
    // Gina holds two roles at globex: each connection through it is listed and counted once.
    const direct = await paths('gina', 'globex');
    expect(direct).toMatchObject({ outcome: 'FOUND', length: 1, totalCount: 1, message: 'Found 1 shortest connection of 1 hop.' });
    expect(direct.paths.map(spell)).toEqual(['gina -WORKS_AT> globex']);
    const colleague = await paths('gina', 'dave');
    expect(colleague).toMatchObject({ outcome: 'FOUND', length: 2, totalCount: 1 });
    expect(colleague.paths.map(spell)).toEqual(['gina -WORKS_AT> globex <WORKS_AT- dave']);
    // The other way round, the search reaches gina from globex's side.
    expect((await paths('dave', 'gina')).paths.map(spell)).toEqual(['dave -WORKS_AT> globex <WORKS_AT- gina']);
    const talk = await paths('gina', 'indexes');
    expect(talk).toMatchObject({ outcome: 'FOUND', length: 2, totalCount: 1 });
    expect(talk.paths.map(spell)).toEqual(['gina -WORKS_AT> globex <REPRESENTED- indexes']);
  });

  it('runs one statement per hop, and one per type of node it returns', async () => {
    const { result, statements } = await recording(db, () => execute(app, counts, { variables: { from: id('alice'), to: id('carol') } }));
    expect(result.paths).toEqual({ outcome: 'FOUND', length: 4, totalCount: 2, hopsSearched: 4 });
    expect(statements).toHaveLength(4);
    const withNodes = await recording(db, () => execute(app, search, { variables: { from: id('alice'), to: id('carol') } }));
    // Four hops; then the nodes (people, talks, a conference) and the edges' sources and targets
    // (people, talks; conferences), one statement per type at each place.
    expect(withNodes.statements).toHaveLength(4 + 3 + 2 + 2);
  });

  it('stops at the hop limit, and finds the connection with a higher one', async () => {
    const limited = await paths('p0', 'p4', { maxHops: 6 });
    expect(limited).toMatchObject({ outcome: 'HOP_LIMIT', length: null, totalCount: 0, paths: [], hopsSearched: 6 });
    expect(limited.message).toBe('No connection of 6 hops or fewer; raise maxHops (at most 8) to look further.');
    const found = await paths('p0', 'p4', { maxHops: 8 });
    expect(found).toMatchObject({ outcome: 'FOUND', length: 8, totalCount: 1, hopsSearched: 8 });
    expect(found.paths.map(spell)).toEqual([
      'p0 -SPOKE_AT> c1 <SPOKE_AT- p1 -SPOKE_AT> c2 <SPOKE_AT- p2 -SPOKE_AT> c3 <SPOKE_AT- p3 -SPOKE_AT> c4 <SPOKE_AT- p4',
    ]);
    const { statements } = await recording(db, () => execute(app, counts, { variables: { from: id('p0'), to: id('p4'), maxHops: 6 } }));
    expect(statements).toHaveLength(6);
  });

  it('says when nothing connects two entities, or the time budget ran out first', async () => {
    const alone = await recording(db, () => execute(app, counts, { variables: { from: id('frank'), to: id('alice') } }));
    expect(alone.result.paths).toEqual({ outcome: 'NOT_CONNECTED', length: null, totalCount: 0, hopsSearched: 1 });
    // The hop from frank found no edge: one more statement checks that both ends exist.
    expect(alone.statements).toHaveLength(2);
    expect((await paths('alice', 'lonely')).outcome).toBe('NOT_CONNECTED');

    const hurried = await paths('p0', 'p4', { timeBudgetMs: 0 });
    expect(hurried).toMatchObject({ outcome: 'TIME_BUDGET', length: null, paths: [], hopsSearched: 0 });
    expect(hurried.message).toMatch(/^The search ran out of its time budget after \d+ ms and 0 hops: there is no connection of 0 hops or fewer/);
  });

  it('stops when a frontier outgrows the search', async () => {
    const entity = (slug: string, type: 'Person' | 'Talk') => ({ type, id: Number(Buffer.from(id(slug), 'base64url').toString().split(':')[1]) });
    const limits = { maxHops: 6, first: 3, timeBudgetMs: 2000, maxRows: 1000 };
    const small = await searchPaths(db.sql, entity('alice', 'Person'), entity('carol', 'Person'), { ...limits, maxFrontier: 1 });
    // alice, carol and query-planners fit; then both frontiers hold two nodes.
    expect(small).toMatchObject({ outcome: 'SIZE_LIMIT', length: null, paths: [], hops: 3 });
    const few = await searchPaths(db.sql, entity('alice', 'Person'), entity('carol', 'Person'), { ...limits, maxFrontier: 10, maxRows: 2 });
    expect(few.outcome).toBe('SIZE_LIMIT');
  });

  it('connects an entity to itself in no hops', async () => {
    const result = await paths('bob', 'bob');
    expect(result).toMatchObject({ outcome: 'FOUND', length: 0, totalCount: 1, hopsSearched: 0 });
    expect(result.paths).toEqual([{ length: 0, nodes: [{ __typename: 'Person', slug: 'bob' }], edges: [] }]);
  });

  it('refuses IDs that are not entities a path can join, and names the argument', async () => {
    const refusal = async (variables: Record<string, unknown>) => {
      const error = await expectError(app, counts, { variables: { from: id('alice'), to: id('bob'), ...variables } });
      return { code: error.code, field: error.extensions?.field, message: error.message };
    };
    expect(await refusal({ from: 'nonsense' })).toMatchObject({ code: 'INVALID_ID', field: 'from' });
    const reaction = encodeGlobalId('Reaction', (await db.prisma.reaction.findFirstOrThrow()).id);
    expect(await refusal({ to: reaction })).toEqual({
      code: 'INVALID_ID',
      field: 'to',
      message: `to: paths connect people, organisations, talks, conferences and topics; "${reaction}" is the ID of a Reaction.`,
    });
    const missing = encodeGlobalId('Person', 999_999);
    expect(await refusal({ to: missing })).toEqual({ code: 'NOT_FOUND', field: 'to', message: `to: there is no Person with the ID "${missing}".` });
    expect(await refusal({ from: encodeGlobalId('Topic', 999_999), to: missing })).toMatchObject({ code: 'NOT_FOUND', field: 'from' });
    expect(await refusal({ maxHops: 9 })).toMatchObject({ code: 'LIMIT_EXCEEDED', field: 'maxHops' });
    expect(await refusal({ maxHops: 0 })).toMatchObject({ code: 'INVALID_INPUT', field: 'maxHops' });
    expect(await refusal({ timeBudgetMs: -1 })).toMatchObject({ code: 'INVALID_INPUT', field: 'timeBudgetMs' });
  });
});

const data = resolve(import.meta.dirname, '../../shared/data');
const programmes = ['fosdem-schedules/fosdem-2025.xml', 'fosdem-schedules/fosdem-2026.xml', 'kubecon-eu-2026-ics/kccnceu2026-all.ics'];

describe.skipIf(!existsSync(data)).each(databaseKinds)('paths through FOSDEM 2025, 2026 and KubeCon EU 2026 on %s PostgreSQL (needs ../shared/data)', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const file of programmes) await importSchedule(db.prisma, readFileSync(resolve(data, file), 'utf8'), { file });
    app = createApp({ database: db, logging: false });
  }, 300_000);
  afterAll(() => db?.dispose());

  const idOf = async (field: 'person' | 'organisation' | 'conference', slug: string): Promise<string> =>
    (await execute(app, `query ($slug: String!) { found: ${field}(slug: $slug) { id } }`, { variables: { slug } })).found.id;

  const titles = (path: { nodes: Array<Record<string, string>> }) => path.nodes.map((node) => node.name ?? node.title);

  const named = `query ($from: ID!, $to: ID!) {
    paths(from: $from, to: $to) {
      outcome length totalCount hopsSearched
      paths {
        nodes { ... on Person { name } ... on Organisation { name } ... on Talk { title } ... on Conference { name } }
        edges { kind direction }
      }
    }
  }`;

  // From fosdem-2025.xml: Maja Bystrom and Jerome Gorin gave "Enhancing Web Media Support";
  // Jerome Gorin and Amandine JAMBERT gave "Auditing Web Trackers"; neither Maja nor Amandine
  // gave another talk in 2025 or 2026, nor appears in the KubeCon calendar. So two connections of
  // four hops: through their co-speaker, and through the conference.
  it('connects two speakers who share a co-speaker through that person first, then the conference', async () => {
    const { paths } = await execute(app, named, { variables: { from: await idOf('person', 'maja-bystrom'), to: await idOf('person', 'amandine-jambert') } });
    expect(paths).toMatchObject({ outcome: 'FOUND', length: 4, totalCount: 2 });
    const media = 'Enhancing Web Media Support: A WebAssembly-Driven Open-Source Framework';
    const trackers = "Auditing Web Trackers with the EDPB's Open-Source Website Compliance Tool";
    expect(paths.paths.map(titles)).toEqual([
      ['Maja Bystrom', media, 'Jerome Gorin', trackers, 'Amandine JAMBERT'],
      ['Maja Bystrom', media, 'FOSDEM 2025', trackers, 'Amandine JAMBERT'],
    ]);
    expect(paths.paths[1].edges.map((edge: { kind: string; direction: string }) => `${edge.kind} ${edge.direction}`)).toEqual([
      'SPOKE_AT FORWARD',
      'PART_OF FORWARD',
      'PART_OF BACKWARD',
      'SPOKE_AT BACKWARD',
    ]);
  });

  // From the two XML files: 228 people (by normalised name) spoke at both FOSDEM 2025 and 2026;
  // the sum over them of (their 2025 talks) x (their 2026 talks) is 474.
  it('connects FOSDEM 2025 to FOSDEM 2026 through every person who spoke at both, in four hops and four statements', async () => {
    const variables = { from: await idOf('conference', 'fosdem-2025'), to: await idOf('conference', 'fosdem-2026') };
    const { result, statements } = await recording(db, () => execute(app, counts, { variables }));
    expect(result.paths).toEqual({ outcome: 'FOUND', length: 4, totalCount: 474, hopsSearched: 4 });
    expect(statements).toHaveLength(4);
    const { paths } = await execute(app, named, { variables });
    expect(paths.paths).toHaveLength(3);
    for (const path of paths.paths) {
      expect(path.edges.map((edge: { kind: string; direction: string }) => `${edge.kind} ${edge.direction}`)).toEqual([
        'PART_OF BACKWARD',
        'SPOKE_AT BACKWARD',
        'SPOKE_AT FORWARD',
        'PART_OF FORWARD',
      ]);
    }
  });

  // The KubeCon calendar has Cedric Clyburn speaking for Red Hat (so he works there); at FOSDEM
  // 2025 he gave "Building AI Applications ... Podman AI Lab" with Stevan Le Meur, whose only talk
  // it is. Red Hat is three hops from Stevan, one way only.
  it('connects an organisation to a person through a member of its staff and the talk they gave together', async () => {
    const { paths } = await execute(app, named, { variables: { from: await idOf('organisation', 'red-hat'), to: await idOf('person', 'stevan-le-meur') } });
    expect(paths).toMatchObject({ outcome: 'FOUND', length: 3, totalCount: 1 });
    expect(paths.paths.map(titles)).toEqual([['Red Hat', 'Cedric Clyburn', 'Building AI Applications from your desktop with Podman AI Lab', 'Stevan Le Meur']]);
    expect(paths.paths[0].edges.map((edge: { kind: string; direction: string }) => `${edge.kind} ${edge.direction}`)).toEqual([
      'WORKS_AT BACKWARD',
      'SPOKE_AT FORWARD',
      'SPOKE_AT BACKWARD',
    ]);
  });
});
