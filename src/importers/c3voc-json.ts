// Schedule JSON in the C3VOC format (https://c3voc.de/schedule/schema.json), exported by frab and
// pretalx: {"schedule": {"conference": {"days": [{"rooms": {"<room>": [event, ...]}}]}}}.
// frab persons have `public_name`; pretalx persons have `code`, `public_name` or `name`, and
// `biography`. Events carry the same fields as in the XML, so both feed frab-model.ts.
import { ImportError } from '../errors.js';
import type { FormatResult, ParseContext } from './common.js';
import { type FrabDay, type FrabEvent, type FrabLink, frabScheduleToDataset } from './frab-model.js';

type JsonObject = Record<string, unknown>;

export function parseC3vocJson(document: unknown, context: ParseContext): FormatResult {
  const { file } = context;
  const fail = (record: string | undefined, field: string, problem: string): never => {
    throw new ImportError(file, record, field, problem);
  };
  const schedule = asObject(asObject(document)?.schedule) ?? fail(undefined, 'schedule', 'expected an object {"schedule": {"conference": …}}');
  const conference = asObject(schedule.conference) ?? fail(undefined, 'schedule.conference', 'expected an object');
  const rawDays = conference.days ?? [];
  if (!Array.isArray(rawDays)) return fail(undefined, 'schedule.conference.days', 'expected an array of days');

  const days: FrabDay[] = [];
  const events: FrabEvent[] = [];
  for (const [dayPosition, rawDay] of rawDays.entries()) {
    const where = `schedule.conference.days[${dayPosition}]`;
    const day = asObject(rawDay) ?? fail(undefined, where, 'expected a day object');
    const index = day.index === undefined ? dayPosition + 1 : Number(day.index);
    if (!Number.isInteger(index) || index < 1 || index > 366) {
      fail(undefined, `${where}.index`, `${JSON.stringify(day.index)} is not a day number from 1 to 366`);
    }
    const frabDay: FrabDay = { index, date: text(day, 'date', where, fail) };
    days.push(frabDay);

    const rooms =
      day.rooms === undefined ? {} : (asObject(day.rooms) ?? fail(undefined, `${where}.rooms`, 'expected an object mapping room names to lists of events'));
    for (const [roomName, roomEvents] of Object.entries(rooms)) {
      const roomWhere = `${where}.rooms[${JSON.stringify(roomName)}]`;
      if (!Array.isArray(roomEvents)) return fail(undefined, roomWhere, 'expected an array of events');
      for (const [position, rawEvent] of roomEvents.entries()) {
        const eventWhere = `${roomWhere}[${position}]`;
        const event = asObject(rawEvent) ?? fail(undefined, eventWhere, 'expected an event object');
        events.push(readEvent(event, frabDay, roomName, eventWhere, fail));
      }
    }
  }

  return frabScheduleToDataset(
    {
      conference: {
        title: text(conference, 'title', 'conference', fail),
        acronym: text(conference, 'acronym', 'conference', fail),
        start: text(conference, 'start', 'conference', fail),
        end: text(conference, 'end', 'conference', fail),
        timeZoneName: text(conference, 'time_zone_name', 'conference', fail),
        url: text(conference, 'url', 'conference', fail),
        baseUrl: text(conference, 'base_url', 'conference', fail) ?? text(schedule, 'base_url', 'schedule', fail),
        dayChange: text(conference, 'day_change', 'conference', fail),
      },
      days,
      events,
    },
    context,
  );
}

type Fail = (record: string | undefined, field: string, problem: string) => never;

function readEvent(event: JsonObject, day: FrabDay, roomName: string, where: string, fail: Fail): FrabEvent {
  const id = text(event, 'id', where, fail);
  const guid = text(event, 'guid', where, fail);
  const record = `event ${id ?? guid ?? '(no id)'} (${where})`;
  const field = (key: string) => text(event, key, record, fail);
  return {
    record,
    id,
    guid,
    day,
    roomName,
    date: field('date'),
    start: field('start'),
    duration: field('duration'),
    room: field('room'),
    slug: field('slug'),
    url: field('url'),
    title: field('title'),
    subtitle: field('subtitle'),
    track: field('track'),
    type: field('type'),
    language: field('language'),
    abstract: field('abstract'),
    description: field('description'),
    persons: list(event, 'persons', record, fail).map((person, index) => {
      const personRecord = `${record}, persons[${index}]`;
      const name = ['public_name', 'name', 'full_public_name'].map((key) => text(person, key, personRecord, fail)).find(Boolean);
      const id = person.guid ?? person.code ?? person.id;
      return {
        name: name ?? '',
        bio: text(person, 'biography', personRecord, fail),
        ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : {}),
      };
    }),
    links: [...list(event, 'links', record, fail), ...list(event, 'attachments', record, fail)].map(
      (link): FrabLink => ({
        href: text(link, 'url', record, fail) ?? '',
        text: text(link, 'title', record, fail) ?? '',
        type: text(link, 'type', record, fail),
      }),
    ),
  };
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A string or number field as trimmed text; null, missing and "" are undefined; other types fail. */
function text(object: JsonObject, key: string, record: string, fail: Fail): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return fail(record, key, `expected a string, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value.trim() || undefined;
}

/** An optional array of objects (persons, links); non-objects in it fail. */
function list(object: JsonObject, key: string, record: string, fail: Fail): JsonObject[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(record, key, 'expected an array');
  return value.map((item, index) => asObject(item) ?? fail(record, `${key}[${index}]`, 'expected an object'));
}
