// Helpers shared by the schedule importers: the parse context and result, the collector that
// deduplicates people and organisations, time-zone arithmetic without a tz library, durations,
// talk kinds, HTML-to-text and link classification.
import { z } from 'zod';
import type {
  conferenceRecord,
  DatasetInput,
  organisationKinds,
  organisationRecord,
  personRecord,
  speakerRecord,
  talkKinds,
  talkRecord,
} from '../dataset/format.js';
import { dayOfEpoch, epochOfDay } from '../dataset/dates.js';
import { DATASET_FORMAT, DATASET_VERSION } from '../dataset/format.js';
import {
  fnv1a,
  type Identifier,
  identifiersFromLinks,
  isLegalSuffix,
  normaliseIdentifier,
  normaliseName,
  organisationMatchKey,
  organisationSlug,
  personSlug,
  provesDifferent,
  withoutLegalSuffix,
} from '../dataset/identity.js';
import { slugify } from '../dataset/slug.js';

export type TalkKind = (typeof talkKinds)[number];
export type OrganisationKind = (typeof organisationKinds)[number];
export type ConferenceInput = z.input<typeof conferenceRecord>;
export type TalkInput = z.input<typeof talkRecord>;
export type PersonInput = z.input<typeof personRecord>;
export type OrganisationInput = z.input<typeof organisationRecord>;
export type SpeakerInput = z.input<typeof speakerRecord>;

/** Files larger than this are refused before parsing. */
export const MAX_CONTENT_BYTES = 64 * 1024 * 1024;
/** More events than this in one file is refused (the dataset format allows 20,000 talks per conference). */
export const MAX_EVENTS = 20_000;

export interface ParseContext {
  /** The file name, for messages. */
  file: string;
  /** IANA zone used for local times when the file itself names none. */
  timeZone?: string;
  /** The conference's name, for formats whose files do not name it (see namedConference). */
  conference?: string;
  warnings: string[];
}

export interface FormatResult {
  dataset: DatasetInput;
  /** Events deliberately left out (breaks, registration desks, cancelled events). */
  skipped: number;
}

// Identity rules live with the dataset format, since the loader also uses them.
export { isLegalSuffix, normaliseName, organisationSlug, personSlug, withoutLegalSuffix };

/**
 * Collects the records of one dataset: people and organisations deduplicated by slug (first-seen
 * spelling wins), and talk slugs kept unique within the conference.
 */
export class DatasetCollector {
  private readonly people = new Map<string, PersonInput & { affiliations: NonNullable<PersonInput['affiliations']> }>();
  private readonly organisations = new Map<string, OrganisationInput>();
  private readonly talkSlugs = new Set<string>();
  private readonly organisationsByKey = new Map<string, string>();
  /** "<scheme>:<value>" -> the slug of the person the file gives that identifier. */
  private readonly personByIdentifier = new Map<string, string>();
  /** People appear in many talks; slugify() is not free. */
  private readonly personSlugs = new Map<string, string>();

  /**
   * Adds (or finds) a person and returns their slug. A bio or links fill in only when none are known
   * yet. Identifiers (the source's speaker id, a GitHub login among the links) find the person first;
   * a namesake with another identifier of the same scheme is somebody else, with a numbered slug.
   */
  person(name: string, bio?: string, links?: string[], identifiers: Identifier[] = []): string {
    let base = this.personSlugs.get(name);
    if (base === undefined) this.personSlugs.set(name, (base = personSlug(name)));
    const someLinks = links && links.length > 0 ? links : undefined;
    const proven = [...identifiers.map(normaliseIdentifier), ...identifiersFromLinks(someLinks)];
    const keyOf = (id: Identifier) => `${id.scheme}:${id.value}`;
    let slug = proven.map((id) => this.personByIdentifier.get(keyOf(id))).find((found) => found !== undefined);
    if (slug === undefined) {
      const clashes = (candidate: string) =>
        (this.people.get(candidate)?.identifiers ?? []).some((known) => proven.some((id) => provesDifferent(id, known)));
      slug = base;
      for (let n = 2; clashes(slug); n++) slug = `${base}-${n}`;
    }
    const known = this.people.get(slug);
    if (!known) {
      this.people.set(slug, {
        slug,
        name: normaliseName(name),
        ...(bio ? { bio } : {}),
        ...(someLinks ? { links: someLinks } : {}),
        ...(proven.length > 0 ? { identifiers: [] } : {}),
        affiliations: [],
      });
    } else {
      if (bio && !known.bio) known.bio = bio;
      if (someLinks && !known.links) known.links = someLinks;
    }
    const person = this.people.get(slug)!;
    for (const id of proven) {
      if (this.personByIdentifier.has(keyOf(id))) continue;
      this.personByIdentifier.set(keyOf(id), slug);
      (person.identifiers ??= []).push(id);
    }
    return slug;
  }

