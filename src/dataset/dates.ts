// Dates cross one boundary in talkgraph: the dataset format, the importers and GraphQL inputs write
// them as text ("2020-08-17", "2020-08-20T14:00:00Z"), while Prisma and the drivers hold a Date.
// A calendar day is midnight UTC, so it reads back as the same day whatever the process's zone.
// null ("clear it") and undefined ("not said") pass through every converter unchanged.

type Absent = null | undefined;

/** "2020-08-17" -> the Date of 2020-08-17T00:00:00Z. */
export function dateOfDay<A extends Absent = never>(day: string | A): Date | A {
  return day == null ? day : new Date(`${day}T00:00:00Z`);
}

/** "2020-08-20T16:00:00+02:00" -> the Date of that instant. */
export function dateOfInstant<A extends Absent = never>(instant: string | A): Date | A {
  return instant == null ? instant : new Date(instant);
}

/** A stored day (midnight UTC) -> "2020-08-17". */
export function isoDay<A extends Absent = never>(date: Date | A): string | A {
  return date == null ? date : date.toISOString().slice(0, 10);
}

/** A stored instant -> "2020-08-20T14:00:00.000Z". */
export function isoInstant<A extends Absent = never>(date: Date | A): string | A {
  return date == null ? date : date.toISOString();
}

/** Milliseconds since the epoch at the start (UTC) of a "YYYY-MM-DD" day: date arithmetic in the importers. */
export function epochOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The "YYYY-MM-DD" day (UTC) of milliseconds since the epoch. */
export function dayOfEpoch(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 10);
}
