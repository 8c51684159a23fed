// The article pipeline: read the text, find the article's own facts, choose the conference,
// find the talks it speaks about and who reacted how, and write it all up as a proposal. Nothing
// is written to the graph here; `applyProposal` does that after review.
import { encodeGlobalId } from '../builder.js';
import { fnv1a, organisationSlug } from '../dataset/identity.js';
import { slugify } from '../dataset/slug.js';
import { InvalidInputError, LimitExceededError, NotFoundError, UnavailableError } from '../errors.js';
import { MAX_CONTENT_BYTES } from '../importers/common.js';
import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../generated/prisma/client.js';
import { rankConferences } from './conference.js';
import { type ConferenceCandidates, findArticle, findOrganisations, listConferences, loadConferenceCandidates } from './graph.js';
import { ACCEPT_CONFIDENCE, MentionFinder, type SpeakerHit, type UnmatchedMention } from './mentions.js';
import { readMetadata } from './metadata.js';
import { type ArticleModel, buildModel, spanText } from './model.js';
import { type ArticleProposal, PROPOSAL_FORMAT, PROPOSAL_VERSION, type ProposalItem } from './proposal.js';
import { type DraftReaction, draftReactions } from './reactions.js';
import { findNamedReactors, type ReactorContext, withAuthors } from './reactors.js';
import { type ArticleFormat, detectArticleFormat, readArticle } from './reader.js';
import { isCapitalised, type Span } from './text.js';

export interface IngestOptions {
  /** Slug of the conference whose programme to match; inferred from the text when left out. */
  conference?: string;
  /** YYYY-MM-DD; overrides what the article declares. */
  publishedOn?: string;
  url?: string;
  format?: ArticleFormat;
  /** Name of the file, recorded in the proposal and used to tell the format from the extension. */
  fileName?: string;
}

/** An article as read from a file or fetched from the web, before the pipeline reads it. */
export interface ArticleSource {
  content: string;
  /** The file's name, or the last part of the URL's path: tells the format by its extension. */
  fileName: string;
  /** Where it was fetched from. */
  url?: string;
  /** The format the server declared (Content-Type), when it declared one the reader knows. */
  format?: ArticleFormat;
  /** The Content-Type's media type as the server sent it, e.g. application/rss+xml. */
  mediaType?: string;
}

export interface FetchLimits {
  /** Largest body read. Default 64 MiB, as for imports. */
  maxBytes?: number;
  /** Time for the whole answer, body included. Default 30 s. */
  timeoutMs?: number;
}

const isWebAddress = (source: string) => /^https?:\/\//i.test(source);

/** A file path, or an http(s) URL fetched with a size and a time limit. */
export async function readArticleSource(source: string, limits: FetchLimits = {}): Promise<ArticleSource> {
  if (!isWebAddress(source)) return { content: readFileSync(source, 'utf8'), fileName: source };
  return fetchArticle(source, limits);
}

const formatsByMediaType: Record<string, ArticleFormat> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};

async function fetchArticle(url: string, { maxBytes = MAX_CONTENT_BYTES, timeoutMs = 30_000 }: FetchLimits): Promise<ArticleSource> {
  const megabytes = maxBytes >= 2 ** 20 ? `${Math.round((maxBytes / 2 ** 20) * 100) / 100} MiB` : `${maxBytes} bytes`;
  const signal = AbortSignal.timeout(timeoutMs);
  const failed = (error: unknown): never => {
    if (signal.aborted) throw new UnavailableError(`${url} did not answer in full within ${timeoutMs / 1000} s; try again, or save the page and name the file.`);
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new UnavailableError(`Cannot fetch ${url} (${cause}); check the address, or save the page and name the file.`);
  };
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'text/html, text/markdown, text/plain;q=0.9, application/rss+xml;q=0.8, application/atom+xml;q=0.8, application/rdf+xml;q=0.8, */*;q=0.5' } });
  } catch (error) {
    return failed(error);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const message = `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (response.status === 404 || response.status === 410) throw new NotFoundError(`${message}: there is no article there; check the address.`);
    throw new UnavailableError(`${message}; try again later, or save the page and name the file.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new LimitExceededError(`${url} is ${Math.round((declared / 2 ** 20) * 10) / 10} MiB; at most ${megabytes} of an article is read.`);
  }
  // Counted as it arrives: a server may send more than it declared, or declare nothing.
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = response.body?.getReader();
    for (let next = await reader?.read(); reader && next && !next.done; next = await reader.read()) {
      const chunk = next.value;
      total += chunk.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new LimitExceededError(`${url} is larger than ${megabytes}; at most ${megabytes} of an article is read.`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    return failed(error);
  }
  const mediaType = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
  const path = new URL(response.url || url).pathname;
  return {
    content: Buffer.concat(chunks, total).toString('utf8'),
    fileName: path.split('/').filter(Boolean).pop() ?? new URL(url).hostname,
    url,
    format: formatsByMediaType[mediaType],
    ...(mediaType ? { mediaType } : {}),
  };
}

