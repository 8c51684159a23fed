// A programme as CSV (or TSV, or ";"-separated as spreadsheets in many locales write it), one talk
// per row, with the meaning of the columns given on the command line:
//   --columns "title=Session,speakers=Presenters,organisation=Company,starts=Start,ends=End,room=Room"
// Each pair is <field>=<column header>; headers are matched ignoring case and surrounding spaces,
// and a header that contains a comma or "=" is written in double quotes (abstract="Summary, long").
// The fields (COLUMN_FIELDS) are the talk's; only title is required. Columns that hold several
// values (speakers, organisation, jobTitle, topics) are split on --separator (default ";") and
// on line breaks; organisation and jobTitle hold either one value for every speaker of the row or
// one per speaker, in the same order. Without an id column a talk is matched by its title's slug
// when the file is imported again, so give one when titles may change.
//
// The file names no conference: --conference gives it (the year of the first session is added
// when the name has none). Times are ISO 8601 ("2025-04-02T14:30", "2025-04-02 14:30", with an
// offset or not), or a clock time ("14:30") with a date column; times without an offset are read
// in the --time-zone zone. Parsing is csv-parse's (RFC 4180: quoted fields with commas, quotes
// and line breaks).
import { type Info, parse as parseCsvText } from 'csv-parse/sync';
import { ImportError } from '../errors.js';
import { slugify } from '../dataset/slug.js';
import {
  addDays,
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
  isIsoDate,
  kindFromLabel,
  MAX_EVENTS,
  namedConference,
  type ParseContext,
  parseClockTime,
  parseDuration,
  parseIsoDateTime,
  type SpeakerInput,
  type TalkInput,
} from './common.js';
import { COLUMN_FIELDS } from './formats.js';
import { isRoleNotOrganisation, organisationKind } from './sched-sessions.js';

export type ColumnField = keyof typeof COLUMN_FIELDS;
export { COLUMN_FIELDS };

export interface CsvOptions {
  /** The --columns text. */
  columns?: string;
  /** Splits cells with several values; default ";". */
  separator?: string;
}

interface Row {
  record: string;
  cells: Partial<Record<ColumnField, string>>;
}

interface TimedTalk {
  talk: TalkInput;
  start?: { instant: number; offset?: number; date: string };
  end?: { instant: number; offset?: number };
  /** A date without a time (only a date column). */
  date?: string;
}

