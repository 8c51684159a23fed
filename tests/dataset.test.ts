import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetInput } from '../src/dataset/format.js';
import { translateDatabaseError } from '../src/db/errors.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../src/errors.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';

const base = { format: 'talkgraph', version: 1 } as const;

describe.each(databaseKinds)('loading datasets on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
  });
  afterAll(() => db?.dispose());

  const totalRows = async () =>
    (await db.prisma.organisation.count()) + (await db.prisma.person.count()) + (await db.prisma.talk.count()) + (await db.prisma.reaction.count());

  it('names the entity and field of a duplicate slug', async () => {
    const error = await db.prisma.organisation.create({ data: { slug: 'sysdig', name: 'Sysdig again' } }).catch((e) => e);
    const translated = translateDatabaseError(error);
    expect(translated).toBeInstanceOf(ConflictError);
    expect(translated?.field).toBe('slug');
    expect(translated?.message).toMatch(/^Organisation: another Organisation already has this slug/);
  });

  it('names the entity and field of a dangling reference', async () => {
    const error = await db.prisma.talk.create({ data: { slug: 'orphan', title: 'Orphan', conferenceId: 987654 } }).catch((e) => e);
    const translated = translateDatabaseError(error);
    expect(translated).toBeInstanceOf(NotFoundError);
    expect(translated?.field).toBe('conferenceId');
    expect(translated?.message).toMatch(/^Talk: conferenceId points to a conference that does not exist/);
  });

  it('writes nothing when a record late in the dataset refers to something unknown', async () => {
    const before = await totalRows();
    const bad: DatasetInput = {
      ...base,
      organisations: [{ slug: 'new-org', name: 'New Org' }],
      people: [{ slug: 'new-person', name: 'New Person', affiliations: [{ organisation: 'new-org' }] }],
      articles: [
        {
          slug: 'new-article',
          title: 'New article',
          reactions: [{ person: 'new-person', talk: 'kubecon-cloudnativecon-europe-2020/no-such-talk', kind: 'HIGHLIGHT', summary: 'Liked it.' }],
        },
      ],
    };
    const error = await loadDataset(db.prisma, bad).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.field).toBe('articles[0].reactions[0].talk');
    expect(error.message).toContain('no talk "kubecon-cloudnativecon-europe-2020/no-such-talk"');
    expect(await totalRows()).toBe(before);
    expect(await db.prisma.organisation.findUnique({ where: { slug: 'new-org' } })).toBeNull();
  });

  it('rejects an invalid record with the path of the field to fix', async () => {
    const error = await loadDataset(db.prisma, { ...base, people: [{ slug: 'Not A Slug', name: 'X' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/^people\[0\]\.slug: must be lower-case letters/);
    const twice = await loadDataset(db.prisma, {
      ...base,
      topics: [
        { slug: 'a', name: 'A' },
        { slug: 'a', name: 'A again' },
      ],
    }).catch((e) => e);
    expect(twice.message).toBe('topics[1]: slug "a" is used twice (also at topics[0]); each record needs its own.');
  });

  it('refuses a talk whose slug another talk of the conference holds under another source id, naming the record', async () => {
    const before = await totalRows();
    const error = await loadDataset(db.prisma, {
      ...base,
      conferences: [
        {
          slug: 'kubecon-cloudnativecon-europe-2020',
          name: 'KubeCon + CloudNativeCon Europe 2020',
          talks: [
            { slug: 'a-new-one', title: 'A new one' },
            { slug: 'advanced-persistence-threats-the-future-of-kubernetes-attacks', externalId: 'Zz99', title: 'Another talk, same title' },
          ],
        },
      ],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.field).toBe('conferences[0].talks[1].slug');
    expect(error.message).toContain('already has slug "advanced-persistence-threats-the-future-of-kubernetes-attacks" with externalId "ZesN" (this record\'s is "Zz99")');
    expect(await totalRows()).toBe(before);
  });

  it('names the field of text the database cannot store', async () => {
    const error = await loadDataset(db.prisma, { ...base, people: [{ slug: 'nul-person', name: 'Nul\u0000Person' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.field).toBe('people[0].name');
    expect(error.message).toMatch(/^people\[0\]\.name: contains a NUL character/);
  });

  it.each(['the Prisma client', 'the database itself'])('turns a refusal of the database into a conflict, loading through %s', async (through) => {
    const target = through === 'the Prisma client' ? db.prisma : db;
    const article = (slug: string) => ({ slug, title: `Article ${slug}`, url: `https://example.org/same-${through.length}` });
    await loadDataset(target, { ...base, articles: [article(`first-${through.length}`)] });
    const error = await loadDataset(target, { ...base, articles: [article(`second-${through.length}`)] }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('Article: another Article already has this url; choose a different url or update the existing Article.');
    expect(error.field).toBe('url');
  });

  it('keeps fields a dataset leaves out, clears fields it sets to null, and replaces speaker lists', async () => {
    const summary = await loadDataset(db.prisma, {
      ...base,
      conferences: [
        {
          slug: 'kubecon-cloudnativecon-europe-2020',
          name: 'KubeCon + CloudNativeCon Europe 2020',
          location: null,
          talks: [
            {
              slug: 'advanced-persistence-threats-the-future-of-kubernetes-attacks',
              externalId: 'ZesN',
              title: 'Advanced Persistence Threats — The Future of Kubernetes Attacks',
              speakers: [{ person: 'brad-geesaman', organisation: 'darkbit' }],
            },
          ],
        },
      ],
    });
    expect(summary.conferences).toMatchObject({ updated: 1 });
    expect(summary.talks).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(summary.speakers).toMatchObject({ updated: 1, removed: 1 });
    const conference = await db.prisma.conference.findUniqueOrThrow({ where: { slug: 'kubecon-cloudnativecon-europe-2020' } });
    expect(conference.location).toBeNull();
    expect(conference.format).toBe('VIRTUAL');
    const talk = await db.prisma.talk.findFirstOrThrow({
      where: { externalId: 'ZesN' },
      include: { speakers: { include: { person: true } } },
    });
    expect(talk.abstract).toMatch(/validating webhooks/);
    expect(talk.speakers.map((s) => [s.person.slug, s.position])).toEqual([['brad-geesaman', 1]]);
  });
});
