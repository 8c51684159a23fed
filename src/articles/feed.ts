// Feeds: an RSS 2.0, RSS 1.0 (RDF) or Atom feed given to `talkgraph ingest-article` becomes one
// proposal per post.
// Posts whose URL is already an article's URL in the graph (the same address however written: see
// addressKey), or whose title makes the slug of an article already recorded, are skipped, so running
// on the same feed again proposes only what is new. A post that carries its whole text in the feed is read from there; one that carries only a
// short summary is read from its page, fetched with the limits ingest-article uses for any URL.
// Each post is sent through the article pipeline as a small HTML page assembled here (the feed's
// title as its heading, the author as its byline metadata), so the feed's facts win over guesses.
// The graph is reached through a FeedBackend: the database itself, or the server that holds it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { slugify } from '../dataset/slug.js';
import { InvalidInputError, TalkgraphError } from '../errors.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Server } from '../remote.js';
import { type ArticleSource, type FetchLimits, type IngestOptions, ingestArticle, readArticleSource } from './ingest.js';
import type { ArticleProposal } from './proposal.js';
import type { ArticleFormat } from './reader.js';
import { formatProposal } from './report.js';

/** Most posts proposed in one run; older ones wait for the next run. */
export const MAX_FEED_POSTS = 50;
/** A post whose only text is a summary shorter than this (in characters, markup left out) is read from its page. */
export const SHORT_SUMMARY_CHARACTERS = 500;

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** RSS 1.0: an <rdf:RDF> root holding <channel> and the <item>s side by side, in this namespace. */
const RSS1_NS = 'http://purl.org/rss/1.0/';
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const FEED_MEDIA_TYPES = new Set(['application/rss+xml', 'application/atom+xml']);

export interface FeedPost {
  /** 1-based position in the feed as written. */
  position: number;
  title: string | null;
  /** The post's own address: RSS <link> (or a permalink <guid>, or RSS 1.0's rdf:about), Atom <link rel="alternate">. */
  link: string | null;
  /** YYYY-MM-DD as the feed writes it, in the feed's own time zone. */
  publishedOn: string | null;
  /** For ordering, newest first. */
  time: number | null;
  authors: string[];
  /** The post's whole text (content:encoded, Atom content), as HTML. */
  content: string | null;
  /** description / Atom summary, as HTML. */
  summary: string | null;
}

export interface Feed {
  /** rss: RSS 2.0 (and the 0.9x versions it grew from); rdf: RSS 1.0; atom: Atom. */
  kind: 'rss' | 'rdf' | 'atom';
  title: string | null;
  /** Where the feed came from, for messages. */
  source: string;
  posts: FeedPost[];
}

/** Whether the source is a feed: by its Content-Type, else by its root element. */
export function isFeed(source: Pick<ArticleSource, 'content' | 'mediaType'>): boolean {
  if (source.mediaType && FEED_MEDIA_TYPES.has(source.mediaType)) return true;
  return rootElement(source.content) !== null;
}

/** The root element's name and its namespace declarations (prefix to URI; '' for the default namespace). */
interface Root {
  name: string;
  namespaces: Map<string, string>;
}

/**
 * 'rss' for <rss>, 'atom' for <feed xmlns="http://www.w3.org/2005/Atom">, 'rdf' for RSS 1.0's
 * <rdf:RDF> declaring the RSS 1.0 namespace, else null.
 */
function rootElement(content: string): Feed['kind'] | null {
  const root = rootOf(content);
  if (!root) return null;
  if (root.name === 'rss') return 'rss';
  if (root.name === 'feed' && root.namespaces.get('') === ATOM_NS) return 'atom';
  const [prefix, local] = root.name.includes(':') ? root.name.split(':') : ['', root.name];
  if (local === 'RDF' && root.namespaces.get(prefix) === RDF_NS && [...root.namespaces.values()].includes(RSS1_NS)) return 'rdf';
  return null;
}

