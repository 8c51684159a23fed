// Talk.similar and Talk.coHighlighted: what each shares with the talk and how that is scored, on a
// hand-made graph whose scores follow from the rule; the same on the real FOSDEM and KubeCon
// programmes for answers worked out from the source files; one statement per field per level.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/builder.js';
import { importSchedule } from '../src/db/import.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { createApp, type App } from '../src/yoga.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError } from './helpers/graphql.js';
import { recording } from './helpers/statements.js';

const similar = `query ($talk: ID!, $first: Int) {
  node(id: $talk) {
    ... on Talk {
      similar(first: $first) {
        score
        talk { slug title conference { slug } }
        sharedTopics { slug }
        sharedSpeakers { name }
        sharedOrganisations { name }
        sharedWords
      }
    }
  }
}`;

const coHighlighted = `query ($talk: ID!) {
  node(id: $talk) { ... on Talk { coHighlighted { count talk { slug } people { name } } } }
}`;

// What a shared topic, speaker or organisation adds when it links n other talks: ln 2 / ln(1 + n).
const link = (n: number) => Math.log(2) / Math.log(1 + n);
const rounded = (score: number) => Math.round(score * 1000) / 1000;

// Talk a (by kim, for Zoo Co) covers marsupials and zoos. Marsupials also: b and c; zoos also: c and
// d. Kim also gave g; nora gave h for Zoo Co. e shares two of a's words (quokka, wombat), f only one.
// Uma and Ugo highlighted a and c; Uma also recommended d; Ugo only took something away from e;
// Ivo criticised a and highlighted b. Lee holds two roles at Wild Inc (engineer 2019-2021, lead
// from 2022); Oli, who works there too, gave i at another conference for Wild Inc.
const zoo = {
  format: 'talkgraph',
  version: 1,
  organisations: [
    { slug: 'zoo-co', name: 'Zoo Co' },
    { slug: 'wild-inc', name: 'Wild Inc' },
  ],
  people: [
    ...['Kim', 'Max', 'Nora', 'Uma', 'Ugo', 'Ivo'].map((name) => ({ slug: name.toLowerCase(), name })),
    {
      slug: 'lee',
      name: 'Lee',
      affiliations: [
        { organisation: 'wild-inc', jobTitle: 'Engineer', startedOn: '2019-01-01', endedOn: '2021-12-31' },
        { organisation: 'wild-inc', jobTitle: 'Lead', startedOn: '2022-01-01' },
      ],
    },
    { slug: 'oli', name: 'Oli', affiliations: [{ organisation: 'wild-inc' }] },
  ],
  topics: [
    { slug: 'marsupials', name: 'Marsupials' },
    { slug: 'zoos', name: 'Zoos' },
  ],
  conferences: [
    {
      slug: 'zoo-con',
      name: 'Zoo Con',
      talks: [
        {
          slug: 'a',
          title: 'Quokka husbandry for beginners',
          abstract: 'Feeding quokka colonies and wombat burrows.',
          speakers: [{ person: 'kim', organisation: 'zoo-co' }],
          topics: ['marsupials', 'zoos'],
        },
        { slug: 'b', title: 'Marsupial topics', speakers: [{ person: 'lee' }], topics: ['marsupials'] },
        { slug: 'c', title: 'Zoo marsupials', topics: ['marsupials', 'zoos'] },
        { slug: 'd', title: 'Zoo planning', topics: ['zoos'] },
        { slug: 'e', title: 'Wombat and quokka habitats', speakers: [{ person: 'max' }] },
        { slug: 'f', title: 'Only quokka here' },
        { slug: 'g', title: 'Keeper stories', speakers: [{ person: 'kim' }] },
        { slug: 'h', title: 'Ticketing systems', speakers: [{ person: 'nora', organisation: 'zoo-co' }] },
      ],
    },
    {
      slug: 'wild-con',
      name: 'Wild Con',
      talks: [{ slug: 'i', title: 'Savanna logistics', speakers: [{ person: 'oli', organisation: 'wild-inc' }] }],
    },
  ],
  articles: [
    {
      slug: 'visitors',
      title: 'Visitors’ picks',
      reactions: [
        ['uma', 'a', 'HIGHLIGHT'],
        ['uma', 'c', 'DAY_HIGHLIGHT'],
        ['uma', 'd', 'RECOMMENDATION'],
        ['ugo', 'a', 'HIGHLIGHT'],
        ['ugo', 'c', 'HIGHLIGHT'],
        ['ugo', 'e', 'TAKEAWAY'],
        ['ivo', 'a', 'CRITIQUE'],
        ['ivo', 'b', 'HIGHLIGHT'],
      ].map(([person, talk, kind]) => ({ person, talk: `zoo-con/${talk}`, kind, summary: `${person} on ${talk}` })),
    },
  ],
};