  /**
   * Adds (or finds) an organisation and returns its slug. Names that differ only by spacing, case,
   * punctuation or a legal suffix are one organisation ("RedHat" is "Red Hat"); the first spelling is kept.
   */
  organisation(name: string, kind?: OrganisationKind): string {
    const slug = organisationSlug(name);
    const key = organisationMatchKey(slug);
    const known = this.organisationsByKey.get(key);
    if (known !== undefined) return known;
    this.organisationsByKey.set(key, slug);
    this.organisations.set(slug, { slug, name: normaliseName(name), ...(kind ? { kind } : {}) });
    return slug;
  }

  /** One affiliation per person and organisation; a job title fills in only when none is known yet. */
  affiliate(personSlug: string, organisationSlug: string, jobTitle?: string): void {
    const person = this.people.get(personSlug);
    if (!person) throw new Error(`affiliate() before person(): ${personSlug}`);
    const known = person.affiliations.find((affiliation) => affiliation.organisation === organisationSlug);
    if (!known) person.affiliations.push({ organisation: organisationSlug, ...(jobTitle ? { jobTitle } : {}) });
    else if (jobTitle && !known.jobTitle) known.jobTitle = jobTitle;
  }

  /**
   * The preferred slug, or when another talk already has it, the slug with the external id
   * appended: deterministic for a given file, whatever order the events are read in.
   */
  talkSlug(preferred: string, externalId: string): string {
    let slug = preferred;
    if (this.talkSlugs.has(slug)) slug = `${preferred}-${slugify(externalId) || fnv1a(externalId)}`;
    for (let n = 2; this.talkSlugs.has(slug); n++) slug = `${preferred}-${slugify(externalId) || fnv1a(externalId)}-${n}`;
    this.talkSlugs.add(slug);
    return slug;
  }

  /** The dataset of one conference, or with none, of people and organisations alone (a pretalx speaker list). */
  dataset(conference?: ConferenceInput): DatasetInput {
    const people = [...this.people.values()].map(({ affiliations, ...person }) =>
      affiliations.length > 0 ? { ...person, affiliations } : person,
    );
    return {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      organisations: [...this.organisations.values()],
      people,
      conferences: conference ? [conference] : [],
    };
  }
}

/** Leaves optional fields out of the JSON instead of writing them as undefined. */
export function dropUndefined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as Array<keyof T>) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

// ---------------------------------------------------------------------------------------------
// Conference names

/** "FOSDEM 2020" -> { series: "FOSDEM", year: 2020 }; a name without a trailing year has neither. */
export function seriesAndYear(name: string): { series?: string; year?: number } {
  const match = /^(.*\S)\s+((?:19|20|21)\d{2})$/.exec(name.trim());
  return match ? { series: match[1], year: Number(match[2]) } : {};
}

/**
 * The conference of a file that does not name its own (Sessionize, CSV, a pretalx page), from the
 * name the user gives. A name without a year gets the year of the first session, so one
 * `--conference "DDD Melbourne"` serves several editions: "DDD Melbourne 2024", "DDD Melbourne 2025".
 * The slug is empty when the name has no letters or digits slugify() can use.
 */
