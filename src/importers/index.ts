// Schedule importers: turn a schedule file into a talkgraph dataset (src/dataset/format.ts).
// Parsing only; loading a dataset into the database is somebody else's job.
//
// Formats (detected from the content, never the file name; CSV only with a column mapping):
//   talkgraph        our own dataset JSON ({"format": "talkgraph", ...}), validated as is
//   frab-xml         Pentabarf/frab/pretalx/C3VOC schedule XML (<schedule> root): FOSDEM, CCC
//   c3voc-json       the same model as JSON ({"schedule": {"conference": ...}}): frab and pretalx exports
//   sched-ics        Sched.com iCalendar (BEGIN:VCALENDAR): KubeCon + CloudNativeCon
//   sched-jsonl      Sched sessions scraped as JSON lines ({"url", "title", "eventTypes", "eventDate"} per line)
//   sessionize-json  Sessionize API "All Data" ({"sessions", "speakers", "categories", "rooms", ...})
//   pretalx-json     pretalx REST API results ({"count", "results"} of talks or speakers, or {"event", "talks", "speakers"})
//   csv              CSV/TSV with --columns naming what each column holds
// Files of the last four do not name everything: --conference names the conference (Sessionize,
// CSV, a pretalx page; Sched JSON lines of non-KubeCon sites), --time-zone the zone of local times
// (Sched JSON lines, Sessionize, CSV).
//
// Identity rules. They are deterministic, so the same person, organisation or talk met in several
// files (or in a re-import) becomes one node when the datasets are loaded:
// - people: slugify() of the name after Unicode NFC and whitespace normalisation ("Jane  Doe" and
//   "Jane Doe" are one person; so are two different people with the same name, unless an
//   identifier tells them apart). Source person ids travel as identifiers, each in its own id space:
//   SESSIONIZE (the speaker id), PRETALX ("<instance host>/<code>", only when the event's URLs or
//   custom domain name the instance), FRAB ("<conference slug>/<id>", also a pretalx API file's code;
//   new for each edition, so it finds people but never splits them), and GITHUB, ORCID, WIKIDATA
//   read from links. A namesake with another global identifier of one scheme gets "<slug>-2".
//   Organisation names that differ only by spacing, case or punctuation are one ("RedHat").
//   A name slugify() cannot transliterate (e.g. Chinese) gets "person-<FNV-1a hash of the name>".
// - organisations: slugify() of the name after removing trailing legal forms (Inc, Inc., LLC, Ltd,
//   GmbH, Corp, Corporation, Co., AG, SA, S.A., B.V., BV, plc, SE and a few more; see
//   LEGAL_SUFFIXES in common.ts) and a leading "The", so "Google LLC" and "Google", "The Linux
//   Foundation" and "Linux Foundation" are one node each. The first spelling seen is kept as the
//   name. Organisations come from Sched titles (roles in Sched's company slot, such as
//   "Maintainer", "Independent" or "Lead Maintainer", make none: see ROLE_AFFILIATIONS in
//   sched-sessions.ts), from Sessionize tag lines that plainly say "<job title> @ <company>" (or
//   a company question), from pretalx answers to a company question, and from a CSV organisation
//   column. frab and C3VOC files name none.
// - talks: `externalId` is the source's own id: the event guid (else its id) in frab XML and C3VOC
//   JSON, the UID in iCalendar, the event id of the Sched URL, the Sessionize session id, the
//   pretalx submission code, a CSV id column. Talk slugs come from the source slug (without the
//   "<conference>-<event id>-" prefix frab and pretalx add) or the title, made unique within the
//   conference by appending the external id.
// - conferences: the slug of the frab acronym (else the title, e.g. "fosdem-2020"), of the Sched
//   event name from PRODID ("kubecon-cloudnativecon-europe-2026") or from the KubeCon site of a
//   JSON lines file ("kccnceu2025" -> "kubecon-cloudnativecon-europe-2025"), of the pretalx event
//   slug, or of the --conference name.
// - roles: a job title and company a schedule gives is a role without dates (schedules do not say
//   when a role began or ended); its source, like that of each speaker's organisation, is the file
//   and the talk's externalId (withFileSources below).
import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { type Dataset, dataset, type DatasetInput, formatPath, type SourceRecord } from '../dataset/format.js';
import { parseC3vocJson } from './c3voc-json.js';
import { type FormatResult, isValidTimeZone, MAX_CONTENT_BYTES, type ParseContext } from './common.js';
import { parseCsv } from './csv.js';
import { type ScheduleFormat, scheduleFormats } from './formats.js';

export { type ScheduleFormat, scheduleFormats };
import { parseFrabXml } from './frab-xml.js';
import { parseJson } from './json.js';
import { isPretalxJson, parsePretalx } from './pretalx.js';
import { parseSchedIcs } from './sched-ics.js';
import { isSchedJsonLine, parseSchedJsonl } from './sched-jsonl.js';
import { isSessionizeAllData, parseSessionize } from './sessionize.js';