export async function ingestArticle(prisma: PrismaClient, content: string, options: IngestOptions = {}): Promise<ArticleProposal> {
  if (options.publishedOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.publishedOn)) {
    throw new InvalidInputError(`publishedOn: "${options.publishedOn}" is not a date; use YYYY-MM-DD, e.g. 2020-08-21.`, 'publishedOn');
  }
  if (options.url !== undefined && !/^https?:\/\/\S+$/.test(options.url)) {
    throw new InvalidInputError(`url: "${options.url}" is not an http(s) URL.`, 'url');
  }
  if (!content.trim()) throw new InvalidInputError('The article is empty.', 'text');
  const format = options.format ?? detectArticleFormat(content, options.fileName);
  const doc = readArticle(content, format);
  const meta = readMetadata(doc);
  if (options.publishedOn) meta.publishedOn = options.publishedOn;
  if (options.url) meta.url = options.url;
  const model = buildModel(doc, meta);

  const { graph, chosenBecause, matched } = await chooseConference(prisma, model, options.conference);
  const { finder, hits, context } = matched ?? (await prepare(prisma, model, graph));
  const reactors = withAuthors(model, findNamedReactors(model, { ...context, inTitles: (name) => finder.inTitles(name) }, hits), meta.authors);
  const claimed = (hit: SpeakerHit) => reactors.some((reactor) => reactor.spans.some((span) => span.start < hit.span.end && hit.span.start < span.end));
  const speakers = hits.filter((hit) => !claimed(hit));
  const { mentions, unmatched } = finder.find(speakers);
  const drafts = draftReactions(
    model,
    mentions,
    reactors,
    meta.authors,
    speakers.map((hit) => hit.span),
    // An off-programme session's quoted title is its name, not the writer's opinion.
    unmatched.map((entry) => entry.span).filter((span) => /["“‘'«„*_]/.test(model.text[span.start - 1] ?? '')),
  );

  const existing = await findArticle(prisma, meta.url, slugify(meta.title) || 'article');
  return {
    format: PROPOSAL_FORMAT,
    version: PROPOSAL_VERSION,
    source: { format, file: options.fileName ?? null, characters: content.length, fingerprint: fnv1a(content) },
    conference: { slug: graph.conference.slug, name: graph.conference.name, chosenBecause },
    article: {
      slug: existing?.slug ?? (slugify(meta.title) || `article-${fnv1a(content)}`),
      title: meta.title,
      url: meta.url,
      publishedOn: meta.publishedOn,
      publisher: meta.publisher,
      series: meta.series,
      authors: meta.authors,
    },
    items: drafts.map((draft) => toItem(model, graph, draft)),
    unmatched: unmatched.map((entry) => toUnmatched(model, entry)),
  };
}

async function prepare(prisma: PrismaClient, model: ArticleModel, graph: ConferenceCandidates) {
  const finder = new MentionFinder(model, graph);
  const hits = finder.speakerHits();
  const context = await reactorContext(prisma, model);
  return { finder, hits, context };
}

/** The conference named by the caller, or the best-ranked one; close calls are settled by how many talks each programme matches. */
async function chooseConference(prisma: PrismaClient, model: ArticleModel, slug: string | undefined) {
  if (slug) {
    return { graph: await loadConferenceCandidates(prisma, slug), chosenBecause: 'given by the caller', matched: undefined };
  }
  const conferences = await listConferences(prisma);
  const ranked = rankConferences(conferences, model, model.meta.publishedOn);
  if (ranked.length === 0 && conferences.length === 1) {
    return { graph: await loadConferenceCandidates(prisma, conferences[0].slug), chosenBecause: 'the only conference in the graph', matched: undefined };
  }
  if (ranked.length === 0) {
    throw new InvalidInputError(
      `Cannot tell which conference the article is about: it names none of the ${conferences.length} in the graph. Give one with --conference <slug> (or the conference input field).`,
      'conference',
    );
  }
  const close = ranked.filter((entry) => entry.score >= ranked[0].score - 1).slice(0, 3);
  if (close.length === 1) {
    return { graph: await loadConferenceCandidates(prisma, close[0].conference.slug), chosenBecause: close[0].reasons.join(' '), matched: undefined };
  }
  let best: { graph: ConferenceCandidates; total: number; reasons: string[]; matched: Awaited<ReturnType<typeof prepare>> } | null = null;
  for (const entry of close) {
    const graph = await loadConferenceCandidates(prisma, entry.conference.slug);
    const prepared = await prepare(prisma, model, graph);
    const { mentions } = prepared.finder.find(prepared.hits);
    const total = mentions.filter((mention) => mention.confidence >= ACCEPT_CONFIDENCE).reduce((sum, mention) => sum + mention.confidence, 0);
    if (!best || total > best.total) best = { graph, total, reasons: entry.reasons, matched: prepared };
  }
  const others = close.filter((entry) => entry.conference.slug !== best!.graph.conference.slug).map((entry) => entry.conference.slug);
  return {
    graph: best!.graph,
    chosenBecause: `${best!.reasons.join(' ')}; of the close candidates (also ${others.join(', ')}) its programme matches the text best`,
    matched: best!.matched,
  };
}

/** The organisations reactor phrases may name: the publisher's, the authors', and those the graph knows that the text mentions. */
async function reactorContext(prisma: PrismaClient, model: ArticleModel): Promise<ReactorContext> {
  const { meta, tokens, text } = model;
  const slugs: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalised(tokens[i].raw)) continue;
    for (let length = 1; length <= 4 && i + length <= tokens.length; length++) {
      const last = tokens[i + length - 1];
      if (length > 1 && !/^[ \t]{1,2}$/.test(text.slice(tokens[i + length - 2].end, last.start))) break;
      slugs.push(organisationSlug(text.slice(tokens[i].start, last.end)));
    }
  }
  const known = await findOrganisations(prisma, slugs);
  const names = [meta.publisher, ...meta.authors.map((author) => author.organisation), ...known.map((organisation) => organisation.name)];
  const organisations = [...new Set(names.filter((name): name is string => Boolean(name)))].sort((a, b) => b.length - a.length);
  const authorOrganisations = [...new Set(meta.authors.map((author) => author.organisation).filter(Boolean))];
  return {
    publisher: meta.publisher,
    authorOrganisation: authorOrganisations.length === 1 ? authorOrganisations[0] : meta.publisher,
    organisations,
    companyVoice: /\b(?:we|our|us)\b/i.test(text),
  };
}

