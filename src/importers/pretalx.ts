// pretalx REST API JSON: talks and speakers as /api/events/<event>/talks/ (or /submissions/) and
// /speakers/ return them. A file is one of:
// - a result page, {"count", "next", "previous", "results": [...]}, of talks or of speakers, when
//   it holds the whole list (next and previous null; pretalx pages hold at most 50 since API v1);
// - an event's programme in one file: {"event": <GET /api/events/<event>/>, "talks": ...,
//   "speakers": ...}, where "talks" (or "submissions") and "speakers" are a result page, a list of
//   result pages (all of them), or a plain list of results. This is the way to import more than
//   one page, and talks that name their speakers by code only.
// pretalx has two API generations:
// - before API v1 (pretalx < 2025.1): a talk embeds its speakers ({code, name, biography}), one
//   `slot` {start, end, room, room_id}, and its submission_type and track by name;
// - API v1 and later: a talk refers to speakers, track, submission_type and `slots` by code or id
//   unless the request expands them: ?expand=speakers,track,submission_type,slots.room
// Names of rooms, tracks, types and events may be multi-language objects ({"en": "Talk"}); the
// English text is taken, else the first. Times carry offsets.
//
// Identity: talks keep the submission code as externalId. The conference is the event: its slug
// is the pretalx event slug, as in pretalx's own schedule exports (frab XML, C3VOC JSON), unless
// --conference names it. Speakers become people by name, with their code as a FRAB identifier
// ("<conference slug>/<code>") and, when the event's URLs name the instance, a PRETALX one
// ("<instance host>/<code>", see instanceHost); an organisation comes only from a
// speaker's answer to a question asking for their company or organisation (when the request
// includes answers, with the question expanded: ?expand=answers.question).
import { ImportError } from '../errors.js';
import { slugify } from '../dataset/slug.js';
import {
  classifyLink,
  cleanLine,
  type ConferenceInput,
  DatasetCollector,
  dateInZone,
  daysBetween,
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
  namedConference,
  type ParseContext,
  parseIsoDateTime,
  seriesAndYear,
  type SpeakerInput,
  type TalkInput,
} from './common.js';
import { isRoleNotOrganisation, organisationKind } from './sched-sessions.js';

type JsonObject = Record<string, unknown>;
type Fail = (record: string | undefined, field: string, problem: string) => never;

/** Talk states that are on the programme; anything else (submitted, rejected, withdrawn, canceled) is left out. */
const PROGRAMME_STATES = new Set(['confirmed', 'accepted']);
const EXPAND_HINT = '?expand=speakers,track,submission_type,slots.room';

/** Whether parsed JSON looks like a pretalx API result page or a combined pretalx file; used for detection. */
export function isPretalxJson(value: unknown): boolean {
  const object = asObject(value);
  if (!object) return false;
  if (asObject(object.event) && ['talks', 'submissions', 'speakers'].some((field) => field in object)) return true;
  if (!Array.isArray(object.results) || typeof object.count !== 'number') return false;
  const first = asObject(object.results[0]);
  return first === undefined ? object.results.length === 0 : typeof first.code === 'string' && ('title' in first || 'name' in first);
}

interface Item {
  value: JsonObject;
  /** Where it is in the file: "results[3]", "talks[1].results[0]". */
  where: string;
}

interface SpeakerInfo {
  code?: string;
  name?: string;
  bio?: string;
  organisation?: string;
  jobTitle?: string;
}

