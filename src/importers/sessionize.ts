// Sessionize's API "All Data" view (JSON): {"sessions": [...], "speakers": [...], "categories":
// [...], "rooms": [...], "questions": [...]}, with references by id between them.
// - sessions: id, title, description, startsAt/endsAt as local times without a zone, speakers (ids),
//   categoryItems (ids of category items), roomId, recordingUrl, isServiceSession (breaks, lunch:
//   left out), status (anything but "Accepted" is left out).
// - speakers: fullName (else firstName + lastName), bio, tagLine, links, questionAnswers.
// - categories: lists the organisers define. Their titles say what they are, so they are read by
//   title: a "Track" is the track, a "Session format"/"Type" gives the kind ("Workshop (105
//   minutes)" is a workshop, "45 minutes" a talk), "Tags"/"Topics" become topics; others (such as
//   "Level") have no place in the graph and are ignored.
// The export names neither the event nor its zone: the conference name comes from --conference
// (the year of the first session is added when the name has none) and the zone from --time-zone.
//
// Organisations: Sessionize has no company field. A custom speaker question that asks for the
// company (or organisation, employer, affiliation) and one for the job title are used when the
// event has them; otherwise the free-text tag line is read when it says so plainly (parseTagLine).
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
  httpUrl,
  instantOf,
  kindFromLabel,
  MAX_EVENTS,
  namedConference,
  type ParseContext,
  parseIsoDateTime,
  type SpeakerInput,
  type TalkInput,
} from './common.js';
import { isRoleNotOrganisation, organisationKind } from './sched-sessions.js';
import { looksLikeJobTitle, type ParsedAffiliation } from './sched-speakers.js';

type JsonObject = Record<string, unknown>;
type Fail = (record: string | undefined, field: string, problem: string) => never;

/** Whether parsed JSON looks like Sessionize's All Data view; used for detection. */
export function isSessionizeAllData(value: unknown): boolean {
  const object = asObject(value);
  return object !== undefined && Array.isArray(object.sessions) && Array.isArray(object.speakers) && (Array.isArray(object.rooms) || Array.isArray(object.categories));
}

interface Speaker {
  /** Sessionize's speaker id, a UUID: the same speaker in another event's export has the same one. */
  id: string;
  record: string;
  name: string;
  bio?: string;
  links: string[];
  affiliations: ParsedAffiliation[];
}

interface SessionTimes {
  start?: { instant: number; offsetMinutes?: number; writtenDate: string };
  end?: { instant: number; offsetMinutes?: number };
}

type CategoryRole = 'track' | 'kind' | 'topics';

