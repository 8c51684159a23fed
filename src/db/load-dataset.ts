// Writes a talkgraph dataset into the graph, merging by identity (see src/dataset/format.ts), in
// one transaction: a dataset that fails anywhere leaves the graph as it was.
//
// Every table is written through one merge (./merge.ts) in batches: a batch's existing rows are
// read in one statement, new rows go in with one multi-row insert, changed rows are updated, and
// unchanged rows cost nothing, so loading the same dataset twice writes nothing the second time.
// A conference's talks are written a batch at a time together with their topics and speakers, so
// what the loader holds besides the dataset is one batch, whatever the size of the programme.
//
// Loads into one database run one after another: each takes a transaction-scoped advisory lock
// first, so two imports of overlapping files end as if run in sequence instead of failing on each
// other's new rows (or worse, each deciding a person is new).
import { createHash } from 'node:crypto';
import type {
  Affiliation,
  Article,
  ArticleAuthor,
  Conference,
  Organisation,
  Person,
  Reaction,
  Talk,
  TalkSpeaker,
  Topic,
} from '../generated/prisma/client.js';
import { dateOfDay, dateOfInstant, isoInstant } from '../dataset/dates.js';
import {
  type ArticleRecord,
  canonicalEvidence,
  type ConferenceRecord,
  type Dataset,
  dataset as datasetSchema,
  formatPath,
  type TalkRecord,
} from '../dataset/format.js';
import { organisationMatchKey, personSlug } from '../dataset/identity.js';
import { InvalidInputError } from '../errors.js';
import { announce, type ChangedRow, type ChangeSource, reactionRows } from './changes.js';
import { translateDatabaseError } from './errors.js';
import { resolveIdentities, type ResolvedIdentities, writeIdentities } from './identity.js';
import { BATCH_SIZE, batches, type EntityCounts, type MergeRule, mergeBatch, type Table, type Wanted } from './merge.js';
import { type Statements, type WriteTarget, writeTransaction } from './write-transaction.js';

export type { EntityCounts, WriteTarget };

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
  /** Called after each step (and each batch of talks), for progress output on long imports. */
  onProgress?: (step: LoadedEntity, counts: EntityCounts) => void;
  /** Prisma's interactive transaction timeout (loads through a Prisma client); big schedules on a slow disk need minutes. */
  timeoutMs?: number;
  /**
   * Descriptions of people, organisations and roles (bio, links, description, website, job
   * title) only fill in what the graph does not know yet. Schedule imports set this: two
   * programmes with different bios for one speaker would otherwise overwrite each other on every
   * re-import. Talks, which belong to their schedule, are still updated in place.
   */
  fillBlanksOnly?: boolean;
  /** What the change feed says wrote (src/db/changes.ts). Default 'import'. */
  source?: ChangeSource;
}

/**
 * The advisory lock every dataset load takes inside its transaction (released at commit or
 * rollback). Its keys follow the database's other locks (src/db/client.ts): talkgraph's class, then
 * the lock's name, each the first 32 bits of a SHA-256.
 */
const lockKey = (text: string) => createHash('sha256').update(text).digest().readInt32BE(0);
export const LOAD_LOCK = [lockKey('talkgraph'), lockKey('load-dataset')] as const;

/**
 * Validates raw JSON (or an importer's output) and loads it, through the app's Prisma client or
 * straight into an open database (see ./write-transaction.ts).
 */
export async function loadDataset(target: WriteTarget, input: unknown, options: LoadOptions = {}): Promise<LoadSummary> {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue.path);
    throw new InvalidInputError(`${path || 'dataset'}: ${issue.message}`, path);
  }
  return loadValidDataset(target, parsed.data, options);
}

