// The talkgraph dataset format, version 1: the seed file, the import/export format, and what every
// schedule importer produces. `npm run schema:print` writes its JSON Schema to
// schema/talkgraph-dataset.schema.json. References between records are by slug; a talk is referred
// to as "<conference slug>/<talk slug>".
//
// Merge rules when a dataset is loaded into a graph that already has data:
// - records are matched by slug (talks by their conference and `externalId` when given, else slug);
// - a field left out of a record keeps the value the graph has; a field given as null clears it;
// - a person's or organisation's name that the identity rules (src/dataset/identity.ts) map to the
//   stored one ("Mo" for "mo", "Acme Cloud" for "Acme Cloud Inc.") is a spelling variant, not a change;
// - a talk's `speakers` and `topics`, and an article's `authors`, replace the stored lists when given;
// - people and organisations are matched by their identifiers first, then by aliases (slugs of names
//   merged away), then by slug; an organisation also by its slug without hyphens ("redhat" is
//   "red-hat"). A person whose slug is taken by somebody with another identifier of the same scheme
//   is somebody else, and gets the slug with a number (src/db/identity.ts);
// - identifiers and aliases are added, never removed by a load;
// - affiliations (roles) and reactions are added or updated, never removed by a load; a person may
//   have several roles at one organisation, told apart by their start, then their job title (the
//   matching rule is roleMatch in src/db/load-dataset.ts);
// - a role's `sources` are added to the stored ones (a source already there, by kind, file,
//   record, article and recordedBy, is not added again); a record without sources gets the
//   loader's default source (the schedule file for imports, DATASET otherwise);
// - imports of other formats (schedules) only fill in blank bios, links, descriptions, websites and
//   job titles: they never overwrite what the graph knows about people and organisations.
import { z } from 'zod';
import { identifierSchemes } from './identity.js';

export const DATASET_FORMAT = 'talkgraph';
export const DATASET_VERSION = 1;

const slug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens, e.g. "max-kelsen"');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().max(max).nullable().optional();
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000).nullable().optional();
const date = z.iso.date({ error: 'must be a date like 2020-08-17' }).nullable().optional();
const dateTime = z.iso
  .datetime({ offset: true, error: 'must be a date-time with a zone, like 2020-08-20T14:00:00Z' })
  .nullable()
  .optional();
const talkRef = z
  .string()
  .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be "<conference slug>/<talk slug>"');

export const conferenceFormats = ['IN_PERSON', 'VIRTUAL', 'HYBRID'] as const;
export const talkKinds = ['KEYNOTE', 'TALK', 'PANEL', 'LIGHTNING', 'WORKSHOP', 'TUTORIAL', 'BOF', 'MEETUP', 'CEREMONY', 'OTHER'] as const;
export const organisationKinds = ['COMPANY', 'CONSULTANCY', 'FOUNDATION', 'NONPROFIT', 'COMMUNITY', 'PROJECT', 'UNIVERSITY', 'GOVERNMENT', 'OTHER'] as const;
export const reactionKinds = ['HIGHLIGHT', 'DAY_HIGHLIGHT', 'RECOMMENDATION', 'TAKEAWAY', 'CRITIQUE', 'MENTION'] as const;

/** An identifier a register gives the person or organisation: matched before names on every load. */
export const identifierRecord = z.strictObject({
  scheme: z.enum(identifierSchemes),
  value: text(500),
});

/** Another name the person or organisation was known by (kept by a merge): loads that meet its slug find this record's node. */
export const aliasRecord = z.strictObject({ slug, name: text(300) });

export const organisationRecord = z.strictObject({
  slug,
  name: text(300),
  kind: z.enum(organisationKinds).optional(),
  description: optionalText(5000),
  website: url,
  identifiers: z.array(identifierRecord).max(50).optional(),
  aliases: z.array(aliasRecord).max(500).optional(),
});

export const sourceKinds = ['SCHEDULE', 'ARTICLE', 'API', 'DATASET'] as const;

/** A span of the article a reaction was read from: UTF-16 offsets into the file as ingested, and the words there. */
export const evidenceSpan = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string().max(5000),
});

/**
 * Where a fact (a role, a speaker's organisation) was stated: a schedule file and its record, an
 * article and the words there, a dataset file, or an API token's name for a hand entry.
 */
export const sourceRecord = z.strictObject({
  kind: z.enum(sourceKinds),
  /** The file's name, without its folder: fosdem-2026.xml. */
  file: optionalText(500),
  /** The record in the file: an event id, a session id, a CSV row. */
  record: optionalText(500),
  /** Slug of the article that says so. */
  article: slug.nullable().optional(),
  evidence: z.array(evidenceSpan).max(50).nullable().optional(),
  /** The API token's name, for a hand entry. */
  recordedBy: optionalText(200),
  /** When talkgraph recorded it; a load sets it when the record does not. */
  recordedAt: dateTime,
});

export const affiliationRecord = z.strictObject({
  organisation: slug,
  jobTitle: optionalText(300),
  startedOn: date,
  endedOn: date,
  sources: z.array(sourceRecord).max(100).optional(),
});

