// Applying a reviewed proposal: its accepted items become a talkgraph dataset (the article with
// its authors and publisher, the people who reacted with their roles, the reactions with their
// evidence) that the one loader writes in one transaction. Re-applying finds everything in place
// and changes nothing. What the article says about people's roles only fills in blanks, as a
// schedule does: the graph may know a newer job title than a years-old recap.
import { decodeGlobalId } from '../builder.js';
import type { DatasetInput } from '../dataset/format.js';
import { formatPath } from '../dataset/format.js';
import { organisationSlug, personSlug } from '../dataset/identity.js';
import { type LoadSummary, loadDataset } from '../db/load-dataset.js';
import { InvalidIdError, InvalidInputError, TalkgraphError } from '../errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type ArticleProposal, articleProposal, describeItem, type ProposalItem } from './proposal.js';

export interface ApplyResult {
  article: string;
  /** Accepted items written (or found already in place). */
  applied: number;
  /** Items left out because they are not accepted. */
  skipped: number;
  summary: LoadSummary;
}

export async function applyProposal(prisma: PrismaClient, input: unknown): Promise<ApplyResult> {
  const proposal = parseProposal(input);
  const accepted = proposal.items.map((item, index) => ({ item, index })).filter(({ item }) => item.accepted);
  checkAccepted(accepted);
  const talkRefs = await resolveTalks(prisma, accepted);
  const dataset = toDataset(proposal, accepted, talkRefs);
  try {
    const summary = await loadDataset(prisma, dataset, { fillBlanksOnly: true, source: 'proposal' });
    return { article: proposal.article.slug, applied: accepted.length, skipped: proposal.items.length - accepted.length, summary };
  } catch (error) {
    throw nameTheItem(error, proposal, accepted, dataset);
  }
}

/** The proposal as the schema reads it; the first problem names the item and field. */
export function parseProposal(input: unknown): ArticleProposal {
  const parsed = articleProposal.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = formatPath(issue.path);
  const items = (input as { items?: unknown[] } | null)?.items;
  const index = issue.path[0] === 'items' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
  const raw = index !== null && Array.isArray(items) ? (items[index] as Partial<ProposalItem> | undefined) : undefined;
  const where = index !== null && raw?.talk && typeof raw.talk === 'object' ? `${describeItem(raw as ProposalItem, index)} ${path.replace(/^items\[\d+\]\.?/, '') || ''}`.trim() : path || 'proposal';
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
  throw new InvalidInputError(`${where}: ${issue.message}${more}`, path || undefined);
}

