// A request costs what its answer holds: one SQL statement for an operation that compiles
// (src/read/compile.ts), one per list level for one that is executed, and in both no more rows
// read than the answer holds plus one per page (the row that says there is a next page), however
// large the graph. Asserted on the statements the read path reports and, inside the database, on
// the table rows EXPLAIN ANALYZE says each statement visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDataset } from '../src/db/load-dataset.js';
import { seed } from '../src/db/seed.js';
import { createApp, type App } from '../src/yoga.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { largeConference, syntheticGraph } from './helpers/factories.js';
import { execute, expectError, request } from './helpers/graphql.js';
import { recording, rowsRead } from './helpers/statements.js';

const LARGE = 10_000;

describe.each(databaseKinds)('answer-sized reads on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  /** The same app without compiled operations: every operation is executed, level by level. */
  let executed: App;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seed(db.prisma);
    await loadDataset(db.prisma, syntheticGraph({ conferences: 3, talksPerConference: 100, organisations: 40, people: 400 }));
    await loadDataset(db.prisma, largeConference('large', LARGE, 400));
    // Many more people and roles than any answer holds, so reading a whole table would show.
    await loadDataset(db.prisma, {
      format: 'talkgraph',
      version: 1,
      people: Array.from({ length: 20_000 }, (_, i) => ({
        slug: `bystander-${i}`,
        name: `Bystander ${i}`,
        affiliations: [{ organisation: `org-${i % 40}`, jobTitle: 'Attendee' }],
      })),
    });
    // Fresh statistics, as autovacuum would gather them on a server in use.
    await db.sql.run('ANALYZE', []);
    app = createApp({ database: db, logging: false });
    executed = createApp({ database: db, logging: false, compiledOperations: false });
  }, 300_000);
  afterAll(() => db?.dispose());

  const appCompiled = () => app;
  const run = (query: string, variables?: Record<string, unknown>) => recording(db, () => execute(executed, query, { variables }));
  const runCompiled = (query: string, variables?: Record<string, unknown>) => recording(db, () => execute(app, query, { variables }));

  const nested = `{
      conferences(first: 3, orderBy: OLDEST) {
        nodes {
          name
          talks(first: 40) {
            nodes {
              title
              speakers { person { name affiliations { jobTitle organisation { name } } } organisation { name } }
            }
          }
        }
      }
    }`;

  it('answers a compiled operation in one statement that reads what the answer holds plus one row per page', async () => {
    const page = await runCompiled('{ conference(slug: "large") { name talks(first: 50) { pageInfo { hasNextPage endCursor } nodes { title speakers { person { name } } } } } }');
    const talks = page.result.conference.talks;
    expect(talks.nodes.map((talk: { title: string }) => talk.title)).toEqual(Array.from({ length: 50 }, (_, t) => `Session ${String(t).padStart(5, '0')}`));
    expect(talks.nodes[0].speakers.map((s: { person: { name: string } }) => s.person.name)).toEqual(['Person 0000', 'Person 0011']);
    expect(talks.pageInfo.hasNextPage).toBe(true);
    expect(page.statements).toHaveLength(1);
    expect(page.statements[0].rows).toBe(1);
    const probe = await runCompiled('{ __typename }');
    expect(probe.result).toEqual({ __typename: 'Query' });
    expect(probe.statements).toHaveLength(0);
    const read = await rowsRead(db, page.statements[0]);
    expect(read.Conference).toBeLessThanOrEqual(5); // a few conferences: PostgreSQL may scan them all
    expect(read.Talk).toBeLessThanOrEqual(51);
    expect(read.TalkSpeaker).toBeLessThanOrEqual(100);
    expect(read.Person).toBeLessThanOrEqual(100);

    const { result, statements } = await runCompiled(nested);
    const levels = (await run(nested)).result;
    expect(result).toEqual(levels);
    expect(statements).toHaveLength(1);
    const speakers = result.conferences.nodes.flatMap((c: any) => c.talks.nodes).flatMap((t: any) => t.speakers);
    const roles = speakers.reduce((sum: number, s: any) => sum + s.person.affiliations.length, 0);
    const nestedRead = await rowsRead(db, statements[0]);
    expect(nestedRead.Conference).toBeLessThanOrEqual(5);
    expect(nestedRead.Talk).toBeLessThanOrEqual(3 * 41);
    expect(nestedRead.TalkSpeaker).toBeLessThanOrEqual(speakers.length);
    expect(nestedRead.Affiliation).toBeLessThanOrEqual(roles);
    // Looked up by primary key, one per speaker, never the 20,000 people of the table.
    expect(nestedRead.Person).toBeLessThanOrEqual(speakers.length);
  });

  it('compiles a programme’s tracks and its counts by kind into the one statement, as execution answers them', async () => {
    await db.sql.run(`UPDATE "Talk" SET "track" = CASE WHEN "slug" < 'talk-3' THEN 'Zeta' ELSE 'Alpha' END
      WHERE "conferenceId" = (SELECT "id" FROM "Conference" WHERE "slug" = 'conf-1')`, []);
    try {
      const query = `{ a: conference(slug: "conf-1") { tracks reactionCounts { count kind } }
        b: conference(slug: "conf-2") { tracks reactionCounts { kind } } }`;
      const compiled = await runCompiled(query);
      expect(compiled.statements).toHaveLength(1);
      expect(compiled.result).toEqual({
        a: { tracks: ['Alpha', 'Zeta'], reactionCounts: [{ count: 50, kind: 'HIGHLIGHT' }, { count: 50, kind: 'TAKEAWAY' }] },
        b: { tracks: [], reactionCounts: [{ kind: 'HIGHLIGHT' }, { kind: 'TAKEAWAY' }] },
      });
      const executedAnswer = await run(query);
      expect(executedAnswer.result).toEqual(compiled.result);
      expect(executedAnswer.statements.length).toBeGreaterThan(1);
    } finally {
      await db.sql.run(`UPDATE "Talk" SET "track" = NULL WHERE "conferenceId" = (SELECT "id" FROM "Conference" WHERE "slug" = 'conf-1')`, []);
    }
  });

  it('compiles facets and histograms, per parent and at the root, into the one statement, as execution answers them', async () => {
    const query = `{
      conferences(first: 4, orderBy: OLDEST) { nodes { slug talks(first: 2) { totalCount
        facets { days { day count } kinds { kind count } years { year count } conferences { count conference { slug } }
          organisations(first: 3) { count organisation { name } } speakers(first: 2) { count person { name } } }
        histogram(interval: DAY) { start end count }
        nodes { title } } } }
      conference(slug: "large") { talks(first: 1) { histogram(interval: DAY) { start end count } } }
      large: talks(filter: { conference: "large" }, first: 1) { totalCount facets { days { day count } }
        histogram(interval: WEEK, timeZone: "Europe/Brussels") { start end count } }
      reactions(first: 1) { totalCount
        facets { kinds { kind count } years { year count } conferences { count conference { slug } }
          organisations(first: 2) { count organisation { name } } people(first: 2) { count person { name } } talks(first: 2) { count talk { title conference { slug } } } }
        histogram(interval: YEAR) { start end count } }
    }`;
    const compiled = await runCompiled(query);
    expect(compiled.statements).toHaveLength(1);
    const executedAnswer = await run(query);
    expect(executedAnswer.statements.length).toBeGreaterThan(5);
    expect(compiled.result).toEqual(executedAnswer.result);

    const first = compiled.result.conferences.nodes[0];
    expect(first.slug).toBe('conf-0');
    expect(first.talks.facets.days).toEqual([{ day: 1, count: 34 }, { day: 2, count: 33 }, { day: 3, count: 33 }]);
    expect(first.talks.facets.years).toEqual([{ year: 2000, count: 100 }]);
    expect(first.talks.facets.conferences).toEqual([{ count: 100, conference: { slug: 'conf-0' } }]);
    expect(first.talks.facets.organisations).toHaveLength(3);
    expect(first.talks.histogram).toEqual([]); // no talk of conf-0 has a start time
    const days = compiled.result.conference.talks.histogram;
    expect(days[0]).toEqual({ start: '2030-02-01T00:00:00.000Z', end: '2030-02-02T00:00:00.000Z', count: 16 * 60 });
    expect(days.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0)).toBe(LARGE);
    expect(compiled.result.large.facets.days.reduce((sum: number, day: { count: number }) => sum + day.count, 0)).toBe(LARGE);
    // Weeks on Brussels' calendar: a Monday at midnight there is 23:00 UTC on the Sunday in winter.
    expect(compiled.result.large.histogram[0].start).toBe('2030-01-27T23:00:00.000Z');
    const reactions = compiled.result.reactions;
    expect(reactions.facets.kinds.reduce((sum: number, kind: { count: number }) => sum + kind.count, 0)).toBe(reactions.totalCount);
    expect(reactions.histogram.reduce((sum: number, year: { count: number }) => sum + year.count, 0)).toBe(reactions.totalCount);

    // A slug that names nothing is execution's NOT_FOUND, as without compiling.
    const missing = await expectError(app, '{ talks(filter: { conference: "nope" }) { facets { kinds { count } } } }');
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('compiles node(id:) and nodes(ids:) into one statement, the row id of a variable ID bound per request', async () => {
    const ids = (await execute(app, '{ conference(slug: "conf-1") { id talks(first: 2) { nodes { id title } } } person(slug: "person-3") { id } }')) as {
      conference: { id: string; talks: { nodes: Array<{ id: string; title: string }> } };
      person: { id: string };
    };
    const [first, second] = ids.conference.talks.nodes.map((talk) => talk.id);
    const [firstTitle, secondTitle] = ids.conference.talks.nodes.map((talk) => talk.title);
    const query = `query ($id: ID!) { node(id: $id) { __typename id ... on Talk { title conference { name } speakers { person { name } } }
      ... on Person { name } } }`;
    const talk = await runCompiled(query, { id: first });
    expect(talk.statements).toHaveLength(1);
    expect(talk.result.node).toMatchObject({ __typename: 'Talk', id: first, title: firstTitle, conference: { name: 'Conference 1' } });
    expect(talk.result).toEqual((await run(query, { id: first })).result);
    // Another talk: the same statement, its row id a parameter; a person: a plan of its own.
    const other = await runCompiled(query, { id: second });
    expect(other.statements[0].sql).toBe(talk.statements[0].sql);
    expect(other.result.node.title).toBe(secondTitle);
    const person = await runCompiled(query, { id: ids.person.id });
    expect(person.result).toEqual({ node: { __typename: 'Person', id: ids.person.id, name: 'Person 0003' } });
    expect(person.statements[0].sql).not.toBe(talk.statements[0].sql);

    // nodes(ids:) keeps the order given, with null for an ID whose row is gone.
    const gone = Buffer.from('Talk:999999').toString('base64url');
    const list = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Talk { title } ... on Conference { name } } }';
    const listed = await runCompiled(list, { ids: [second, ids.conference.id, gone, first] });
    expect(listed.statements).toHaveLength(1);
    expect(listed.result.nodes).toEqual([{ id: second, title: secondTitle }, { id: ids.conference.id, name: 'Conference 1' }, null, { id: first, title: firstTitle }]);
    expect(listed.result).toEqual((await run(list, { ids: [second, ids.conference.id, gone, first] })).result);
    const literal = await runCompiled(`{ nodes(ids: ["${first}"]) { id } node(id: "${ids.person.id}") { id } }`);
    expect(literal.statements).toHaveLength(1);
    expect(literal.result).toEqual({ nodes: [{ id: first }], node: { id: ids.person.id } });

    // An ID that is not one gets execution's error, compiled or not.
    const bad = await expectError(app, query, { variables: { id: 'not-an-id' } });
    const badExecuted = await expectError(executed, query, { variables: { id: 'not-an-id' } });
    expect(bad.code).toBe(badExecuted.code);
    expect(bad.message).toBe(badExecuted.message);
  });

  it('compiles the headline question, and the same operation with other values, into one statement each', async () => {
    const headline = readFileSync(new URL('../schema/operations/headline.graphql', import.meta.url), 'utf8');
    const { result, statements } = await runCompiled(headline);
    expect(result.organisation.reactions.totalCount).toBe(2);
    expect(statements).toHaveLength(1);
    const query = 'query ($slug: String!, $first: Int) { conference(slug: $slug) { talks(first: $first) { nodes { title } } } }';
    const first = await runCompiled(query, { slug: 'conf-1', first: 2 });
    const second = await runCompiled(query, { slug: 'conf-2', first: 3 });
    expect(first.result.conference.talks.nodes).toHaveLength(2);
    expect(second.result.conference.talks.nodes).toHaveLength(3);
    expect(second.result).toEqual((await run(query, { slug: 'conf-2', first: 3 })).result);
    // The slug and the page size are parameters of one statement text.
    expect(second.statements[0].sql).toBe(first.statements[0].sql);
    expect(second.statements[0].values).toContain('conf-2');
  });

  it(`reads 51 talks for the first page of 50 of a conference of ${LARGE.toLocaleString('en')} talks, in schedule and title order`, async () => {
    for (const orderBy of ['SCHEDULE', 'TITLE']) {
      const { result, statements } = await run(
        `query ($orderBy: TalkOrder) { conference(slug: "large") { name talks(first: 50, orderBy: $orderBy) { pageInfo { hasNextPage } nodes { title speakers { person { name } } } } } }`,
        { orderBy },
      );
      const page = result.conference.talks;
      expect(page.nodes.map((talk: { title: string }) => talk.title)).toEqual(Array.from({ length: 50 }, (_, t) => `Session ${String(t).padStart(5, '0')}`));
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.nodes[0].speakers.map((s: { person: { name: string } }) => s.person.name)).toEqual(['Person 0000', 'Person 0011']);
      // conference, its talks, their speakers (with the person joined in): one per list level.
      expect(statements).toHaveLength(3);
      const talks = statements[1];
      expect(talks.sql).toContain('FROM "Talk"');
      expect(talks.rows).toBe(51);
      expect((await rowsRead(db, talks)).Talk).toBeLessThanOrEqual(51);
      expect(statements[2].rows).toBe(100);
      expect((await rowsRead(db, statements[2])).TalkSpeaker).toBeLessThanOrEqual(100);
    }
  });

  it('reads only the columns the selection asks for, and counts only when totalCount is asked for', async () => {
    const titles = await run('{ conference(slug: "large") { talks(first: 5) { nodes { title } } } }');
    expect(titles.statements[1].sql).toContain('"title"');
    expect(titles.statements[1].sql).not.toContain('"abstract"');
    expect(titles.statements[1].sql).not.toContain('count(');

    const counted = await run('{ conference(slug: "large") { talks { totalCount } } }');
    expect(counted.result.conference.talks.totalCount).toBe(LARGE);
    expect(counted.statements[1].sql).toContain('count(*)');
    expect(counted.statements[1].rows).toBe(1);
    expect(counted.statements[1].sql).not.toContain('LATERAL');
  });

  it('runs one statement per list level for many parents at once, each reading what it returns plus one row per page', async () => {
    const { result, statements } = await run(nested);
    const conferences = result.conferences.nodes;
    const talks = conferences.flatMap((c: any) => c.talks.nodes);
    const speakers = talks.flatMap((t: any) => t.speakers);
    const roles = new Map(speakers.map((s: any) => [s.person.name, s.person.affiliations.length]));
    expect(conferences.map((c: any) => c.name)).toEqual(['Conference 0', 'Conference 1', 'Conference 2']);
    expect(talks).toHaveLength(3 * 40);
    expect(speakers.length).toBeGreaterThan(160);
    expect(statements.map((s) => s.sql.match(/FROM (?:unnest\(\$1::int\[\]\)[^)]*\) p |\(SELECT NULL::int[^)]*\) p )?[A-Z ]*(?:LATERAL \(SELECT [^]*? FROM )?"(\w+)"/)?.[1])).toEqual([
      'Conference',
      'Talk',
      'TalkSpeaker',
      'Affiliation',
    ]);
    expect(statements[0].rows).toBe(4); // three conferences and the sentinel
    expect(statements[1].rows).toBe(3 * 41); // each page and its sentinel
    expect(statements[2].rows).toBe(speakers.length);
    expect(statements[3].rows).toBe([...roles.values()].reduce((a: number, b) => a + (b as number), 0));
    const read = await Promise.all(statements.map((statement) => rowsRead(db, statement)));
    expect(read[0].Conference).toBeLessThanOrEqual(5); // a few conferences: sorting them all costs nothing
    expect(read[1].Talk).toBeLessThanOrEqual(3 * 41);
    expect(read[2].TalkSpeaker).toBeLessThanOrEqual(speakers.length);
    // Joined by primary key: PostgreSQL may merge-join over the range of ids the speakers have,
    // which is a few more index entries than speakers, but never the 20,000 people of the table.
    expect(read[2].Person ?? 0).toBeLessThanOrEqual(2 * speakers.length);
    expect(read[3].Affiliation).toBeLessThanOrEqual(statements[3].rows);
  });

  it('executes the headline question in four statements for its five levels', async () => {
    const headline = readFileSync(new URL('../schema/operations/headline.graphql', import.meta.url), 'utf8');
    const { result, statements } = await run(headline);
    expect(result.organisation.reactions.totalCount).toBe(2);
    // organisation; its reactions with person, talk, conference and article joined; the people's roles; the talks' speakers.
    expect(statements).toHaveLength(4);
  });

  it.each(['compiled', 'executed'])('pages forwards and backwards with cursors through every order, with ties and missing start times (%s)', async (path) => {
    const app = path === 'compiled' ? appCompiled() : executed;
    for (const orderBy of ['SCHEDULE', 'TITLE', 'MOST_REACTIONS', 'NEWEST_CONFERENCE']) {
      const query = `query ($orderBy: TalkOrder, $first: Int, $after: String, $last: Int, $before: String) {
        talks(filter: { conference: "conf-1" }, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { title day }
        }
      }`;
      const whole = (await execute(app, query, { variables: { orderBy, first: 100 } })).talks;
      expect(whole.totalCount).toBe(100);
      expect(whole.nodes).toHaveLength(100);
      expect(whole.pageInfo.hasNextPage).toBe(false);
      if (orderBy === 'SCHEDULE') {
        const days = whole.nodes.map((talk: { day: number }) => talk.day);
        expect(days).toEqual([...days].sort((a, b) => a - b));
      }

      const forwards: unknown[] = [];
      let after: string | undefined;
      for (let page = 0; page < 4; page++) {
        const { talks } = await execute(app, query, { variables: { orderBy, first: 30, after } });
        forwards.push(...talks.nodes);
        expect(talks.pageInfo.hasNextPage).toBe(page < 3);
        expect(talks.pageInfo.hasPreviousPage).toBe(page > 0);
        after = talks.pageInfo.endCursor;
      }
      expect(forwards).toEqual(whole.nodes);

      const backwards: unknown[] = [];
      let before: string | undefined;
      for (let page = 0; page < 4; page++) {
        const { talks } = await execute(app, query, { variables: { orderBy, last: 30, before } });
        backwards.unshift(...talks.nodes);
        expect(talks.pageInfo.hasPreviousPage).toBe(page < 3);
        before = talks.pageInfo.startCursor;
      }
      expect(backwards).toEqual(whole.nodes);
    }
  });

  it('shows an admin the statements a request ran, when asked with x-talkgraph-explain, and nobody else', async () => {
    const query = '{ conference(slug: "large") { talks(first: 3) { nodes { title } } } }';
    const secret = 'explain-admin-token-0123';
    const explaining = createApp({ database: db, logging: false, tokens: [{ name: 'dev', scopes: ['admin'], secret }, { name: 'editor', scopes: ['write'], secret: `${secret}-w` }] });
    const ask = (token?: string, mode = 'analyze') =>
      request(explaining, query, { token, headers: { 'x-talkgraph-explain': mode } }).then((response) => response.body as { extensions?: { sql?: any[] } });
    const { extensions } = await ask(secret);
    expect(extensions?.sql).toHaveLength(1);
    expect(extensions!.sql![0]).toMatchObject({ rows: 1, rowsRead: { Talk: 4 } });
    expect(extensions!.sql![0].sql).toMatch(/^SELECT \(json_build_object\('conference', \(SELECT json_build_object\('talks'/);
    expect((await ask(secret, 'statements')).extensions!.sql![0].rowsRead).toBeUndefined();
    expect((await ask(`${secret}-w`)).extensions?.sql).toBeUndefined();
    expect((await ask()).extensions?.sql).toBeUndefined();
  });

  it('refuses page arguments that cannot mean one page, and cursors it did not make', async () => {
    const both = await expectError(app, '{ talks(first: 5, last: 5) { totalCount } }');
    expect(both.code).toBe('INVALID_INPUT');
    expect(both.message).toContain('first and last');
    const tooMany = await expectError(app, 'query ($n: Int) { conference(slug: "large") { talks(first: $n) { nodes { title } } } }', { variables: { n: 101 } });
    expect(tooMany.code).toBe('LIMIT_EXCEEDED');
    const cursor = await expectError(app, '{ talks(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(cursor.code).toBe('INVALID_INPUT');
    expect(cursor.message).toContain('is not a cursor of this list');
    const empty = await execute(app, '{ conference(slug: "large") { talks(first: 0) { nodes { title } pageInfo { hasNextPage } } } }');
    expect(empty.conference.talks).toEqual({ nodes: [], pageInfo: { hasNextPage: true } });
  });
});
