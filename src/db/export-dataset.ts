// Writes the graph (or one conference and what it touches) as a talkgraph dataset. Every field is
// written, nulls included, and records are sorted by slug, so exporting, importing into an empty
// database and exporting again gives the same file.
import type { IdentifierScheme } from '../dataset/identity.js';
import { isoDay, isoInstant } from '../dataset/dates.js';
import { canonicalEvidence, DATASET_FORMAT, DATASET_VERSION, type Dataset, type SourceRecord } from '../dataset/format.js';
import { canonicalSource, canonicalSources, type StoredSource } from '../dataset/sources.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { NotFoundError } from '../errors.js';

const bySlug = <T extends { slug: string }>(a: T, b: T) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

export interface ExportOptions {
  /** Slug of one conference: export it, its talks, and the people, organisations, topics and articles they involve. */
  conference?: string;
}

export async function exportDataset(prisma: PrismaClient, { conference }: ExportOptions = {}): Promise<Dataset> {
  let scope: { conferenceId: number } | undefined;
  if (conference) {
    const found = await prisma.conference.findUnique({ where: { slug: conference }, select: { id: true } });
    if (!found) throw new NotFoundError(`No conference with slug "${conference}"; list them with { conferences { nodes { slug } } }.`, 'conference');
    scope = { conferenceId: found.id };
  }

  const conferences = await prisma.conference.findMany({
    where: scope ? { id: scope.conferenceId } : {},
    orderBy: { slug: 'asc' },
    include: {
      talks: {
        orderBy: { slug: 'asc' },
        include: {
          speakers: { orderBy: { position: 'asc' }, select: { person: { select: { slug: true } }, organisation: { select: { slug: true } }, organisationSource: true } },
          topics: { orderBy: { slug: 'asc' }, select: { slug: true } },
        },
      },
    },
  });
  const talkInScope = scope ? { talk: { conferenceId: scope.conferenceId } } : {};
  const articles = await prisma.article.findMany({
    where: scope ? { reactions: { some: talkInScope } } : {},
    orderBy: { slug: 'asc' },
    include: {
      publisher: { select: { slug: true } },
      authors: { orderBy: { position: 'asc' }, select: { person: { select: { slug: true } } } },
      reactions: {
        where: talkInScope,
        orderBy: [{ person: { slug: 'asc' } }, { talk: { slug: 'asc' } }, { kind: 'asc' }],
        include: {
          person: { select: { slug: true } },
          organisation: { select: { slug: true } },
          talk: { select: { slug: true, conference: { select: { slug: true } } } },
        },
      },
    },
  });

  // In a one-conference export, only the people, organisations and topics its records refer to.
  const personSlugs = new Set<string>();
  const organisationSlugs = new Set<string>();
  const topicSlugs = new Set<string>();
  for (const talk of conferences.flatMap((c) => c.talks)) {
    talk.speakers.forEach((s) => {
      personSlugs.add(s.person.slug);
      if (s.organisation) organisationSlugs.add(s.organisation.slug);
    });
    talk.topics.forEach((t) => topicSlugs.add(t.slug));
  }
  for (const article of articles) {
    if (article.publisher) organisationSlugs.add(article.publisher.slug);
    article.authors.forEach((a) => personSlugs.add(a.person.slug));
    article.reactions.forEach((r) => {
      personSlugs.add(r.person.slug);
      if (r.organisation) organisationSlugs.add(r.organisation.slug);
    });
  }

  const people = await prisma.person.findMany({
    where: scope ? { slug: { in: [...personSlugs] } } : {},
    orderBy: { slug: 'asc' },
    include: { affiliations: { include: { organisation: { select: { slug: true } } } }, ...identityInclude },
  });
  if (scope) people.forEach((p) => p.affiliations.forEach((a) => organisationSlugs.add(a.organisation.slug)));
  // Sources name articles by id; the format names them by slug. An article outside a one-conference
  // export is left out of the source, which could not name it on import into another graph.
  const exportedArticles = new Set(articles.map((a) => a.id));
  const articleSlugs = new Map((await prisma.article.findMany({ select: { id: true, slug: true } })).map((a) => [a.id, a.slug]));
  const sourceRecord = (source: StoredSource): SourceRecord => {
    const { articleId, ...rest } = source;
    const article = articleId != null && (!scope || exportedArticles.has(articleId)) ? articleSlugs.get(articleId) : undefined;
    return { ...rest, ...(article ? { article } : {}) };
  };
  const day = (value: Date | null) => isoDay(value) ?? '';
  const organisations = await prisma.organisation.findMany({
    where: scope ? { slug: { in: [...organisationSlugs] } } : {},
    orderBy: { slug: 'asc' },
    include: identityInclude,
  });
  const topics = await prisma.topic.findMany({ where: scope ? { slug: { in: [...topicSlugs] } } : {}, orderBy: { slug: 'asc' } });

  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    organisations: organisations.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind, description: o.description, website: o.website, ...identityFields(o) })),
    people: people.map((p) => ({
      slug: p.slug,
      name: p.name,
      bio: p.bio,
      links: p.links,
      affiliations: p.affiliations
        .sort(
          (a, b) =>
            a.organisation.slug.localeCompare(b.organisation.slug) ||
            day(a.startedOn).localeCompare(day(b.startedOn)) ||
            (a.jobTitle ?? '').localeCompare(b.jobTitle ?? '') ||
            a.id - b.id,
        )
        .map((a) => ({
          organisation: a.organisation.slug,
          jobTitle: a.jobTitle,
          startedOn: isoDay(a.startedOn),
          endedOn: isoDay(a.endedOn),
          sources: canonicalSources(a.sources).map(sourceRecord),
        })),
      ...identityFields(p),
    })),
    topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    conferences: conferences.map((c) => ({
      slug: c.slug,
      name: c.name,
      series: c.series,
      year: c.year,
      edition: c.edition,
      startsOn: isoDay(c.startsOn),
      endsOn: isoDay(c.endsOn),
      timeZone: c.timeZone,
      format: c.format,
      location: c.location,
      website: c.website,
      talks: c.talks.map((t) => ({
        slug: t.slug,
        externalId: t.externalId,
        title: t.title,
        subtitle: t.subtitle,
        abstract: t.abstract,
        kind: t.kind,
        track: t.track,
        room: t.room,
        language: t.language,
        day: t.day,
        startsAt: isoInstant(t.startsAt),
        endsAt: isoInstant(t.endsAt),
        scheduleUrl: t.scheduleUrl,
        slidesUrl: t.slidesUrl,
        recordingUrl: t.recordingUrl,
        speakers: t.speakers.map((s) => {
          const source = s.organisation ? canonicalSource(s.organisationSource) : null;
          return { person: s.person.slug, organisation: s.organisation?.slug ?? null, ...(source ? { organisationSource: sourceRecord(source) } : {}) };
        }),
        topics: t.topics.map((topic) => topic.slug),
      })),
    })),
    articles: articles.sort(bySlug).map((a) => ({
      slug: a.slug,
      title: a.title,
      url: a.url,
      publisher: a.publisher?.slug ?? null,
      seriesName: a.seriesName,
      seriesPart: a.seriesPart,
      seriesParts: a.seriesParts,
      publishedOn: isoDay(a.publishedOn),
      authors: a.authors.map((author) => author.person.slug),
      reactions: a.reactions.map((r) => ({
        person: r.person.slug,
        talk: `${r.talk.conference.slug}/${r.talk.slug}`,
        kind: r.kind,
        summary: r.summary,
        organisation: r.organisation?.slug ?? null,
        evidence: canonicalEvidence(r.evidence),
      })),
    })),
  };
}

/** Identifiers and aliases travel with their node, so an export loaded elsewhere matches as this graph does. */
const identityInclude = {
  identifiers: { select: { scheme: true, value: true }, orderBy: [{ scheme: 'asc' as const }, { value: 'asc' as const }] },
  aliases: { select: { slug: true, name: true }, orderBy: { slug: 'asc' as const } },
};

function identityFields(node: { identifiers: Array<{ scheme: IdentifierScheme; value: string }>; aliases: Array<{ slug: string; name: string }> }) {
  return {
    ...(node.identifiers.length > 0 ? { identifiers: node.identifiers.map((i) => ({ scheme: i.scheme, value: i.value })) } : {}),
    ...(node.aliases.length > 0 ? { aliases: node.aliases.map((a) => ({ slug: a.slug, name: a.name })) } : {}),
  };
}
