// Importing schedules into the graph: idempotence, updates in place, one node per person and
// organisation across files, transactional failure, and the export/import round trip.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDataset } from '../src/db/export-dataset.js';
import { importSchedule } from '../src/db/import.js';
import type { LoadSummary } from '../src/db/load-dataset.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { seed } from '../src/db/seed.js';
import { ImportError } from '../src/errors.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

const changed = (summary: LoadSummary) =>
  Object.values(summary).reduce((n, c) => n + c.created + c.updated + c.removed, 0);

async function rowCounts(db: TestDatabase) {
  const p = db.prisma;
  const [conferences, talks, people, organisations, affiliations, speakers, reactions, articles, topics] = await Promise.all([
    p.conference.count(),
    p.talk.count(),
    p.person.count(),
    p.organisation.count(),
    p.affiliation.count(),
    p.talkSpeaker.count(),
    p.reaction.count(),
    p.article.count(),
    p.topic.count(),
  ]);
  return { conferences, talks, people, organisations, affiliations, speakers, reactions, articles, topics };
}

/** A second Sched programme of the same series a year later, sharing a speaker and a company. */
const nextYearIcs = `BEGIN:VCALENDAR
VERSION:2.0
X-WR-CALNAME:demoeu2028
PRODID:-//Sched.com Demo Cloud Summit Europe 2028//EN
BEGIN:VEVENT
DTSTART:20280314T090000Z
DTEND:20280314T093000Z
SUMMARY:Calm at Scale\\, Revisited - Rosa Lima\\, Acme Cloud & Vera Ivanova\\, Delta Data
CATEGORIES:PLATFORM ENGINEERING
LOCATION:Hall 2\\, Lisbon\\, Portugal
UID:11112222333344445555666677778888
END:VEVENT
END:VCALENDAR
`;

