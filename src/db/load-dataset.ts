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
  type PersonRecord,
  type SourceRecord,
  type TalkRecord,
} from '../dataset/format.js';
import { canonicalSource, canonicalSources, sameSource, type StoredSource, withSources } from '../dataset/sources.js';
import { organisationMatchKey, organisationSlug, personSlug } from '../dataset/identity.js';
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
  columns: { personId: 'int', organisationId: 'int', jobTitle: 'text', startedOn: 'day', endedOn: 'day', sources: 'json' },
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
  columns: { talkId: 'int', personId: 'int', position: 'int', organisationId: 'int', organisationSource: 'json' },
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
  private readonly articleIds = new Map<string, number>();
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
    await this.step('topics', () => this.topics());
    // Articles before roles and speakers, whose sources may name them; their reactions after the talks.
    await this.step('articles', () => this.articles());
    await this.step('affiliations', () => this.affiliations());
    await this.step('conferences', async () => {
      for (const [index, conference] of this.data.conferences.entries()) await this.conference(conference, index);
    });
    await this.articleContents();
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

  /**
   * A dataset's sources as stored: the article as its id, recordedAt the load's time unless given,
   * and a record that names none gets `{ kind: DATASET }`: it came from a dataset, nothing more is known.
   */
  private async storedSources(sources: Array<{ source: SourceRecord; path: string }>): Promise<StoredSource[]> {
    await this.resolveArticles(sources.filter((s) => s.source.article).map((s) => ({ slug: s.source.article!, path: `${s.path}.article` })));
    return sources.map(({ source }) =>
      canonicalSource({
        kind: source.kind,
        file: source.file,
        record: source.record,
        articleId: source.article ? this.articleIds.get(source.article) : undefined,
        evidence: source.evidence,
        recordedBy: source.recordedBy,
        recordedAt: source.recordedAt ? new Date(source.recordedAt).toISOString() : isoInstant(this.now),
      })!,
    );
  }

  private async resolveArticles(wanted: Array<{ slug: string; path: string }>) {
    const missing = [...new Set(wanted.map((w) => w.slug).filter((slug) => !this.articleIds.has(slug)))];
    for (const batch of batches(missing)) {
      const rows = await this.db.query<{ id: number; slug: string }>(
        'SELECT id, slug FROM "Article" WHERE slug IN (SELECT jsonb_array_elements_text($1::jsonb))',
        [JSON.stringify(batch)],
      );
      for (const row of rows) this.articleIds.set(row.slug, row.id);
    }
    const unknown = wanted.find((w) => !this.articleIds.has(w.slug));
    if (unknown) {
      throw new InvalidInputError(
        `${unknown.path}: no article with slug "${unknown.slug}" in the dataset or the graph; add it to the dataset's articles or fix the slug.`,
        unknown.path,
      );
    }
  }

  /**
   * Roles are not unique per person and organisation, so they are matched here rather than by an
   * identity of columns (see roleMatch): the stored roles of the batch's people are read in one
   * statement, new roles go in with one insert, and changed ones are updated in one statement.
   */
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
    for (const batch of batches(wanted)) await this.roleBatch(batch);
  }

  private async roleBatch(batch: Array<{ person: PersonRecord; affiliation: NonNullable<PersonRecord['affiliations']>[number]; path: string }>) {
    const counts = this.summary.affiliations;
    const personIds = [...new Set(batch.map(({ person }) => this.personIds.get(person.slug)!))];
    const stored = await this.db.query<StoredRole>(
      `SELECT id, "personId", "organisationId", "jobTitle", to_char("startedOn", 'YYYY-MM-DD') AS "startedOn",
              to_char("endedOn", 'YYYY-MM-DD') AS "endedOn", sources
         FROM "Affiliation" WHERE "personId" IN (SELECT jsonb_array_elements_text($1::jsonb)::integer) ORDER BY id`,
      [JSON.stringify(personIds)],
    );
    const byPair = new Map<string, StoredRole[]>();
    for (const role of stored) {
      role.sources = canonicalSources(role.sources);
      const key = `${role.personId}:${role.organisationId}`;
      byPair.set(key, [...(byPair.get(key) ?? []), role]);
    }
    const fresh: StoredRole[] = [];
    const changed = new Set<StoredRole>();
    const claimed = new Set<StoredRole>();
    for (const { person, affiliation, path } of batch) {
      const personId = this.personIds.get(person.slug)!;
      const organisationId = this.organisationIds.get(affiliation.organisation)!;
      const sources = await this.storedSources(
        (affiliation.sources?.length ? affiliation.sources : [{ kind: 'DATASET' as const }]).map((source, s) => ({ source, path: `${path}.sources[${s}]` })),
      );
      const nul = ['jobTitle', 'sources'].find((field) => JSON.stringify((affiliation as Record<string, unknown>)[field] ?? null).includes('\\u0000'));
      if (nul) throw new InvalidInputError(`${path}.${nul}: contains a NUL character (U+0000), which the database cannot store; remove it.`, `${path}.${nul}`);
      const key = `${personId}:${organisationId}`;
      const candidates = byPair.get(key) ?? [];
      const role = roleMatch(affiliation, candidates, claimed, this.options.fillBlanksOnly ?? false);
      if (!role) {
        const created: StoredRole = {
          id: 0,
          personId,
          organisationId,
          jobTitle: affiliation.jobTitle ?? null,
          startedOn: affiliation.startedOn ?? null,
          endedOn: affiliation.endedOn ?? null,
          sources,
        };
        fresh.push(created);
        claimed.add(created);
        byPair.set(key, [...candidates, created]);
        continue;
      }
      claimed.add(role);
      const before = JSON.stringify([role.jobTitle, role.startedOn, role.endedOn, role.sources]);
      const fillOnly = this.options.fillBlanksOnly ?? false;
      if (affiliation.jobTitle !== undefined && !(fillOnly && role.jobTitle)) role.jobTitle = affiliation.jobTitle;
      if (affiliation.startedOn !== undefined && !(fillOnly && role.startedOn)) role.startedOn = affiliation.startedOn;
      if (affiliation.endedOn !== undefined && !(fillOnly && role.endedOn)) role.endedOn = affiliation.endedOn;
      role.sources = withSources(role.sources, sources);
      if (fresh.includes(role)) continue;
      if (JSON.stringify([role.jobTitle, role.startedOn, role.endedOn, role.sources]) !== before) changed.add(role);
      else if (!changed.has(role)) counts.unchanged++;
    }
    const columns = `"personId" integer, "organisationId" integer, "jobTitle" text, "startedOn" date, "endedOn" date, sources jsonb`;
    if (fresh.length > 0) {
      await this.db.query(
        `INSERT INTO "Affiliation" ("personId", "organisationId", "jobTitle", "startedOn", "endedOn", sources, "createdAt", "updatedAt")
         SELECT r."personId", r."organisationId", r."jobTitle", r."startedOn", r."endedOn", r.sources, $2::timestamp(3), $2::timestamp(3)
           FROM jsonb_to_recordset($1::jsonb) AS r(${columns})`,
        [JSON.stringify(fresh.map(({ id: _new, ...role }) => role)), isoInstant(this.now)],
      );
      counts.created += fresh.length;
    }
    if (changed.size > 0) {
      await this.db.query(
        `UPDATE "Affiliation" AS t SET "jobTitle" = r."jobTitle", "startedOn" = r."startedOn", "endedOn" = r."endedOn", sources = r.sources,
                "updatedAt" = $2::timestamp(3)
           FROM jsonb_to_recordset($1::jsonb) AS r(id integer, ${columns}) WHERE t.id = r.id`,
        [JSON.stringify([...changed]), isoInstant(this.now)],
      );
      counts.updated += changed.size;
    }
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
    const sources = await this.storedSources(
      refs.filter((r) => r.speaker.organisation).map((r) => ({ source: r.speaker.organisationSource ?? { kind: 'DATASET' as const }, path: `${r.path}.organisationSource` })),
    );
    const sourceOf = new Map(refs.filter((r) => r.speaker.organisation).map((r, i) => [r.speaker, sources[i]]));
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
            // Who said which organisation the speaker represented: set with it, cleared with it.
            organisationSource: speaker.organisation === undefined ? undefined : speaker.organisation === null ? null : sourceOf.get(speaker),
          }),
        );
        paths.push(`${talkPath(index)}.speakers[${s}]`);
      }
    }
    const rule = this.rule(speakers, 'speakers', {
      identities: [['talkId', 'personId']],
      replaceWithin: 'talkId',
      same: { organisationSource: sameOrganisationSource },
    });
    await mergeBatch(this.db, rule, records, { now: this.now, owners: listed.map(({ index }) => ids[index]), pathOf: (i) => paths[i] });
  }

  /** The articles themselves (and their publishers); their bylines and reactions come after the talks. */
  private async articles() {
    if (this.data.articles.length === 0) return;
    await this.resolve(
      this.organisationIds,
      'Organisation',
      this.data.articles.flatMap((article, a) => (article.publisher ? [{ slug: article.publisher, path: `articles[${a}].publisher` }] : [])),
    );
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
    this.data.articles.forEach((article, index) => this.articleIds.set(article.slug, ids[index]));
  }

  private async articleContents() {
    if (this.data.articles.length === 0) {
      await this.step('authors', async () => {});
      await this.step('reactions', async () => {});
      return;
    }
    const refs = this.data.articles.flatMap((article, a) => [
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

    const ids = this.data.articles.map((article) => this.articleIds.get(article.slug)!);
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

/**
 * A speaker's organisation keeps the source that first stated it: another file (a newer version of
 * the schedule) saying the same organisation is not a change. A new organisation takes its own.
 */
function sameOrganisationSource(stored: unknown, wanted: unknown, row: TalkSpeaker, record: Wanted<TalkSpeaker>): boolean {
  const sameOrganisation = record.organisationId === undefined || record.organisationId === row.organisationId;
  return (sameOrganisation && stored != null && wanted != null) || sameSource(stored, wanted);
}

/** A stored role as the loader reads and writes it: days as "YYYY-MM-DD", sources canonical. */
interface StoredRole {
  id: number;
  personId: number;
  organisationId: number;
  jobTitle: string | null;
  startedOn: string | null;
  endedOn: string | null;
  sources: StoredSource[];
}

const titleKey = (title: string | null | undefined) => title?.trim().toLowerCase() || null;

/**
 * The stored role of the same person and organisation that a dataset's role record describes, or
 * none (the record is a new role). In order:
 * 1. a role with the same start (both unknown counts) and the same job title (ignoring case);
 * 2. a record with a start: the role with that start (its title changed);
 * 3. a record without a start and without a job title says only "works there": the first role there;
 * 4. a record without a start, from a curated dataset: the one role there without a start, when
 *    there is exactly one (its title changed, as datasets replace fields);
 * 5. a record without a start, from a schedule: a role without a start or a job title, which the
 *    schedule's job title fills in. A schedule with another title than the stored one adds a role:
 *    two programmes that disagree keep both, each with its source.
 * A role one record of this load matched is not matched again by another, so a dataset that lists
 * two roles at one organisation keeps two.
 */
export function roleMatch(
  record: { jobTitle?: string | null; startedOn?: string | null },
  candidates: readonly StoredRole[],
  claimed: ReadonlySet<StoredRole>,
  fromSchedule: boolean,
): StoredRole | undefined {
  const start = record.startedOn ?? null;
  const title = titleKey(record.jobTitle);
  const exact = candidates.find((role) => role.startedOn === start && (record.jobTitle === undefined || titleKey(role.jobTitle) === title));
  if (exact) return exact;
  const open = candidates.filter((role) => !claimed.has(role));
  if (start !== null) return open.find((role) => role.startedOn === start);
  if (title === null) return candidates[0];
  const undated = open.filter((role) => role.startedOn === null);
  if (!fromSchedule) return undated.length === 1 ? undated[0] : undefined;
  return undated.find((role) => role.jobTitle === null);
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