export function parseSessionize(document: unknown, context: ParseContext): FormatResult {
  const { file } = context;
  const fail: Fail = (record, field, problem) => {
    throw new ImportError(file, record, field, problem);
  };
  const root = asObject(document) ?? fail(undefined, 'sessions', 'expected the All Data object {"sessions": [...], "speakers": [...], ...}');
  const conferenceName =
    cleanLine(context.conference) ??
    fail(
      undefined,
      'conference',
      'a Sessionize export does not name its event; give the name with --conference, e.g. --conference "DDD Melbourne" (the year of the first session is added when the name has none)',
    );

  const sessions = objects(root, 'sessions', fail);
  if (sessions.length > MAX_EVENTS) fail(undefined, 'sessions', `${sessions.length} sessions; at most ${MAX_EVENTS} can be imported from one file`);
  const rooms = new Map(objects(root, 'rooms', fail).map((room, index) => [key(room.id), text(room, 'name', `rooms[${index}]`, fail)]));
  const categoryItems = readCategories(root, fail);
  // Without a tags category the file says nothing about topics, and must not clear curated ones.
  const hasTopics = [...categoryItems.values()].some((item) => item.role === 'topics');
  const speakers = readSpeakers(root, fail);

  const collector = new DatasetCollector();
  const topics = new Map<string, string>();
  const talks: Array<{ talk: TalkInput; times: SessionTimes }> = [];
  const externalIds = new Set<string>();
  let skipped = 0;

  for (const [index, session] of sessions.entries()) {
    const where = `sessions[${index}]`;
    const id = key(session.id) ?? fail(where, 'id', 'the session has no id');
    const record = `session ${id} (${where})`;
    if (externalIds.has(id)) fail(record, 'id', `another session already has id "${id}"; session ids must be unique`);
    externalIds.add(id);
    const status = text(session, 'status', record, fail);
    if (session.isServiceSession === true || (status !== undefined && status.toLowerCase() !== 'accepted')) {
      skipped++;
      continue;
    }
    const title = cleanLine(text(session, 'title', record, fail)) ?? fail(record, 'title', 'the session has no title');
    const times = sessionTimes(session, record, context, fail);

    let track: string | undefined;
    let kind: TalkInput['kind'];
    const sessionTopics: string[] = [];
    for (const [position, itemId] of list(session, 'categoryItems', record, fail).entries()) {
      const item = categoryItems.get(key(itemId) ?? '');
      if (!item) {
        context.warnings.push(`${record}: categoryItems[${position}] ${JSON.stringify(itemId)} is not an item of any category and was ignored`);
        continue;
      }
      if (item.role === 'track') track ??= item.name;
      else if (item.role === 'kind') kind ??= kindFromLabel(item.name);
      else if (item.role === 'topics') {
        const slug = slugify(item.name);
        if (slug && !sessionTopics.includes(slug)) {
          sessionTopics.push(slug);
          if (!topics.has(slug)) topics.set(slug, item.name);
        }
      }
    }

    const roomId = key(session.roomId);
    const room = roomId === undefined ? undefined : rooms.get(roomId);
    if (roomId !== undefined && room === undefined) context.warnings.push(`${record}: roomId ${roomId} is not in rooms; the session has no room`);

    const speakerInputs: SpeakerInput[] = [];
    for (const [position, reference] of list(session, 'speakers', record, fail).entries()) {
      // All Data lists speaker ids; the Sessions view lists {id, name} objects.
      const speakerId = key(asObject(reference)?.id ?? reference);
      const speaker = speakers.get(speakerId ?? '') ?? fail(record, `speakers[${position}]`, `no speaker with id ${JSON.stringify(reference)} in "speakers"`);
      const input = addSpeaker(speaker, collector);
      if (!speakerInputs.some((known) => known.person === input.person)) speakerInputs.push(input);
    }

    talks.push({
      times,
      talk: dropUndefined({
        slug: collector.talkSlug(slugify(title) || slugify(id) || 'talk', id),
        externalId: id,
        title,
        abstract: htmlToText(text(session, 'description', record, fail)),
        kind: kind ?? 'TALK',
        track,
        room: cleanLine(room),
        recordingUrl: httpUrl(text(session, 'recordingUrl', record, fail)),
        speakers: speakerInputs,
        topics: hasTopics ? sessionTopics : undefined,
      }),
    });
  }

  const localDate = (start: NonNullable<SessionTimes['start']>) => (context.timeZone ? dateInZone(start.instant, context.timeZone) : start.writtenDate);
  const dates = talks.flatMap(({ times }) => (times.start ? [localDate(times.start)] : [])).sort();
  const firstDate = dates[0];
  for (const { talk, times } of talks) {
    if (!times.start) continue;
    const format = (instant: number, offsetMinutes: number | undefined) =>
      context.timeZone ? formatInZone(instant, context.timeZone) : formatInstant(instant, offsetMinutes ?? 0);
    talk.startsAt = format(times.start.instant, times.start.offsetMinutes);
    if (times.end) talk.endsAt = format(times.end.instant, times.end.offsetMinutes);
    talk.day = daysBetween(firstDate!, localDate(times.start)) + 1;
  }

  const named = namedConference(conferenceName, firstDate);
  if (!named.slug) fail(undefined, 'conference', `cannot make a slug from "${conferenceName}"; give a name with latin letters or digits`);
  const dataset = collector.dataset(
    dropUndefined({ ...named, startsOn: firstDate, endsOn: dates[dates.length - 1], timeZone: context.timeZone, talks: talks.map(({ talk }) => talk) }),
  );
  return { dataset: { ...dataset, topics: [...topics].map(([slug, name]) => ({ slug, name })) }, skipped };
}

function sessionTimes(session: JsonObject, record: string, context: ParseContext, fail: Fail): SessionTimes {
  const read = (field: 'startsAt' | 'endsAt') => {
    const value = text(session, field, record, fail);
    if (value === undefined) return undefined;
    const parsed = parseIsoDateTime(value) ?? fail(record, field, `"${value}" is not a date-time; write it like 2024-03-16T09:00:00`);
    const instant = instantOf(parsed, context.timeZone);
    if (instant === undefined) {
      fail(record, field, `"${value}" has no zone and Sessionize exports name none; give the conference's zone with --time-zone, e.g. --time-zone Australia/Melbourne`);
    }
    return { instant: instant!, offsetMinutes: parsed.offsetMinutes, writtenDate: parsed.date };
  };
  const start = read('startsAt');
  const end = read('endsAt');
  if (start && end && end.instant < start.instant) fail(record, 'endsAt', 'the session ends before it starts');
  return { start, end: start ? end : undefined };
}