function toItem(model: ArticleModel, graph: ConferenceCandidates, draft: DraftReaction): ProposalItem {
  const { mention } = draft;
  const reasons = [...mention.reasons, ...draft.notes];
  if (draft.reactor === null && !draft.declined) reasons.push('the text names nobody who reacted and has no byline; fill in the reactor before accepting');
  // A bare mention says the talk was there, not how anyone took it: the reviewer decides.
  if (draft.reactor !== null && draft.kind === 'MENTION') reasons.push(`no words say how ${draft.reactor.name} took it; accept it as a MENTION if that is worth recording`);
  return {
    talk: {
      id: encodeGlobalId('Talk', mention.talk.id),
      slug: mention.talk.slug,
      externalId: mention.talk.externalId,
      conference: graph.conference.slug,
      title: mention.talk.title,
    },
    confidence: mention.confidence,
    reasons,
    evidence: draft.evidence.map((span) => evidence(model, span)),
    reactor: draft.reactor,
    kind: draft.kind,
    cue: draft.cue?.text ?? null,
    accepted: mention.confidence >= ACCEPT_CONFIDENCE && draft.reactor !== null && !draft.unsure && draft.kind !== 'MENTION',
    summary: null,
  };
}

/** A span of the readable text as the file's offsets, with its words. */
function evidence(model: ArticleModel, span: Span): { start: number; end: number; text: string } {
  const source = model.doc.toSource(span);
  return { start: source.start, end: source.end, text: spanText(model, span) };
}

function toUnmatched(model: ArticleModel, entry: UnmatchedMention) {
  const { start, end, text } = evidence(model, entry.span);
  return { text, span: { start, end }, why: entry.why };
}