describe.each(databaseKinds)('importing schedules on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seed(db.prisma);
  });
  afterAll(() => db?.dispose());

  it('imports each format, and importing the same file again changes nothing', async () => {
    for (const [file, format, talks] of [
      ['schedule.frab.xml', 'frab-xml', 4],
      ['schedule.c3voc.json', 'c3voc-json', 3],
      ['schedule.sched.ics', 'sched-ics', 4],
    ] as const) {
      const first = await importSchedule(db.prisma, fixture(file), { file });
      expect(first.format).toBe(format);
      expect(first.summary.talks).toMatchObject({ created: talks, updated: 0 });
      const counts = await rowCounts(db);
      const again = await importSchedule(db.prisma, fixture(file), { file });
      expect(changed(again.summary)).toBe(0);
      expect(again.summary.talks.unchanged).toBe(talks);
      expect(await rowCounts(db)).toEqual(counts);
    }
  });

  it('records speakers with the organisation they represented, and their affiliations with job titles', async () => {
    const rosa = await db.prisma.person.findUniqueOrThrow({
      where: { slug: 'rosa-lima' },
      include: {
        affiliations: { include: { organisation: true } },
        talks: { include: { organisation: true, talk: true }, orderBy: { talk: { startsAt: 'asc' } } },
      },
    });
    expect(rosa.affiliations.map((a) => [a.organisation.name, a.jobTitle])).toEqual([['Acme Cloud Inc.', 'Principal Engineer, Platform Team']]);
    expect(rosa.talks.map((t) => [t.talk.title, t.organisation?.slug])).toEqual([
      ['Keynote: Scaling Calm', 'acme-cloud'],
      ['Project Lightning Talk: Shipping Faster', 'acme-cloud'],
    ]);
  });

  it('updates talks in place when a newer version of a schedule arrives', async () => {
    const newer = fixture('schedule.sched.ics').replace('SUMMARY:Keynote: Scaling Calm', 'SUMMARY:Keynote: Scaling Calm\\, Again');
    const before = await rowCounts(db);
    const result = await importSchedule(db.prisma, newer, { file: 'schedule-v2.ics' });
    expect(result.summary.talks).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await rowCounts(db)).toEqual(before);
    const talk = await db.prisma.talk.findFirstOrThrow({ where: { externalId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' } });
    expect(talk.title).toBe('Keynote: Scaling Calm, Again');
  });

  it('makes one node of a person or organisation met in several conferences', async () => {
    await importSchedule(db.prisma, nextYearIcs, { file: 'demo-2028.ics' });
    expect(await db.prisma.person.count({ where: { slug: 'rosa-lima' } })).toBe(1);
    const both = await db.prisma.organisation.findMany({
      where: {
        AND: ['demo-cloud-summit-europe-2027', 'demo-cloud-summit-europe-2028'].map((slug) => ({
          representedTalks: { some: { talk: { conference: { slug } } } },
        })),
      },
      select: { name: true },
    });
    expect(both).toEqual([{ name: 'Acme Cloud Inc.' }]);
  });

  it('lets a schedule fill in a bio but never overwrite one, so re-importing several schedules settles', async () => {
    const camp = fixture('schedule.c3voc.json');
    const laterCamp = camp
      .replace('"acronym": "democamp-2023"', '"acronym": "democamp-2024"')
      .replace('"title": "Demo Camp 2023"', '"title": "Demo Camp 2024"')
      .replaceAll('0b8a52cc-1111', '0b8a52cc-2222')
      .replace('Mira builds **badges**.', 'Mira now teaches soldering.');
    await importSchedule(db.prisma, camp, { file: 'camp-2023.json' });
    const later = await importSchedule(db.prisma, laterCamp, { file: 'camp-2024.json' });
    expect(later.summary.people.updated).toBe(0);
    const mira = await db.prisma.person.findUniqueOrThrow({ where: { slug: 'mira-kowalski' } });
    expect(mira.bio).toBe('Mira builds **badges**.');
    for (const [file, content] of [['camp-2023.json', camp], ['camp-2024.json', laterCamp]]) {
      expect(changed((await importSchedule(db.prisma, content, { file })).summary)).toBe(0);
    }
    // A talkgraph dataset is curated knowledge: it does replace the bio.
    await loadDataset(db.prisma, { format: 'talkgraph', version: 1, people: [{ slug: 'mira-kowalski', name: 'Mira Kowalski', bio: 'Curated.' }] });
    expect((await db.prisma.person.findUniqueOrThrow({ where: { slug: 'mira-kowalski' } })).bio).toBe('Curated.');
  });

  it('writes nothing from a file with a bad record, and says which file, record and field', async () => {
    const before = await rowCounts(db);
    const cases: Array<[string, string, RegExp]> = [
      ['bad.malformed.xml', fixture('bad.malformed.xml'), /^bad\.malformed\.xml, record .*line \d+/],
      ['bad.malformed.json', fixture('bad.malformed.json'), /^bad\.malformed\.json.*line \d+/],
      ['bad.missing-dtstart.ics', fixture('bad.missing-dtstart.ics'), /^bad\.missing-dtstart\.ics, record .*field "DTSTART"/],
      ['bad.duration.frab.xml', fixture('bad.duration.frab.xml'), /^bad\.duration\.frab\.xml, record .*field "duration"/],
      ['bad.unknown.txt', fixture('bad.unknown.txt'), /cannot tell the schedule format.*--format/],
      [
        'unknown-reference.json',
        JSON.stringify({
          format: 'talkgraph',
          version: 1,
          people: [{ slug: 'someone-new', name: 'Someone New' }],
          conferences: [{ slug: 'c', name: 'C', talks: [{ slug: 't', title: 'T', speakers: [{ person: 'nobody-known' }] }] }],
        }),
        /^unknown-reference\.json, field "conferences\[0\]\.talks\[0\]\.speakers\[0\]\.person": no person with slug "nobody-known"/,
      ],
      [
        'wrong-type.json',
        JSON.stringify({ format: 'talkgraph', version: 1, conferences: [{ slug: 'c', name: 'C', year: 'twenty' }] }),
        /^wrong-type\.json, record conference c, field "conferences\[0\]\.year": /,
      ],
      [
        'missing-title.json',
        JSON.stringify({ format: 'talkgraph', version: 1, conferences: [{ slug: 'c', name: 'C', talks: [{ slug: 't' }] }] }),
        /^missing-title\.json, record talk t, field "conferences\[0\]\.talks\[0\]\.title"/,
      ],
      [
        'absurd.json',
        JSON.stringify({ format: 'talkgraph', version: 1, people: [{ slug: 'x', name: 'x'.repeat(301) }] }),
        /^absurd\.json, record person x, field "people\[0\]\.name": .*300/,
      ],
    ];
    for (const [file, content, message] of cases) {
      const error = await importSchedule(db.prisma, content, { file }).catch((e) => e);
      expect(error, file).toBeInstanceOf(ImportError);
      expect(error.code).toBe('IMPORT_FAILED');
      expect(error.message, file).toMatch(message);
    }
    expect(await rowCounts(db)).toEqual(before);
  });

  it('refuses a file over the size limit without reading it as a schedule', async () => {
    const error = await importSchedule(db.prisma, ' '.repeat(64 * 2 ** 20 + 1), { file: 'huge.xml' }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(/^huge\.xml: the file is 64\.0 MiB; at most 64 MiB can be imported/);
  });

  it('exports a graph that imports into an empty database as the identical graph', async () => {
    const exported = await exportDataset(db.prisma);
    expect(exported.conferences.map((c) => c.slug)).toContain('kubecon-cloudnativecon-europe-2020');
    const copy = await createTestDatabase(kind);
    try {
      await loadDataset(copy.prisma, JSON.parse(JSON.stringify(exported)));
      expect(await rowCounts(copy)).toEqual(await rowCounts(db));
      expect(await exportDataset(copy.prisma)).toEqual(exported);
    } finally {
      await copy.dispose();
    }
  });

  it('exports one conference with the people, organisations, topics and articles it involves', async () => {
    const one = await exportDataset(db.prisma, { conference: 'kubecon-cloudnativecon-europe-2020' });
    expect(one.conferences.map((c) => c.slug)).toEqual(['kubecon-cloudnativecon-europe-2020']);
    expect(one.people.map((p) => p.slug)).toEqual([
      'brad-geesaman',
      'esmael-tahmasebi',
      'ian-coldwater',
      'jacob-ofarrell',
      'leo-di-donato',
      'matthew-rose',
      'ruby-nguyen',
    ]);
    expect(one.organisations.map((o) => o.slug)).toEqual(['darkbit', 'max-kelsen', 'salesforce', 'sysdig']);
    expect(one.articles[0].reactions).toHaveLength(2);
    await expect(exportDataset(db.prisma, { conference: 'nope' })).rejects.toThrow(/No conference with slug "nope"/);
  });
});
