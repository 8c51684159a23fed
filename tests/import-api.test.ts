// The importDataset mutation: the same import as the command line, for API clients with an admin token.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError } from './helpers/graphql.js';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');
const admin = 'admin-token-0123456789';
const writer = 'writer-token-0123456789';

const importMutation = `mutation Import($input: ImportDatasetInput!) {
  importDataset(input: $input) {
    __typename
    ... on ImportDatasetPayload { format skipped warnings counts { entity created updated unchanged removed } }
    ... on Error { code message field }
  }
}`;

describe.each(databaseKinds)('importDataset on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({
      database: db,
      logging: false,
      tokens: [
        { name: 'ci-admin', scopes: ['admin'], secret: admin },
        { name: 'editor', scopes: ['write'], secret: writer },
      ],
    });
  });
  afterAll(() => db?.dispose());

  it('imports a schedule for an admin and reports what changed; a second import changes nothing', async () => {
    const input = { content: fixture('schedule.sched.ics'), fileName: 'demo.ics' };
    const first = await execute(app, importMutation, { variables: { input }, token: admin });
    expect(first.importDataset).toMatchObject({ __typename: 'ImportDatasetPayload', format: 'sched_ics', skipped: 2 });
    expect(first.importDataset.counts.find((c: any) => c.entity === 'talks')).toEqual({ entity: 'talks', created: 4, updated: 0, unchanged: 0, removed: 0 });
    const second = await execute(app, importMutation, { variables: { input }, token: admin });
    expect(second.importDataset.counts.every((c: any) => c.created + c.updated + c.removed === 0)).toBe(true);
    const { talks } = await execute(app, '{ talks(filter: { conference: "demo-cloud-summit-europe-2027" }) { totalCount } }');
    expect(talks.totalCount).toBe(4);
  });

  it('imports the formats that need options (a Sessionize export names no conference and no zone)', async () => {
    const content = fixture('schedule.sessionize.json');
    const missing = await execute(app, importMutation, { variables: { input: { content, fileName: 'ddd.json' } }, token: admin });
    expect(missing.importDataset).toMatchObject({ __typename: 'UserError', code: 'IMPORT_FAILED', field: 'conference' });
    const input = { content, fileName: 'ddd.json', conference: 'Demo Dev Day', timeZone: 'Australia/Melbourne' };
    const result = await execute(app, importMutation, { variables: { input }, token: admin });
    expect(result.importDataset.format).toBe('sessionize_json');
    const created = result.importDataset.counts.find((c: any) => c.entity === 'talks').created;
    const { talks } = await execute(app, '{ talks(filter: { conference: "demo-dev-day-2027" }) { totalCount nodes { startsAt } } }');
    expect(talks.totalCount).toBe(created);
    expect(created).toBeGreaterThan(0);
    // 09:00 in Melbourne in March (daylight saving, UTC+11) is 22:00 UTC the day before.
    expect(talks.nodes.map((t: any) => t.startsAt)).toContain('2027-03-19T22:00:00.000Z');
  });

  it('answers a cross-conference question: organisations that spoke at both editions', async () => {
    const nextYear = fixture('schedule.sched.ics')
      .replaceAll('2027', '2028')
      .replace(/UID:(\w+)/g, 'UID:$1-2028')
      .replace(' & Omar Haddad\\, CTO\\, Beta Systems', '');
    await execute(app, importMutation, { variables: { input: { content: nextYear, fileName: 'demo-2028.ics' } }, token: admin });
    const { organisations } = await execute(
      app,
      '{ organisations(spokeAt: ["demo-cloud-summit-europe-2027", "demo-cloud-summit-europe-2028"]) { nodes { name } } }',
    );
    expect(organisations.nodes.map((o: any) => o.name)).toEqual(['Acme Cloud Inc.', 'Google LLC']);
  });

  it('returns a typed error naming the file, record and field for a bad file, and changes nothing', async () => {
    const before = await db.prisma.talk.count();
    const result = await execute(app, importMutation, {
      variables: { input: { content: fixture('bad.duration.frab.xml'), fileName: 'upload.xml' } },
      token: admin,
    });
    expect(result.importDataset.__typename).toBe('UserError');
    expect(result.importDataset.code).toBe('IMPORT_FAILED');
    expect(result.importDataset.message).toMatch(/^upload\.xml, record .*, field "duration": /);
    expect(await db.prisma.talk.count()).toBe(before);
  });

  it('is refused without a token and with a write-only token, changing nothing', async () => {
    const before = await db.prisma.talk.count();
    const input = { content: fixture('schedule.frab.xml') };
    expect((await expectError(app, importMutation, { variables: { input } })).code).toBe('UNAUTHENTICATED');
    expect((await expectError(app, importMutation, { variables: { input }, token: writer })).code).toBe('FORBIDDEN');
    expect(await db.prisma.talk.count()).toBe(before);
  });
});