export function parsePretalx(document: unknown, context: ParseContext): FormatResult {
  const { file } = context;
  const fail: Fail = (record, field, problem) => {
    throw new ImportError(file, record, field, problem);
  };
  const root = asObject(document) ?? fail(undefined, 'results', 'expected a pretalx result page {"count", "next", "previous", "results"} or {"event", "talks", "speakers"}');

  let event: JsonObject | undefined;
  let talkItems: Item[] = [];
  let speakerItems: Item[] = [];
  if (Array.isArray(root.results)) {
    const items = collection(root, '', fail);
    const first = items[0]?.value;
    if (first && typeof first.title !== 'string' && 'name' in first) speakerItems = items;
    else talkItems = items;
  } else {
    event = asObject(root.event) ?? fail(undefined, 'event', 'expected the event object from /api/events/<event>/');
    const talksField = 'talks' in root ? 'talks' : 'submissions';
    talkItems = root[talksField] === undefined ? [] : collection(root[talksField], talksField, fail);
    speakerItems = root.speakers === undefined ? [] : collection(root.speakers, 'speakers', fail);
  }
  if (talkItems.length > MAX_EVENTS) fail(undefined, 'results', `${talkItems.length} talks; at most ${MAX_EVENTS} can be imported from one file`);

  const warnings = new Set<string>();
  const speakersByCode = new Map<string, SpeakerInfo>();
  const listedSpeakers: SpeakerInfo[] = [];
  for (const item of speakerItems) {
    const code = typeof item.value.code === 'string' ? item.value.code : undefined;
    const record = code ? `speaker ${code} (${item.where})` : `speaker (${item.where})`;
    const speaker = readSpeaker(item.value, record, fail);
    if (!speaker.name) fail(record, 'name', 'the speaker has no name');
    listedSpeakers.push(speaker);
    if (speaker.code) speakersByCode.set(speaker.code, speaker);
  }

  const collector = new DatasetCollector();
  if (talkItems.length === 0 && !event) {
    // A speaker list alone: people and what they say about themselves, and no conference.
    for (const speaker of listedSpeakers) addSpeaker(speaker, collector);
    return { dataset: collector.dataset(), skipped: 0 };
  }

  const timeZone = eventTimeZone(event, context);
  const base = event ? httpUrl(text(asObject(event.urls) ?? {}, 'base', 'event', fail)) : undefined;
  // Speaker codes are unique within a pretalx instance, which the event's URLs name.
  const instance = event ? instanceHost(event, fail) : undefined;
  const coded: SpeakerInfo[] = [];
  const talks: Array<{ talk: TalkInput; start?: { instant: number; date: string } }> = [];
  const codes = new Set<string>();
  let skipped = 0;

  for (const item of talkItems) {
    const talk = item.value;
    const code = cleanLine(text(talk, 'code', `talk (${item.where})`, fail)) ?? fail(`talk (${item.where})`, 'code', 'the talk has no code');
    const record = `talk ${code} (${item.where})`;
    if (codes.has(code)) fail(record, 'code', `another talk already has code "${code}"; codes must be unique`);
    codes.add(code);
    const state = text(talk, 'state', record, fail);
    if (state !== undefined && !PROGRAMME_STATES.has(state)) {
      skipped++;
      continue;
    }
    const title = cleanLine(text(talk, 'title', record, fail)) ?? fail(record, 'title', 'the talk has no title');
    const slot = talkSlot(talk, record, fail, context);
    const times = slot ? slotTimes(slot.value, slot.where, record, timeZone, fail) : undefined;

    const speakers: SpeakerInput[] = [];
    for (const [index, entry] of list(talk, 'speakers', record, fail).entries()) {
      const embedded = asObject(entry);
      const speakerCode = typeof entry === 'string' ? entry : embedded ? cleanLine(text(embedded, 'code', record, fail, `speakers[${index}].`)) : undefined;
      const listed = speakerCode ? speakersByCode.get(speakerCode) : undefined;
      // The speaker list, when the file has one, knows more (answers) than a talk's embedded copy.
      const speaker = { ...(embedded ? readSpeaker(embedded, record, fail, `speakers[${index}].`) : {}), ...listed };
      if (!speaker.name) {
        fail(
          record,
          `speakers[${index}]`,
          `speaker ${JSON.stringify(entry)} has no name: request the talks with ?expand=speakers, or put them in one file with the /speakers/ results: {"event": …, "talks": …, "speakers": …}`,
        );
      }
      const input = addSpeaker(speaker, collector, instance);
      if (speaker.code) coded.push(speaker);
      if (!speakers.some((other) => other.person === input.person)) speakers.push(input);
    }

    const type = reference(talk, 'submission_type', record, fail, warnings);
    talks.push({
      start: times?.start,
      talk: dropUndefined({
        slug: collector.talkSlug(slugify(title) || slugify(code) || 'talk', code),
        externalId: code,
        title,
        abstract: htmlToText(text(talk, 'abstract', record, fail)) ?? htmlToText(text(talk, 'description', record, fail)),
        kind: type ? (kindFromLabel(type) ?? 'OTHER') : undefined,
        track: reference(talk, 'track', record, fail, warnings),
        room: slot ? reference(slot.value, 'room', `${record}, ${slot.where}`, fail, warnings, 'slots.room') : undefined,
        language: cleanLine(text(talk, 'content_locale', record, fail)),
        startsAt: times?.startsAt,
        endsAt: times?.endsAt,
        scheduleUrl: base ? httpUrl(`${base.replace(/\/?$/, '/')}talk/${encodeURIComponent(code)}/`) : undefined,
        ...resourceUrls(talk, record, fail, warnings),
        speakers,
      }),
    });
  }

  const localDates = talks.flatMap(({ start }) => (start ? [start.date] : [])).sort();
  const conference = conferenceRecord(event, context, localDates, timeZone, fail);
  // The code is also the person's id in the event's own frab and C3VOC exports, and like theirs it
  // is kept per edition (FRAB), whether or not the instance is known.
  for (const speaker of coded) collector.person(speaker.name!, undefined, undefined, [...pretalxIdentifiers(speaker, instance), { scheme: 'FRAB', value: `${conference.slug}/${speaker.code}` }]);
  const firstDay = conference.startsOn ?? localDates[0];
  for (const { talk, start } of talks) {
    if (start && firstDay && start.date >= firstDay) talk.day = daysBetween(firstDay, start.date) + 1;
  }
  context.warnings.push(...warnings);
  return { dataset: collector.dataset({ ...conference, talks: talks.map(({ talk }) => talk) }), skipped };
}

