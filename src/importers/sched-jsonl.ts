// Sched sessions as JSON lines: one object per line, as scraped from a Sched site's event pages
// (the KubeCon + CloudNativeCon Europe 2025 programme in ../shared/data/kubecon-eu-2025-sched):
//   {"url": "https://kccnceu2025.sched.com/event/1tib5/badge-pick-up", "title": "Badge Pick-Up",
//    "description": "…", "eventTypes": "Registration", "eventDate": "2025-03-31T07:00:00"}
// - url: the event page; the Sched event id in it ("1tib5") is the talk's externalId.
// - title: Sched's title with the speaker suffix, read exactly as the iCalendar importer reads
//   SUMMARY (sched-sessions.ts), so both exports of one programme give the same people.
// - eventTypes: "<type>, <sub-type>, …" ("Project Opportunities, Project Lightning Talks"). The
//   first is the track, as CATEGORIES is in the iCalendar feed; any of them may name the kind
//   ("Keynote Sessions", "Project Lightning Talks", "BoF", "Tutorials, Security").
// - eventDate: the local start, without a zone. There is no end and no room.
// The file names neither its conference nor its zone. The name is --conference, else read from
// the Sched site for KubeCon sites ("kccnceu2025" is "KubeCon + CloudNativeCon Europe 2025",
// the name the site's iCalendar feed gives, so both exports make one conference); the zone
// must be given with --time-zone.
import { ImportError } from '../errors.js';
import { slugify } from '../dataset/slug.js';
import {
  cleanLine,
  DatasetCollector,
  dateInZone,
  daysBetween,
  dropUndefined,
  type FormatResult,
  formatInstant,
  formatInZone,
  htmlToText,
  instantOf,
  MAX_EVENTS,
  namedConference,
  type ParseContext,
  parseIsoDateTime,
  type TalkInput,
} from './common.js';
import { commonWebsite, isSchedSession, SchedSpeakerReader, schedSessionKind, withoutLeadingSymbols } from './sched-sessions.js';