export function parseCsv(content: string, context: ParseContext, options: CsvOptions): FormatResult {
  const { file } = context;
  const separator = options.separator ?? ';';
  if (!separator) throw new ImportError(file, undefined, '--separator', 'the separator must not be empty; the default is ";"');
  const records = readRecords(content, file);
  const header = records[0]?.cells ?? [];
  const mapping = columnMapping(options.columns, header, file);
  const conferenceName =
    cleanLine(context.conference) ??
    failWith(file, undefined, 'conference', 'a CSV file does not name its conference; give it with --conference, e.g. --conference "Platform Day 2025"');
  if (records.length - 1 > MAX_EVENTS) failWith(file, undefined, undefined, `${records.length - 1} rows; at most ${MAX_EVENTS} talks can be imported from one file`);

  // Spreadsheets export rows of empty cells below the data; those are no talks.
  const rows: Row[] = records
    .slice(1)
    .map(({ cells, line }, index) => ({
      record: `row ${index + 1} (line ${line})`,
      empty: cells.every((value) => !value.trim()),
      cells: Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, cells[column.index]?.trim() ?? ''])) as Row['cells'],
    }))
    .filter((row) => !row.empty);

  const collector = new DatasetCollector();
  const topics = new Map<string, string>();
  const externalIds = new Map<string, string>();
  const timed: TimedTalk[] = [];
  for (const row of rows) {
    const fail = (field: ColumnField, problem: string): never => failWith(file, row.record, mapping[field]!.header, problem);
    const cell = (field: ColumnField) => row.cells[field] || undefined;
    const values = (field: ColumnField) => splitValues(cell(field), separator);

    const title = cleanLine(cell('title')) ?? fail('title', 'the row has no title');
    const externalId = cleanLine(cell('id'));
    if (externalId) {
      const earlier = externalIds.get(externalId);
      if (earlier) fail('id', `${earlier} has the same id "${externalId}"; ids must be unique`);
      externalIds.set(externalId, row.record);
    }

    const names = values('speakers').filter(Boolean);
    const organisations = perSpeaker(values('organisation'), names.length, 'organisation', fail);
    const jobTitles = perSpeaker(values('jobTitle'), names.length, 'jobTitle', fail);
    const speakers: SpeakerInput[] = [];
    for (const [index, name] of names.entries()) {
      const person = collector.person(name);
      const organisationName = organisations[index];
      let speaker: SpeakerInput = { person };
      if (organisationName && !isRoleNotOrganisation(organisationName)) {
        const organisation = collector.organisation(organisationName, organisationKind(organisationName));
        collector.affiliate(person, organisation, jobTitles[index]);
        speaker = { person, organisation };
      }
      if (!speakers.some((known) => known.person === person)) speakers.push(speaker);
    }

    const topicSlugs: string[] = [];
    for (const name of values('topics').filter(Boolean)) {
      const slug = slugify(name);
      if (!slug || topicSlugs.includes(slug)) continue;
      topicSlugs.push(slug);
      if (!topics.has(slug)) topics.set(slug, name);
    }

    const kindLabel = cleanLine(cell('kind'));
    const link = (field: 'url' | 'slides' | 'recording') => {
      const value = cleanLine(cell(field));
      const url = httpUrl(value);
      if (value && !url) context.warnings.push(`${row.record}: ${mapping[field]!.header} "${value}" is not an http(s) URL and was left out`);
      return url;
    };
    timed.push({
      ...rowTimes(row, context, fail),
      talk: dropUndefined({
        slug: collector.talkSlug(slugify(title) || 'talk', externalId ?? row.record.split(' (')[0]),
        externalId,
        title,
        abstract: htmlToText(cell('abstract')),
        kind: kindLabel ? (kindFromLabel(kindLabel) ?? 'OTHER') : undefined,
        track: cleanLine(cell('track')),
        room: cleanLine(cell('room')),
        language: cleanLine(cell('language')),
        scheduleUrl: link('url'),
        slidesUrl: link('slides'),
        recordingUrl: link('recording'),
        // A file without a speakers column says nothing about speakers, and must not clear them.
        speakers: mapping.speakers ? speakers : undefined,
        topics: mapping.topics ? topicSlugs : undefined,
      }),
    });
  }

  const localDate = (entry: TimedTalk) =>
    entry.start ? (context.timeZone ? dateInZone(entry.start.instant, context.timeZone) : entry.start.date) : entry.date;
  const dates = timed.map(localDate).filter((date): date is string => date !== undefined).sort();
  const firstDate = dates[0];
  for (const entry of timed) {
    const date = localDate(entry);
    if (date && firstDate) entry.talk.day = daysBetween(firstDate, date) + 1;
    const format = (time: { instant: number; offset?: number }) =>
      context.timeZone ? formatInZone(time.instant, context.timeZone) : formatInstant(time.instant, time.offset ?? 0);
    if (entry.start) entry.talk.startsAt = format(entry.start);
    if (entry.end) entry.talk.endsAt = format(entry.end);
  }

  const named = namedConference(conferenceName, firstDate);
  if (!named.slug) failWith(file, undefined, 'conference', `cannot make a slug from "${conferenceName}"; give a name with latin letters or digits`);
  const dataset = collector.dataset(
    dropUndefined({ ...named, startsOn: firstDate, endsOn: dates[dates.length - 1], timeZone: context.timeZone, talks: timed.map(({ talk }) => talk) }),
  );
  return { dataset: { ...dataset, topics: [...topics].map(([slug, name]) => ({ slug, name })) }, skipped: 0 };
}

function failWith(file: string, record: string | undefined, field: string | undefined, problem: string): never {
  throw new ImportError(file, record, field, problem);
}

/** Cells that hold several values: split on the separator and on line breaks, positions kept. */
function splitValues(cell: string | undefined, separator: string): string[] {
  if (!cell) return [];
  return cell.split('\n').flatMap((line) => line.split(separator)).map((value) => value.trim());
}

/** One value for all speakers, or one per speaker. */
function perSpeaker(values: string[], speakers: number, field: ColumnField, fail: (field: ColumnField, problem: string) => never): Array<string | undefined> {
  const given = values.filter(Boolean);
  if (given.length === 0) return [];
  if (values.length === 1) return Array.from({ length: Math.max(speakers, 1) }, () => values[0]);
  if (values.length === speakers) return values.map((value) => value || undefined);
  return fail(field, `${values.length} values for ${speakers} speakers; give one for all of them, or one per speaker in the same order`);
}

