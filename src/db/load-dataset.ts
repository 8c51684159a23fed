// Writes a talkgraph dataset into the graph, merging by identity (see src/dataset/format.ts), in
// one transaction: a dataset that fails anywhere leaves the graph as it was.
//
// Large schedules are the common case (a FOSDEM year is ~900 talks), so every step reads the
// existing rows in one query, compares in memory and writes only what changed: new rows go in with
// one multi-row insert per table, changed rows are updated one by one, unchanged rows cost nothing.
// Loading the same dataset twice therefore writes nothing the second time.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import {
  type ArticleRecord,
  canonicalEvidence,
  type ConferenceRecord,
  type Dataset,
  dataset as datasetSchema,
  formatPath,
  type TalkRecord,
} from '../dataset/format.js';
import { dateOfDay, dateOfInstant } from '../dataset/dates.js';
import { organisationSlug, personSlug } from '../dataset/identity.js';
import { InvalidInputError } from '../errors.js';
import { translateDatabaseError } from './errors.js';

type Tx = Prisma.TransactionClient;

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows dropped from a list the dataset replaces (a talk's speakers, an article's authors). */
  removed: number;
}

export const loadedEntities = [
  'organisations',
  'people',
  'affiliations',
  'topics',
  'conferences',
  'talks',
  'speakers',
  'articles',
  'authors',
  'reactions',
] as const;
export type LoadedEntity = (typeof loadedEntities)[number];
export type LoadSummary = Record<LoadedEntity, EntityCounts>;

export interface LoadOptions {
  /** Called after each step, for progress output on long imports. */
  onProgress?: (step: LoadedEntity, counts: EntityCounts) => void;
  /** Interactive transaction timeout; big schedules on a slow disk need minutes. */
  timeoutMs?: number;
  /**
   * Descriptions of people, organisations and roles (bio, links, description, website, job
   * title) only fill in what the graph does not know yet. Schedule imports set this: two
   * programmes with different bios for one speaker would otherwise overwrite each other on every
   * re-import. Talks, which belong to their schedule, are still updated in place.
   */
  fillBlanksOnly?: boolean;
}

const descriptiveFields = new Set(['bio', 'links', 'description', 'website', 'jobTitle']);
const isBlank = (value: unknown) => value == null || value === '' || (Array.isArray(value) && value.length === 0);

/** Validates raw JSON (or an importer's output) and loads it. */
export async function loadDataset(prisma: PrismaClient, input: unknown, options: LoadOptions = {}): Promise<LoadSummary> {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue.path);
    throw new InvalidInputError(`${path || 'dataset'}: ${issue.message}`, path);
  }
  return loadValidDataset(prisma, parsed.data, options);
}

/** Loads a dataset that has already passed the format's schema (an importer's output). */
export async function loadValidDataset(prisma: PrismaClient, data: Dataset, options: LoadOptions = {}): Promise<LoadSummary> {
  checkDuplicates(data);
  try {
    return await prisma.$transaction((tx) => new DatasetWriter(tx, data, options).write(), {
      timeout: options.timeoutMs ?? 10 * 60_000,
      maxWait: 60_000,
    });
  } catch (error) {
    throw translateDatabaseError(error) ?? error;
  }
}

function checkDuplicates(data: Dataset): void {
  const unique = <T>(items: T[], key: (item: T) => string | null | undefined, path: string, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(item);
      if (value == null) return;
      const first = seen.get(value);
      if (first !== undefined) {
        throw new InvalidInputError(
          `${path}[${index}]: ${what} "${value}" is used twice (also at ${path}[${first}]); each record needs its own.`,
          `${path}[${index}]`,
        );
      }
      seen.set(value, index);
    });
  };
  unique(data.organisations, (o) => o.slug, 'organisations', 'slug');
  unique(data.people, (p) => p.slug, 'people', 'slug');
  unique(data.topics, (t) => t.slug, 'topics', 'slug');
  unique(data.conferences, (c) => c.slug, 'conferences', 'slug');
  unique(data.articles, (a) => a.slug, 'articles', 'slug');
  data.conferences.forEach((conference, c) => {
    unique(conference.talks ?? [], (t) => t.slug, `conferences[${c}].talks`, 'slug');
    unique(conference.talks ?? [], (t) => t.externalId, `conferences[${c}].talks`, 'externalId');
  });
}