const EVENT_URL = /^https?:\/\/([^/?#]+)\/event\/([^/?#]+)/i;

/** KubeCon + CloudNativeCon sites on Sched: kccnc<region><year>. */
const KUBECON_SITE = /^kccnc(eu|na)(\d{4})\.sched\.com$/i;
const KUBECON_REGIONS: Record<string, string> = { eu: 'Europe', na: 'North America' };

interface Line {
  record: string;
  eventId: string;
  url: string;
  host: string;
  title: string;
  description?: string;
  categories: string[];
  start: { instant: number; offsetMinutes?: number; writtenDate: string };
}

/** Whether a parsed JSON value looks like one line of this format; used for detection. */
export function isSchedJsonLine(value: unknown): boolean {
  const object = value as Record<string, unknown> | null;
  return typeof object === 'object' && object !== null && typeof object.title === 'string' && 'eventDate' in object && ('url' in object || 'eventTypes' in object);
}

export function parseSchedJsonl(content: string, context: ParseContext): FormatResult {
  const { file } = context;
  const lines = readLines(content, context);
  if (lines.length > MAX_EVENTS) {
    throw new ImportError(file, undefined, undefined, `${lines.length} lines; at most ${MAX_EVENTS} events can be imported from one file`);
  }

  const eventIds = new Map<string, string>();
  for (const line of lines) {
    const earlier = eventIds.get(line.eventId);
    if (earlier) throw new ImportError(file, line.record, 'url', `${earlier} has the same Sched event id "${line.eventId}"; each event must appear once`);
    eventIds.set(line.eventId, line.record);
  }

  const sessions = lines.filter((line) => isSchedSession(line.title, line.categories));
  const localDate = (line: Line) => (context.timeZone ? dateInZone(line.start.instant, context.timeZone) : line.start.writtenDate);
  const dates = sessions.map(localDate).sort();
  const firstDate = dates[0];
  const conference = conferenceName(lines, context);

  const speakerReader = new SchedSpeakerReader(sessions.map((line) => line.title));
  const collector = new DatasetCollector();
  const talks = sessions.map((line): TalkInput => {
    const { title, speakers } = speakerReader.read(line.title, collector);
    return dropUndefined({
      slug: collector.talkSlug(slugify(title) || slugify(line.eventId) || 'talk', line.eventId),
      externalId: line.eventId,
      title,
      abstract: htmlToText(line.description),
      kind: schedSessionKind(title, line.categories),
      track: line.categories[0],
      day: firstDate ? daysBetween(firstDate, localDate(line)) + 1 : undefined,
      startsAt: context.timeZone ? formatInZone(line.start.instant, context.timeZone) : formatInstant(line.start.instant, line.start.offsetMinutes ?? 0),
      scheduleUrl: line.url,
      speakers,
    });
  });

  const named = namedConference(conference, firstDate);
  if (!named.slug) throw new ImportError(file, undefined, 'conference', `cannot make a slug from "${conference}"; give a name with latin letters or digits`);
  return {
    dataset: collector.dataset(
      dropUndefined({
        ...named,
        startsOn: firstDate,
        endsOn: dates[dates.length - 1],
        timeZone: context.timeZone,
        website: commonWebsite(lines.map((line) => line.url)),
        talks,
      }),
    ),
    skipped: lines.length - sessions.length,
  };
}

function readLines(content: string, context: ParseContext): Line[] {
  const { file } = context;
  const lines: Line[] = [];
  const texts = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, text] of texts.entries()) {
    if (!text.trim()) continue;
    const at = `line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ImportError(file, at, undefined, `malformed JSON: ${(error as Error).message}; each line must be one JSON object`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ImportError(file, at, undefined, 'expected a JSON object on each line, like {"url": …, "title": …, "eventDate": …}');
    }
    lines.push(readLine(value as Record<string, unknown>, at, context));
  }
  return lines;
}

function readLine(object: Record<string, unknown>, at: string, context: ParseContext): Line {
  const { file } = context;
  const text = (key: string, record: string): string | undefined => {
    const value = object[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new ImportError(file, record, key, `expected a string, found ${Array.isArray(value) ? 'an array' : typeof value}`);
    return value;
  };

  const url = text('url', at)?.trim();
  const match = url ? EVENT_URL.exec(url) : null;
  if (!url || !match) {
    const problem = url ? `"${url}" is not a Sched event URL` : 'the line has no url';
    throw new ImportError(file, at, 'url', `${problem}; write the event page, like https://<site>.sched.com/event/1tib5/<title>: its event id is the talk's id`);
  }
  const eventId = decodeURIComponent(match[2]);
  const record = `${at} (event ${eventId})`;
  const fail = (field: string, problem: string): never => {
    throw new ImportError(file, record, field, problem);
  };

  const title = cleanLine(text('title', record)) ?? fail('title', 'the event has no title');
  const rawTypes = object.eventTypes;
  const types = Array.isArray(rawTypes) ? rawTypes.map(String) : (text('eventTypes', record)?.split(',') ?? []);

  const dateText = text('eventDate', record)?.trim() ?? fail('eventDate', 'the event has no eventDate; write its start, like 2025-04-02T11:15:00');
  const parsed = parseIsoDateTime(dateText) ?? fail('eventDate', `"${dateText}" is not a date-time; write it like 2025-04-02T11:15:00`);
  const instant = instantOf(parsed, context.timeZone);
  if (instant === undefined) {
    fail('eventDate', `"${dateText}" has no zone and the file names none; give the conference's zone with --time-zone, e.g. --time-zone Europe/London`);
  }

  return {
    record,
    eventId,
    url,
    host: match[1].toLowerCase(),
    title,
    description: text('description', record),
    categories: types.map(withoutLeadingSymbols).filter(Boolean),
    start: { instant: instant!, offsetMinutes: parsed.offsetMinutes, writtenDate: parsed.date },
  };
}

/** --conference, else the KubeCon name of the one Sched site every URL is on. */
function conferenceName(lines: Line[], context: ParseContext): string {
  const given = cleanLine(context.conference);
  if (given) return given;
  const hosts = [...new Set(lines.map((line) => line.host))];
  const site = hosts.length === 1 ? KUBECON_SITE.exec(hosts[0]) : null;
  if (site) return `KubeCon + CloudNativeCon ${KUBECON_REGIONS[site[1].toLowerCase()]} ${site[2]}`;
  const where = hosts.length === 1 ? `the Sched site ${hosts[0]}` : hosts.length === 0 ? 'an empty file' : `events from ${hosts.length} Sched sites`;
  throw new ImportError(
    context.file,
    undefined,
    'conference',
    `the file does not name its conference and ${where} does not tell; give it with --conference, e.g. --conference "Open Source Summit Europe 2025"`,
  );
}