/** Loads a dataset that has already passed the format's schema (an importer's output). */
export async function loadValidDataset(target: WriteTarget, data: Dataset, options: LoadOptions = {}): Promise<LoadSummary> {
  checkDuplicates(data);
  try {
    return await writeTransaction(
      target,
      async (db) => {
        await db.query('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::integer, $2::integer)', LOAD_LOCK);
        return new DatasetWriter(db, data, options).write();
      },
      { timeoutMs: options.timeoutMs },
    );
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

// What the loader writes of each table. The column kinds are checked against Prisma's model types.
const organisations: Table<Organisation> = {
  name: 'Organisation',
  primaryKey: ['id'],
  timestamps: true,
  columns: { slug: 'text', name: 'text', kind: 'enum:OrganisationKind', description: 'text', website: 'text' },
};
const people: Table<Person> = {
  name: 'Person',
  primaryKey: ['id'],
  timestamps: true,
  columns: { slug: 'text', name: 'text', bio: 'text', links: 'texts' },
};
const affiliations: Table<Affiliation> = {
  name: 'Affiliation',
  primaryKey: ['id'],
  timestamps: true,
  columns: { personId: 'int', organisationId: 'int', jobTitle: 'text', startedOn: 'day', endedOn: 'day' },
};
const topics: Table<Topic> = { name: 'Topic', primaryKey: ['id'], timestamps: false, columns: { slug: 'text', name: 'text' } };
const conferences: Table<Conference> = {
  name: 'Conference',
  primaryKey: ['id'],
  timestamps: true,
  columns: {
    slug: 'text',
    name: 'text',
    series: 'text',
    year: 'int',
    edition: 'text',
    startsOn: 'day',
    endsOn: 'day',
    timeZone: 'text',
    format: 'enum:ConferenceFormat',
    location: 'text',
    website: 'text',
  },
};
const talks: Table<Talk> = {
  name: 'Talk',
  primaryKey: ['id'],
  timestamps: true,
  columns: {
    conferenceId: 'int',
    slug: 'text',
    externalId: 'text',
    title: 'text',
    subtitle: 'text',
    abstract: 'text',
    kind: 'enum:TalkKind',
    track: 'text',
    room: 'text',
    language: 'text',
    day: 'int',
    startsAt: 'instant',
    endsAt: 'instant',
    scheduleUrl: 'text',
    slidesUrl: 'text',
    recordingUrl: 'text',
  },
};
/** Prisma's implicit many-to-many table between talks (A) and topics (B). */
interface TalkTopic {
  A: number;
  B: number;
}
const talkTopics: Table<TalkTopic> = { name: '_TalkToTopic', primaryKey: ['A', 'B'], timestamps: false, columns: { A: 'int', B: 'int' } };
const speakers: Table<TalkSpeaker> = {
  name: 'TalkSpeaker',
  primaryKey: ['id'],
  timestamps: false,
  columns: { talkId: 'int', personId: 'int', position: 'int', organisationId: 'int' },
};
const articles: Table<Article> = {
  name: 'Article',
  primaryKey: ['id'],
  timestamps: true,
  columns: {
    slug: 'text',
    title: 'text',
    url: 'text',
    publisherId: 'int',
    seriesName: 'text',
    seriesPart: 'int',
    seriesParts: 'int',
    publishedOn: 'day',
  },
};
const authors: Table<ArticleAuthor> = {
  name: 'ArticleAuthor',
  primaryKey: ['articleId', 'personId'],
  timestamps: false,
  columns: { articleId: 'int', personId: 'int', position: 'int' },
};
const reactions: Table<Reaction> = {
  name: 'Reaction',
  primaryKey: ['id'],
  timestamps: true,
  columns: { personId: 'int', talkId: 'int', organisationId: 'int', articleId: 'int', kind: 'enum:ReactionKind', summary: 'text', evidence: 'json' },
};

/** Keeps only the fields a record gives (undefined means "this source does not say"). */
function given<T extends object>(fields: T): T {
  for (const key of Object.keys(fields) as Array<keyof T>) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/**
 * Sources spell people and organisations inconsistently ("mo" and "Mo", "Acme Cloud Inc." and
 * "Acme Cloud"). A name the identity rules map to the same node as the stored one is a spelling
 * variant, not a change; otherwise re-importing a set of files would rename back and forth and
 * never settle. Real renames still apply, and mutations can set any spelling.
 */
const variantOf = (identity: (name: string) => string) => (stored: string, wanted: string) =>
  stored === wanted || identity(stored) === identity(wanted);

/** jsonb reorders object keys; evidence is compared as the format writes it. */
const sameEvidence = (stored: unknown, wanted: unknown) => JSON.stringify(canonicalEvidence(stored)) === JSON.stringify(wanted ?? null);

const emptyCounts = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });

class DatasetWriter {
  private readonly summary: LoadSummary = Object.fromEntries(
    loadedEntities.map((entity) => [entity, emptyCounts()]),
  ) as LoadSummary;
  private readonly now = new Date();
  private readonly organisationIds = new Map<string, number>();
  private readonly personIds = new Map<string, number>();
  private readonly topicIds = new Map<string, number>();
  private identities: ResolvedIdentities = { keepStoredName: new Set() };
  /** "<conference slug>/<talk slug>" -> talk id, kept only when the dataset's articles may refer to them. */
  private readonly talkIds = new Map<string, number>();
  /** Conferences and talks created or changed, for the change feed; reactions are read at the end. */
  private readonly changedRows: ChangedRow[] = [];
  private readonly changedReactions = { CREATED: [] as number[], UPDATED: [] as number[] };

  constructor(
    private readonly db: Statements,
    private readonly data: Dataset,
    private readonly options: LoadOptions,
  ) {}

  async write(): Promise<LoadSummary> {
    this.identities = await resolveIdentities(this.db, this.data);
    await this.step('organisations', () => this.organisations());
    await this.step('people', () => this.people());
    await this.step('affiliations', () => this.affiliations());
    await this.step('topics', () => this.topics());
    await this.step('conferences', async () => {
      for (const [index, conference] of this.data.conferences.entries()) await this.conference(conference, index);
    });
    await this.step('articles', () => this.articles());
    await this.announce();
    return this.summary;
  }

  /**
   * Tells the change feed, in this transaction, which talks and reactions changed and which
   * conferences the load touched; a load that changed nothing says nothing.
   */
  private async announce() {
    const changedAnything = Object.values(this.summary).some((counts) => counts.created + counts.updated + counts.removed > 0);
    if (!changedAnything) return;
    const rows = [
      ...this.changedRows,
      ...(await reactionRows(this.db, this.changedReactions.CREATED, 'CREATED')),
      ...(await reactionRows(this.db, this.changedReactions.UPDATED, 'UPDATED')),
    ];
    const conferenceIds = [...new Set(rows.map((row) => row.conferenceId).filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b);
    await announce(this.db, { source: this.options.source ?? 'import', rows, graph: { conferenceIds } });
  }

  private async step(entity: LoadedEntity, run: () => Promise<void>) {
    await run();
    this.options.onProgress?.(entity, this.summary[entity]);
  }

  private rule<Row>(table: Table<Row>, entity: LoadedEntity, rest: Omit<MergeRule<Row>, 'table' | 'counts'>): MergeRule<Row> {
    const keepKnown = this.options.fillBlanksOnly ? rest.keepKnown : undefined;
    return { ...rest, table, keepKnown, counts: this.summary[entity] };
  }

  /** Merges records in batches, returning each record's row id (for tables with an id). */
  private async merge<Row extends { id: number }>(rule: MergeRule<Row>, records: Array<Wanted<Row>>, pathOf: (index: number) => string): Promise<number[]> {
    const ids: number[] = [];
    for (const [b, batch] of batches(records).entries()) {
      const offset = b * BATCH_SIZE;
      const { rows } = await mergeBatch(this.db, rule, batch, { now: this.now, pathOf: (index) => pathOf(offset + index) });
      for (const row of rows) ids.push(row.id);
    }
    return ids;
  }

  /** Resolves slugs the dataset refers to but does not define, failing on the first unknown one. */
  private async resolve(
    ids: Map<string, number>,
    table: 'Person' | 'Organisation' | 'Topic',
    wanted: Array<{ slug: string; path: string }>,
  ): Promise<void> {
    const missing = [...new Set(wanted.map((w) => w.slug).filter((slug) => !ids.has(slug)))];
    for (const batch of batches(missing)) {
      const rows = await this.db.query<{ id: number; slug: string }>(
        `SELECT id, slug FROM "${table}" WHERE slug IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(batch)],
      );
      for (const row of rows) ids.set(row.slug, row.id);
    }
    const unknown = wanted.find((w) => !ids.has(w.slug));
    if (unknown) {
      const what = table.toLowerCase();
      throw new InvalidInputError(
        `${unknown.path}: no ${what} with slug "${unknown.slug}" in the dataset or the graph; add it to the dataset's ${what === 'person' ? 'people' : `${what}s`} or fix the slug.`,
        unknown.path,
      );
    }
  }

  /** An optional reference: undefined stays "not said", null clears, a slug becomes its id. */
  private optionalRef(ids: Map<string, number>, slug: string | null | undefined): number | null | undefined {
    return slug == null ? slug : ids.get(slug)!;
  }

  private async organisations() {
    const records = this.data.organisations.map((o) =>
      given<Wanted<Organisation>>({ slug: o.slug, name: this.identities.keepStoredName.has(`organisation:${o.slug}`) ? undefined : o.name, kind: o.kind, description: o.description, website: o.website }),
    );
    const rule = this.rule(organisations, 'organisations', {
      identities: [['slug']],
      same: { name: variantOf(organisationMatchKey) },
      keepKnown: ['description', 'website'],
    });
    const ids = await this.merge(rule, records, (index) => `organisations[${index}]`);
    this.data.organisations.forEach((o, index) => this.organisationIds.set(o.slug, ids[index]));
    await writeIdentities(this.db, 'Organisation', this.data.organisations, this.organisationIds);
  }

  private async people() {
    const records = this.data.people.map((p) =>
      given<Wanted<Person>>({ slug: p.slug, name: this.identities.keepStoredName.has(`person:${p.slug}`) ? undefined : p.name, bio: p.bio, links: p.links }));
    const rule = this.rule(people, 'people', { identities: [['slug']], same: { name: variantOf(personSlug) }, keepKnown: ['bio', 'links'] });
    const ids = await this.merge(rule, records, (index) => `people[${index}]`);
    this.data.people.forEach((p, index) => this.personIds.set(p.slug, ids[index]));
    await writeIdentities(this.db, 'Person', this.data.people, this.personIds);
  }

  private async topics() {
    const records = this.data.topics.map((t): Wanted<Topic> => ({ slug: t.slug, name: t.name }));
    const ids = await this.merge(this.rule(topics, 'topics', { identities: [['slug']] }), records, (index) => `topics[${index}]`);
    this.data.topics.forEach((t, index) => this.topicIds.set(t.slug, ids[index]));
  }

  private async affiliations() {
    const wanted = this.data.people.flatMap((person, p) =>
      (person.affiliations ?? []).map((affiliation, a) => ({ person, affiliation, path: `people[${p}].affiliations[${a}]` })),
    );
    if (wanted.length === 0) return;
    await this.resolve(
      this.organisationIds,
      'Organisation',
      wanted.map((w) => ({ slug: w.affiliation.organisation, path: `${w.path}.organisation` })),
    );
    const records = wanted.map(({ person, affiliation }) =>
      given<Wanted<Affiliation>>({
        personId: this.personIds.get(person.slug)!,
        organisationId: this.organisationIds.get(affiliation.organisation)!,
        jobTitle: affiliation.jobTitle,
        startedOn: dateOfDay(affiliation.startedOn),
        endedOn: dateOfDay(affiliation.endedOn),
      }),
    );
    const rule = this.rule(affiliations, 'affiliations', { identities: [['personId', 'organisationId']], keepKnown: ['jobTitle'] });
    await this.merge(rule, records, (index) => wanted[index].path);
  }

  private async conference(record: ConferenceRecord, index: number) {
    const fields = given<Wanted<Conference>>({
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
    });
    const { rows: [stored], outcomes: [outcome] } = await mergeBatch(this.db, this.rule(conferences, 'conferences', { identities: [['slug']] }), [fields], {
      now: this.now,
      pathOf: () => `conferences[${index}]`,
    });
    const conferenceId = stored.id;
    if (outcome !== 'unchanged') this.changedRows.push({ type: 'Conference', change: outcome === 'created' ? 'CREATED' : 'UPDATED', id: conferenceId, conferenceId });
    const path = `conferences[${index}]`;
    const list = record.talks ?? [];
    for (const [b, batch] of batches(list).entries()) await this.talks(record.slug, conferenceId, batch, path, b * BATCH_SIZE);
  }

  /** One batch of a conference's talks, then their topics and speakers. */
  private async talks(conferenceSlug: string, conferenceId: number, batch: TalkRecord[], path: string, offset: number) {
    const talkPath = (index: number) => `${path}.talks[${offset + index}]`;
    const rule = this.rule(talks, 'talks', { identities: [['conferenceId', 'externalId'], ['conferenceId', 'slug']] });
    const records = batch.map((talk) => ({ conferenceId, ...talkFields(talk) }));
    const { outcomes, rows } = await mergeBatch(this.db, rule, records, { now: this.now, pathOf: talkPath });
    const ids = rows.map((row) => row.id);
    outcomes.forEach((outcome, index) => {
      if (outcome !== 'unchanged') this.changedRows.push({ type: 'Talk', change: outcome === 'created' ? 'CREATED' : 'UPDATED', id: ids[index], conferenceId });
    });
    if (this.data.articles.length > 0) batch.forEach((talk, index) => this.talkIds.set(`${conferenceSlug}/${talk.slug}`, ids[index]));
    const topicsChanged = await this.talkTopics(batch, ids, outcomes, talkPath);
    for (const id of topicsChanged) this.changedRows.push({ type: 'Talk', change: 'UPDATED', id, conferenceId });
    this.options.onProgress?.('talks', this.summary.talks);
    await this.speakers(batch, ids, talkPath);
    this.options.onProgress?.('speakers', this.summary.speakers);
  }

  /** Replaces the topics of every talk that lists them; a talk whose topics changed counts as updated. */
  private async talkTopics(batch: TalkRecord[], ids: number[], outcomes: string[], talkPath: (index: number) => string): Promise<number[]> {
    const listed = batch.flatMap((talk, index) => (talk.topics === undefined ? [] : [{ talk, index }]));
    if (listed.length === 0) return [];
    await this.resolve(
      this.topicIds,
      'Topic',
      listed.flatMap(({ talk, index }) => talk.topics!.map((slug, t) => ({ slug, path: `${talkPath(index)}.topics[${t}]` }))),
    );
    const records = listed.flatMap(({ talk, index }) => talk.topics!.map((slug): Wanted<TalkTopic> => ({ A: ids[index], B: this.topicIds.get(slug)! })));
    const rule: MergeRule<TalkTopic> = { table: talkTopics, identities: [['A', 'B']], replaceWithin: 'A', counts: emptyCounts() };
    const result = await mergeBatch(this.db, rule, records, { now: this.now, owners: listed.map(({ index }) => ids[index]) });
    const changed = new Set([...records.filter((_, i) => result.outcomes[i] === 'created').map((r) => r.A), ...result.removed.map((r) => r.A)]);
    const touched = listed.filter(({ index }) => outcomes[index] === 'unchanged' && changed.has(ids[index])).map(({ index }) => ids[index]);
    if (touched.length === 0) return [];
    await this.db.query('UPDATE "Talk" SET "updatedAt" = $2::timestamp(3) WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::integer)', [
      JSON.stringify(touched),
      isoInstant(this.now),
    ]);
    this.summary.talks.unchanged -= touched.length;
    this.summary.talks.updated += touched.length;
    return touched;
  }

  /** Replaces the speaker list of every talk that gives one. */
  private async speakers(batch: TalkRecord[], ids: number[], talkPath: (index: number) => string) {
    const listed = batch.flatMap((talk, index) => (talk.speakers === undefined ? [] : [{ talk, index }]));
    if (listed.length === 0) return;
    const refs = listed.flatMap(({ talk, index }) => talk.speakers!.map((speaker, s) => ({ speaker, path: `${talkPath(index)}.speakers[${s}]` })));
    await this.resolve(this.personIds, 'Person', refs.map((r) => ({ slug: r.speaker.person, path: `${r.path}.person` })));
    await this.resolve(
      this.organisationIds,
      'Organisation',
      refs.filter((r) => r.speaker.organisation).map((r) => ({ slug: r.speaker.organisation!, path: `${r.path}.organisation` })),
    );
    const records: Array<Wanted<TalkSpeaker>> = [];
    const paths: string[] = [];
    for (const { talk, index } of listed) {
      // A source listing the same person twice on one talk: the first mention sets the position.
      const seen = new Set<number>();
      for (const [s, speaker] of talk.speakers!.entries()) {
        const personId = this.personIds.get(speaker.person)!;
        if (seen.has(personId)) continue;
        seen.add(personId);
        records.push(
          given<Wanted<TalkSpeaker>>({
            talkId: ids[index],
            personId,
            position: seen.size,
            organisationId: this.optionalRef(this.organisationIds, speaker.organisation),
          }),
        );
        paths.push(`${talkPath(index)}.speakers[${s}]`);
      }
    }
    const rule = this.rule(speakers, 'speakers', { identities: [['talkId', 'personId']], replaceWithin: 'talkId' });
    await mergeBatch(this.db, rule, records, { now: this.now, owners: listed.map(({ index }) => ids[index]), pathOf: (i) => paths[i] });
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
    await this.resolve(this.personIds, 'Person', refs.filter((r) => r.kind === 'person'));
    await this.resolve(this.organisationIds, 'Organisation', refs.filter((r) => r.kind === 'organisation'));
    await this.resolveTalks();

    const records = this.data.articles.map((a) =>
      given<Wanted<Article>>({
        slug: a.slug,
        title: a.title,
        url: a.url,
        publisherId: this.optionalRef(this.organisationIds, a.publisher),
        seriesName: a.seriesName,
        seriesPart: a.seriesPart,
        seriesParts: a.seriesParts,
        publishedOn: dateOfDay(a.publishedOn),
      }),
    );
    const ids = await this.merge(this.rule(articles, 'articles', { identities: [['slug']] }), records, (index) => `articles[${index}]`);
    const listed = this.data.articles.flatMap((article, index) => (article.authors === undefined ? [] : [{ article, id: ids[index] }]));
    for (const batch of batches(listed)) await this.authors(batch);
    await this.step('authors', async () => {});
    for (const [index, article] of this.data.articles.entries()) {
      if (article.reactions?.length) await this.reactions(ids[index], article, index);
    }
    await this.step('reactions', async () => {});
  }

  /** Talks the reactions name as "<conference slug>/<talk slug>" that the dataset does not hold. */
  private async resolveTalks() {
    const refs = this.data.articles.flatMap((article, a) =>
      (article.reactions ?? []).map((reaction, r) => ({ ref: reaction.talk, path: `articles[${a}].reactions[${r}].talk` })),
    );
    const missing = [...new Set(refs.filter((r) => !this.talkIds.has(r.ref)).map((r) => r.ref))];
    for (const batch of batches(missing)) {
      const rows = await this.db.query<{ id: number; ref: string }>(
        `SELECT t.id, k.ref FROM "Talk" AS t JOIN "Conference" AS c ON c.id = t."conferenceId"
           JOIN (SELECT ref, split_part(ref, '/', 1) AS conference, split_part(ref, '/', 2) AS talk
                 FROM jsonb_array_elements_text($1::jsonb) AS ref) AS k ON c.slug = k.conference AND t.slug = k.talk`,
        [JSON.stringify(batch)],
      );
      for (const row of rows) this.talkIds.set(row.ref, row.id);
    }
    const unknown = refs.find((r) => !this.talkIds.has(r.ref));
    if (unknown) {
      throw new InvalidInputError(
        `${unknown.path}: no talk "${unknown.ref}" in the dataset or the graph; give it as "<conference slug>/<talk slug>" of an existing talk.`,
        unknown.path,
      );
    }
  }

  /** Replaces the byline of every article that gives one, in the order given. */
  private async authors(listed: Array<{ article: ArticleRecord; id: number }>) {
    const records: Array<Wanted<ArticleAuthor>> = [];
    for (const { article, id } of listed) {
      const byline = [...new Set(article.authors!.map((slug) => this.personIds.get(slug)!))];
      byline.forEach((personId, position) => records.push({ articleId: id, personId, position: position + 1 }));
    }
    const rule = this.rule(authors, 'authors', { identities: [['articleId', 'personId']], replaceWithin: 'articleId' });
    await mergeBatch(this.db, rule, records, { now: this.now, owners: listed.map(({ id }) => id) });
  }

  /** Adds or updates an article's reactions; a load never removes one. */
  private async reactions(articleId: number, article: ArticleRecord, index: number) {
    const records = article.reactions!.map((reaction) =>
      given<Wanted<Reaction>>({
        articleId,
        personId: this.personIds.get(reaction.person)!,
        talkId: this.talkIds.get(reaction.talk)!,
        kind: reaction.kind,
        summary: reaction.summary,
        organisationId: this.optionalRef(this.organisationIds, reaction.organisation),
        evidence: reaction.evidence === undefined ? undefined : canonicalEvidence(reaction.evidence),
      }),
    );
    const rule = this.rule(reactions, 'reactions', {
      identities: [['articleId', 'personId', 'talkId', 'kind']],
      same: { evidence: sameEvidence },
    });
    for (const [b, batch] of batches(records).entries()) {
      const { rows, outcomes } = await mergeBatch(this.db, rule, batch, { now: this.now, pathOf: (r) => `articles[${index}].reactions[${b * BATCH_SIZE + r}]` });
      outcomes.forEach((outcome, r) => {
        if (outcome !== 'unchanged') this.changedReactions[outcome === 'created' ? 'CREATED' : 'UPDATED'].push(rows[r].id);
      });
    }
  }
}

function talkFields(talk: TalkRecord): Wanted<Talk> {
  return given<Wanted<Talk>>({
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