const emptyCounts = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });
const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keeps only the fields a record gives (undefined means "this source does not say"). */
function given<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}


function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a == null && b == null;
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (a ?? null) === (b ?? null);
}

/**
 * The subset of `wanted` that differs from `current`; empty when nothing changes. `sameName` says
 * whether two names are one spelling away from each other.
 */
function changes<T extends object>(current: object, wanted: T, sameName = (a: unknown, b: unknown) => a === b): Partial<T> {
  const row = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => (key === 'name' ? !sameName(row[key], value) : !sameValue(row[key], value))),
  ) as Partial<T>;
}

/**
 * Sources spell people and organisations inconsistently ("mo" and "Mo", "Acme Cloud Inc." and
 * "Acme Cloud"). A name the identity rules map to the same node as the stored one is a spelling
 * variant, not a change; otherwise re-importing a set of files would rename back and forth and
 * never settle. Real renames still apply, and mutations can set any spelling.
 */
const variantOf = (identity: (name: string) => string) => (current: unknown, wanted: unknown) =>
  current === wanted || (typeof current === 'string' && typeof wanted === 'string' && identity(current) === identity(wanted));

class DatasetWriter {
  private readonly summary: LoadSummary = Object.fromEntries(
    loadedEntities.map((entity) => [entity, emptyCounts()]),
  ) as LoadSummary;
  private readonly organisationIds = new Map<string, number>();
  private readonly personIds = new Map<string, number>();
  private readonly topicIds = new Map<string, number>();
  /** "<conference slug>/<talk slug>" -> talk id */
  private readonly talkIds = new Map<string, number>();

  constructor(
    private readonly tx: Tx,
    private readonly data: Dataset,
    private readonly options: LoadOptions,
  ) {}

  async write(): Promise<LoadSummary> {
    await this.step('organisations', () => this.organisations());
    await this.step('people', () => this.people());
    await this.step('affiliations', () => this.affiliations());
    await this.step('topics', () => this.topics());
    await this.step('conferences', async () => {
      for (const [index, conference] of this.data.conferences.entries()) await this.conference(conference, index);
    });
    await this.step('articles', () => this.articles());
    return this.summary;
  }

  private async step(entity: LoadedEntity, run: () => Promise<void>) {
    await run();
    this.options.onProgress?.(entity, this.summary[entity]);
  }

