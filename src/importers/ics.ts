// A reader for iCalendar (RFC 5545): line unfolding, content lines with parameters, nested
// components, TEXT unescaping and DATE-TIME values (UTC, TZID or floating). It knows nothing about
// Sched; sched-ics.ts maps the components to a dataset.
import { ImportError } from '../errors.js';
import { instantOf, isValidTimeZone, parseIsoDateTime } from './common.js';

export interface IcsProperty {
  name: string;
  /** Parameter names upper-cased; quoted values unquoted. */
  params: Record<string, string>;
  /** The raw value: still escaped, see textValue(). */
  value: string;
  line: number;
}

export interface IcsComponent {
  name: string;
  properties: IcsProperty[];
  components: IcsComponent[];
  line: number;
}

const PROPERTY_NAME = /^[A-Za-z0-9-]+/;
const PARAMETER = /;([A-Za-z0-9-]+)=("[^"]*"|[^";:]*)/y;

/** Parses the calendar and returns its VCALENDAR component. */
export function parseIcs(content: string, file: string): IcsComponent {
  const stack: IcsComponent[] = [];
  let calendar: IcsComponent | undefined;

  for (const { text, line } of unfoldLines(content)) {
    if (!text.trim()) continue;
    const fail = (problem: string): never => {
      throw new ImportError(file, `line ${line}`, undefined, `malformed iCalendar: ${problem}`);
    };
    const property = parseContentLine(text, line) ?? fail(`"${text.slice(0, 40)}" is not a content line of the form NAME:value`);

    if (property.name === 'BEGIN') {
      const component: IcsComponent = { name: property.value.trim().toUpperCase(), properties: [], components: [], line };
      if (stack.length > 0) stack[stack.length - 1].components.push(component);
      else if (calendar) fail(`BEGIN:${component.name} after the calendar ended; a file holds one VCALENDAR`);
      else if (component.name !== 'VCALENDAR') fail(`the file must start with BEGIN:VCALENDAR, not BEGIN:${component.name}`);
      else calendar = component;
      stack.push(component);
    } else if (property.name === 'END') {
      const name = property.value.trim().toUpperCase();
      const open = stack.pop() ?? fail(`END:${name} without a matching BEGIN`);
      if (open.name !== name) fail(`expected END:${open.name} (BEGIN on line ${open.line}) but found END:${name}`);
    } else if (stack.length > 0) {
      stack[stack.length - 1].properties.push(property);
    } else {
      fail(`property ${property.name} outside BEGIN:VCALENDAR … END:VCALENDAR`);
    }
  }

  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    throw new ImportError(file, `line ${open.line}`, undefined, `malformed iCalendar: BEGIN:${open.name} is never ended; the file may be truncated`);
  }
  if (!calendar) throw new ImportError(file, 'line 1', undefined, 'malformed iCalendar: no BEGIN:VCALENDAR');
  return calendar;
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function* unfoldLines(content: string): Generator<{ text: string; line: number }> {
  const physical = content.split(/\r\n|\n|\r/);
  let current: { text: string; line: number } | undefined;
  for (let index = 0; index < physical.length; index++) {
    const text = physical[index];
    if ((text.startsWith(' ') || text.startsWith('\t')) && current) {
      current.text += text.slice(1);
      continue;
    }
    if (current) yield current;
    current = { text: index === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, line: index + 1 };
  }
  if (current) yield current;
}

function parseContentLine(text: string, line: number): IcsProperty | undefined {
  const name = PROPERTY_NAME.exec(text)?.[0];
  if (!name) return undefined;
  const params: Record<string, string> = {};
  let pos = name.length;
  for (;;) {
    PARAMETER.lastIndex = pos;
    const parameter = PARAMETER.exec(text);
    if (!parameter) break;
    params[parameter[1].toUpperCase()] = parameter[2].replace(/^"|"$/g, '');
    pos = PARAMETER.lastIndex;
  }
  if (text[pos] !== ':') return undefined;
  return { name: name.toUpperCase(), params, value: text.slice(pos + 1), line };
}

export function findProperty(component: IcsComponent, name: string): IcsProperty | undefined {
  return component.properties.find((property) => property.name === name);
}

/** A TEXT value unescaped: \\n is a line break, \\, \\; \\\\ are the characters themselves. */
export function textValue(property: IcsProperty | undefined): string | undefined {
  if (!property) return undefined;
  return property.value.replace(/\\(.)/g, (_escape, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** A list of TEXT values (CATEGORIES): split on commas that are not escaped, then unescaped. */
export function textListValue(property: IcsProperty | undefined): string[] {
  if (!property) return [];
  const items: string[] = [];
  let current = '';
  for (let index = 0; index < property.value.length; index++) {
    const char = property.value[index];
    if (char === '\\' && index + 1 < property.value.length) {
      current += char + property.value[++index];
    } else if (char === ',') {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items.map((item) => textValue({ ...property, value: item })!.trim()).filter(Boolean);
}

export interface IcsDateTime {
  instant: number;
  /** True for a DATE value (an all-day event): the instant is midnight and the time means nothing. */
  allDay: boolean;
}

/**
 * A DATE-TIME or DATE value as an instant. "Z" is UTC; a TZID parameter must be an IANA zone
 * name (VTIMEZONE rules are not read); a floating time is taken in `floatingZone`.
 * Calls `fail` with the reason when the value cannot be used.
 */
export function dateTimeValue(property: IcsProperty, floatingZone: string | undefined, fail: (problem: string) => never): IcsDateTime {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(property.value.trim());
  if (!match) fail(`"${property.value}" is not an iCalendar date-time like 20260324T110000Z`);
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00', utc] = match;
  const parsed = parseIsoDateTime(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}${utc ? 'Z' : ''}`);
  if (!parsed) fail(`"${property.value}" is not a valid date-time`);
  const allDay = match[4] === undefined;

  const tzid = utc ? undefined : property.params.TZID?.replace(/^\//, '');
  if (tzid && !isValidTimeZone(tzid)) fail(`unknown time zone TZID=${tzid}; use an IANA zone name such as Europe/Amsterdam`);
  const instant = instantOf(parsed, tzid ?? floatingZone);
  if (instant === undefined) fail(`"${property.value}" has no zone (no Z suffix, no TZID) and the calendar names none; pass a time zone`);
  return { instant, allDay };
}

/** An RFC 5545 DURATION ("PT30M", "P1DT2H") in seconds; undefined when malformed or negative. */
export function durationValue(property: IcsProperty): number | undefined {
  const match = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(property.value.trim());
  if (!match || match.slice(1).every((part) => part === undefined) || property.value.trim().toUpperCase().endsWith('T')) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds;
}
