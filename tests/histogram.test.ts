// Histograms of talk and reaction lists: calendar buckets of a time zone, empty ones included.
// Every expected bucket below is worked out by hand from the instants the factories write (the
// Brussels offsets: +01:00 before 2026-03-29 02:00 local, +02:00 after), and the FOSDEM 2026
// counts from the <date> elements of the programme's XML, read on their own offsets' clock.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/db/load-dataset.js';
import { createApp, type App } from '../src/yoga.js';
import { createProgrammesDatabase, createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { timedConference } from './helpers/factories.js';
import { execute, expectError } from './helpers/graphql.js';
import { recording } from './helpers/statements.js';

const buckets = (list: Array<{ start: string; end: string; count: number }>) => list.map((b) => `${b.start} ${b.end} ${b.count}`);
const bucket = (start: string, end: string, count: number) => `${start}:00.000Z ${end}:00.000Z ${count}`;

describe.each(databaseKinds)('histograms on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;

  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    // Around the spring change of 2026 in Brussels: 23:30 on the 28th, 00:30 and 23:30 on the
    // 29th (a 23-hour day), 00:30 on the 30th, local time.
    await loadDataset(db.prisma, timedConference('dst', 'Europe/Brussels', ['2026-03-28T22:30:00Z', '2026-03-28T23:30:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z']));
    // Sunday 2025-12-28 (ISO week 52 of 2025), Monday 2025-12-29 and Sunday 2026-01-04 (ISO week
    // 1 of 2026), Monday 2026-01-05 (week 2); a conference without a zone is on UTC.
    await loadDataset(db.prisma, timedConference('new-year', undefined, ['2025-12-28T10:00:00Z', '2025-12-29T10:00:00Z', '2026-01-04T23:59:00Z', '2026-01-05T00:00:00Z']));
    await loadDataset(db.prisma, timedConference('tokyo', 'Asia/Tokyo', ['2026-03-28T16:00:00Z']));
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  const talksOf = async (slug: string, histogram: string) => {
    const data = await execute(app, `{ conference(slug: "${slug}") { talks { histogram${histogram} { start end count } } } }`);
    return buckets(data.conference.talks.histogram);
  };

  it('buckets talks by day in the conference’s zone, with the 23-hour day of the spring change', async () => {
    expect(await talksOf('dst', '(interval: DAY)')).toEqual([
      bucket('2026-03-27T23:00', '2026-03-28T23:00', 1),
      bucket('2026-03-28T23:00', '2026-03-29T22:00', 2),
      bucket('2026-03-29T22:00', '2026-03-30T22:00', 1),
    ]);
    // The same talks on UTC's calendar: two on each day.
    expect(await talksOf('dst', '(interval: DAY, timeZone: "UTC")')).toEqual([
      bucket('2026-03-28T00:00', '2026-03-29T00:00', 2),
      bucket('2026-03-29T00:00', '2026-03-30T00:00', 2),
    ]);
  });

  it('uses ISO weeks, Monday to Monday, across a new year', async () => {
    expect(await talksOf('new-year', '(interval: WEEK)')).toEqual([
      bucket('2025-12-22T00:00', '2025-12-29T00:00', 1),
      bucket('2025-12-29T00:00', '2026-01-05T00:00', 2),
      bucket('2026-01-05T00:00', '2026-01-12T00:00', 1),
    ]);
    // In Brussels the Sunday 23:59 UTC talk is already Monday of week 2.
    expect(await talksOf('new-year', '(interval: WEEK, timeZone: "Europe/Brussels")')).toEqual([
      bucket('2025-12-21T23:00', '2025-12-28T23:00', 1),
      bucket('2025-12-28T23:00', '2026-01-04T23:00', 1),
      bucket('2026-01-04T23:00', '2026-01-11T23:00', 2),
    ]);
    expect(await talksOf('new-year', '(interval: YEAR)')).toEqual([
      bucket('2025-01-01T00:00', '2026-01-01T00:00', 2),
      bucket('2026-01-01T00:00', '2027-01-01T00:00', 2),
    ]);
  });

  it('includes empty buckets between from and to, days read on the histogram’s clock', async () => {
    expect(await talksOf('new-year', '(interval: DAY, from: "2025-12-27", to: "2025-12-31")')).toEqual([
      bucket('2025-12-27T00:00', '2025-12-28T00:00', 0),
      bucket('2025-12-28T00:00', '2025-12-29T00:00', 1),
      bucket('2025-12-29T00:00', '2025-12-30T00:00', 1),
      bucket('2025-12-30T00:00', '2025-12-31T00:00', 0),
      bucket('2025-12-31T00:00', '2026-01-01T00:00', 0),
    ]);
    // An instant names the bucket that holds it; the days between the set's talks are there, empty.
    const days = await talksOf('new-year', '(interval: DAY, from: "2026-01-03T12:00:00+02:00")');
    expect(days).toEqual([
      bucket('2026-01-03T00:00', '2026-01-04T00:00', 0),
      bucket('2026-01-04T00:00', '2026-01-05T00:00', 1),
      bucket('2026-01-05T00:00', '2026-01-06T00:00', 1),
    ]);
    // A month with no talk, then March (23:00 UTC to 22:00 UTC: the clocks change in it) with all four.
    expect(await talksOf('dst', '(interval: MONTH, from: "2026-02-01", to: "2026-03-01")')).toEqual([
      bucket('2026-01-31T23:00', '2026-02-28T23:00', 0),
      bucket('2026-02-28T23:00', '2026-03-31T22:00', 4),
    ]);
  });

  it('reads a list of several conferences on UTC, and each conference of a level in its own zone', async () => {
    const data = await execute(app, `{
      talks(filter: { conferences: ["dst", "tokyo"] }) { histogram(interval: DAY) { start end count } }
      conferences(orderBy: NAME) { nodes { slug talks { histogram(interval: DAY) { start count } } } }
    }`);
    expect(buckets(data.talks.histogram)).toEqual([bucket('2026-03-28T00:00', '2026-03-29T00:00', 3), bucket('2026-03-29T00:00', '2026-03-30T00:00', 2)]);
    const bySlug = Object.fromEntries(data.conferences.nodes.map((c: any) => [c.slug, c.talks.histogram.map((b: any) => `${b.start} ${b.count}`)]));
    expect(bySlug.tokyo).toEqual(['2026-03-28T15:00:00.000Z 1']); // 01:00 on the 29th in Tokyo
    expect(bySlug.dst).toEqual(['2026-03-27T23:00:00.000Z 1', '2026-03-28T23:00:00.000Z 2', '2026-03-29T22:00:00.000Z 1']);
    expect(bySlug['kubecon-cloudnativecon-europe-2020']).toEqual([]); // its talks have no start time
  });

  it('answers a level of histograms with one statement', async () => {
    const { statements } = await recording(db, () => execute(app, '{ conferences { nodes { talks { histogram(interval: WEEK) { count } } } } }'));
    expect(statements.filter((s) => /generate_series/.test(s.sql))).toHaveLength(1);
  });

  it('buckets reactions by their article’s day, else by their talk’s day, else by when they were recorded', async () => {
    const query = '{ organisation(slug: "max-kelsen") { reactions { histogram(interval: WEEK, timeZone: "Australia/Brisbane") { start end count } } } }';
    const article = 'max-kelsen-wraps-up-kubecon-day-four';
    const talks = await db.prisma.talk.findMany({ where: { reactions: { some: { article: { slug: article } } } }, select: { id: true, day: true, startsAt: true } });
    try {
      // The seed's article has no date and its talks no start: one reaction falls on its talk's day 4
      // (20 August 2020), the other, whose talk has no day, on the conference's first day (17
      // August), both in the week of Monday 17 August.
      const week = [{ start: '2020-08-16T14:00:00.000Z', end: '2020-08-23T14:00:00.000Z', count: 2 }];
      expect((await execute(app, query)).organisation.reactions.histogram).toEqual(week);

      // A start time places a talk on its conference's day (UTC 23:30 on 31 August is 1 September in Brisbane).
      await db.prisma.talk.update({ where: { id: talks[0].id }, data: { startsAt: new Date('2020-08-31T23:30:00Z') } });
      expect((await execute(app, query)).organisation.reactions.histogram).toEqual([
        { start: '2020-08-16T14:00:00.000Z', end: '2020-08-23T14:00:00.000Z', count: 1 },
        { start: '2020-08-23T14:00:00.000Z', end: '2020-08-30T14:00:00.000Z', count: 0 },
        { start: '2020-08-30T14:00:00.000Z', end: '2020-09-06T14:00:00.000Z', count: 1 },
      ]);

      // The article's date comes first: Friday 2026-01-09 is in the week of Monday 2026-01-05.
      await db.prisma.article.update({ where: { slug: article }, data: { publishedOn: new Date('2026-01-09T00:00:00Z') } });
      expect((await execute(app, query)).organisation.reactions.histogram).toEqual([{ start: '2026-01-04T14:00:00.000Z', end: '2026-01-11T14:00:00.000Z', count: 2 }]);

      // With no day known at all, a reaction counts when it was recorded.
      await db.prisma.article.update({ where: { slug: article }, data: { publishedOn: null } });
      await db.prisma.talk.updateMany({ where: { id: { in: talks.map((talk) => talk.id) } }, data: { startsAt: null, day: null } });
      await db.prisma.conference.update({ where: { slug: 'kubecon-cloudnativecon-europe-2020' }, data: { startsOn: null } });
      const recorded = await db.prisma.reaction.findMany({ where: { article: { slug: article } }, select: { createdAt: true } });
      const local = new Date(recorded[0].createdAt.getTime() + 10 * 3600_000); // Brisbane is UTC+10, no DST
      const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - ((local.getUTCDay() + 6) % 7)) - 10 * 3600_000;
      expect((await execute(app, query)).organisation.reactions.histogram).toEqual([
        { start: new Date(monday).toISOString(), end: new Date(monday + 7 * 86_400_000).toISOString(), count: 2 },
      ]);
    } finally {
      await db.prisma.article.update({ where: { slug: article }, data: { publishedOn: null } });
      for (const talk of talks) await db.prisma.talk.update({ where: { id: talk.id }, data: { day: talk.day, startsAt: talk.startsAt } });
      await db.prisma.conference.update({ where: { slug: 'kubecon-cloudnativecon-europe-2020' }, data: { startsOn: new Date('2020-08-17T00:00:00Z') } });
    }
  });

  it('refuses more than 1000 buckets, a zone that is not one, and from after to', async () => {
    const wide = await expectError(app, '{ talks { histogram(interval: DAY, from: "2000-01-01", to: "2010-01-01") { count } } }');
    expect(wide.code).toBe('LIMIT_EXCEEDED');
    expect(wide.message).toMatch(/more than 1000 days; narrow it with from and to, or ask for a coarser interval/);
    const years = await execute(app, '{ talks { histogram(interval: YEAR, from: "2000-01-01", to: "2010-01-01") { count } } }');
    expect(years.talks.histogram).toHaveLength(11);
    const zone = await expectError(app, '{ talks { histogram(interval: DAY, timeZone: "Mars/Olympus_Mons") { count } } }');
    expect(zone).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not an IANA time zone/) });
    const backwards = await expectError(app, '{ talks { histogram(interval: DAY, from: "2026-02-01", to: "2026-01-01") { count } } }');
    expect(backwards).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/from: it is after to/) });
    const notDate = await expectError(app, '{ talks { histogram(interval: DAY, from: "2026-02-30") { count } } }');
    expect(notDate.message).toMatch(/February 2026 has 28 days/);
  });

  it('says when a filter names a conference that does not exist', async () => {
    const error = await expectError(app, '{ talks(filter: { conference: "nope" }) { histogram(interval: DAY) { count } } }');
    expect(error.code).toBe('NOT_FOUND');
  });
});