function rootOf(content: string): Root | null {
  // Skip what may come before the root: a byte order mark, the XML declaration, comments, processing instructions, a doctype.
  const head = content.slice(0, 4000).replace(/^\uFEFF/, '');
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i.exec(head)?.[0] ?? '';
  const root = /^<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(head.slice(prolog.length));
  if (!root) return null;
  const namespaces = new Map<string, string>();
  for (const declaration of root[2].matchAll(/\bxmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2/g)) namespaces.set(declaration[1] ?? '', declaration[3]);
  return { name: root[1], namespaces };
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'author', 'dc:creator', 'contributor'].includes(name),
  // Atom text constructs are kept as written: type="xhtml" holds markup, type="html" escaped markup.
  stopNodes: ['feed.entry.title', 'feed.entry.content', 'feed.entry.summary'],
});

/**
 * The feed's posts. `where` names the feed in messages (its file or URL); links relative to the
 * feed are resolved against `baseUrl`.
 */
export function readFeed(content: string, where: string, baseUrl?: string): Feed {
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new InvalidInputError(
      `${where} is not well-formed XML, so it cannot be read as a feed: ${msg.replace(/\.$/, '')} (line ${line}, column ${col}). Fix the feed, or save one post and give its file instead.`,
      'feed',
    );
  }
  const kind = rootElement(content);
  const document = parser.parse(content) as XmlNode;
  if (kind === 'rss') return readRss(document, where, baseUrl);
  if (kind === 'rdf') return readRdf(document, rootOf(content)!, where, baseUrl);
  if (kind === 'atom') return readAtom(document, where, baseUrl);
  throw new InvalidInputError(
    `${where} is XML but not an RSS 2.0, RSS 1.0 or Atom feed: its root element must be <rss>, <rdf:RDF xmlns="${RSS1_NS}"> or <feed xmlns="${ATOM_NS}">. Give a feed, or one article (text, Markdown or HTML).`,
    'feed',
  );
}

function readRss(document: XmlNode, where: string, baseUrl: string | undefined): Feed {
  const channel = (document.rss as XmlNode | undefined)?.channel as XmlNode | undefined;
  if (!channel || typeof channel !== 'object') throw new InvalidInputError(`${where} is an RSS feed without a <channel>; an RSS 2.0 feed holds its posts in <rss><channel>.`, 'feed');
  const items = (channel.item as XmlNode[] | undefined) ?? [];
  const base = absoluteUrl(text(channel.link), baseUrl) ?? baseUrl;
  const posts = items.map((item, index): FeedPost => {
    const guid = item.guid as XmlNode | string | undefined;
    const permalink = guid !== undefined && (typeof guid === 'string' || guid['@isPermaLink'] !== 'false') ? text(guid) : null;
    const date = text(item.pubDate) ?? text(item['dc:date']);
    const authors = [...list(item['dc:creator']).map(text), rssAuthor(text(list(item.author)[0]))].filter((name): name is string => Boolean(name));
    return {
      position: index + 1,
      title: text(item.title),
      link: postLink(text(list(item.link)[0]) ?? permalink, base, where, index + 1),
      publishedOn: dateOf(date),
      time: timeOf(date),
      authors: [...new Set(authors)],
      content: text(item['content:encoded']),
      summary: text(item.description),
    };
  });
  return finish({ kind: 'rss', title: text(channel.title), source: where, posts }, '<item>');
}

/**
 * RSS 1.0: <channel> and the <item>s are siblings under the root; an item's address is its <link>,
 * else its rdf:about; Dublin Core gives its date (dc:date, W3C date-time) and authors (dc:creator).
 * Elements are found by the prefixes the root declares for each namespace, whatever they are.
 */