/** Every category item by id, with what its category means here (nothing, for "Level"). */
function readCategories(root: JsonObject, fail: Fail): Map<string, { name: string; role?: CategoryRole }> {
  const items = new Map<string, { name: string; role?: CategoryRole }>();
  for (const [index, category] of objects(root, 'categories', fail).entries()) {
    const where = `categories[${index}]`;
    const role = categoryRole(text(category, 'title', where, fail) ?? '');
    for (const [position, item] of objects(category, 'items', fail, undefined, `${where}.`).entries()) {
      const id = key(item.id);
      const name = cleanLine(text(item, 'name', `${where}.items[${position}]`, fail));
      if (id !== undefined && name) items.set(id, { name, role });
    }
  }
  return items;
}

/** What a category is, from the title the organisers gave it. */
function categoryRole(title: string): CategoryRole | undefined {
  if (/\btracks?\b/i.test(title)) return 'track';
  if (/\b(?:tags?|topics?|subjects?|technolog(?:y|ies))\b/i.test(title)) return 'topics';
  if (/\b(?:format|type|kind|length|duration)\b/i.test(title)) return 'kind';
  return undefined;
}

function readSpeakers(root: JsonObject, fail: Fail): Map<string, Speaker> {
  const questions = new Map<string, 'organisation' | 'jobTitle'>();
  for (const [index, question] of objects(root, 'questions', fail).entries()) {
    const asks = text(question, 'question', `questions[${index}]`, fail) ?? '';
    const id = key(question.id);
    if (id === undefined) continue;
    if (/\b(?:company|organi[sz]ation|employer|affiliation)\b/i.test(asks)) questions.set(id, 'organisation');
    else if (/\bjob title\b|\b(?:position|role)\b/i.test(asks)) questions.set(id, 'jobTitle');
  }

  const speakers = new Map<string, Speaker>();
  for (const [index, speaker] of objects(root, 'speakers', fail).entries()) {
    const where = `speakers[${index}]`;
    const id = key(speaker.id) ?? fail(where, 'id', 'the speaker has no id');
    const record = `speaker ${id} (${where})`;
    const name =
      cleanLine(text(speaker, 'fullName', record, fail)) ??
      cleanLine([text(speaker, 'firstName', record, fail), text(speaker, 'lastName', record, fail)].filter(Boolean).join(' ')) ??
      fail(record, 'fullName', 'the speaker has no name');

    const answers: Partial<Record<'organisation' | 'jobTitle', string>> = {};
    for (const [position, answer] of objects(speaker, 'questionAnswers', fail, record).entries()) {
      const asked = questions.get(key(answer.questionId) ?? '');
      const value = cleanLine(text(answer, 'answerValue', `${record}, questionAnswers[${position}]`, fail));
      if (asked && value) answers[asked] ??= value;
    }
    const organisation = answers.organisation && !isRoleNotOrganisation(answers.organisation) ? answers.organisation : undefined;
    const affiliations = organisation
      ? [dropUndefined({ organisation, jobTitle: answers.jobTitle })]
      : parseTagLine(text(speaker, 'tagLine', record, fail) ?? '', name);

    const links = objects(speaker, 'links', fail, record)
      .map((link, position) => httpUrl(text(link, 'url', `${record}, links[${position}]`, fail)))
      .filter((url): url is string => url !== undefined);
    speakers.set(id, { id, record, name, bio: htmlToText(text(speaker, 'bio', record, fail)), links: [...new Set(links)], affiliations });
  }
  return speakers;
}

function addSpeaker(speaker: Speaker, collector: DatasetCollector): SpeakerInput {
  const person = collector.person(speaker.name, speaker.bio, speaker.links, [{ scheme: 'SESSIONIZE', value: speaker.id }]);
  let organisation: string | undefined;
  for (const affiliation of speaker.affiliations) {
    const slug = collector.organisation(affiliation.organisation, organisationKind(affiliation.organisation));
    collector.affiliate(person, slug, affiliation.jobTitle);
    organisation ??= slug;
  }
  return organisation ? { person, organisation } : { person };
}

