// The frab schedule model, shared by the XML (frab-xml.ts) and JSON (c3voc-json.ts) readers.
// Pentabarf, frab, pretalx and the C3VOC tooling all export the same conference > day > room >
// event structure; each reader turns its syntax into the plain records below, and
// frabScheduleToDataset() maps those to a talkgraph dataset, so the rules live in one place.
import { ImportError } from '../errors.js';
import { slugify } from '../dataset/slug.js';
import {
  addDays,
  classifyLink,
  cleanLine,
  type ConferenceInput,
  DatasetCollector,
  dropUndefined,
  type FormatResult,
  formatInstant,
  formatInZone,
  htmlToText,
  httpUrl,
  instantOf,
  isIsoDate,
  isValidTimeZone,
  kindFromLabel,
  MAX_EVENTS,
  normaliseName,
  parseClockTime,
  parseDuration,
  parseIsoDateTime,
  type ParseContext,
  type SpeakerInput,
  seriesAndYear,
  type TalkInput,
  timeZoneOfCity,
  zoneOffsetMinutes,
  zonedTimeToInstant,
} from './common.js';

export interface FrabConference {
  title?: string;
  acronym?: string;
  /** A date or date-time; only its date part is used. */
  start?: string;
  end?: string;
  timeZoneName?: string;
  city?: string;
  venue?: string;
  url?: string;
  baseUrl?: string;
  /** "09:00" or "09:00:00": times before it belong to the next calendar day. */
  dayChange?: string;
}

export interface FrabDay {
  index: number;
  date?: string;
}

export interface FrabPerson {
  name: string;
  bio?: string;
  /** The person's id in the schedule's system: one id space per conference series (FOSDEM's Pentabarf, a pretalx instance). */
  id?: string;
}

export interface FrabLink {
  href: string;
  text: string;
  /** An attachment's type ("slides", "video"), or a C3VOC link's `type`. */
  type?: string;
}

export interface FrabEvent {
  /** How messages name the event: "event 9025 (line 17)". */
  record: string;
  id?: string;
  guid?: string;
  day: FrabDay;
  /** Used when the event has no room element of its own. */
  roomName?: string;
  date?: string;
  start?: string;
  duration?: string;
  room?: string;
  slug?: string;
  url?: string;
  title?: string;
  subtitle?: string;
  track?: string;
  type?: string;
  language?: string;
  abstract?: string;
  description?: string;
  persons: FrabPerson[];
  links: FrabLink[];
}

export interface FrabSchedule {
  conference: FrabConference;
  days: FrabDay[];
  events: FrabEvent[];
}

export function frabScheduleToDataset(schedule: FrabSchedule, context: ParseContext): FormatResult {
  const { file } = context;
  if (schedule.events.length > MAX_EVENTS) {
    throw new ImportError(file, undefined, 'events', `${schedule.events.length} events; at most ${MAX_EVENTS} can be imported from one file`);
  }
  const conference = conferenceRecord(schedule, context);
  const collector = new DatasetCollector();
  const externalIds = new Set<string>();
  const talks: TalkInput[] = [];
  let untimed = 0;

  for (const event of schedule.events) {
    const fail = (field: string, problem: string): never => {
      throw new ImportError(file, event.record, field, problem);
    };
    const externalId = event.guid ?? event.id ?? fail('id', 'the event has neither a guid nor an id; add one of them');
    const idField = event.guid ? 'guid' : 'id';
    if (externalIds.has(externalId)) fail(idField, `another event already has ${idField} "${externalId}"; event ids must be unique within a schedule`);
    externalIds.add(externalId);
    const title = cleanLine(event.title) ?? fail('title', 'the event has no title');

    const times = eventTimes(event, conference.timeZone ?? undefined, schedule.conference.dayChange, fail);
    if (!times.startsAt) untimed++;

    const speakers: SpeakerInput[] = [];
    for (const person of event.persons) {
      const name = normaliseName(person.name);
      if (!name) {
        context.warnings.push(`${event.record}: a person without a name was left out`);
        continue;
      }
      // Person ids are new for each edition (FOSDEM's Pentabarf ids, pretalx guids), so they are
      // qualified by the conference: they find a renamed speaker on re-import of the edition.
      const identifiers = person.id ? [{ scheme: 'FRAB' as const, value: `${conference.slug}/${person.id}` }] : [];
      const slug = collector.person(name, htmlToText(person.bio), undefined, identifiers);
      if (!speakers.some((speaker) => speaker.person === slug)) speakers.push({ person: slug });
    }

    const talk: TalkInput = {
      slug: collector.talkSlug(talkSlug(event, title, conference.slug), externalId),
      externalId,
      title,
      subtitle: cleanLine(event.subtitle),
      abstract: htmlToText(event.abstract) ?? htmlToText(event.description),
      kind: event.type?.trim() ? (kindFromLabel(event.type) ?? 'OTHER') : undefined,
      track: cleanLine(event.track),
      room: cleanLine(event.room) ?? cleanLine(event.roomName),
      language: cleanLine(event.language),
      day: event.day.index,
      ...times,
      scheduleUrl: httpUrl(event.url),
      ...linkUrls(event.links),
      speakers,
    };
    if (event.url?.trim() && !talk.scheduleUrl) {
      context.warnings.push(`${event.record}: url "${event.url.trim()}" is not an http(s) URL and was left out`);
    }
    talks.push(dropUndefined(talk));
  }

  if (untimed > 0) {
    context.warnings.push(
      conference.timeZone
        ? `${untimed} events have no start time`
        : `${untimed} events have no start time: the file names no time zone and no city we know the zone of; ` +
            'pass a time zone (--time-zone) to get start and end times',
    );
  }
  return { dataset: collector.dataset({ ...conference, talks }), skipped: 0 };
}