describe.each(databaseKinds)('recommendations on a hand-made graph on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  const talkIds = new Map<string, string>();
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await loadDataset(db.prisma, zoo);
    for (const talk of await db.prisma.talk.findMany()) talkIds.set(talk.slug, encodeGlobalId('Talk', talk.id));
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  const similarTo = async (slug: string, first?: number) => (await execute(app, similar, { variables: { talk: talkIds.get(slug), first } })).node.similar;

  it('scores shared topics, speakers and organisations by how few talks each links, and shared words by rank', async () => {
    const found = await similarTo('a', 10);
    const bySlug = Object.fromEntries(found.map((row: any) => [row.talk.slug, row]));
    expect(Object.keys(bySlug).sort()).toEqual(['b', 'c', 'd', 'e', 'g', 'h']);
    // Two topics, each linking two other talks.
    expect(bySlug.c).toMatchObject({ score: rounded(2 * link(2)), sharedTopics: [{ slug: 'marsupials' }, { slug: 'zoos' }], sharedWords: [] });
    expect(bySlug.b).toMatchObject({ score: rounded(link(2)), sharedTopics: [{ slug: 'marsupials' }] });
    expect(bySlug.d).toMatchObject({ score: rounded(link(2)), sharedTopics: [{ slug: 'zoos' }] });
    // Kim gave only a and g; Zoo Co has only a and h.
    expect(bySlug.g).toMatchObject({ score: 1, sharedSpeakers: [{ name: 'Kim' }], sharedTopics: [], sharedOrganisations: [] });
    expect(bySlug.h).toMatchObject({ score: 0.5, sharedOrganisations: [{ name: 'Zoo Co' }], sharedSpeakers: [] });
    // Two shared words, spelt as a spells them; f shares one word only and is no match.
    expect(bySlug.e).toMatchObject({ sharedWords: ['Quokka', 'wombat'], sharedTopics: [], sharedSpeakers: [], sharedOrganisations: [] });
    expect(bySlug.e.score).toBeGreaterThan(0);
    const scores = found.map((row: any) => row.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    // Equal scores keep the order the talks were added in.
    expect(found.map((row: any) => row.talk.slug).filter((slug: string) => slug === 'b' || slug === 'd')).toEqual(['b', 'd']);
    expect((await similarTo('a', 1)).map((row: any) => row.talk.slug)).toEqual([found[0].talk.slug]);
    expect(await similarTo('f')).toEqual([]);
  });

  it('counts an organisation once for a speaker who held two roles there', async () => {
    // Wild Inc links i (Oli represented it) and b (Lee works there, in two roles): one other talk each way.
    expect(await similarTo('i')).toEqual([
      { score: 0.5, talk: { slug: 'b', title: 'Marsupial topics', conference: { slug: 'zoo-con' } }, sharedTopics: [], sharedSpeakers: [], sharedOrganisations: [{ name: 'Wild Inc' }], sharedWords: [] },
    ]);
    const fromB = await similarTo('b');
    expect(fromB.map((row: any) => [row.talk.slug, row.score, row.sharedOrganisations.map((o: any) => o.name)])).toEqual([
      ['a', rounded(link(2)), []],
      ['c', rounded(link(2)), []],
      ['i', 0.5, ['Wild Inc']],
    ]);
  });

  it('finds what the people who highlighted a talk also highlighted', async () => {
    const co = async (slug: string) => (await execute(app, coHighlighted, { variables: { talk: talkIds.get(slug) } })).node.coHighlighted;
    expect(await co('a')).toEqual([
      { count: 2, talk: { slug: 'c' }, people: [{ name: 'Uma' }, { name: 'Ugo' }] },
      { count: 1, talk: { slug: 'd' }, people: [{ name: 'Uma' }] },
    ]);
    expect(await co('d')).toEqual([
      { count: 1, talk: { slug: 'a' }, people: [{ name: 'Uma' }] },
      { count: 1, talk: { slug: 'c' }, people: [{ name: 'Uma' }] },
    ]);
    // Ivo highlighted b, but only criticised a; Ugo took something away from e, which is no highlight.
    expect(await co('b')).toEqual([]);
    expect(await co('e')).toEqual([]);
  });

  it('answers for every talk of a level with one statement per field when executed, and in the one statement when compiled', async () => {
    const query = `{ conference(slug: "zoo-con") { talks(first: 20) { nodes { slug similar { score talk { slug } } coHighlighted { count talk { slug } } } } } }`;
    const executed = createApp({ database: db, logging: false, compiledOperations: false });
    const { result, statements } = await recording(db, () => execute(executed, query));
    const nodes = result.conference.talks.nodes;
    expect(nodes).toHaveLength(8);
    expect(nodes.find((talk: any) => talk.slug === 'a').coHighlighted.map((row: any) => row.talk.slug)).toEqual(['c', 'd']);
    expect(nodes.find((talk: any) => talk.slug === 'g').similar.map((row: any) => row.talk.slug)).toEqual(['a']);
    // The conference, its talks, similar and coHighlighted for all eight, and the talks each returned.
    expect(statements).toHaveLength(6);
    expect(statements.filter((statement) => statement.sql.includes('ts_rank'))).toHaveLength(1);
    expect(statements.filter((statement) => statement.sql.includes('"Reaction" mine'))).toHaveLength(1);
    const compiled = await recording(db, () => execute(app, query));
    expect(compiled.statements).toHaveLength(1);
    expect(compiled.result).toEqual(result);
  });

  it('refuses to return more than 20 per talk', async () => {
    const error = await expectError(app, similar, { variables: { talk: talkIds.get('a'), first: 21 } });
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', extensions: expect.objectContaining({ field: 'first' }) });
    expect((await expectError(app, similar, { variables: { talk: talkIds.get('a'), first: -1 } })).code).toBe('INVALID_INPUT');
  });
});