export function namedConference(given: string, firstDate: string | undefined): { slug: string; name: string; series?: string; year?: number } {
  const cleaned = normaliseName(given);
  const name = seriesAndYear(cleaned).year === undefined && firstDate ? `${cleaned} ${firstDate.slice(0, 4)}` : cleaned;
  const { series, year } = seriesAndYear(name);
  return dropUndefined({ slug: slugify(name), name, series, year });
}

// ---------------------------------------------------------------------------------------------
// Dates, times and zones. Instants are epoch milliseconds; dates are "YYYY-MM-DD" strings.

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      formatter = null;
    }
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  return zoneFormatter(timeZone) !== null;
}

// formatToParts is slow (microseconds, and garbage); schedules ask about the same few days over
// and over. Zone offsets only change on quarter-hour boundaries, so cache per quarter hour.
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at that instant, in minutes (Europe/Brussels in winter: 60). */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(instant / QUARTER_HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = computeZoneOffset(timeZone, bucket * QUARTER_HOUR);
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, offset);
  }
  return offset;
}

function computeZoneOffset(timeZone: string, instant: number): number {
  const formatter = zoneFormatter(timeZone);
  if (!formatter) throw new Error(`unknown time zone ${timeZone}`);
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wallClockAsUtc - instant) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone. Two passes settle instants next to a DST change;
 * a time inside the spring-forward gap comes out one hour later, an ambiguous autumn time as
 * the first of the two.
 */
export function zonedTimeToInstant(date: string, secondsOfDay: number, timeZone: string): number {
  const wallClock = epochOfDay(date) + secondsOfDay * 1000;
  const firstGuess = wallClock - zoneOffsetMinutes(timeZone, wallClock) * 60_000;
  return wallClock - zoneOffsetMinutes(timeZone, firstGuess) * 60_000;
}