function readRdf(document: XmlNode, root: Root, where: string, baseUrl: string | undefined): Feed {
  const prefixOf = (namespace: string, usual: string) => {
    const prefix = [...root.namespaces].find(([, uri]) => uri === namespace)?.[0] ?? usual;
    return (name: string) => (prefix ? `${prefix}:${name}` : name);
  };
  const rss = prefixOf(RSS1_NS, '');
  const rdf = prefixOf(RDF_NS, 'rdf');
  const dc = prefixOf(DC_NS, 'dc');
  const content = prefixOf(CONTENT_NS, 'content');
  const top = document[root.name] as XmlNode;
  const channel = list(top[rss('channel')])[0] as XmlNode | undefined;
  if (!channel || typeof channel !== 'object') {
    throw new InvalidInputError(`${where} is an RSS 1.0 feed without a <channel>; an RSS 1.0 feed holds <channel> and its <item>s side by side in <rdf:RDF>.`, 'feed');
  }
  const about = (node: XmlNode) => text(node[`@${rdf('about')}`]);
  const base = absoluteUrl(text(list(channel[rss('link')])[0]), baseUrl) ?? absoluteUrl(about(channel), baseUrl) ?? baseUrl;
  const items = list(top[rss('item')]).filter((item): item is XmlNode => typeof item === 'object' && item !== null);
  const posts = items.map((item, index): FeedPost => {
    const date = text(item[dc('date')]);
    const authors = list(item[dc('creator')]).map(text).filter((name): name is string => Boolean(name));
    return {
      position: index + 1,
      title: text(item[rss('title')]),
      link: postLink(text(list(item[rss('link')])[0]) ?? about(item), base, where, index + 1),
      publishedOn: dateOf(date),
      time: timeOf(date),
      authors: [...new Set(authors)],
      content: text(item[content('encoded')]),
      summary: text(item[rss('description')]) ?? text(item[dc('description')]),
    };
  });
  return finish({ kind: 'rdf', title: text(channel[rss('title')]), source: where, posts }, '<item>');
}

/** RSS's <author> is an e-mail address, often with the name after it: "jo@example.org (Jo Bloggs)". */
function rssAuthor(value: string | null): string | null {
  if (!value) return null;
  const named = /\(([^)]+)\)\s*$/.exec(value);
  if (named) return named[1].trim();
  return value.includes('@') ? null : value;
}

function readAtom(document: XmlNode, where: string, baseUrl: string | undefined): Feed {
  const feed = document.feed as XmlNode;
  const entries = (feed.entry as XmlNode[] | undefined) ?? [];
  const base = absoluteUrl(alternate(list(feed.link)), baseUrl) ?? baseUrl;
  const posts = entries.map((entry, index): FeedPost => {
    const date = text(entry.published) ?? text(entry.updated);
    const content = entry.content as XmlNode | string | undefined;
    // Content given by reference (src="...") is not in the feed: the post's page is read instead.
    const inline = content !== undefined && !(typeof content === 'object' && content['@src']);
    return {
      position: index + 1,
      title: atomText(entry.title, 'text'),
      link: postLink(alternate(list(entry.link)), base, where, index + 1),
      publishedOn: dateOf(date),
      time: timeOf(date),
      authors: [...new Set([...list(entry.author), ...(entry.author ? [] : list(feed.author))].map((author) => text((author as XmlNode).name)).filter((name): name is string => Boolean(name)))],
      content: inline ? atomText(content, 'html') : null,
      summary: atomText(entry.summary, 'html'),
    };
  });
  return finish({ kind: 'atom', title: atomText(feed.title, 'text'), source: where, posts }, '<entry>');
}

/** The href of the link with rel="alternate" (Atom's default rel), else of the first link without a rel. */
function alternate(links: unknown[]): string | null {
  const nodes = links.filter((link): link is XmlNode => typeof link === 'object' && link !== null);
  const chosen = nodes.find((link) => (link['@rel'] ?? 'alternate') === 'alternate' && (!link['@type'] || /html/i.test(String(link['@type'])))) ?? nodes.find((link) => !link['@rel']);
  return chosen ? text(chosen['@href']) : null;
}