// ---------------------------------------------------------------------------------------------
// Tag lines. Free text that speakers write about themselves: "CTO @ Mentorloop", "Co-Founder -
// Pinch Payments", "Engineering Manager, Bunnings", "Staff Engineer at SEEK", "Manager @ Amazon
// Web Services | CEO @ SHOUTOUT | Community Leader", but also "Speaker, Mentor, Dog Lover" or "I
// like long walks on the beach". Only a tag line that plainly reads "<job title> <separator>
// <organisation>" (or "<organisation>, <job title>") gives an affiliation; anything doubtful gives
// none, since a wrong employer is worse than a missing one.

/** Words of job titles that Sched titles do not use but tag lines do. */
const TAGLINE_JOB_WORDS = /\b(?:writer|coach|advisor|adviser|author|educator|creator|teacher|trainer|mvp)\b/i;
/** Credentials and hats that sit where an organisation would: "Microsoft MVP", "AWS Community Builder". */
const NOT_AN_ORGANISATION = /\b(?:mvp|gde|community builder|hero|speaker|author|blogger|mentor|creator|enthusiast|lover|addict)\b/i;

/**
 * Affiliations a Sessionize tag line states, in order ("|" separates several). A tag line that
 * starts with the speaker's own name ("Sarah Young, Senior Cloud Security Advocate, Microsoft")
 * is read without it.
 */
export function parseTagLine(tagLine: string, name: string): ParsedAffiliation[] {
  let text = cleanLine(tagLine) ?? '';
  if (name && text.toLowerCase().startsWith(name.toLowerCase())) text = text.slice(name.length).replace(/^\s*[,:|–—-]\s*/, '');
  return text
    .split(/\s+\|\s+/)
    .map(readTagLineSegment)
    .filter((affiliation): affiliation is ParsedAffiliation => affiliation !== undefined);
}

function readTagLineSegment(segment: string): ParsedAffiliation | undefined {
  const words = (text: string) => text.split(' ').length;
  const at = /^(.+?)\s+(?:@|at)\s+(.+)$/i.exec(segment);
  if (at && (isJobTitle(at[1]) || words(at[1]) <= 3) && isOrganisation(at[2])) return { organisation: organisationName(at[2]), jobTitle: at[1] };
  const dash = /^(.+?)\s+[–—-]\s+(.+)$/.exec(segment);
  if (dash && isJobTitle(dash[1]) && isOrganisation(dash[2])) return { organisation: organisationName(dash[2]), jobTitle: dash[1] };
  const parts = segment.split(/\s*,\s*/);
  if (parts.length === 2) {
    const [first, second] = parts;
    if (isJobTitle(first) && isOrganisation(second)) return { organisation: organisationName(second), jobTitle: first };
    if (isJobTitle(second) && !isJobTitle(first) && isOrganisation(first)) return { organisation: organisationName(first), jobTitle: second };
  }
  return undefined;
}

function isJobTitle(text: string): boolean {
  return text.split(' ').length <= 8 && (looksLikeJobTitle(text) || TAGLINE_JOB_WORDS.test(text));
}

/** Capitalised (or a digit: "3pLearning"), at most six words, no sentence punctuation, not a role or credential. */
function isOrganisation(text: string): boolean {
  const name = organisationName(text);
  return (
    /^[\p{Lu}\d]/u.test(name) &&
    name.split(' ').length <= 6 &&
    !/[!?;:]/.test(name) &&
    !NOT_AN_ORGANISATION.test(name) &&
    !isRoleNotOrganisation(name)
  );
}

function organisationName(text: string): string {
  return text.trim().replace(/\.$/, '');
}

// ---------------------------------------------------------------------------------------------
// JSON access with errors that name the record and field.

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** Sessionize ids are strings for sessions and speakers and numbers for rooms and categories. */
function key(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function text(object: JsonObject, field: string, record: string | undefined, fail: Fail): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return fail(record, field, `expected a string, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value;
}

function list(object: JsonObject, field: string, record: string | undefined, fail: Fail, prefix = ''): unknown[] {
  const value = object[field];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : fail(record, `${prefix}${field}`, 'expected an array');
}

/** An optional array of objects; `prefix` is the path of `object` for messages about a nested list. */
function objects(object: JsonObject, field: string, fail: Fail, record?: string, prefix = ''): JsonObject[] {
  return list(object, field, record, fail, prefix).map((item, index) => asObject(item) ?? fail(record, `${prefix}${field}[${index}]`, 'expected an object'));
}