/**
 * The items of a result page, of a list of result pages, or of a plain list. A page must hold
 * the whole list, and a list of pages all of them: a missing page would quietly drop talks.
 */
function collection(value: unknown, field: string, fail: Fail): Item[] {
  const at = (suffix: string) => (field ? `${field}${suffix}` : suffix.replace(/^\./, ''));
  const page = asObject(value);
  if (page) {
    const results = Array.isArray(page.results) ? page.results : fail(undefined, at('.results'), 'expected a result page with a "results" list');
    if (page.next || page.previous) {
      fail(
        undefined,
        at(page.next ? '.next' : '.previous'),
        `this is one page of ${String(page.count)} results; put all pages in one file as a list: {"event": …, "talks": [page 1, page 2, …]} ` +
          '(e.g. jq -n --slurpfile event event.json --slurpfile talks talks.json \'{event: $event[0], talks: $talks}\')',
      );
    }
    return items(results, at('.results'), fail);
  }
  if (!Array.isArray(value)) return fail(undefined, at(''), 'expected a result page, a list of result pages, or a list of results');
  if (!value.every((entry) => Array.isArray(asObject(entry)?.results))) return items(value, at(''), fail);

  const pages = value as JsonObject[];
  const all = pages.flatMap((entry, index) => items(entry.results as unknown[], at(`[${index}].results`), fail));
  const count = pages[0].count;
  if (typeof count === 'number' && count !== all.length) {
    fail(undefined, at(''), `the pages hold ${all.length} of ${count} results; add the missing pages`);
  }
  return all;
}

function items(values: unknown[], where: string, fail: Fail): Item[] {
  return values.map((value, index) => ({ value: asObject(value) ?? fail(undefined, `${where}[${index}]`, 'expected an object'), where: `${where}[${index}]` }));
}

function readSpeaker(object: JsonObject, record: string, fail: Fail, prefix = ''): SpeakerInfo {
  const field = (name: string) => text(object, name, record, fail, prefix);
  const info: SpeakerInfo = { code: cleanLine(field('code')), name: cleanLine(field('name')), bio: htmlToText(field('biography')) };
  for (const answer of list(object, 'answers', record, fail, prefix)) {
    const { question, answer: value } = asObject(answer) ?? {};
    const asks = localised(asObject(question)?.question);
    const given = typeof value === 'string' ? cleanLine(value) : undefined;
    if (!asks || !given) continue;
    if (/\b(?:company|organi[sz]ation|employer|affiliation)\b/i.test(asks)) info.organisation ??= given;
    else if (/\bjob title\b|\b(?:position|role)\b/i.test(asks)) info.jobTitle ??= given;
  }
  return dropUndefined(info);
}