const FEED_NAMES: Record<Feed['kind'], string> = { rss: 'an RSS', rdf: 'an RSS 1.0', atom: 'an Atom' };
const WHAT_TO_GIVE: Record<Feed['kind'], string> = {
  rss: 'a <link>, or <content:encoded> or <description>',
  rdf: 'a <link> or an rdf:about, or <content:encoded> or <description>',
  atom: 'a <link rel="alternate" href="...">, or <content> or <summary>',
};

function finish(feed: Feed, element: string): Feed {
  if (feed.posts.length === 0) {
    throw new InvalidInputError(`${feed.source} is ${FEED_NAMES[feed.kind]} feed with no posts: it holds no ${element}. Check the address, or give one article instead.`, 'feed');
  }
  for (const post of feed.posts) {
    if (!post.link && !post.content && !post.summary) {
      throw new InvalidInputError(
        `${describePost(feed, post)} has neither a link nor any content, so there is nothing to read: give it ${WHAT_TO_GIVE[feed.kind]}.`,
        'feed',
      );
    }
  }
  return feed;
}

export function describePost(feed: Pick<Feed, 'source' | 'posts'>, post: FeedPost): string {
  return `Post ${post.position} of ${feed.posts.length} in ${feed.source}${post.title ? ` ("${post.title}")` : ''}`;
}

function postLink(value: string | null, base: string | undefined, where: string, position: number): string | null {
  if (!value) return null;
  const resolved = absoluteUrl(value, base);
  if (!resolved) {
    throw new InvalidInputError(
      `Post ${position} in ${where} links to "${value}", which is not an http(s) address${base ? '' : ' and the feed gives no address to resolve it against'}; give the post's full URL.`,
      'feed',
    );
  }
  return resolved;
}

function absoluteUrl(value: string | null, base: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** A node's text, trimmed; null when it is empty or absent. */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return text((value as XmlNode)['#text']);
  const trimmed = String(value).trim();
  return trimmed || null;
}

/** An Atom text construct (kept raw by the parser) as plain text ('text') or as HTML ('html'). */
function atomText(value: unknown, as: 'text' | 'html'): string | null {
  const raw = text(value);
  if (raw === null) return null;
  const type = (typeof value === 'object' && value !== null ? String((value as XmlNode)['@type'] ?? 'text') : 'text').toLowerCase();
  // xhtml: the markup itself; html: markup escaped once more (or in CDATA); text: no markup at all.
  const kind = type === 'xhtml' || type.endsWith('xhtml+xml') ? 'xhtml' : type === 'html' || type === 'text/html' ? 'html' : 'text';
  const decoded = kind === 'xhtml' ? raw : decodeXml(raw);
  if (as === 'html') return kind === 'text' ? paragraphs(decoded) : decoded;
  return kind === 'text' ? decoded : decodeHtml(decoded.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() || null;
}

/** XML character data: CDATA sections as they are, entities and character references decoded elsewhere. */
function decodeXml(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part, XML_ENTITIES)))
    .join('');
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const HTML_ENTITIES: Record<string, string> = { ...XML_ENTITIES, nbsp: '\u00a0', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', mdash: '—', ndash: '–', hellip: '…' };

function decodeEntities(value: string, named: Record<string, string>): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

const decodeHtml = (value: string) => decodeEntities(value, HTML_ENTITIES);

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as HTML paragraphs, one per run of lines between blank lines. */
function paragraphs(value: string): string {
  return value
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block)}</p>`)
    .join('\n');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The day as the feed writes it: ISO 8601 (Atom, RSS 1.0's dc:date) or RFC 822 (RSS's pubDate), without moving it to another time zone. */
function dateOf(value: string | null): string | null {
  if (!value) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return iso[0];
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4}|\d{2})\b/.exec(value);
  const month = rfc ? MONTHS.indexOf(rfc[2].toLowerCase()) : -1;
  if (rfc && month >= 0) {
    const year = rfc[3].length === 2 ? 2000 + Number(rfc[3]) : Number(rfc[3]);
    return `${year}-${String(month + 1).padStart(2, '0')}-${rfc[1].padStart(2, '0')}`;
  }
  const time = timeOf(value);
  return time === null ? null : new Date(time).toISOString().slice(0, 10);
}

function timeOf(value: string | null): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

/** The plain text of some HTML, for telling a short summary from a whole post. */
const plainLength = (html: string) => decodeHtml(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim().length;

/** Query parameters that track where a reader came from and do not change the page. */
const TRACKING_PARAMETER = /^(?:utm_.+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid)$/i;

/**
 * What two spellings of one address have in common: the scheme (http or https), a leading "www.",
 * a default port (80, 443), trailing slashes, the fragment and tracking parameters (utm_* and the
 * like) make no difference, nor does the order of the other parameters. Text that is no http(s)
 * URL is its own key.
 */
export function addressKey(address: string): string {
  const text = address.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return url.href;
  const host = url.hostname.replace(/^www\./, '');
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const path = url.pathname.replace(/\/+$/, '');
  const parameters = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${host}${port}${path}${parameters.length ? `?${new URLSearchParams(parameters)}` : ''}`;
}

