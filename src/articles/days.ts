// Which day of a conference a piece of text means: "Day Four", "the second day", "on Wednesday",
// "2 April". Days count from the conference's first date as 1, as Talk.day does.
import type { Span } from './text.js';

export type DayExpression = Span &
  (
    | { kind: 'ordinal'; value: number }
    | { kind: 'last' }
    | { kind: 'weekday'; value: number }
    | { kind: 'date'; month: number; day: number; year?: number }
  ) & { text: string };

const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const ORDINALS: Record<string, number> = { first: 1, opening: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7 };
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const PATTERNS: Array<{ pattern: RegExp; read(match: RegExpExecArray): DayExpression | null }> = [
  {
    pattern: /\b(first|opening|second|third|fourth|fifth|sixth|seventh|final|last|closing)\s+day\b/gi,
    read: (m) => {
      const word = m[1].toLowerCase();
      return word in ORDINALS
        ? { kind: 'ordinal', value: ORDINALS[word], start: m.index, end: m.index + m[0].length, text: m[0] }
        : { kind: 'last', start: m.index, end: m.index + m[0].length, text: m[0] };
    },
  },
  {
    pattern: /\bday\s+(one|two|three|four|five|six|seven|[1-9]|1[0-4])\b/gi,
    read: (m) => ({ kind: 'ordinal', value: NUMBERS[m[1].toLowerCase()] ?? Number(m[1]), start: m.index, end: m.index + m[0].length, text: m[0] }),
  },
  {
    pattern: /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?:'s|’s)?\b/gi,
    read: (m) => ({ kind: 'weekday', value: WEEKDAYS.indexOf(m[1].toLowerCase()), start: m.index, end: m.index + m[0].length, text: m[0] }),
  },
  {
    pattern: new RegExp(`\\b([0-3]?\\d)(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:\\s+(\\d{4})(?![-\\d]))?`, 'gi'),
    read: (m) => date(m, Number(m[1]), m[2], m[3]),
  },
  {
    pattern: new RegExp(`\\b${MONTH}\\.?\\s+([0-3]?\\d)(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})(?![-\\d]))?`, 'gi'),
    read: (m) => date(m, Number(m[2]), m[1], m[3]),
  },
  {
    pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    read: (m) => ({ kind: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), start: m.index, end: m.index + m[0].length, text: m[0] }),
  },
];

function date(m: RegExpExecArray, day: number, month: string, year: string | undefined): DayExpression | null {
  if (day < 1 || day > 31) return null;
  return {
    kind: 'date',
    month: MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1,
    day,
    ...(year ? { year: Number(year) } : {}),
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  };
}

/**
 * "what maintainers should do differently on Monday morning", "back at work next Monday": a
 * weekday in a clause about what is to be done later is a day of ordinary life, not of the
 * conference.
 */
const AFTERWARDS = /(?:(?<![\p{L}])(?:should|will|would|must|next)|['’]ll|back\s+(?:at|to)\s+(?:work|the\s+office|my\s+desk))(?![\p{L}])[^.;:!?]{0,50}$/iu;

/** Day expressions in text[start, end), in order, without overlaps. */
export function findDayExpressions(text: string, start = 0, end = text.length): DayExpression[] {
  const slice = text.slice(start, end);
  const found: DayExpression[] = [];
  for (const { pattern, read } of PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
      const expression = read(match);
      if (!expression) continue;
      if (expression.kind === 'weekday' && AFTERWARDS.test(slice.slice(Math.max(0, match.index - 60), match.index))) continue;
      const shifted = { ...expression, start: expression.start + start, end: expression.end + start };
      if (!found.some((other) => other.start < shifted.end && shifted.start < other.end)) found.push(shifted);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The conference's calendar, as ISO dates, for resolving days. */
export interface ConferenceDays {
  /** First date, YYYY-MM-DD. */
  first: string;
  /** Number of days. */
  count: number;
}

const DAY_MS = 86_400_000;

export function dateToDay(days: ConferenceDays, isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${days.first}T00:00:00Z`)) / DAY_MS) + 1;
}

function dayToDate(days: ConferenceDays, day: number): Date {
  return new Date(Date.parse(`${days.first}T00:00:00Z`) + (day - 1) * DAY_MS);
}

/** The day number an expression means at this conference, or null when it names no day of it. */
export function resolveDay(expression: DayExpression, days: ConferenceDays): number | null {
  switch (expression.kind) {
    case 'ordinal':
      return expression.value <= days.count ? expression.value : null;
    case 'last':
      return days.count;
    case 'weekday': {
      for (let day = 1; day <= days.count; day++) if (dayToDate(days, day).getUTCDay() === expression.value) return day;
      return null;
    }
    case 'date': {
      const firstYear = Number(days.first.slice(0, 4));
      for (const year of expression.year ? [expression.year] : [firstYear, firstYear + 1]) {
        const iso = `${year}-${String(expression.month).padStart(2, '0')}-${String(expression.day).padStart(2, '0')}`;
        const day = dateToDay(days, iso);
        if (day >= 1 && day <= days.count) return day;
      }
      return null;
    }
  }
}
