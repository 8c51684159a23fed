// What matching reads from the graph, and nothing more: the conferences (to tell which one an
// article is about), one conference's talks with their speakers, organisations and days, the
// organisations the article names, and an article already stored under the same URL or title.
import type { PrismaClient } from '../generated/prisma/client.js';
import { NotFoundError } from '../errors.js';
import { type ConferenceDays, dateToDay } from './days.js';

export interface ConferenceSummary {
  id: number;
  slug: string;
  name: string;
  series: string | null;
  year: number | null;
  edition: string | null;
  location: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

export interface CandidateSpeaker {
  personId: number;
  slug: string;
  name: string;
  organisation: { slug: string; name: string } | null;
}

export interface CandidateTalk {
  id: number;
  slug: string;
  externalId: string | null;
  title: string;
  /** Subtitle, abstract, track and topics: the words topic matching compares with. */
  description: string;
  /** Day of the conference, from Talk.day or its start time. */
  day: number | null;
  urls: string[];
  speakers: CandidateSpeaker[];
}

export interface ConferenceCandidates {
  conference: ConferenceSummary;
  days: ConferenceDays | null;
  talks: CandidateTalk[];
}

const isoDate = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

export async function listConferences(prisma: PrismaClient): Promise<ConferenceSummary[]> {
  const rows = await prisma.conference.findMany({
    select: { id: true, slug: true, name: true, series: true, year: true, edition: true, location: true, startsOn: true, endsOn: true },
    orderBy: [{ startsOn: 'asc' }, { slug: 'asc' }],
  });
  return rows.map((row) => ({ ...row, startsOn: isoDate(row.startsOn), endsOn: isoDate(row.endsOn) }));
}

/** The conference's talks with what matching compares: one query for the conference, one (with its relations) for the talks. */
export async function loadConferenceCandidates(prisma: PrismaClient, slug: string): Promise<ConferenceCandidates> {
  const conference = await prisma.conference.findUnique({
    where: { slug },
    select: {
      id: true, slug: true, name: true, series: true, year: true, edition: true, location: true, startsOn: true, endsOn: true, timeZone: true,
    },
  });
  if (!conference) {
    throw new NotFoundError(`No conference with slug "${slug}"; list them with { conferences { nodes { slug } } } or talkgraph export.`, 'conference');
  }
  const rows = await prisma.talk.findMany({
    where: { conferenceId: conference.id },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      slug: true,
      externalId: true,
      title: true,
      subtitle: true,
      abstract: true,
      track: true,
      day: true,
      startsAt: true,
      scheduleUrl: true,
      recordingUrl: true,
      slidesUrl: true,
      topics: { select: { name: true } },
      speakers: {
        orderBy: { position: 'asc' },
        select: {
          person: { select: { id: true, slug: true, name: true } },
          organisation: { select: { slug: true, name: true } },
        },
      },
    },
  });
  const localDate = dateInZone(conference.timeZone ?? 'UTC');
  const talkDates = rows.flatMap((row) => (row.startsAt ? [localDate(row.startsAt)] : [])).sort();
  const first = isoDate(conference.startsOn) ?? talkDates[0] ?? null;
  const last = isoDate(conference.endsOn) ?? talkDates[talkDates.length - 1] ?? first;
  const days: ConferenceDays | null = first && last ? { first, count: dateToDay({ first, count: 0 }, last) } : null;
  const { timeZone: _zone, ...summary } = conference;
  return {
    conference: { ...summary, startsOn: isoDate(conference.startsOn), endsOn: isoDate(conference.endsOn) },
    days,
    talks: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      externalId: row.externalId,
      title: row.title,
      description: [row.subtitle, row.abstract, row.track, ...row.topics.map((topic) => topic.name)].filter(Boolean).join('\n'),
      day: row.day ?? (row.startsAt && days ? dateToDay(days, localDate(row.startsAt)) : null),
      urls: [row.scheduleUrl, row.recordingUrl, row.slidesUrl].filter((url): url is string => Boolean(url)),
      speakers: row.speakers.map((speaker) => ({
        personId: speaker.person.id,
        slug: speaker.person.slug,
        name: speaker.person.name,
        organisation: speaker.organisation,
      })),
    })),
  };
}

function dateInZone(timeZone: string): (instant: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (instant) => format.format(instant);
}

/** Organisations stored under any of these slugs (the names an article mentions, through the identity rule). */
export async function findOrganisations(prisma: PrismaClient, slugs: string[]): Promise<Array<{ slug: string; name: string }>> {
  if (slugs.length === 0) return [];
  const wanted = [...new Set(slugs)];
  const stored = await prisma.organisation.findMany({ where: { slug: { in: wanted } }, select: { slug: true, name: true } });
  // A name merged into another organisation is still recognised; loading the proposal maps its alias to the kept one.
  const aliases = await prisma.organisationAlias.findMany({ where: { slug: { in: wanted } }, select: { slug: true, name: true } });
  return [...stored, ...aliases];
}

/** An article already in the graph under this URL or slug, so a proposal for it updates it instead of adding a twin. */
export async function findArticle(prisma: PrismaClient, url: string | null, slug: string): Promise<{ slug: string; title: string } | null> {
  return prisma.article.findFirst({
    where: { OR: [...(url ? [{ url }] : []), { slug }] },
    orderBy: { id: 'asc' },
    select: { slug: true, title: true },
  });
}