/** "2020-02-01T09:30:00+01:00", or with `null` offset "2020-02-01T08:30:00Z". */
export function formatInstant(instant: number, offsetMinutes: number | null): string {
  const local = new Date(instant + (offsetMinutes ?? 0) * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === null) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${local}${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
}

/** Formats with the zone's offset at that instant when the zone is known, else in UTC. */
export function formatInZone(instant: number, timeZone: string | undefined): string {
  return formatInstant(instant, timeZone ? zoneOffsetMinutes(timeZone, instant) : null);
}

/** The calendar date of an instant in a zone (UTC when none). */
export function dateInZone(instant: number, timeZone: string | undefined): string {
  const offset = timeZone ? zoneOffsetMinutes(timeZone, instant) : 0;
  return dayOfEpoch(instant + offset * 60_000);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in "YYYY-MM-DD" form (rejects "20008-02-24" and "2021-02-30"). */
export function isIsoDate(value: string | undefined): value is string {
  const match = value ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  return dayOfEpoch(epochOfDay(date) + days * 86_400_000);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((epochOfDay(to) - epochOfDay(from)) / 86_400_000);
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export interface ParsedDateTime {
  date: string;
  secondsOfDay: number;
  /** Minutes east of UTC, when the text carries an offset ("Z" is 0). */
  offsetMinutes?: number;
}

/** "2024-12-27T10:30:00+01:00" and variants without seconds or offset; undefined when not a date-time. */
export function parseIsoDateTime(value: string): ParsedDateTime | undefined {
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match || !isIsoDate(match[1])) return undefined;
  const [, date, hours, minutes, seconds = '0', zone] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  let offsetMinutes: number | undefined;
  if (zone && zone.toUpperCase() === 'Z') offsetMinutes = 0;
  else if (zone) {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return { date, secondsOfDay: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds), offsetMinutes };
}

/** The instant a parsed date-time names: by its own offset, else in the zone; undefined with neither. */
export function instantOf(parsed: ParsedDateTime, timeZone: string | undefined): number | undefined {
  if (parsed.offsetMinutes !== undefined) return epochOfDay(parsed.date) + parsed.secondsOfDay * 1000 - parsed.offsetMinutes * 60_000;
  return timeZone ? zonedTimeToInstant(parsed.date, parsed.secondsOfDay, timeZone) : undefined;
}

/** "09:30" or "09:30:00" -> seconds since midnight; undefined when not a clock time. */
export function parseClockTime(value: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return hours <= 23 && minutes <= 59 && seconds <= 59 ? hours * 3600 + minutes * 60 + seconds : undefined;
}

/** frab durations "00:25", "01:30:00" or "1:00:00:00" (days:hours:minutes:seconds) -> seconds. */
export function parseDuration(value: string): number | undefined {
  const match = /^(?:(\d{1,2}):)??(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/.exec(value.trim());
  if (!match) return undefined;
  const [days, hours, minutes, seconds] = [Number(match[1] ?? 0), Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

// Cities whose zone a schedule implies when it names none. Only what real files needed: FOSDEM
// before 2025 gives city "Brussels" but no zone.
const CITY_TIME_ZONES: Record<string, string> = {
  brussels: 'Europe/Brussels',
  bruxelles: 'Europe/Brussels',
  brussel: 'Europe/Brussels',
};

export function timeZoneOfCity(city: string | undefined): string | undefined {
  return city ? CITY_TIME_ZONES[city.trim().toLowerCase()] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Talk kinds. One table for frab `type` values ("lightningtalk", "Talk 40 (30min +10 Q&A)",
// "Bits & Bäume - Workshop") and Sched labels ("Keynote", "Project Lightning Talk"): the first
// rule whose pattern occurs in the lower-cased label wins, so the order matters ("podium
// discussion" is a panel before "podium" is a talk; "lightning talk" is lightning before talk).
const KIND_RULES: ReadonlyArray<readonly [RegExp, TalkKind]> = [
  [/keynote/, 'KEYNOTE'],
  [/lightning/, 'LIGHTNING'],
  [/workshop/, 'WORKSHOP'],
  [/tutorial/, 'TUTORIAL'],
  [/panel|podium ?discussion/, 'PANEL'],
  [/\bbofs?\b|birds of a feather|meeting/, 'BOF'],
  [/meetup/, 'MEETUP'],
  [/ceremony/, 'CEREMONY'],
  [/talk|lecture|podium|maintrack|devroom/, 'TALK'],
];

/** The kind a label names, or undefined when no rule matches. */
export function kindFromLabel(label: string): TalkKind | undefined {
  const lower = label.toLowerCase();
  return KIND_RULES.find(([pattern]) => pattern.test(lower))?.[1];
}

// ---------------------------------------------------------------------------------------------
// Text

/** Single-line text: whitespace runs become one space. */
export function cleanLine(value: string | undefined): string | undefined {
  const cleaned = value?.replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•', middot: '·',
  copy: '©', reg: '®', trade: '™', euro: '€', times: '×', shy: '',
};

export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name) return HTML_ENTITIES[name] ?? HTML_ENTITIES[name.toLowerCase()] ?? whole;
    const code = decimal ? Number(decimal) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;
const BLOCK_TAG = /^(?:p|div|ul|ol|h[1-6]|blockquote|pre|hr|table|tr|dl|dt|dd|section|article|header|footer)$/;

/**
 * Plain text from a schedule's abstract or description. HTML (FOSDEM, Pentabarf) loses its tags:
 * paragraphs and headings become blank-line-separated, list items "- " lines, links "text (url)".
 * Text that is not HTML (CCC and pretalx write Markdown) keeps its line breaks, with the
 * indentation that XML pretty-printing added removed.
 */
export function htmlToText(value: string | undefined): string | undefined {
  if (!value || !value.trim()) return undefined;
  const text = HTML_TAG.test(value) ? htmlFragmentToText(value) : plainTextToText(decodeHtmlEntities(value));
  return text || undefined;
}

// The includes() checks below skip whole passes over the text; FOSDEM alone has 12,000 abstracts.
function htmlFragmentToText(html: string): string {
  const code = /<(?:script|style)\b/i.test(html) ? html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '') : html;
  // <pre> keeps its line breaks; everywhere else a whitespace run in the source is one space.
  const segments = /<pre\b/i.test(code) ? code.split(/(<pre\b[^>]*>[\s\S]*?<\/pre\s*>)/i) : [code];
  return segments
    .map((segment, index) => (index % 2 === 1 ? preformattedToText(segment) : flowToText(segment)))
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function flowToText(html: string): string {
  const withLinkTargets = /<a\s/i.test(html)
    ? html.replace(
        /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi,
        (_link, doubleQuoted: string | undefined, singleQuoted: string | undefined, inner: string) =>
          linkedText(decodeHtmlEntities(doubleQuoted ?? singleQuoted ?? ''), inner),
      )
    : html;
  const text = decodeHtmlEntities(stripTags(withLinkTargets.replace(/\s+/g, ' ')));
  return (text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text).replace(/ *\n */g, '\n');
}

function preformattedToText(html: string): string {
  const inner = html.replace(/^<pre\b[^>]*>/i, '').replace(/<\/pre\s*>$/i, '');
  const lines = decodeHtmlEntities(inner.replace(/<[^<>]*>/g, '')).split(/\r?\n/).map((line) => line.trimEnd());
  return `\n\n${lines.join('\n').replace(/^\n+|\n+$/g, '')}\n\n`;
}

function stripTags(html: string): string {
  return html.replace(/<(\/?)([a-z][a-z0-9]*)(?:\s[^<>]*)?\/?>/gi, (_tag, closing: string, rawName: string) => {
    const name = rawName.toLowerCase();
    if (name === 'br') return '\n';
    if (name === 'li') return closing ? '' : '\n- ';
    return BLOCK_TAG.test(name) ? '\n\n' : '';
  });
}

/** A link as "text (url)", unless the text already shows the url or the url is not http(s). */
function linkedText(url: string, inner: string): string {
  const shown = decodeHtmlEntities(inner.replace(/<[^<>]*>/g, '')).trim();
  const bare = url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  if (!/^https?:\/\//i.test(url) || shown.includes(url) || shown === bare) return inner;
  return shown ? `${inner} (${url})` : url;
}

function plainTextToText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n').map((line) => line.trimEnd());
  // Pretty-printed XML indents every line after the first; remove the common indentation.
  const indents = lines.slice(1).filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((line, index) => (index === 0 ? line.trim() : line.slice(common)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// URLs and links

const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

/** The URL when the dataset format accepts it (http or https, at most 2000 characters). */
export function httpUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && httpUrlSchema.safeParse(trimmed).success ? trimmed : undefined;
}

const VIDEO_HOSTS = /(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com|media\.ccc\.de|video\.fosdem\.org)$/i;
const VIDEO_FILE = /\.(?:mp4|webm|mkv|ogv|avi|mov)$/i;
const SLIDE_HOSTS = /(?:^|\.)(?:slideshare\.net|speakerdeck\.com|slides\.com)$/i;

/**
 * Whether a link clearly is a recording or slides; anything doubtful (a bare "PDF", a project
 * page, a chat room) is neither. FOSDEM's "VIDEO (temp link)" validation copies are not recordings.
 */
export function classifyLink(href: string, text: string, type?: string): 'recording' | 'slides' | undefined {
  // A regex rather than new URL(): schedules have tens of thousands of links, mostly chat rooms.
  const url = /^https?:\/\/([^/?#:]+)(?::\d+)?([^?#]*)/i.exec(href.trim());
  if (!url) return undefined;
  const [, host, path] = url;
  const label = `${type ?? ''} ${text}`.toLowerCase();
  if (/temp link/.test(label) || host.toLowerCase().startsWith('validate.')) return undefined;
  if (/\bslides?\b/.test(label) || SLIDE_HOSTS.test(host)) return 'slides';
  if (/\bvideo\b|\brecording\b/.test(label) || VIDEO_HOSTS.test(host) || VIDEO_FILE.test(path)) return 'recording';
  return undefined;
}
