// Questions, not lookups: full-text search that matches words as words, filters combined with
// AND/OR/NOT and some/every/none, facets and time series counted in the database, rankings that
// show the count they sort by, derived edges, and slugs that name nothing reported as errors.
// On the seed and the real programmes (FOSDEM 2024-2026, KubeCon EU 2025 and 2026), both databases.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/yoga.js';
import { createProgrammesDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { sharedData } from './helpers/global-setup.js';
import { execute, expectError } from './helpers/graphql.js';
import { recording } from './helpers/statements.js';

/** FOSDEM 2025's events as the XML has them: title and text, read without talkgraph's importer. */
function fosdem2025(): Array<{ title: string; track: string; text: string }> {
  const xml = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'event' || name === 'room' || name === 'day' }).parse(
    readFileSync(resolve(sharedData, 'fosdem-schedules/fosdem-2025.xml'), 'utf8'),
  );
  const events: any[] = xml.schedule.day.flatMap((day: any) => (day.room ?? []).flatMap((room: any) => room.event ?? []));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return events.map((event) => ({
    title: text(event.title),
    track: text(event.track),
    text: [event.title, event.subtitle, event.abstract || event.description].map(text).join(' ').replace(/<[^>]+>/g, ' '),
  }));
}

describe.each(databaseKinds)('questions on the real programmes on %s PostgreSQL (needs ../shared/data)', (kind) => {
  let db: TestDatabase | null;
  let app: App;
  beforeAll(async () => {
    db = await createProgrammesDatabase(kind);
    if (db) app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());
  const run = (query: string, variables?: Record<string, unknown>) => execute(app, query, { variables });

  it('finds words as words: "rust" finds Rust and never only "trust" or "TrustZone"', async ({ skip }) => {
    if (!db) skip('needs ../shared/data');
    const { talks } = await run('{ talks(filter: { conference: "fosdem-2025", search: "rust" }, first: 100) { totalCount nodes { title } } }');
    const events = new Map(fosdem2025().map((event) => [event.title, event]));
    for (const talk of talks.nodes) {
      const event = events.get(talk.title)!;
      expect(event.text.replace(/\S+@\S+|https?:\/\/\S+/g, ' ')).toMatch(/(?<![\w])rust(?![\w])/i);
    }
    const trusting = [...events.values()].filter((event) => /trust/i.test(event.text) && !/(?<![\w@.])rust(?![\w@])/i.test(event.text));
    expect(trusting.length).toBeGreaterThan(10);
    const found = new Set(talks.nodes.map((talk: { title: string }) => talk.title));
    for (const event of trusting) expect(found.has(event.title)).toBe(false);
    // Stemming: the plural finds the singular, and web-search syntax excludes words.
    const { plural } = await run('{ plural: talks(filter: { conference: "fosdem-2025", search: "containers" }) { totalCount } }');
    const { singular } = await run('{ singular: talks(filter: { conference: "fosdem-2025", search: "container" }) { totalCount } }');
    expect(plural.totalCount).toBe(singular.totalCount);
    const { excluded } = await run('{ excluded: talks(filter: { conference: "fosdem-2025", search: "rust -kernel" }) { totalCount } }');
    expect(excluded.totalCount).toBeLessThan(talks.totalCount);
  });

  it('combines filters with AND, OR and NOT, and relations with some, every and none', async ({ skip }) => {
    if (!db) skip('needs ../shared/data');
    const count = async (filter: string) => (await run(`{ talks(filter: ${filter}) { totalCount } }`)).talks.totalCount as number;
    const rust = await count('{ conference: "fosdem-2025", track: "Rust" }');
    const kernel = await count('{ conference: "fosdem-2025", track: "Kernel" }');
    expect(await count('{ conference: "fosdem-2025", OR: [{ track: "Rust" }, { track: "Kernel" }] }')).toBe(rust + kernel);
    expect(await count('{ conference: "fosdem-2025", tracks: ["Rust", "Kernel"] }')).toBe(rust + kernel);
    const all = await count('{ conference: "fosdem-2025" }');
    expect(await count('{ conference: "fosdem-2025", NOT: { track: "Rust" } }')).toBe(all - rust);
    expect(await count('{ AND: [{ conference: "fosdem-2025" }, { track: "Rust" }] }')).toBe(rust);
    // Talks with several speakers: some speaker is X and not every speaker is X.
    const solo = await count('{ conference: "fosdem-2025", speakers: { none: { person: "lennart-poettering" } } }');
    const his = await count('{ conference: "fosdem-2025", speakers: { some: { person: "lennart-poettering" } } }');
    expect(his).toBeGreaterThan(0);
    expect(solo + his).toBe(all);
    // every holds for a talk without speakers too; the rest are the talks he gave alone.
    const speakerless = await count('{ conference: "fosdem-2025", speakers: { none: {} } }');
    const alone = (await count('{ conference: "fosdem-2025", speakers: { every: { person: "lennart-poettering" } } }')) - speakerless;
    expect(alone).toBeGreaterThanOrEqual(0);
    expect(alone).toBeLessThanOrEqual(his);
    expect(await count('{ conference: "fosdem-2025", speakers: { some: { person: "lennart-poettering" }, every: { person: "lennart-poettering" } } }')).toBe(alone);
    // Years and conference lists: the three FOSDEMs are the FOSDEM talks from 2024 on.
    const three = await count('{ conferences: ["fosdem-2024", "fosdem-2025", "fosdem-2026"] }');
    expect(await count('{ series: "FOSDEM", years: { from: 2024 } }')).toBe(three);
    expect(await count('{ series: "FOSDEM", years: { from: 2024, to: 2025 } }')).toBe(three - (await count('{ conference: "fosdem-2026" }')));
  });

  it('says which argument names nothing instead of answering with nothing', async ({ skip }) => {
    if (!db) skip('needs ../shared/data');
    const talk = await expectError(app, '{ talks(filter: { conference: "fosdem-2099" }) { totalCount } }');
    expect(talk).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('filter.conference: no conference has the slug "fosdem-2099"') });
    const nested = await expectError(app, '{ talks(filter: { OR: [{ conference: "fosdem-2025" }, { topic: "no-such-topic" }] }) { totalCount } }');
    expect(nested.message).toContain('filter.OR[1].topic: no topic has the slug "no-such-topic"');
    const listed = await expectError(app, '{ people(spokeAt: ["fosdem-2025", "fosdem-1999"]) { totalCount } }');
    expect(listed.message).toContain('spokeAt[1]: no conference has the slug "fosdem-1999"');
    const inside = await expectError(app, '{ conference(slug: "fosdem-2025") { talks(filter: { speaker: "nobody-at-all" }) { nodes { title } } } }');
    expect(inside).toMatchObject({ code: 'NOT_FOUND', path: ['conference', 'talks'] });
    const search = await expectError(app, '{ talks(filter: { search: "   " }) { totalCount } }');
    expect(search.code).toBe('INVALID_INPUT');
    const relevance = await expectError(app, '{ talks(orderBy: RELEVANCE) { totalCount } }');
    expect(relevance.message).toContain('RELEVANCE ranks by filter.search');
  });

  it('counts facets and time series in the database, one statement per facet', async ({ skip }) => {
    if (!db) skip('needs ../shared/data');
    const { result, statements } = await recording(db!, () =>
      run(`{
        talks(filter: { series: "FOSDEM" }, first: 1) {
          totalCount
          facets { years { year count } kinds { kind count } days { day count } conferences(first: 3) { conference { name } count } }
        }
      }`),
    );
    const { talks } = result;
    // FOSDEM 2024, 2025 and 2026 are the FOSDEM programmes loaded: 674, 943 and 883 talks.
    expect(talks.facets.years).toEqual([
      { year: 2024, count: 674 },
      { year: 2025, count: 943 },
      { year: 2026, count: 883 },
    ]);
    expect(talks.totalCount).toBe(674 + 943 + 883);
    expect(talks.facets.kinds.reduce((sum: number, k: { count: number }) => sum + k.count, 0)).toBe(talks.totalCount);
    expect(talks.facets.days.map((d: { day: number }) => d.day)).toEqual([1, 2]);
    expect(talks.facets.conferences.map((c: any) => [c.conference.name, c.count])).toEqual([
      ['FOSDEM 2025', 943],
      ['FOSDEM 2026', 883],
      ['FOSDEM 2024', 674],
    ]);
    // The page; its count; four facets; the conferences of the last facet.
    expect(statements.length).toBeLessThanOrEqual(1 + 4 + 1);
    expect(statements.every((statement) => statement.rows <= 10)).toBe(true);
  });

  it('ranks with the count it sorts by, and follows derived edges', async ({ skip }) => {
    if (!db) skip('needs ../shared/data');
    const { person } = await run(`{
      person(slug: "lennart-poettering") {
        conferences { edges { count node { slug } } }
        coSpeakers(first: 3) { edges { count node { name } } }
      }
    }`);
    expect(person.conferences.edges.map((e: any) => e.node.slug)).toEqual(['fosdem-2026', 'fosdem-2025', 'fosdem-2024']);
    expect(person.conferences.edges.reduce((sum: number, e: any) => sum + e.count, 0)).toBe(7);
    const shared = person.coSpeakers.edges.map((e: any) => e.count);
    expect(shared).toEqual([...shared].sort((a, b) => b - a));
    const { organisation } = await run(`{
      organisation(slug: "red-hat") {
        speakers(first: 5) { totalCount edges { count node { name } } }
        conferences { edges { count node { slug } } }
      }
    }`);
    expect(organisation.conferences.edges).toContainEqual({ count: 54, node: { slug: 'kubecon-cloudnativecon-europe-2026' } });
    const speakers = organisation.speakers.edges.map((e: any) => e.count);
    expect(speakers).toEqual([...speakers].sort((a, b) => b - a));
    const { mostHighlighted } = await run(`{
      mostHighlighted: talks(orderBy: MOST_REACTIONS, reactionKinds: [DAY_HIGHLIGHT], first: 2) { edges { count node { title } } }
    }`);
    expect(mostHighlighted.edges).toEqual([
      { count: 1, node: { title: 'Advanced Persistence Threats — The Future of Kubernetes Attacks' } },
      { count: 0, node: expect.anything() },
    ]);
  });
});