/** How a run reaches the graph: the database itself, or the server that holds it. */
export interface FeedBackend {
  /**
   * Every article that has a URL, and those stored under any of these slugs: a run reads the stored
   * URLs once and compares them with its posts' links by addressKey, which SQL equality cannot do.
   */
  recorded(slugs: string[]): Promise<Array<{ slug: string; url: string | null }>>;
  propose(content: string, options: IngestOptions): Promise<ArticleProposal>;
}

export function databaseBackend(prisma: PrismaClient): FeedBackend {
  return {
    recorded: (slugs) => prisma.article.findMany({ where: { OR: [{ url: { not: null } }, { slug: { in: slugs } }] }, select: { slug: true, url: true } }),
    propose: (content, options) => ingestArticle(prisma, content, options),
  };
}

/** Through the API: proposeReactions per post, and the articles query (every page) for what is recorded. */
export function serverBackend(server: Server): FeedBackend {
  const command = 'ingest-article';
  return {
    async recorded(slugs) {
      const { runQuery } = await import('../remote.js');
      const wanted = new Set(slugs);
      const found: Array<{ slug: string; url: string | null }> = [];
      let after: string | null = null;
      for (;;) {
        const data = await runQuery(server, {
          command,
          scope: 'write',
          query: 'query ($after: String) { articles(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { slug url } } }',
          variables: { after },
        });
        const page = data.articles as unknown as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ slug: string; url: string | null }> };
        found.push(...page.nodes.filter((node) => node.url !== null || wanted.has(node.slug)));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return found;
        after = page.pageInfo.endCursor;
      }
    },
    async propose(content, options) {
      const { runMutation } = await import('../remote.js');
      const result = await runMutation(server, {
        command,
        scope: 'write',
        field: 'proposeReactions',
        selection: '{ proposal { json } }',
        input: { text: content, format: options.format?.toUpperCase(), conference: options.conference, publishedOn: options.publishedOn ?? undefined, url: options.url },
      });
      return JSON.parse((result.proposal as { json: string }).json) as ArticleProposal;
    },
  };
}

export type SkipReason = 'applied' | 'recorded' | 'limit' | 'failed';

export interface FeedRun {
  feed: Feed;
  /** Newest first. */
  proposed: Array<{ post: FeedPost; proposal: ArticleProposal; readFrom: 'feed' | 'page' }>;
  skipped: Array<{ post: FeedPost; reason: SkipReason; detail: string }>;
}

export interface FeedOptions {
  /** The conference every post is matched against; else each post's own. */
  conference?: string;
  /** Limits for fetching a post's page; the defaults are ingest-article's. */
  fetchLimits?: FetchLimits;
  limit?: number;
}

/**
 * One proposal per post not yet in the graph, newest first, at most `limit` of them. A post that
 * cannot be read or matched (its page is gone, it names no conference) is skipped with the reason
 * and the others go on; problems of the whole run (an unknown conference, a refused token) stop it.
 */