/** Formats whose files name their conference themselves; --conference means nothing to them. */
const SELF_NAMING_FORMATS: ReadonlySet<ScheduleFormat> = new Set(['talkgraph', 'frab-xml', 'c3voc-json', 'sched-ics']);

export interface ParseOptions {
  /** The file name, used in every message. */
  file: string;
  /** Skip detection and read the content as this format (the CLI's --format). */
  format?: ScheduleFormat;
  /** IANA zone for local times when the file names none (e.g. FOSDEM 2021, held online). */
  timeZone?: string;
  /**
   * The conference's name for files that do not name it (Sessionize, CSV, pretalx pages, Sched
   * JSON lines); a name without a year gets the year of the first session.
   */
  conference?: string;
  /** CSV: what each column holds, "title=Session,speakers=Presenters,..." (see csv.ts). */
  columns?: string;
  /** CSV: splits cells that hold several values (speakers, organisations, topics); default ";". */
  separator?: string;
}

export interface ParsedSchedule {
  format: ScheduleFormat;
  /** Validated against the dataset format: ready to load. */
  dataset: Dataset;
  warnings: string[];
  /** Events deliberately left out, such as breaks and registration desks. */
  skipped: number;
}

export function detectFormat(content: string): ScheduleFormat | null {
  return sniff(content).format;
}

export function parseSchedule(content: string, options: ParseOptions): ParsedSchedule {
  const { file } = options;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    const problem = `the file is ${(bytes / 2 ** 20).toFixed(1)} MiB; at most ${MAX_CONTENT_BYTES / 2 ** 20} MiB can be imported`;
    throw new ImportError(file, undefined, undefined, problem);
  }
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    throw new ImportError(file, undefined, 'timeZone', `"${options.timeZone}" is not an IANA time zone such as Europe/Brussels`);
  }

  const sniffed = sniff(content);
  // Any text can be CSV, so only a column mapping makes a file CSV without --format.
  const format = options.format ?? sniffed.format ?? (options.columns !== undefined ? 'csv' : null);
  if (!format) {
    throw new ImportError(
      file,
      undefined,
      undefined,
      'cannot tell the schedule format from the content. Supported: talkgraph (JSON with "format": "talkgraph"), ' +
        'c3voc-json (JSON with schedule.conference), frab-xml (XML with a <schedule> root), ' +
        'sched-ics (iCalendar starting with BEGIN:VCALENDAR), sched-jsonl (one {"url", "title", "eventDate"} object per line), ' +
        'sessionize-json (Sessionize All Data: sessions, speakers, rooms), pretalx-json (a pretalx API result page, or {"event", "talks", "speakers"}), ' +
        'csv (with --columns). Use --format to force one.',
    );
  }

  const context: ParseContext = { file, timeZone: options.timeZone, conference: options.conference, warnings: [] };
  if (options.conference !== undefined && SELF_NAMING_FORMATS.has(format)) {
    context.warnings.push(`--conference is ignored: ${format} files name their conference`);
  }
  const json = () => (sniffed.json !== undefined ? sniffed.json : parseJson(content, file));
  let result: FormatResult;
  switch (format) {
    case 'talkgraph':
      result = { dataset: json() as DatasetInput, skipped: 0 };
      break;
    case 'c3voc-json':
      result = parseC3vocJson(json(), context);
      break;
    case 'frab-xml':
      result = parseFrabXml(content, context);
      break;
    case 'sched-ics':
      result = parseSchedIcs(content, context);
      break;
    case 'sched-jsonl':
      result = parseSchedJsonl(content, context);
      break;
    case 'sessionize-json':
      result = parseSessionize(json(), context);
      break;
    case 'pretalx-json':
      result = parsePretalx(json(), context);
      break;
    case 'csv':
      result = parseCsv(content, context, { columns: options.columns, separator: options.separator });
      break;
    default:
      throw new ImportError(file, undefined, 'format', `unknown format "${String(format)}"; use one of ${scheduleFormats.join(', ')}`);
  }
  withFileSources(result.dataset, format, file);
  return { format, dataset: validateDataset(result.dataset, file), warnings: context.warnings, skipped: result.skipped };
}

/**
 * Says where each role and each speaker's organisation came from, where the file itself does not:
 * this file (its name, without the folder) and, for a schedule, the record, i.e. the talk's id in
 * the schedule (for a role, the first talk the person gave in the file). A talkgraph dataset's
 * records are DATASET sources; its own `sources` are kept. The loader dates them.
 */