function conferenceRecord(schedule: FrabSchedule, context: ParseContext): ConferenceInput & { slug: string } {
  const info = schedule.conference;
  const name = cleanLine(info.title) ?? cleanLine(info.acronym);
  if (!name) throw new ImportError(context.file, 'conference', 'title', 'the schedule has no conference title or acronym');
  const slug = slugify(info.acronym ?? '') || slugify(name);
  if (!slug) {
    throw new ImportError(context.file, 'conference', 'acronym', `cannot make a slug from "${name}"; add an <acronym> in latin letters or digits`);
  }

  const timeZone = resolveTimeZone(info, context);
  // The days list what the schedule covers; conference start/end are sometimes off
  // (FOSDEM 2008's end is "20008-02-24") or date-times in another zone (38C3).
  const dates = schedule.days.map((day) => day.date).filter(isIsoDate).sort();
  const startsOn = dates[0] ?? datePart(info.start);
  const endsOn = dates[dates.length - 1] ?? datePart(info.end);
  const { series, year } = seriesAndYear(name);
  const online = [info.venue, info.city].some((place) => /^online$/i.test(place?.trim() ?? ''));
  const location = online ? undefined : [cleanLine(info.venue), cleanLine(info.city)].filter(Boolean).join(', ') || undefined;

  return dropUndefined({
    slug,
    name,
    series,
    year: startsOn ? Number(startsOn.slice(0, 4)) : year,
    startsOn,
    endsOn,
    timeZone,
    format: online ? 'VIRTUAL' : undefined,
    location,
    website: httpUrl(info.url) ?? httpUrl(info.baseUrl),
  });
}

function resolveTimeZone(info: FrabConference, context: ParseContext): string | undefined {
  const named = info.timeZoneName?.trim();
  if (named) {
    if (isValidTimeZone(named)) return named;
    context.warnings.push(`time_zone_name "${named}" is not an IANA time zone and was ignored`);
  }
  return timeZoneOfCity(info.city) ?? context.timeZone;
}

function datePart(value: string | undefined): string | undefined {
  const date = value?.trim().slice(0, 10);
  return isIsoDate(date) ? date : undefined;
}

/**
 * The source slug without the "<conference>-<event id>-" prefix frab and pretalx put in front
 * ("fosdem-2025-6210-a-new-approach" -> "a-new-approach"), else the title's.
 */
function talkSlug(event: FrabEvent, title: string, conferenceSlug: string): string {
  let slug = slugify(event.slug ?? '');
  for (const prefix of [conferenceSlug, slugify(event.id ?? '')]) {
    if (prefix && slug.startsWith(`${prefix}-`) && slug.length > prefix.length + 1) slug = slug.slice(prefix.length + 1);
  }
  return slug || slugify(title) || slugify(event.guid ?? event.id ?? '') || 'talk';
}

/**
 * startsAt/endsAt as ISO date-times with offset. An explicit <date> wins; otherwise the day's date
 * and <start> are read in the conference zone, and a start before the day-change time belongs
 * to the next calendar day. Without a zone there is no way to know the instant, so both are left out.
 */
function eventTimes(
  event: FrabEvent,
  timeZone: string | undefined,
  dayChange: string | undefined,
  fail: (field: string, problem: string) => never,
): Pick<TalkInput, 'startsAt' | 'endsAt'> {
  const durationText = event.duration?.trim();
  const duration = durationText ? parseDuration(durationText) : undefined;
  if (durationText && duration === undefined) fail('duration', `"${durationText}" is not a duration; write HH:MM or HH:MM:SS, e.g. 00:30`);

  let start: { instant: number; offset: number | null } | undefined;
  const dateText = event.date?.trim();
  if (dateText) {
    const parsed = parseIsoDateTime(dateText) ?? fail('date', `"${dateText}" is not a date-time; write it like 2024-12-27T10:30:00+01:00`);
    const instant = instantOf(parsed, timeZone);
    // Keep the offset the file wrote; a zone is needed only when it wrote none.
    if (instant !== undefined) start = { instant, offset: parsed.offsetMinutes ?? (timeZone ? zoneOffsetMinutes(timeZone, instant) : null) };
  } else {
    const startText = event.start?.trim();
    const clock = startText ? parseClockTime(startText) : undefined;
    if (startText && clock === undefined) fail('start', `"${startText}" is not a time of day; write HH:MM, e.g. 09:30`);
    if (clock !== undefined && timeZone && isIsoDate(event.day.date)) {
      const changeAt = dayChange ? (parseClockTime(dayChange) ?? 0) : 0;
      const date = clock < changeAt ? addDays(event.day.date, 1) : event.day.date;
      const instant = zonedTimeToInstant(date, clock, timeZone);
      start = { instant, offset: zoneOffsetMinutes(timeZone, instant) };
    }
  }
  if (!start) return {};

  const startsAt = formatInstant(start.instant, start.offset);
  if (duration === undefined) return { startsAt };
  const end = start.instant + duration * 1000;
  // Across a DST change the end has the zone's other offset.
  return { startsAt, endsAt: timeZone ? formatInZone(end, timeZone) : formatInstant(end, start.offset) };
}

function linkUrls(links: FrabLink[]): Pick<TalkInput, 'recordingUrl' | 'slidesUrl'> {
  let recordingUrl: string | undefined;
  let slidesUrl: string | undefined;
  for (const link of links) {
    const kind = classifyLink(link.href, link.text, link.type);
    if (kind === 'recording') recordingUrl ??= httpUrl(link.href);
    else if (kind === 'slides') slidesUrl ??= httpUrl(link.href);
  }
  return { recordingUrl, slidesUrl };
}