export async function proposeFeed(feed: Feed, backend: FeedBackend, { conference, fetchLimits, limit = MAX_FEED_POSTS }: FeedOptions = {}): Promise<FeedRun> {
  const run: FeedRun = { feed, proposed: [], skipped: [] };
  // Newest first; undated posts after dated ones, in the feed's order.
  const posts = [...feed.posts].sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity) || a.position - b.position);
  const slugOf = (post: FeedPost) => (post.title ? slugify(post.title) : '');
  const slugs = posts.map(slugOf).filter(Boolean);
  const recorded = await backend.recorded([...new Set(slugs)]);
  const byUrl = new Map(recorded.filter((article) => article.url).map((article) => [addressKey(article.url!), article.slug]));
  const bySlug = new Set(recorded.map((article) => article.slug));

  let attempted = 0;
  for (const post of posts) {
    if (post.link && byUrl.has(addressKey(post.link))) {
      run.skipped.push({ post, reason: 'applied', detail: post.link });
      continue;
    }
    if (slugOf(post) && bySlug.has(slugOf(post))) {
      run.skipped.push({ post, reason: 'recorded', detail: slugOf(post) });
      continue;
    }
    if (attempted >= limit) {
      run.skipped.push({ post, reason: 'limit', detail: post.link ?? `post ${post.position}` });
      continue;
    }
    attempted++;
    try {
      const { html, readFrom } = await postDocument(post, fetchLimits);
      const proposal = await backend.propose(html, {
        format: 'html',
        fileName: post.link ?? `${feed.source}#post-${post.position}`,
        conference,
        ...(post.publishedOn ? { publishedOn: post.publishedOn } : {}),
        ...(post.link ? { url: post.link } : {}),
      });
      run.proposed.push({ post, proposal, readFrom });
    } catch (error) {
      if (!isPostProblem(error)) throw error;
      run.skipped.push({ post, reason: 'failed', detail: `${post.link ?? `post ${post.position}`}: ${(error as Error).message}` });
    }
  }
  return run;
}

class PageUnreadable extends Error {}

/** Problems of one post: its page cannot be read, or its text cannot be matched. Anything else stops the run. */
const isPostProblem = (error: unknown) => error instanceof PageUnreadable || (error instanceof TalkgraphError && error.code === 'INVALID_INPUT');

/** The post as one HTML page: the feed's title as its heading, the feed's author and date as its metadata, then its text. */
async function postDocument(post: FeedPost, limits: FetchLimits | undefined): Promise<{ html: string; readFrom: 'feed' | 'page' }> {
  let body = post.content ?? post.summary ?? '';
  let readFrom: 'feed' | 'page' = 'feed';
  if (!post.content && post.link && plainLength(body) < SHORT_SUMMARY_CHARACTERS) {
    let page: ArticleSource;
    try {
      page = await readArticleSource(post.link, limits);
    } catch (error) {
      if (!(error instanceof TalkgraphError)) throw error;
      throw new PageUnreadable(`the feed gives only a short summary, and its page could not be read: ${error.message}`);
    }
    body = pageBody(page.content, page.format);
    readFrom = 'page';
  }
  const head = [
    ...(post.title ? [`<title>${escapeHtml(post.title)}</title>`] : []),
    ...(post.authors.length ? [`<meta name="author" content="${escapeHtml(post.authors.join(', '))}">`] : []),
    ...(post.publishedOn ? [`<meta property="article:published_time" content="${post.publishedOn}">`] : []),
    ...(post.link ? [`<link rel="canonical" href="${escapeHtml(post.link)}">`] : []),
  ];
  const html = `<!doctype html>
<html><head>
${head.join('\n')}
</head><body><article>
${post.title ? `<h1>${escapeHtml(post.title)}</h1>\n` : ''}${body}
</article></body></html>
`;
  return { html, readFrom };
}