  /** With fillBlanksOnly, drops changes to descriptive fields the stored row already has a value for. */
  private keepKnown<T extends object>(row: object, diff: Partial<T>): Partial<T> {
    if (!this.options.fillBlanksOnly) return diff;
    const stored = row as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(diff).filter(([key]) => !descriptiveFields.has(key) || isBlank(stored[key])),
    ) as Partial<T>;
  }

  /** An optional reference: undefined stays "not said", null clears, a slug becomes its id. */
  private optionalRef(ids: Map<string, number>, slug: string | null | undefined): number | null | undefined {
    return slug == null ? slug : ids.get(slug)!;
  }

  /** Resolves slugs the dataset refers to but does not define, failing on the first unknown one. */
  private async resolve(
    ids: Map<string, number>,
    wanted: Array<{ slug: string; path: string }>,
    what: string,
    find: (slugs: string[]) => Promise<Array<{ id: number; slug: string }>>,
  ): Promise<void> {
    const missing = [...new Set(wanted.map((w) => w.slug).filter((slug) => !ids.has(slug)))];
    for (const batch of chunks(missing)) {
      for (const row of await find(batch)) ids.set(row.slug, row.id);
    }
    const unknown = wanted.find((w) => !ids.has(w.slug));
    if (unknown) {
      throw new InvalidInputError(
        `${unknown.path}: no ${what} with slug "${unknown.slug}" in the dataset or the graph; add it to the dataset's ${what === 'person' ? 'people' : `${what}s`} or fix the slug.`,
        unknown.path,
      );
    }
  }

  /**
   * Generic merge by slug for the flat entities: one read, one multi-row insert, per-row updates.
   */
  private async mergeBySlug<Fields extends { slug: string }>(
    entity: LoadedEntity,
    ids: Map<string, number>,
    records: Fields[],
    delegate: {
      findMany(args: { where: { slug: { in: string[] } } }): Promise<Array<{ id: number; slug: string }>>;
      createManyAndReturn(args: { data: Fields[]; select: { id: true; slug: true } }): Promise<Array<{ id: number; slug: string }>>;
      update(args: { where: { id: number }; data: Partial<Fields> }): Promise<unknown>;
    },
    sameName?: (current: unknown, wanted: unknown) => boolean,
  ) {
    const counts = this.summary[entity];
    for (const batch of chunks(records)) {
      const existing = new Map(
        (await delegate.findMany({ where: { slug: { in: batch.map((r) => r.slug) } } })).map((row) => [row.slug, row]),
      );
      const fresh = batch.filter((record) => !existing.has(record.slug));
      for (const record of batch) {
        const row = existing.get(record.slug);
        if (!row) continue;
        ids.set(row.slug, row.id);
        const diff = this.keepKnown(row, changes(row, record, sameName));
        if (Object.keys(diff).length === 0) counts.unchanged++;
        else {
          await delegate.update({ where: { id: row.id }, data: diff });
          counts.updated++;
        }
      }
      if (fresh.length > 0) {
        for (const row of await delegate.createManyAndReturn({ data: fresh, select: { id: true, slug: true } })) {
          ids.set(row.slug, row.id);
        }
        counts.created += fresh.length;
      }
    }
  }

  private organisations() {
    const records = this.data.organisations.map((o) =>
      given({ slug: o.slug, name: o.name, kind: o.kind, description: o.description, website: o.website }),
    ) as Array<{ slug: string; name: string }>;
    return this.mergeBySlug('organisations', this.organisationIds, records, this.tx.organisation as never, variantOf(organisationSlug));
  }

  private people() {
    const records = this.data.people.map((p) =>
      given({ slug: p.slug, name: p.name, bio: p.bio, links: p.links }),
    ) as Array<{ slug: string; name: string }>;
    return this.mergeBySlug('people', this.personIds, records, this.tx.person as never, variantOf(personSlug));
  }

  private topics() {
    const records = this.data.topics.map((t) => ({ slug: t.slug, name: t.name }));
    return this.mergeBySlug('topics', this.topicIds, records, this.tx.topic as never);
  }

  private async affiliations() {
    const wanted = this.data.people.flatMap((person, p) =>
      (person.affiliations ?? []).map((affiliation, a) => ({ person, affiliation, path: `people[${p}].affiliations[${a}]` })),
    );
    if (wanted.length === 0) return;
    await this.resolve(
      this.organisationIds,
      wanted.map((w) => ({ slug: w.affiliation.organisation, path: `${w.path}.organisation` })),
      'organisation',
      (slugs) => this.tx.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
    );
    const counts = this.summary.affiliations;
    const personIds = wanted.map((w) => this.personIds.get(w.person.slug)!);
    const existing = new Map<string, { id: number }>();
    for (const batch of chunks([...new Set(personIds)])) {
      for (const row of await this.tx.affiliation.findMany({ where: { personId: { in: batch } } })) {
        existing.set(`${row.personId}:${row.organisationId}`, row);
      }
    }
    const fresh = new Map<string, Prisma.AffiliationCreateManyInput>();
    for (const { person, affiliation } of wanted) {
      const personId = this.personIds.get(person.slug)!;
      const organisationId = this.organisationIds.get(affiliation.organisation)!;
      const fields = given({
        jobTitle: affiliation.jobTitle,
        startedOn: dateOfDay(affiliation.startedOn),
        endedOn: dateOfDay(affiliation.endedOn),
      });
      const key = `${personId}:${organisationId}`;
      const row = existing.get(key);
      if (!row) {
        if (!fresh.has(key)) fresh.set(key, { personId, organisationId, ...fields });
        continue;
      }
      const diff = this.keepKnown(row, changes(row, fields));
      if (Object.keys(diff).length === 0) counts.unchanged++;
      else {
        await this.tx.affiliation.update({ where: { id: row.id }, data: diff });
        counts.updated++;
      }
    }
    for (const batch of chunks([...fresh.values()])) await this.tx.affiliation.createMany({ data: batch });
    counts.created += fresh.size;
  }

  private async conference(record: ConferenceRecord, index: number) {
    const fields = given({
      slug: record.slug,
      name: record.name,
      series: record.series,
      year: record.year,
      edition: record.edition,
      startsOn: dateOfDay(record.startsOn),
      endsOn: dateOfDay(record.endsOn),
      timeZone: record.timeZone,
      format: record.format,
      location: record.location,
      website: record.website,
    }) as Prisma.ConferenceCreateManyInput;
    const conferenceIds = new Map<string, number>();
    await this.mergeBySlug('conferences', conferenceIds, [fields], this.tx.conference as never);
    const conferenceId = conferenceIds.get(record.slug)!;
    if (record.talks && record.talks.length > 0) {
      await this.talks(record, conferenceId, `conferences[${index}]`);
    }
  }

  private async talks(conference: ConferenceRecord, conferenceId: number, path: string) {
    const talks = conference.talks!;
    const counts = this.summary.talks;
    const withTopics = talks.some((t) => t.topics !== undefined);
    const existingRows = await this.tx.talk.findMany({
      where: { conferenceId },
      include: withTopics ? { topics: { select: { id: true } } } : undefined,
    });
    const byExternalId = new Map(existingRows.filter((t) => t.externalId).map((t) => [t.externalId!, t]));
    const bySlug = new Map(existingRows.map((t) => [t.slug, t]));
    // A source id wins; a slug only matches a talk that has no source id of its own (one added by hand).
    const match = (talk: TalkRecord) => {
      const byId = talk.externalId ? byExternalId.get(talk.externalId) : undefined;
      if (byId) return byId;
      const row = bySlug.get(talk.slug);
      return row && (!row.externalId || !talk.externalId) ? row : undefined;
    };

    if (withTopics) {
      await this.resolve(
        this.topicIds,
        talks.flatMap((t, i) => (t.topics ?? []).map((slug, j) => ({ slug, path: `${path}.talks[${i}].topics[${j}]` }))),
        'topic',
        (slugs) => this.tx.topic.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
      );
    }

    const fresh: TalkRecord[] = [];
    for (const talk of talks) {
      const row = match(talk);
      if (!row) {
        fresh.push(talk);
        continue;
      }
      this.talkIds.set(`${conference.slug}/${talk.slug}`, row.id);
      const diff: Prisma.TalkUpdateInput = changes(row, talkFields(talk));
      if (talk.topics !== undefined) {
        const wanted = talk.topics.map((slug) => this.topicIds.get(slug)!).sort((a, b) => a - b);
        const current = ((row as { topics?: Array<{ id: number }> }).topics ?? []).map((t) => t.id).sort((a, b) => a - b);
        if (!sameValue(wanted, current)) diff.topics = { set: wanted.map((id) => ({ id })) };
      }
      if (Object.keys(diff).length === 0) counts.unchanged++;
      else {
        await this.tx.talk.update({ where: { id: row.id }, data: diff });
        counts.updated++;
      }
    }
    for (const batch of chunks(fresh)) {
      const rows = await this.tx.talk.createManyAndReturn({
        data: batch.map((talk) => ({ conferenceId, ...talkFields(talk) }) as Prisma.TalkCreateManyInput),
        select: { id: true, slug: true },
      });
      for (const row of rows) this.talkIds.set(`${conference.slug}/${row.slug}`, row.id);
    }
    counts.created += fresh.length;
    for (const talk of fresh) {
      if (talk.topics && talk.topics.length > 0) {
        await this.tx.talk.update({
          where: { id: this.talkIds.get(`${conference.slug}/${talk.slug}`)! },
          data: { topics: { connect: talk.topics.map((slug) => ({ id: this.topicIds.get(slug)! })) } },
        });
      }
    }
    await this.speakers(conference, path);
  }

  /** Replaces the speaker list of every talk that gives one. */
  private async speakers(conference: ConferenceRecord, path: string) {
    const talks = (conference.talks ?? []).map((talk, i) => ({ talk, path: `${path}.talks[${i}]` }));
    const listed = talks.filter(({ talk }) => talk.speakers !== undefined);
    if (listed.length === 0) return;
    const refs = listed.flatMap(({ talk, path }) =>
      talk.speakers!.map((speaker, s) => ({ speaker, path: `${path}.speakers[${s}]` })),
    );
    await this.resolve(
      this.personIds,
      refs.map((r) => ({ slug: r.speaker.person, path: `${r.path}.person` })),
      'person',
      (slugs) => this.tx.person.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
    );
    await this.resolve(
      this.organisationIds,
      refs.filter((r) => r.speaker.organisation).map((r) => ({ slug: r.speaker.organisation!, path: `${r.path}.organisation` })),
      'organisation',
      (slugs) => this.tx.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
    );
    const counts = this.summary.speakers;
    const talkIds = listed.map(({ talk }) => this.talkIds.get(`${conference.slug}/${talk.slug}`)!);
    const existing = new Map<string, { id: number; position: number; organisationId: number | null }>();
    for (const batch of chunks(talkIds)) {
      for (const row of await this.tx.talkSpeaker.findMany({ where: { talkId: { in: batch } } })) {
        existing.set(`${row.talkId}:${row.personId}`, row);
      }
    }
    const keep = new Set<string>();
    const fresh: Prisma.TalkSpeakerCreateManyInput[] = [];
    for (const { talk } of listed) {
      const talkId = this.talkIds.get(`${conference.slug}/${talk.slug}`)!;
      let position = 0;
      for (const speaker of talk.speakers!) {
        const personId = this.personIds.get(speaker.person)!;
        const key = `${talkId}:${personId}`;
        if (keep.has(key)) continue; // a source listing the same person twice on one talk
        keep.add(key);
        position++;
        const wanted = { position, organisationId: speaker.organisation ? this.organisationIds.get(speaker.organisation)! : null };
        const row = existing.get(key);
        if (!row) fresh.push({ talkId, personId, ...wanted });
        else {
          const diff = changes(row, speaker.organisation === undefined ? { position } : wanted);
          if (Object.keys(diff).length === 0) counts.unchanged++;
          else {
            await this.tx.talkSpeaker.update({ where: { id: row.id }, data: diff });
            counts.updated++;
          }
        }
      }
    }
    const gone = [...existing.entries()].filter(([key]) => !keep.has(key)).map(([, row]) => row.id);
    for (const batch of chunks(gone)) await this.tx.talkSpeaker.deleteMany({ where: { id: { in: batch } } });
    counts.removed += gone.length;
    for (const batch of chunks(fresh)) await this.tx.talkSpeaker.createMany({ data: batch });
    counts.created += fresh.length;
  }

  private async articles() {
    if (this.data.articles.length === 0) return;
    const refs = this.data.articles.flatMap((article, a) => [
      ...(article.publisher ? [{ kind: 'organisation' as const, slug: article.publisher, path: `articles[${a}].publisher` }] : []),
      ...(article.authors ?? []).map((slug, i) => ({ kind: 'person' as const, slug, path: `articles[${a}].authors[${i}]` })),
      ...(article.reactions ?? []).flatMap((reaction, r) => [
        { kind: 'person' as const, slug: reaction.person, path: `articles[${a}].reactions[${r}].person` },
        ...(reaction.organisation
          ? [{ kind: 'organisation' as const, slug: reaction.organisation, path: `articles[${a}].reactions[${r}].organisation` }]
          : []),
      ]),
    ]);
    await this.resolve(this.personIds, refs.filter((r) => r.kind === 'person'), 'person', (slugs) =>
      this.tx.person.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
    );
    await this.resolve(this.organisationIds, refs.filter((r) => r.kind === 'organisation'), 'organisation', (slugs) =>
      this.tx.organisation.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } }),
    );
    await this.resolveTalks();

    const articleIds = new Map<string, number>();
    const records = this.data.articles.map((a) =>
      given({
        slug: a.slug,
        title: a.title,
        url: a.url,
        publisherId: this.optionalRef(this.organisationIds, a.publisher),
        seriesName: a.seriesName,
        seriesPart: a.seriesPart,
        seriesParts: a.seriesParts,
        publishedOn: dateOfDay(a.publishedOn),
      }),
    ) as Array<{ slug: string; title: string }>;
    await this.mergeBySlug('articles', articleIds, records, this.tx.article as never);
    for (const article of this.data.articles) {
      const articleId = articleIds.get(article.slug)!;
      if (article.authors !== undefined) await this.authors(articleId, article);
      if (article.reactions?.length) await this.reactions(articleId, article);
    }
  }

  private async resolveTalks() {
    const refs = this.data.articles.flatMap((article, a) =>
      (article.reactions ?? []).map((reaction, r) => ({ ref: reaction.talk, path: `articles[${a}].reactions[${r}].talk` })),
    );
    const missing = refs.filter((r) => !this.talkIds.has(r.ref));
    for (const ref of missing) {
      if (this.talkIds.has(ref.ref)) continue;
      const [conferenceSlug, talkSlug] = ref.ref.split('/');
      const talk = await this.tx.talk.findFirst({
        where: { slug: talkSlug, conference: { slug: conferenceSlug } },
        select: { id: true },
      });
      if (!talk) {
        throw new InvalidInputError(
          `${ref.path}: no talk "${ref.ref}" in the dataset or the graph; give it as "<conference slug>/<talk slug>" of an existing talk.`,
          ref.path,
        );
      }
      this.talkIds.set(ref.ref, talk.id);
    }
  }

  private async authors(articleId: number, article: ArticleRecord) {
    const counts = this.summary.authors;
    const existing = new Map(
      (await this.tx.articleAuthor.findMany({ where: { articleId } })).map((row) => [row.personId, row]),
    );
    const wanted = [...new Set(article.authors!.map((slug) => this.personIds.get(slug)!))];
    for (const [index, personId] of wanted.entries()) {
      const row = existing.get(personId);
      if (!row) {
        await this.tx.articleAuthor.create({ data: { articleId, personId, position: index + 1 } });
        counts.created++;
      } else if (row.position !== index + 1) {
        await this.tx.articleAuthor.update({
          where: { articleId_personId: { articleId, personId } },
          data: { position: index + 1 },
        });
        counts.updated++;
      } else counts.unchanged++;
    }
    const gone = [...existing.keys()].filter((personId) => !wanted.includes(personId));
    if (gone.length > 0) await this.tx.articleAuthor.deleteMany({ where: { articleId, personId: { in: gone } } });
    counts.removed += gone.length;
  }

  private async reactions(articleId: number, article: ArticleRecord) {
    const counts = this.summary.reactions;
    const existing = new Map(
      (await this.tx.reaction.findMany({ where: { articleId } })).map((row) => [
        `${row.personId}:${row.talkId}:${row.kind}`,
        row,
      ]),
    );
    const fresh = new Map<string, Prisma.ReactionCreateManyInput>();
    for (const reaction of article.reactions!) {
      const personId = this.personIds.get(reaction.person)!;
      const talkId = this.talkIds.get(reaction.talk)!;
      const fields = given({
        summary: reaction.summary,
        organisationId: this.optionalRef(this.organisationIds, reaction.organisation),
        evidence: reaction.evidence === undefined ? undefined : canonicalEvidence(reaction.evidence),
      });
      const key = `${personId}:${talkId}:${reaction.kind}`;
      const row = existing.get(key);
      if (!row) {
        fresh.set(key, {
          articleId,
          personId,
          talkId,
          kind: reaction.kind,
          summary: reaction.summary,
          organisationId: fields.organisationId,
          evidence: jsonInput(fields.evidence),
        });
        continue;
      }
      const diff = changes({ ...row, evidence: canonicalEvidence(row.evidence) }, fields);
      if (Object.keys(diff).length === 0) counts.unchanged++;
      else {
        await this.tx.reaction.update({ where: { id: row.id }, data: { ...diff, evidence: jsonInput(diff.evidence) } });
        counts.updated++;
      }
    }
    if (fresh.size > 0) await this.tx.reaction.createMany({ data: [...fresh.values()] });
    counts.created += fresh.size;
  }
}

/** A JSON column's write value: null must be Prisma's DbNull to store SQL NULL. */
function jsonInput<T extends object>(value: T | null | undefined): T | typeof Prisma.DbNull | undefined {
  return value === null ? Prisma.DbNull : value;
}

function talkFields(talk: TalkRecord) {
  return given({
    slug: talk.slug,
    externalId: talk.externalId,
    title: talk.title,
    subtitle: talk.subtitle,
    abstract: talk.abstract,
    kind: talk.kind,
    track: talk.track,
    room: talk.room,
    language: talk.language,
    day: talk.day,
    startsAt: dateOfInstant(talk.startsAt),
    endsAt: dateOfInstant(talk.endsAt),
    scheduleUrl: talk.scheduleUrl,
    slidesUrl: talk.slidesUrl,
    recordingUrl: talk.recordingUrl,
  });
}
