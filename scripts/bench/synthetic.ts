// Synthetic knowledge on top of the imported programmes. Real schedules bring talks, speakers and
// a few hundred organisations, but no reactions and hardly any staff, so the operations that go
// organisation -> staff -> reactions would have nothing to walk through. This adds, always the same
// way (a seeded generator, inputs read in a stable order), staff roles for the organisations that
// gave the most talks, articles those organisations published and reactions their staff recorded.
// Rows go in with plain multi-row INSERTs through whichever SQL client the database offers.

export interface SqlRunner {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Changing any of these changes the data, so they are part of the benchmark's data version. */
export const syntheticPlan = {
  seed: 20_260_701,
  /** The organisations with most talks get this many new roles each... */
  largeOrganisations: 10,
  largeStaff: [24, 40],
  /** ...and the next ones fewer. */
  smallOrganisations: 20,
  smallStaff: [4, 12],
  articles: 2_000,
  reactionsPerArticle: 10,
  /** Share of articles published by one of the large organisations. */
  largePublisherShare: 0.7,
} as const;

/** Marsaglia's xorshift: tiny, fast, and the same sequence on every machine for one seed. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2 ** 32;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

const jobTitles = [
  'Software Engineer',
  'Senior Software Engineer',
  'Staff Engineer',
  'Principal Engineer',
  'Site Reliability Engineer',
  'Developer Advocate',
  'Engineering Manager',
  'Product Manager',
  'Solutions Architect',
  'Security Engineer',
  'Platform Engineer',
  'Open Source Program Manager',
];
const reactionKinds = ['HIGHLIGHT', 'DAY_HIGHLIGHT', 'RECOMMENDATION', 'TAKEAWAY', 'CRITIQUE', 'MENTION'] as const;
const openers = [
  'A clear walkthrough of',
  'Useful field notes on',
  'An honest account of',
  'A quick tour of',
  'Hard-won lessons about',
  'A sceptical look at',
  'A patient introduction to',
  'Practical advice on',
];
const subjects = [
  'running upgrades without downtime',
  'keeping build pipelines fast',
  'what breaks when a project grows',
  'testing against real data',
  'moving a team to a new toolchain',
  'the cost of small configuration mistakes',
  'measuring before optimising',
  'maintaining a project with few hands',
];
const closers = [
  'worth watching in full.',
  'the demo made the point well.',
  'we plan to try it next quarter.',
  'the questions at the end were the best part.',
  'it matched what we see in production.',
  'a few claims needed more evidence.',
  'slides are worth keeping.',
  'our team discussed it for days.',
];

interface RankedOrganisation {
  id: number;
  name: string;
}
interface ConferenceTalks {
  publishedFrom: string;
  talkIds: number[];
}

/** Fixed timestamps, so two builds store identical rows. */
const recordedAt = '2026-01-01 00:00:00.000';
const day = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoTimestamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export interface SyntheticCounts {
  affiliations: number;
  articles: number;
  authors: number;
  reactions: number;
}

export async function addSyntheticData(sql: SqlRunner): Promise<SyntheticCounts> {
  const plan = syntheticPlan;
  const random = new Random(plan.seed);

  // The same ranking as organisations(orderBy: MOST_TALKS), so that operation finds these ten.
  const ranked = (
    await sql.query<RankedOrganisation>(
      `SELECT o.id, o.name FROM "Organisation" o LEFT JOIN "TalkSpeaker" s ON s."organisationId" = o.id
       GROUP BY o.id ORDER BY count(DISTINCT s."talkId") DESC, o.name ASC, o.id ASC LIMIT $1`,
      [plan.largeOrganisations + plan.smallOrganisations],
    )
  ).rows;
  const people = (await sql.query<{ id: number }>('SELECT id FROM "Person" ORDER BY slug')).rows.map((row) => row.id);
  const existingRoles = (
    await sql.query<{ personId: number; organisationId: number }>(
      'SELECT "personId", "organisationId" FROM "Affiliation" ORDER BY "organisationId", "personId"',
    )
  ).rows;
  const talkRows = (
    await sql.query<{ conference: string; from: string | null; talkId: number }>(
      `SELECT c.slug AS conference, to_char(coalesce(c."endsOn", c."startsOn"), 'YYYY-MM-DD') AS "from", t.id AS "talkId"
       FROM "Talk" t JOIN "Conference" c ON c.id = t."conferenceId" ORDER BY c.slug, t.slug`,
    )
  ).rows;
  const next = async (table: string) =>
    (await sql.query<{ id: number }>(`SELECT coalesce(max(id), 0)::int + 1 AS id FROM "${table}"`)).rows[0].id;
  let affiliationId = await next('Affiliation');
  let articleId = await next('Article');
  let reactionId = await next('Reaction');

  const conferences = new Map<string, ConferenceTalks>();
  for (const row of talkRows) {
    const entry = conferences.get(row.conference) ?? { publishedFrom: row.from ?? '2020-01-01', talkIds: [] };
    entry.talkIds.push(row.talkId);
    conferences.set(row.conference, entry);
  }
  const conferenceList = [...conferences.values()];

  // Staff roles: new ones for the ranked organisations, on top of any the programmes gave them.
  const staffOf = new Map<number, number[]>(ranked.map((org) => [org.id, []]));
  const taken = new Set(existingRoles.map((role) => `${role.personId}:${role.organisationId}`));
  for (const role of existingRoles) staffOf.get(role.organisationId)?.push(role.personId);
  const affiliations: unknown[][] = [];
  ranked.forEach((org, rank) => {
    const [min, max] = rank < plan.largeOrganisations ? plan.largeStaff : plan.smallStaff;
    const wanted = random.int(min, max);
    for (let added = 0; added < wanted; ) {
      const personId = random.pick(people);
      if (taken.has(`${personId}:${org.id}`)) continue;
      taken.add(`${personId}:${org.id}`);
      staffOf.get(org.id)!.push(personId);
      // Some roles have no start date: Person.affiliations sorts those first.
      const startedOn = random.next() < 0.2 ? null : isoDate(Date.UTC(2008, 0, 1) + random.int(0, 17 * 365) * day);
      affiliations.push([affiliationId++, personId, org.id, random.pick(jobTitles), startedOn, recordedAt, recordedAt]);
      added++;
    }
  });

  // Articles, each about one conference, published by a ranked organisation and written by its staff;
  // every reaction in it is by the publisher's staff, about a talk of that conference.
  const articles: unknown[][] = [];
  const authors: unknown[][] = [];
  const reactions: unknown[][] = [];
  const large = ranked.slice(0, plan.largeOrganisations);
  const small = ranked.slice(plan.largeOrganisations);
  for (let n = 1; n <= plan.articles; n++) {
    const publisher = random.next() < plan.largePublisherShare || small.length === 0 ? random.pick(large) : random.pick(small);
    const staff = staffOf.get(publisher.id)!;
    const conference = random.pick(conferenceList);
    const published = Date.parse(`${conference.publishedFrom}T00:00:00Z`) + random.int(1, 40) * day;
    const id = articleId++;
    articles.push([id, `bench-article-${n}`, `${publisher.name} field notes ${n}`, `https://bench.talkgraph.invalid/articles/${n}`, publisher.id, isoDate(published), recordedAt, recordedAt]);
    const byline = new Set([random.pick(staff), random.pick(staff)]);
    [...byline].forEach((personId, index) => authors.push([id, personId, index + 1]));
    const seen = new Set<string>();
    for (let made = 0; made < plan.reactionsPerArticle; ) {
      const personId = random.pick(staff);
      const talkId = random.pick(conference.talkIds);
      const kind = random.pick(reactionKinds);
      // (article, person, talk, kind) is unique in the schema.
      if (seen.has(`${personId}:${talkId}:${kind}`)) continue;
      seen.add(`${personId}:${talkId}:${kind}`);
      const summary = `${random.pick(openers)} ${random.pick(subjects)}; ${random.pick(closers)}`;
      const createdAt = isoTimestamp(published + made * 37 * 60_000 + random.int(0, 59_999));
      reactions.push([reactionId++, personId, talkId, publisher.id, id, kind, summary, createdAt, createdAt]);
      made++;
    }
  }

  await insertRows(sql, 'Affiliation', ['id', 'personId', 'organisationId', 'jobTitle', 'startedOn', 'createdAt', 'updatedAt'], affiliations);
  await insertRows(sql, 'Article', ['id', 'slug', 'title', 'url', 'publisherId', 'publishedOn', 'createdAt', 'updatedAt'], articles);
  await insertRows(sql, 'ArticleAuthor', ['articleId', 'personId', 'position'], authors);
  await insertRows(
    sql,
    'Reaction',
    ['id', 'personId', 'talkId', 'organisationId', 'articleId', 'kind', 'summary', 'createdAt', 'updatedAt'],
    reactions,
  );
  // The rows carry their own ids; move the sequences past them so later inserts (tests, mutations) work.
  for (const table of ['Affiliation', 'Article', 'Reaction']) {
    await sql.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
  }
  return { affiliations: affiliations.length, articles: articles.length, authors: authors.length, reactions: reactions.length };
}

/** Batches stay well under PostgreSQL's limit of 65,535 parameters per statement. */
async function insertRows(sql: SqlRunner, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.floor(30_000 / columns.length);
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values = batch.map((_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
    await sql.query(`INSERT INTO "${table}" (${columnList}) VALUES ${values.join(', ')}`, batch.flat());
  }
}