function withFileSources(data: DatasetInput, format: ScheduleFormat, file: string): void {
  const kind: SourceRecord['kind'] = format === 'talkgraph' ? 'DATASET' : 'SCHEDULE';
  const fileName = basename(file);
  const source = (record: string | null | undefined): SourceRecord => ({
    kind,
    file: fileName,
    ...(kind === 'SCHEDULE' && record ? { record } : {}),
  });
  const firstTalkOf = new Map<string, string>();
  const conferences = Array.isArray(data?.conferences) ? data.conferences : [];
  for (const conference of conferences) {
    for (const talk of Array.isArray(conference?.talks) ? conference.talks : []) {
      for (const speaker of Array.isArray(talk?.speakers) ? talk.speakers : []) {
        const record = talk.externalId ?? talk.slug;
        if (typeof speaker?.person === 'string' && !firstTalkOf.has(speaker.person)) firstTalkOf.set(speaker.person, record);
        if (speaker?.organisation && speaker.organisationSource === undefined) speaker.organisationSource = source(record);
      }
    }
  }
  for (const person of Array.isArray(data?.people) ? data.people : []) {
    for (const role of Array.isArray(person?.affiliations) ? person.affiliations : []) {
      if (role && role.sources === undefined) role.sources = [source(firstTalkOf.get(person.slug))];
    }
  }
}

/**
 * Checks a dataset against the format's schema and returns it; the first problem becomes an
 * ImportError naming the record (a talk by its externalId or slug) and the path of the field,
 * e.g. `conferences[0].talks[3].title`. Every importer's output goes through here, so an importer
 * bug surfaces as a clear error rather than as a bad load.
 */
export function validateDataset(data: unknown, file: string): Dataset {
  const result = dataset.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatPath(issue.path);
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  throw new ImportError(file, describeRecord(data, issue.path), path || undefined, `${issue.message}${more}`);
}

/** "talk 9025" for conferences[0].talks[3].…; "person jane-doe" for people[2].…; else the path's record part. */
function describeRecord(data: unknown, path: ReadonlyArray<PropertyKey>): string | undefined {
  const [collection, index, child, childIndex] = path;
  if (typeof collection !== 'string' || typeof index !== 'number') return undefined;
  const record = (data as Record<string, Array<Record<string, unknown>> | undefined>)[collection]?.[index];
  if (collection === 'conferences' && child === 'talks' && typeof childIndex === 'number') {
    const talk = (record?.talks as Array<Record<string, unknown>> | undefined)?.[childIndex];
    const id = talk?.externalId ?? talk?.slug;
    return typeof id === 'string' && id ? `talk ${id}` : `conferences[${index}].talks[${childIndex}]`;
  }
  const slug = record?.slug;
  const noun = { conferences: 'conference', people: 'person', organisations: 'organisation', topics: 'topic', articles: 'article' }[collection];
  return noun && typeof slug === 'string' && slug ? `${noun} ${slug}` : `${collection}[${index}]`;
}

interface Sniffed {
  format: ScheduleFormat | null;
  /** The parsed JSON when the content is valid JSON, so it is parsed once. */
  json?: unknown;
}

function sniff(content: string): Sniffed {
  const text = content.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // JSON lines are not one JSON value; their first line is.
      if (isSchedJsonLine(parseFirstLine(text))) return { format: 'sched-jsonl' };
      // Broken JSON is still recognisable, so the parse error (with its line) is what gets reported.
      const head = text.slice(0, 4096);
      if (/"format"\s*:\s*"talkgraph"/.test(head)) return { format: 'talkgraph' };
      if (/"schedule"\s*:\s*\{/.test(head)) return { format: 'c3voc-json' };
      return { format: null };
    }
    const object = json as Record<string, unknown> | null;
    if (object?.format === 'talkgraph') return { format: 'talkgraph', json };
    const schedule = object?.schedule as Record<string, unknown> | null | undefined;
    if (typeof schedule?.conference === 'object' && schedule.conference !== null) return { format: 'c3voc-json', json };
    if (isSessionizeAllData(json)) return { format: 'sessionize-json', json };
    if (isPretalxJson(json)) return { format: 'pretalx-json', json };
    if (isSchedJsonLine(json)) return { format: 'sched-jsonl', json };
    return { format: null, json };
  }
  if (text.startsWith('<')) return { format: xmlRootName(text) === 'schedule' ? 'frab-xml' : null };
  if (/^BEGIN:VCALENDAR[ \t]*(?:\r?\n|$)/i.test(text)) return { format: 'sched-ics' };
  return { format: null };
}

function parseFirstLine(text: string): unknown {
  try {
    return JSON.parse(text.slice(0, text.search(/\r?\n|$/)));
  } catch {
    return undefined;
  }
}

/** The root element's name, skipping the XML declaration, comments, processing instructions and DOCTYPE. */
function xmlRootName(text: string): string | undefined {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.:-]*)/;
  return prolog.exec(text.slice(0, 65536))?.[1];
}