/**
 * The host of the pretalx instance the event is on: that of its base URL, else of another URL the
 * event lists (schedule, login, feed: pretalx makes them all on the base's domain), else of its
 * custom domain. Not the host of a result page's next or previous link: that is the name the file
 * was fetched under, maybe another name for the instance, and a speaker code recorded under two
 * names would make one speaker two people. None of these, no instance: no PRETALX identifiers.
 */
function instanceHost(event: JsonObject, fail: Fail): string | undefined {
  const urls = asObject(event.urls) ?? {};
  const listed = [text(urls, 'base', 'event', fail), ...Object.entries(urls).filter(([key]) => key !== 'base').map(([, value]) => value)];
  const custom = typeof event.custom_domain === 'string' ? event.custom_domain.trim() : '';
  const candidates = [...listed, custom && !custom.includes('://') ? `https://${custom}` : custom];
  for (const candidate of candidates) {
    const url = typeof candidate === 'string' ? httpUrl(candidate) : undefined;
    if (url) return new URL(url).host;
  }
  return undefined;
}

const pretalxIdentifiers = (speaker: SpeakerInfo, instance: string | undefined) =>
  instance && speaker.code ? [{ scheme: 'PRETALX' as const, value: `${instance}/${speaker.code}` }] : [];

function addSpeaker(speaker: SpeakerInfo, collector: DatasetCollector, instance?: string): SpeakerInput {
  const person = collector.person(speaker.name!, speaker.bio, undefined, pretalxIdentifiers(speaker, instance));
  if (!speaker.organisation || isRoleNotOrganisation(speaker.organisation)) return { person };
  const organisation = collector.organisation(speaker.organisation, organisationKind(speaker.organisation));
  collector.affiliate(person, organisation, speaker.jobTitle);
  return { person, organisation };
}

/** The legacy `slot`, or the earliest of the `slots` (a talk given twice keeps its first time). */
function talkSlot(talk: JsonObject, record: string, fail: Fail, context: ParseContext): { value: JsonObject; where: string } | undefined {
  const legacy = asObject(talk.slot);
  if (legacy) return { value: legacy, where: 'slot' };
  const slots = list(talk, 'slots', record, fail);
  if (slots.length === 0) return undefined;
  const objects = slots.map((slot, index) => asObject(slot) ?? fail(record, `slots[${index}]`, `the slot is an id; request the talks with ${EXPAND_HINT}`));
  const starts = objects.map((slot) => String(slot.start ?? '~'));
  const earliest = starts.indexOf([...starts].sort()[0]);
  if (objects.length > 1) context.warnings.push(`${record}: ${objects.length} slots; the talk is imported at its first`);
  return { value: objects[earliest], where: `slots[${earliest}]` };
}

function slotTimes(
  slot: JsonObject,
  where: string,
  record: string,
  timeZone: string | undefined,
  fail: Fail,
): { startsAt?: string; endsAt?: string; start?: { instant: number; date: string } } {
  const read = (name: 'start' | 'end') => {
    const value = text(slot, name, record, fail, `${where}.`);
    if (value === undefined) return undefined;
    const parsed = parseIsoDateTime(value) ?? fail(record, `${where}.${name}`, `"${value}" is not a date-time like 2025-08-21T10:00:00+02:00`);
    const instant = instantOf(parsed, timeZone);
    if (instant === undefined) fail(record, `${where}.${name}`, `"${value}" has no offset and the file names no zone; give it with --time-zone`);
    return { instant: instant!, offset: parsed.offsetMinutes, date: parsed.date };
  };
  const start = read('start');
  const end = read('end');
  if (!start) return {};
  if (end && end.instant < start.instant) fail(record, `${where}.end`, 'the slot ends before it starts');
  const format = (time: { instant: number; offset?: number }) => (timeZone ? formatInZone(time.instant, timeZone) : formatInstant(time.instant, time.offset ?? 0));
  return {
    startsAt: format(start),
    endsAt: end ? format(end) : undefined,
    start: { instant: start.instant, date: timeZone ? dateInZone(start.instant, timeZone) : start.date },
  };
}

/**
 * A track, session type or room: a name (string or multi-language object) or an expanded object
 * with a name. An id alone cannot be read; that is noted once per field, since the talk is still
 * worth importing without it.
 */