/** Every accepted item needs a reactor and the reviewer's summary; all problems are reported at once. */
function checkAccepted(accepted: Array<{ item: ProposalItem; index: number }>): void {
  if (accepted.length === 0) {
    throw new InvalidInputError('The proposal has no accepted items; set "accepted": true on the items to apply (each with a summary).', 'items');
  }
  const problems: Array<{ field: string; message: string }> = [];
  const seen = new Map<string, number>();
  for (const { item, index } of accepted) {
    const name = describeItem(item, index);
    if (item.reactor === null) {
      problems.push({ field: `items[${index}].reactor`, message: `${name} is accepted but has no reactor; name who reacted (name, jobTitle, organisation) or set "accepted": false.` });
    }
    if (item.summary === null || !item.summary.trim()) {
      problems.push({
        field: `items[${index}].summary`,
        message: `${name} is accepted but has no summary; write in your own words why they reacted so, or set "accepted": false.`,
      });
    }
    if (item.reactor) {
      const key = `${personSlug(item.reactor.name)}|${item.talk.id}|${item.kind}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ field: `items[${index}]`, message: `${name} repeats items[${first}] (same person, talk and kind); keep one of them.` });
      } else seen.set(key, index);
    }
  }
  if (problems.length > 0) {
    const message = problems.length === 1 ? problems[0].message : `${problems.length} problems:\n${problems.map((p) => `- ${p.message}`).join('\n')}`;
    throw new InvalidInputError(message, problems[0].field);
  }
}

/**
 * "<conference slug>/<talk slug>" for each accepted item. The talk's global ID decides (its slug may
 * have changed since the proposal was made); a proposal edited by hand may give only the slugs.
 */
async function resolveTalks(prisma: PrismaClient, accepted: Array<{ item: ProposalItem; index: number }>): Promise<Map<number, string>> {
  const ids = new Map<number, number>();
  for (const { item, index } of accepted) {
    try {
      const decoded = decodeGlobalId(item.talk.id);
      if (decoded.typename === 'Talk') ids.set(index, Number(decoded.id));
    } catch (error) {
      if (!(error instanceof InvalidIdError)) throw error;
    }
  }
  const rows = await prisma.talk.findMany({
    where: { id: { in: [...new Set(ids.values())] } },
    select: { id: true, slug: true, conference: { select: { slug: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, `${row.conference.slug}/${row.slug}`]));
  const refs = new Map<number, string>();
  const bySlug = accepted.filter(({ index }) => !byId.has(ids.get(index) ?? -1));
  const found = bySlug.length
    ? await prisma.talk.findMany({
        where: { OR: bySlug.map(({ item }) => ({ slug: item.talk.slug, conference: { slug: item.talk.conference } })) },
        select: { slug: true, conference: { select: { slug: true } } },
      })
    : [];
  const known = new Set(found.map((row) => `${row.conference.slug}/${row.slug}`));
  for (const { item, index } of accepted) {
    const ref = byId.get(ids.get(index) ?? -1) ?? (known.has(`${item.talk.conference}/${item.talk.slug}`) ? `${item.talk.conference}/${item.talk.slug}` : null);
    if (!ref) {
      throw new InvalidInputError(
        `${describeItem(item, index)}: no talk with id "${item.talk.id}" or slug "${item.talk.conference}/${item.talk.slug}" in the graph; ingest the article again against the current programme.`,
        `items[${index}].talk`,
      );
    }
    refs.set(index, ref);
  }
  return refs;
}

function toDataset(proposal: ArticleProposal, accepted: Array<{ item: ProposalItem; index: number }>, talkRefs: Map<number, string>): DatasetInput {
  const { article } = proposal;
  const organisations = new Map<string, { slug: string; name: string }>();
  const organisation = (name: string | null) => {
    if (!name) return null;
    const slug = organisationSlug(name);
    if (!organisations.has(slug)) organisations.set(slug, { slug, name });
    return slug;
  };
  type RoleSource = { kind: 'ARTICLE'; article: string; evidence?: Array<{ start: number; end: number; text: string }> };
  const people = new Map<string, { slug: string; name: string; affiliations: Array<{ organisation: string; jobTitle?: string; sources: RoleSource[] }> }>();
  // The article is the source of each role it states, with the words of the reaction that names the person when there is one.
  const person = (who: { name: string; jobTitle: string | null; organisation: string | null }, evidence?: RoleSource['evidence']) => {
    const slug = personSlug(who.name);
    const record = people.get(slug) ?? { slug, name: who.name.trim(), affiliations: [] };
    people.set(slug, record);
    const organisationSlugValue = organisation(who.organisation);
    if (organisationSlugValue) {
      const role = record.affiliations.find((a) => a.organisation === organisationSlugValue);
      const source: RoleSource = { kind: 'ARTICLE', article: article.slug, ...(evidence?.length ? { evidence } : {}) };
      if (!role) record.affiliations.push({ organisation: organisationSlugValue, ...(who.jobTitle ? { jobTitle: who.jobTitle } : {}), sources: [source] });
      else if (!role.jobTitle && who.jobTitle) role.jobTitle = who.jobTitle;
    }
    return slug;
  };
  const publisher = organisation(article.publisher);
  const authors = article.authors.map((author) => person(author));
  const reactions = accepted.map(({ item, index }) => ({
    person: person(item.reactor!, item.evidence.map(({ start, end, text }) => ({ start, end, text }))),
    talk: talkRefs.get(index)!,
    kind: item.kind,
    summary: item.summary!.trim(),
    organisation: organisation(item.reactor!.organisation),
    evidence: item.evidence.map(({ start, end, text }) => ({ start, end, text })),
  }));
  // Fields the proposal does not know are left out, so they keep what the graph has.
  const known = <T>(value: T | null) => (value === null ? undefined : value);
  return {
    format: 'talkgraph',
    version: 1,
    organisations: [...organisations.values()],
    people: [...people.values()],
    articles: [
      {
        slug: article.slug,
        title: article.title,
        url: known(article.url),
        publisher: publisher ?? undefined,
        publishedOn: known(article.publishedOn),
        seriesName: known(article.series?.name ?? null),
        seriesPart: known(article.series?.part ?? null),
        seriesParts: known(article.series?.parts ?? null),
        authors,
        reactions,
      },
    ],
  };
}

/** Loader errors name dataset paths (articles[0].reactions[2].summary); say which item that is. */
function nameTheItem(error: unknown, proposal: ArticleProposal, accepted: Array<{ item: ProposalItem; index: number }>, dataset: DatasetInput): unknown {
  if (!(error instanceof TalkgraphError)) return error;
  const reaction = /^articles\[0\]\.reactions\[(\d+)\](.*)$/.exec(error.field ?? '');
  if (reaction) {
    const { item, index } = accepted[Number(reaction[1])];
    const detail = error.message.replace(/^[^:]*: /, '');
    return new TalkgraphError(error.code, `${describeItem(item, index)}: ${detail}`, `items[${index}]${mapField(reaction[2])}`);
  }
  const personIndex = /^people\[(\d+)\]/.exec(error.field ?? '');
  if (personIndex) {
    const name = dataset.people?.[Number(personIndex[1])]?.name;
    return new TalkgraphError(error.code, `The person "${name}" in the proposal: ${error.message.replace(/^[^:]*: /, '')}`, error.field);
  }
  if (/^articles\[0\]/.test(error.field ?? '')) {
    return new TalkgraphError(error.code, `article "${proposal.article.title}": ${error.message.replace(/^[^:]*: /, '')}`, error.field?.replace(/^articles\[0\]/, 'article'));
  }
  return error;
}

function mapField(rest: string): string {
  const field = rest.replace(/^\./, '');
  if (field === 'person') return '.reactor.name';
  if (field === 'organisation') return '.reactor.organisation';
  return field ? `.${field}` : '';
}
