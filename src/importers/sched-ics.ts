// Sched.com iCalendar exports (KubeCon + CloudNativeCon and many others): one VEVENT per session,
// with the track in CATEGORIES and "room, city, country" in LOCATION. Sched has no speaker fields;
// it appends speakers and their organisations to SUMMARY, e.g.
//   "Envoy in the Era of Agentic Workloads - Yan Avlasov, Google & Erica Hughberg, Tetrate"
// sched-speakers.ts reads those back; sched-sessions.ts holds what this shares with sched-jsonl.ts.
import { ImportError } from '../errors.js';
import { slugify } from '../dataset/slug.js';
import {
  cleanLine,
  DatasetCollector,
  dateInZone,
  daysBetween,
  dropUndefined,
  type FormatResult,
  formatInZone,
  htmlToText,
  httpUrl,
  isValidTimeZone,
  MAX_EVENTS,
  type ParseContext,
  seriesAndYear,
  type TalkInput,
} from './common.js';
import { dateTimeValue, durationValue, findProperty, type IcsComponent, parseIcs, textListValue, textValue } from './ics.js';
import { commonWebsite, isSchedSession, SchedSpeakerReader, schedSessionKind, withoutLeadingSymbols } from './sched-sessions.js';

interface Session {
  component: IcsComponent;
  record: string;
  uid: string;
  summary: string;
  start: { instant: number; allDay: boolean };
  end?: number;
  categories: string[];
}

export function parseSchedIcs(content: string, context: ParseContext): FormatResult {
  const { file } = context;
  const calendar = parseIcs(content, file);
  const name = conferenceName(calendar, file);
  const timeZone = calendarTimeZone(calendar) ?? context.timeZone;

  const events = calendar.components.filter((component) => component.name === 'VEVENT');
  if (events.length > MAX_EVENTS) {
    throw new ImportError(file, undefined, 'VEVENT', `${events.length} events; at most ${MAX_EVENTS} can be imported from one file`);
  }

  let skipped = 0;
  const sessions: Session[] = [];
  const uids = new Set<string>();
  for (const event of events) {
    const session = readSession(event, timeZone, file);
    if (uids.has(session.uid)) {
      throw new ImportError(file, session.record, 'UID', `another VEVENT already has UID ${session.uid}; UIDs must be unique`);
    }
    uids.add(session.uid);
    if (isSession(session)) sessions.push(session);
    else skipped++;
  }

  const localDates = sessions.map((session) => dateInZone(session.start.instant, timeZone)).sort();
  const firstDate = localDates[0];
  const speakerReader = new SchedSpeakerReader(sessions.map((session) => session.summary));
  const collector = new DatasetCollector();
  const talks = sessions.map((session) => sessionToTalk(session, collector, timeZone, firstDate, speakerReader));
  const { series, year } = seriesAndYear(name);

  return {
    dataset: collector.dataset(
      dropUndefined({
        slug: slugify(name),
        name,
        series,
        year: firstDate ? Number(firstDate.slice(0, 4)) : year,
        startsOn: firstDate,
        endsOn: localDates[localDates.length - 1],
        timeZone,
        location: commonLocation(sessions),
        website: commonWebsite(sessions.map((session) => textValue(findProperty(session.component, 'URL')))),
        talks,
      }),
    ),
    skipped,
  };
}

/** Not cancelled (by STATUS or title), not a break, not the registration desk or cloakroom. */
function isSession(session: Session): boolean {
  if (textValue(findProperty(session.component, 'STATUS'))?.trim().toUpperCase() === 'CANCELLED') return false;
  return isSchedSession(session.summary, session.categories);
}

/** PRODID "-//Sched.com KubeCon + CloudNativeCon Europe 2026//EN" names the event; X-WR-CALNAME is Sched's short id. */
function conferenceName(calendar: IcsComponent, file: string): string {
  const prodId = textValue(findProperty(calendar, 'PRODID'));
  const fromProdId = prodId ? /^-\/\/Sched\.com (.+?)\/\/[A-Z]{2}$/i.exec(prodId.trim())?.[1] : undefined;
  const name = cleanLine(fromProdId) ?? cleanLine(textValue(findProperty(calendar, 'X-WR-CALNAME')));
  if (!name || !slugify(name)) {
    const problem = 'the calendar has no usable name; add X-WR-CALNAME with the conference name';
    throw new ImportError(file, `line ${calendar.line}`, 'X-WR-CALNAME', problem);
  }
  return name;
}

