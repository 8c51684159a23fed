// Words and dates as the dashboard shows them.
export const reactionKindLabels: Record<string, string> = {
  HIGHLIGHT: 'Highlight',
  DAY_HIGHLIGHT: 'Highlight of the day',
  RECOMMENDATION: 'Recommendation',
  TAKEAWAY: 'Takeaway',
  CRITIQUE: 'Critique',
  MENTION: 'Mention',
};

export const reactionKind = (kind: string) => reactionKindLabels[kind] ?? kind;

/** ENUM_VALUE → "Enum value". */
export const enumLabel = (value: string | null | undefined) => (value ? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ') : '');

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (2020-08-17) as "17 Aug 2020". */
export function date(value: string | null | undefined): string {
  if (!value) return '';
  const parsed = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? value : dateFormat.format(parsed);
}

export function dateRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from) return date(to);
  if (!to || to === from) return date(from);
  return `${date(from)} – ${date(to)}`;
}

/** An instant in the conference's own time zone, e.g. "Tue 18 Aug, 14:00–14:35". */
export function timeSpan(startsAt: string | null | undefined, endsAt: string | null | undefined, timeZone: string | null | undefined): string {
  if (!startsAt) return '';
  const zone = timeZone ?? 'UTC';
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone });
  return `${day}, ${time.format(new Date(startsAt))}${endsAt ? `–${time.format(new Date(endsAt))}` : ''}`;
}

export const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