const fosdem = resolve(import.meta.dirname, '../../shared/data/fosdem-schedules/fosdem-2026.xml');

describe.skipIf(!existsSync(fosdem)).each(databaseKinds)('histograms of real programmes on %s PostgreSQL', (kind) => {
  let db: TestDatabase | null;
  let app: App;
  beforeAll(async () => {
    db = await createProgrammesDatabase(kind);
    if (db) app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  it('counts FOSDEM 2026 talks per day in Brussels as its XML file does', async () => {
    // Each event's <date> is its start with Brussels' offset, so its first ten characters are its local day.
    const perDay = new Map<string, number>();
    for (const [, day] of readFileSync(fosdem, 'utf8').matchAll(/<event\b[\s\S]*?<date>(\d{4}-\d{2}-\d{2})T[^<]*\+01:00<\/date>/g)) {
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const expected = [...perDay].sort().map(([day, count]) => ({ day, count }));
    expect(expected.length).toBe(2);
    const data = await execute(app, '{ conference(slug: "fosdem-2026") { timeZone talks { histogram(interval: DAY) { start end count } } } }');
    expect(data.conference.timeZone).toBe('Europe/Brussels');
    const days = data.conference.talks.histogram.map((b: any) => ({ day: new Date(Date.parse(b.start) + 3600_000).toISOString().slice(0, 10), count: b.count }));
    expect(days).toEqual(expected);
  });
});