/** X-WR-TIMEZONE when it is a real local zone; Sched writes "UTC" there, which says nothing about the venue. */
function calendarTimeZone(calendar: IcsComponent): string | undefined {
  const zone = textValue(findProperty(calendar, 'X-WR-TIMEZONE'))?.trim();
  if (!zone || /^(?:utc|gmt|z|etc\/utc|etc\/gmt)$/i.test(zone) || !isValidTimeZone(zone)) return undefined;
  return zone;
}

function readSession(event: IcsComponent, floatingZone: string | undefined, file: string): Session {
  const uid = cleanLine(textValue(findProperty(event, 'UID')));
  const record = uid ? `VEVENT ${uid} (line ${event.line})` : `VEVENT at line ${event.line}`;
  const fail = (field: string, problem: string): never => {
    throw new ImportError(file, record, field, problem);
  };
  if (!uid) fail('UID', 'the event has no UID; every VEVENT needs a unique UID');
  const summary = cleanLine(textValue(findProperty(event, 'SUMMARY'))) ?? fail('SUMMARY', 'the event has no SUMMARY (title)');

  const dtStart = findProperty(event, 'DTSTART') ?? fail('DTSTART', 'the event has no DTSTART; add its start, e.g. DTSTART:20260324T110000Z');
  const start = dateTimeValue(dtStart, floatingZone, (problem) => fail('DTSTART', problem));
  let end: number | undefined;
  const dtEnd = findProperty(event, 'DTEND');
  const duration = findProperty(event, 'DURATION');
  if (dtEnd) end = dateTimeValue(dtEnd, floatingZone, (problem) => fail('DTEND', problem)).instant;
  else if (duration) {
    const seconds = durationValue(duration) ?? fail('DURATION', `"${duration.value}" is not a duration like PT30M`);
    end = start.instant + seconds * 1000;
  }
  if (end !== undefined && end < start.instant) fail(dtEnd ? 'DTEND' : 'DURATION', 'the event ends before it starts');

  const categories = textListValue(findProperty(event, 'CATEGORIES')).map(withoutLeadingSymbols).filter(Boolean);
  return { component: event, record, uid: uid!, summary, start, end, categories };
}

function sessionToTalk(
  session: Session,
  collector: DatasetCollector,
  timeZone: string | undefined,
  firstDate: string | undefined,
  speakerReader: SchedSpeakerReader,
): TalkInput {
  const { title, speakers } = speakerReader.read(session.summary, collector);
  const location = textValue(findProperty(session.component, 'LOCATION'));
  const localDate = dateInZone(session.start.instant, timeZone);

  return dropUndefined({
    slug: collector.talkSlug(slugify(title) || slugify(session.uid) || 'talk', session.uid),
    externalId: session.uid,
    title,
    abstract: htmlToText(textValue(findProperty(session.component, 'DESCRIPTION'))),
    kind: schedSessionKind(title, session.categories),
    track: session.categories[0],
    room: cleanLine(location?.split(',')[0]),
    day: firstDate ? daysBetween(firstDate, localDate) + 1 : undefined,
    startsAt: session.start.allDay ? undefined : formatInZone(session.start.instant, timeZone),
    endsAt: session.start.allDay || session.end === undefined ? undefined : formatInZone(session.end, timeZone),
    scheduleUrl: httpUrl(textValue(findProperty(session.component, 'URL'))),
    speakers,
  });
}

/** The most frequent "City, Country" after the room in LOCATION ("Elicium 2, Amsterdam, Netherlands"). */
function commonLocation(sessions: Session[]): string | undefined {
  const counts = new Map<string, number>();
  for (const session of sessions) {
    const parts = textValue(findProperty(session.component, 'LOCATION'))?.split(',').map((part) => part.trim()) ?? [];
    if (parts.length === 3 && parts[1] && parts[2]) {
      const place = `${parts[1]}, ${parts[2]}`;
      counts.set(place, (counts.get(place) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