const data = resolve(import.meta.dirname, '../../shared/data');
const programmes = ['fosdem-schedules/fosdem-2025.xml', 'fosdem-schedules/fosdem-2026.xml', 'kubecon-eu-2026-ics/kccnceu2026-all.ics'];

describe.skipIf(!existsSync(data)).each(databaseKinds)('similar talks at FOSDEM 2025, 2026 and KubeCon EU 2026 on %s PostgreSQL (needs ../shared/data)', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    for (const file of programmes) await importSchedule(db.prisma, readFileSync(resolve(data, file), 'utf8'), { file });
    // The statistics that tell which words are too common to say anything about a talk.
    await db.sql.run('ANALYZE', []);
    app = createApp({ database: db, logging: false });
  }, 300_000);
  afterAll(() => db?.dispose());

  const talkId = async (conference: string, title: string) =>
    encodeGlobalId('Talk', (await db.prisma.talk.findFirstOrThrow({ where: { title, conference: { slug: conference } } })).id);

  const similarTo = async (conference: string, title: string, first = 5) =>
    (await execute(app, similar, { variables: { talk: await talkId(conference, title), first } })).node.similar;

  // From the XML files: Philippe Normand alone gave each of these talks, one each year; likewise
  // Falco Girgis for the Dreamcast talks. The titles share their distinctive words.
  it('puts the same speaker’s talk on the same subject a year later first', async () => {
    const webrtc = await similarTo('fosdem-2025', 'WebRTC support in WebKitGTK and WPEWebKit with GStreamer: Status update');
    expect(webrtc[0]).toMatchObject({
      talk: { title: 'WebRTC support in WebKitGTK and WPEWebKit with GStreamer: Current status and plans', conference: { slug: 'fosdem-2026' } },
      sharedSpeakers: [{ name: 'Philippe Normand' }],
    });
    expect(webrtc[0].sharedWords).toEqual(expect.arrayContaining(['WebRTC', 'WebKitGTK', 'WPEWebKit', 'GStreamer']));

    const dreamcast = await similarTo('fosdem-2025', 'Pushing the Sega Dreamcast with GCC');
    expect(dreamcast[0]).toMatchObject({
      talk: { title: 'Accelerated Linear Algebra on the Sega Dreamcast with GCC', conference: { slug: 'fosdem-2026' } },
      sharedSpeakers: [{ name: 'Falco Girgis' }],
    });
    expect(dreamcast[0].sharedWords).toEqual(expect.arrayContaining(['Sega', 'Dreamcast', 'GCC']));
    for (const row of [...webrtc, ...dreamcast]) expect(row.talk.title).not.toMatch(/Status update$|^Pushing the Sega/);
  });

  // The KubeCon calendar: Cedric Clyburn, Natale Vinto, Christopher Nuland and Legare Kerrison of
  // Red Hat gave the RAG tutorial; at FOSDEM 2025 Cedric Clyburn gave two talks, without an
  // organisation in the schedule. Red Hat is shared through where he works.
  it('links talks across conferences through a shared speaker and the organisation they work at', async () => {
    const found = await similarTo('kubecon-cloudnativecon-europe-2026', '📚 Tutorial: Building Intelligent Apps with RAG on Kubernetes: From Raw Data to Real-Time Insights', 20);
    const cedric = found.filter((row: any) => row.sharedSpeakers.some((person: any) => person.name === 'Cedric Clyburn'));
    expect(cedric.map((row: any) => row.talk.title).sort()).toEqual([
      'Building AI Applications from your desktop with Podman AI Lab',
      'Synthetic Data: The Secret Ingredient in Better Language Models',
    ]);
    for (const row of cedric) expect(row.sharedOrganisations).toContainEqual({ name: 'Red Hat' });
  });

  it('reads the recommendations of twenty talks in one statement, executed or compiled', async () => {
    const query = `{ conference(slug: "fosdem-2025") { talks(first: 20) { nodes { similar { score talk { title } } } } } }`;
    const executed = createApp({ database: db, logging: false, compiledOperations: false });
    const { result, statements } = await recording(db, () => execute(executed, query));
    const nodes = result.conference.talks.nodes;
    expect(nodes).toHaveLength(20);
    // The conference, its talks, similar for all twenty, and the talks they returned.
    expect(statements).toHaveLength(4);
    const [statement] = statements.filter((s) => s.sql.includes('ts_rank'));
    expect(statement.rows).toBe(nodes.reduce((sum: number, talk: any) => sum + talk.similar.length, 0));
    expect(statement.rows).toBeLessThanOrEqual(100);
    expect(statement.rows).toBeGreaterThan(50);
    const compiled = await recording(db, () => execute(app, query));
    expect(compiled.statements).toHaveLength(1);
    expect(compiled.result).toEqual(result);
  });
});
