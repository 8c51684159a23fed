import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../src/db/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';

async function rowCounts(db: TestDatabase) {
  const p = db.prisma;
  return {
    conferences: await p.conference.count(),
    talks: await p.talk.count(),
    people: await p.person.count(),
    organisations: await p.organisation.count(),
    affiliations: await p.affiliation.count(),
    speakers: await p.talkSpeaker.count(),
    reactions: await p.reaction.count(),
    articles: await p.article.count(),
    authors: await p.articleAuthor.count(),
    topics: await p.topic.count(),
  };
}

describe.each(databaseKinds)('the seed knowledge on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it('loads every fact of the article, and loading it again changes nothing', async () => {
    const first = await seed(db.prisma);
    expect(first.talks.created).toBe(2);
    const counts = await rowCounts(db);
    expect(counts).toEqual({
      conferences: 1,
      talks: 2,
      people: 7,
      organisations: 4,
      affiliations: 7,
      speakers: 3,
      reactions: 2,
      articles: 1,
      authors: 2,
      topics: 5,
    });
    const second = await seed(db.prisma);
    for (const entity of Object.values(second)) {
      expect(entity).toMatchObject({ created: 0, updated: 0, removed: 0 });
    }
    expect(second.talks.unchanged).toBe(2);
    expect(await rowCounts(db)).toEqual(counts);
  });

  it('answers the headline question: the talks Max Kelsen staff highlighted, with speakers and their companies', async () => {
    const talks = await db.prisma.talk.findMany({
      where: {
        reactions: {
          some: {
            kind: { in: ['HIGHLIGHT', 'DAY_HIGHLIGHT'] },
            person: { affiliations: { some: { organisation: { name: 'Max Kelsen' } } } },
          },
        },
      },
      orderBy: { title: 'asc' },
      select: {
        title: true,
        conference: { select: { name: true } },
        speakers: {
          orderBy: { position: 'asc' },
          select: { person: { select: { name: true } }, organisation: { select: { name: true } } },
        },
      },
    });
    expect(talks).toEqual([
      {
        title: 'Advanced Persistence Threats — The Future of Kubernetes Attacks',
        conference: { name: 'KubeCon + CloudNativeCon Europe 2020' },
        speakers: [
          { person: { name: 'Ian Coldwater' }, organisation: { name: 'Salesforce' } },
          { person: { name: 'Brad Geesaman' }, organisation: { name: 'Darkbit' } },
        ],
      },
      {
        title: 'Going Beyond CI/CD With Prow',
        conference: { name: 'KubeCon + CloudNativeCon Europe 2020' },
        speakers: [{ person: { name: 'Leo Di Donato' }, organisation: { name: 'Sysdig' } }],
      },
    ]);
  });

  it('records who reacted, how, why and where it was written', async () => {
    const reactions = await db.prisma.reaction.findMany({
      orderBy: { person: { name: 'asc' } },
      select: {
        kind: true,
        summary: true,
        person: { select: { name: true } },
        organisation: { select: { slug: true } },
        talk: { select: { slug: true } },
        article: { select: { title: true, seriesPart: true, seriesParts: true } },
      },
    });
    expect(reactions.map(({ summary, ...rest }) => rest)).toEqual([
      {
        kind: 'DAY_HIGHLIGHT',
        person: { name: 'Esmael Tahmasebi' },
        organisation: { slug: 'max-kelsen' },
        talk: { slug: 'advanced-persistence-threats-the-future-of-kubernetes-attacks' },
        article: { title: 'Max Kelsen Wraps Up KubeCon: Day Four', seriesPart: 4, seriesParts: 4 },
      },
      {
        kind: 'HIGHLIGHT',
        person: { name: 'Matthew Rose' },
        organisation: { slug: 'max-kelsen' },
        talk: { slug: 'going-beyond-ci-cd-with-prow' },
        article: { title: 'Max Kelsen Wraps Up KubeCon: Day Four', seriesPart: 4, seriesParts: 4 },
      },
    ]);
    expect(reactions[0].summary).toMatch(/misconfigured Kubernetes cluster/);
    expect(reactions[1].summary).toMatch(/Prow/);
  });

  it('knows the article authors in byline order and the staff job titles', async () => {
    const article = await db.prisma.article.findUniqueOrThrow({
      where: { slug: 'max-kelsen-wraps-up-kubecon-day-four' },
      select: {
        publisher: { select: { name: true, kind: true } },
        authors: { orderBy: { position: 'asc' }, select: { person: { select: { name: true } } } },
      },
    });
    expect(article.publisher).toEqual({ name: 'Max Kelsen', kind: 'CONSULTANCY' });
    expect(article.authors.map((a) => a.person.name)).toEqual(['Ruby Nguyen', 'Jacob O’Farrell']);

    const staff = await db.prisma.affiliation.findMany({
      where: { organisation: { slug: 'max-kelsen' } },
      orderBy: { person: { name: 'asc' } },
      select: { jobTitle: true, person: { select: { name: true } } },
    });
    expect(staff.map((s) => [s.person.name, s.jobTitle])).toEqual([
      ['Esmael Tahmasebi', 'Cloud Engineer'],
      ['Jacob O’Farrell', 'Technical Delivery Lead'],
      ['Matthew Rose', 'Machine Learning Engineer'],
      ['Ruby Nguyen', 'Marketing Coordinator'],
    ]);
  });

  it('holds the sourced conference dates, the Prow talk day and its links', async () => {
    const conference = await db.prisma.conference.findUniqueOrThrow({
      where: { slug: 'kubecon-cloudnativecon-europe-2020' },
      include: { talks: { where: { slug: 'going-beyond-ci-cd-with-prow' }, include: { topics: { orderBy: { slug: 'asc' } } } } },
    });
    expect(conference.startsOn?.toISOString().slice(0, 10)).toBe('2020-08-17');
    expect(conference.endsOn?.toISOString().slice(0, 10)).toBe('2020-08-20');
    expect(conference.format).toBe('VIRTUAL');
    const [prow] = conference.talks;
    expect(prow.day).toBe(4);
    expect(prow.recordingUrl).toBe('https://youtu.be/qQvoImxHydk');
    expect(prow.topics.map((t) => t.slug)).toEqual(['ci-cd', 'kubernetes', 'open-source-contribution', 'prow']);
  });
});