function rowTimes(row: Row, context: ParseContext, fail: (field: ColumnField, problem: string) => never): Pick<TimedTalk, 'start' | 'end' | 'date'> {
  const cell = (field: ColumnField) => row.cells[field] || undefined;
  const dateText = cell('date');
  if (dateText && !isIsoDate(dateText)) fail('date', `"${dateText}" is not a date; write it like 2025-04-02`);

  const instant = (field: 'starts' | 'ends', value: string, date: string | undefined) => {
    let parsed = parseIsoDateTime(value);
    if (!parsed) {
      const clock = parseClockTime(value);
      if (clock === undefined) fail(field, `"${value}" is not a time; write 2025-04-02T14:30, or 14:30 with a date column`);
      if (!date) fail(field, `"${value}" is a time of day without a date; map a date column (date=<header>) or write 2025-04-02T${value}`);
      parsed = { date: date!, secondsOfDay: clock! };
    }
    const at = instantOf(parsed, context.timeZone);
    if (at === undefined) fail(field, `"${value}" has no zone; give the conference's zone with --time-zone, e.g. --time-zone Europe/Berlin`);
    return { instant: at!, offset: parsed.offsetMinutes, date: parsed.date };
  };

  const startText = cell('starts');
  const start = startText ? instant('starts', startText, dateText) : undefined;
  let end: { instant: number; offset?: number } | undefined;
  const endText = cell('ends');
  if (endText) {
    if (!start) fail('ends', 'the row has an end but no start');
    end = instant('ends', endText, dateText ?? start!.date);
    // "23:30" to "00:30": a clock time before the start is on the next day.
    if (end.instant < start!.instant && !parseIsoDateTime(endText)) end = instant('ends', endText, addDays(dateText ?? start!.date, 1));
    if (end.instant < start!.instant) fail('ends', 'the talk ends before it starts');
  } else if (cell('duration')) {
    const text = cell('duration')!;
    const seconds = /^\d+$/.test(text) ? Number(text) * 60 : parseDuration(text);
    if (seconds === undefined) fail('duration', `"${text}" is not a duration; write minutes (45) or hours and minutes (0:45)`);
    if (!start) fail('duration', 'the row has a duration but no start');
    end = { instant: start!.instant + seconds! * 1000, offset: start!.offset };
  }
  return { start, end, date: start ? undefined : dateText };
}

// ---------------------------------------------------------------------------------------------
// The file and the mapping

interface CsvRecord {
  cells: string[];
  line: number;
}

function readRecords(content: string, file: string): CsvRecord[] {
  // One kind of line break, also inside quoted cells: csv-parse counts a CRLF in a quoted cell as
  // two lines, and abstracts read better with plain "\n".
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let rows: Array<{ record: string[]; info: Info }>;
  try {
    // With `info`, each record comes as {record, info}; the library's typings do not say so.
    rows = parseCsvText(text, { delimiter: sniffDelimiter(text), skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: Info }>;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new ImportError(file, lines ? `line ${lines}` : undefined, undefined, `malformed CSV: ${message.replace(/ at line \d+$/, '')}`);
  }
  if (rows.length === 0) throw new ImportError(file, undefined, undefined, 'the file is empty; the first line must name the columns');
  // csv-parse reports the line a record ends on; a quoted cell may span several.
  let previousEnd = 0;
  let previousEmpty = 0;
  return rows.map(({ record, info }) => {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    return { cells: record, line };
  });
}

/** Comma unless the header line has more semicolons or tabs (spreadsheets in many locales write ";"). */
function sniffDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\n|$/)).replace(/"(?:[^"]|"")*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  return counts.reduce((best, candidate) => (candidate.count > best.count ? candidate : best)).delimiter;
}

type Mapping = Partial<Record<ColumnField, { header: string; index: number }>>;

const FIELD_NAMES = new Map<string, ColumnField>(
  (Object.entries(COLUMN_FIELDS) as Array<[ColumnField, readonly string[]]>).flatMap(([field, aliases]) =>
    [field, ...aliases].map((name) => [name.toLowerCase(), field] as const),
  ),
);

/** Parses --columns against the file's header row. */
export function columnMapping(columns: string | undefined, header: readonly string[], file: string): Mapping {
  const headers = header.map((name) => name.trim());
  const available = `the columns of this file are ${headers.map((name) => JSON.stringify(name)).join(', ')}`;
  if (!columns?.trim()) {
    throw new ImportError(file, undefined, '--columns', `CSV needs a column mapping, like --columns "title=Session,speakers=Speakers,starts=Start"; ${available}`);
  }
  const mapping: Mapping = {};
  for (const pair of splitPairs(columns, file)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new ImportError(file, undefined, '--columns', `"${pair}" is not <field>=<column header>`);
    const name = pair.slice(0, equals).trim();
    const field = FIELD_NAMES.get(name.toLowerCase());
    if (!field) throw new ImportError(file, undefined, '--columns', `unknown field "${name}"; the fields are ${Object.keys(COLUMN_FIELDS).join(', ')}`);
    if (mapping[field]) throw new ImportError(file, undefined, '--columns', `${field} is mapped twice`);
    const wanted = unquote(pair.slice(equals + 1).trim());
    const index = headers.findIndex((candidate) => candidate.toLowerCase() === wanted.toLowerCase());
    if (index < 0) throw new ImportError(file, 'line 1', '--columns', `no column "${wanted}" for ${field}; ${available}`);
    mapping[field] = { header: headers[index], index };
  }
  if (!mapping.title) throw new ImportError(file, undefined, '--columns', `map the title column, e.g. title=${JSON.stringify(headers[0] ?? 'Title')}; ${available}`);
  return mapping;
}

/** Splits "a=b,c=\"d, e\"" on the commas outside double quotes. */
function splitPairs(columns: string, file: string): string[] {
  const pairs: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of columns) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      pairs.push(current);
      current = '';
    } else current += char;
  }
  if (quoted) throw new ImportError(file, undefined, '--columns', 'a double quote is not closed');
  pairs.push(current);
  return pairs.map((pair) => pair.trim()).filter(Boolean);
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
}