/** A fetched page's readable part as HTML: its <body> without the page's own <head>, or plain text as paragraphs. */
function pageBody(content: string, format: ArticleFormat | undefined): string {
  const looksHtml = format === 'html' || (format === undefined && /<(?:html|body|p|div|article)\b/i.test(content));
  if (!looksHtml) return paragraphs(content);
  const body = /<body\b[^>]*>([\s\S]*?)(?:<\/body>|$)/i.exec(content);
  return body ? body[1] : content.replace(/<head\b[\s\S]*?<\/head>/i, '');
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "3 posts: 2 proposed, 1 already applied (https://...)". */
export function summariseFeedRun(run: FeedRun): string {
  const parts = [`${run.proposed.length} proposed`];
  const group = (reason: SkipReason, words: string) => {
    const skipped = run.skipped.filter((entry) => entry.reason === reason);
    if (skipped.length) parts.push(`${skipped.length} ${words} (${skipped.map((entry) => entry.detail).join('; ')})`);
  };
  group('applied', 'already applied');
  group('recorded', 'already recorded under the same slug');
  const later = run.skipped.filter((entry) => entry.reason === 'limit').length;
  if (later) parts.push(`${later} older left for the next run (at most ${MAX_FEED_POSTS} are proposed in one run)`);
  group('failed', 'not proposed');
  return `${plural(run.feed.posts.length, 'post')}: ${parts.join(', ')}`;
}

/** Each proposal as ingest-article prints one, under a line naming the post, then the summary. */
export function formatFeedRun(run: FeedRun): string {
  const sections = run.proposed.map(({ post, proposal, readFrom }, index) => {
    const rule = '='.repeat(72);
    const title = `Post ${index + 1} of ${run.proposed.length} proposed: ${post.title ? `"${post.title}"` : `post ${post.position} of the feed`}${post.link ? ` (${post.link})` : ''}${readFrom === 'page' ? ', read from its page' : ''}`;
    return `${rule}\n${title}\n${rule}\n${formatProposal(proposal)}`;
  });
  return [...sections, summariseFeedRun(run)].join('\n\n');
}

export interface Applied {
  article: string;
  applied: number;
  skipped: number;
}

export interface EachOutcome<T extends Applied> {
  index: number;
  title: string;
  result?: T;
  /** Why nothing was written: no item accepted (left out), or the refusal's message. */
  leftOut?: string;
  error?: TalkgraphError;
}

/**
 * Applies each proposal of a file holding an array (from a feed) on its own, so one refusal does
 * not hold back the others. A proposal with no accepted item is left out: the reviewer wants none
 * of it. Failures that are not about the proposal (the server unreachable, a refused token) stop.
 */
export async function applyEach<T extends Applied>(proposals: unknown[], apply: (proposal: unknown) => Promise<T>): Promise<Array<EachOutcome<T>>> {
  if (proposals.length === 0) throw new InvalidInputError('The file holds an empty array: there is no proposal to apply.', 'proposal');
  const outcomes: Array<EachOutcome<T>> = [];
  for (const [index, proposal] of proposals.entries()) {
    const shape = (typeof proposal === 'object' && proposal !== null ? proposal : {}) as { article?: { title?: unknown; slug?: unknown }; items?: unknown };
    const title = String(shape.article?.title ?? shape.article?.slug ?? `proposal ${index}`);
    if (Array.isArray(shape.items) && shape.items.every((item) => (item as { accepted?: unknown } | null)?.accepted === false)) {
      outcomes.push({ index, title, leftOut: 'no item is accepted' });
      continue;
    }
    try {
      outcomes.push({ index, title, result: await apply(proposal) });
    } catch (error) {
      if (!(error instanceof TalkgraphError) || !['INVALID_INPUT', 'NOT_FOUND', 'INVALID_ID', 'CONFLICT', 'IMPORT_FAILED'].includes(error.code)) throw error;
      outcomes.push({ index, title, error });
    }
  }
  return outcomes;
}