function reference(
  object: JsonObject,
  field: string,
  record: string,
  fail: Fail,
  warnings: Set<string>,
  expand = field,
): string | undefined {
  const value = object[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') {
    warnings.add(`${field} is given as an id and was left out; request the talks with ?expand=${expand} to import its name`);
    return undefined;
  }
  const expanded = asObject(value);
  const name = expanded && ('name' in expanded || 'id' in expanded) ? localised(expanded.name) : localised(value);
  if (name === undefined && typeof value !== 'object') fail(record, field, `expected a name or an object with a name, found ${typeof value}`);
  return cleanLine(name);
}

function resourceUrls(talk: JsonObject, record: string, fail: Fail, warnings: Set<string>): Pick<TalkInput, 'recordingUrl' | 'slidesUrl'> {
  const urls: Pick<TalkInput, 'recordingUrl' | 'slidesUrl'> = {};
  for (const resource of list(talk, 'resources', record, fail)) {
    const object = asObject(resource);
    if (!object) {
      warnings.add('resources are given as ids and were left out; request the talks with ?expand=resources to import slides and recordings');
      continue;
    }
    const href = typeof object.resource === 'string' ? object.resource : '';
    const kind = classifyLink(href, typeof object.description === 'string' ? object.description : '');
    if (kind === 'recording') urls.recordingUrl ??= httpUrl(href);
    else if (kind === 'slides') urls.slidesUrl ??= httpUrl(href);
  }
  return dropUndefined(urls);
}

function eventTimeZone(event: JsonObject | undefined, context: ParseContext): string | undefined {
  const zone = event && typeof event.timezone === 'string' ? event.timezone.trim() : undefined;
  if (zone && isValidTimeZone(zone)) return zone;
  if (zone) context.warnings.push(`event timezone "${zone}" is not an IANA time zone and was ignored`);
  return context.timeZone;
}

function conferenceRecord(
  event: JsonObject | undefined,
  context: ParseContext,
  localDates: string[],
  timeZone: string | undefined,
  fail: Fail,
): ConferenceInput & { slug: string } {
  const datePart = (field: string) => {
    const value = event ? text(event, field, 'event', fail)?.slice(0, 10) : undefined;
    return isIsoDate(value) ? value : undefined;
  };
  const startsOn = datePart('date_from') ?? localDates[0];
  const endsOn = datePart('date_to') ?? localDates[localDates.length - 1] ?? startsOn;
  const given = cleanLine(context.conference);
  const eventName = event ? cleanLine(localised(event.name)) : undefined;
  let identity: { slug: string; name: string; series?: string; year?: number };
  if (given) identity = namedConference(given, startsOn);
  else if (eventName) {
    const { series, year } = seriesAndYear(eventName);
    identity = dropUndefined({ slug: slugify(text(event!, 'slug', 'event', fail) ?? '') || slugify(eventName), name: eventName, series, year });
  } else {
    return fail(
      undefined,
      'conference',
      'a pretalx talk list does not name its event; give the name with --conference, or put the event in the file: {"event": <GET /api/events/<event>/>, "talks": …}',
    );
  }
  if (!identity.slug) fail('event', 'slug', `cannot make a slug from "${identity.name}"; give a name with latin letters or digits with --conference`);
  return dropUndefined({
    ...identity,
    year: identity.year ?? (startsOn ? Number(startsOn.slice(0, 4)) : undefined),
    startsOn,
    endsOn,
    timeZone,
    website: event ? httpUrl(text(asObject(event.urls) ?? {}, 'base', 'event', fail)) : undefined,
  });
}

// ---------------------------------------------------------------------------------------------

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A plain string, or the English (else first non-empty) text of a multi-language object. */
function localised(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const object = asObject(value);
  if (!object) return undefined;
  const english = object.en;
  if (typeof english === 'string' && english.trim()) return english;
  return Object.values(object).find((text): text is string => typeof text === 'string' && text.trim() !== '');
}

function text(object: JsonObject, field: string, record: string | undefined, fail: Fail, prefix = ''): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return fail(record, `${prefix}${field}`, `expected a string, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value;
}

function list(object: JsonObject, field: string, record: string, fail: Fail, prefix = ''): unknown[] {
  const value = object[field];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : fail(record, `${prefix}${field}`, 'expected a list');
}