export const personRecord = z.strictObject({
  slug,
  name: text(300),
  bio: optionalText(20000),
  links: z.array(z.url({ protocol: /^https?$/ }).max(2000)).max(50).optional(),
  affiliations: z.array(affiliationRecord).max(100).optional(),
  identifiers: z.array(identifierRecord).max(50).optional(),
  aliases: z.array(aliasRecord).max(500).optional(),
});

export const topicRecord = z.strictObject({ slug, name: text(200) });

export const speakerRecord = z.strictObject({
  person: slug,
  /** The organisation the person represented when giving the talk. */
  organisation: slug.nullable().optional(),
  /** Where the organisation is stated. */
  organisationSource: sourceRecord.nullable().optional(),
});

export const talkRecord = z.strictObject({
  slug,
  externalId: z.string().min(1).max(200).nullable().optional(),
  title: text(1000),
  subtitle: optionalText(1000),
  abstract: optionalText(100000),
  kind: z.enum(talkKinds).optional(),
  track: optionalText(300),
  room: optionalText(300),
  language: optionalText(50),
  day: z.number().int().min(1).max(366).nullable().optional(),
  startsAt: dateTime,
  endsAt: dateTime,
  scheduleUrl: url,
  slidesUrl: url,
  recordingUrl: url,
  speakers: z.array(speakerRecord).max(200).optional(),
  topics: z.array(slug).max(100).optional(),
});

export const conferenceRecord = z.strictObject({
  slug,
  name: text(300),
  series: optionalText(300),
  year: z.number().int().min(1900).max(2200).nullable().optional(),
  edition: optionalText(100),
  startsOn: date,
  endsOn: date,
  timeZone: optionalText(100),
  format: z.enum(conferenceFormats).nullable().optional(),
  location: optionalText(300),
  website: url,
  talks: z.array(talkRecord).max(20000).optional(),
});

export const reactionRecord = z.strictObject({
  person: slug,
  talk: talkRef,
  kind: z.enum(reactionKinds),
  /** Why the person reacted so, in talkgraph's own words. */
  summary: text(5000),
  /** The organisation the person reacted as a member of. */
  organisation: slug.nullable().optional(),
  /** Where the article says so (optional; datasets written before it was added stay valid). */
  evidence: z.array(evidenceSpan).max(50).nullable().optional(),
});

export const articleRecord = z.strictObject({
  slug,
  title: text(1000),
  url,
  publisher: slug.nullable().optional(),
  seriesName: optionalText(300),
  seriesPart: z.number().int().min(1).nullable().optional(),
  seriesParts: z.number().int().min(1).nullable().optional(),
  publishedOn: date,
  authors: z.array(slug).max(100).optional(),
  reactions: z.array(reactionRecord).max(10000).optional(),
});

export const dataset = z.strictObject({
  format: z.literal(DATASET_FORMAT, { error: `must be "${DATASET_FORMAT}"` }),
  version: z.literal(DATASET_VERSION, { error: `must be ${DATASET_VERSION}; this talkgraph reads version ${DATASET_VERSION}` }),
  /** Where the data came from, for people reading the file. */
  source: z.strictObject({ name: text(300), url, retrievedOn: date }).optional(),
  organisations: z.array(organisationRecord).default([]),
  people: z.array(personRecord).default([]),
  topics: z.array(topicRecord).default([]),
  conferences: z.array(conferenceRecord).default([]),
  articles: z.array(articleRecord).default([]),
});

export type Dataset = z.output<typeof dataset>;
export type DatasetInput = z.input<typeof dataset>;
export type OrganisationRecord = z.output<typeof organisationRecord>;
export type PersonRecord = z.output<typeof personRecord>;
export type TopicRecord = z.output<typeof topicRecord>;
export type ConferenceRecord = z.output<typeof conferenceRecord>;
export type TalkRecord = z.output<typeof talkRecord>;
export type SpeakerRecord = z.output<typeof speakerRecord>;
export type ArticleRecord = z.output<typeof articleRecord>;
export type ReactionRecord = z.output<typeof reactionRecord>;
export type IdentifierRecord = z.output<typeof identifierRecord>;
export type AliasRecord = z.output<typeof aliasRecord>;
export type EvidenceSpan = z.output<typeof evidenceSpan>;
export type SourceRecord = z.output<typeof sourceRecord>;
export type SourceKind = (typeof sourceKinds)[number];

/**
 * Evidence as the format writes it, from what the database returns: jsonb reorders object keys,
 * which must not read as a change (or loading the same dataset twice would rewrite it).
 */
export function canonicalEvidence(value: unknown): EvidenceSpan[] | null {
  if (!Array.isArray(value)) return null;
  return value.map((span: EvidenceSpan) => ({ start: span.start, end: span.end, text: span.text }));
}

/** A field's path in a dataset or input, as people write it: conferences[0].talks[3].title. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

export const datasetJsonSchema = () => z.toJSONSchema(dataset, { io: 'input', target: 'draft-2020-12' });
