// Feeds given to talkgraph ingest-article: an RSS 2.0, an RSS 1.0 (RDF, tests/fixtures/articles) and
// an Atom feed of recaps about the seed programme (KubeCon + CloudNativeCon Europe 2020), served over
// real HTTP by a node:http server this spec starts. One proposal per post, with the post's own text or, for a post with only a short
// summary, its page; posts already in the graph (by URL or by slug) are skipped, so a second run
// after applying one post proposes only the others; bad feeds are refused saying what to change.
// The pipeline runs on both databases; the command runs on the embedded one, by itself and through
// the server that holds it.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyProposal } from '../src/articles/apply.js';
import { addressKey, databaseBackend, type FeedRun, isFeed, proposeFeed, readFeed, summariseFeedRun } from '../src/articles/feed.js';
import { readArticleSource } from '../src/articles/ingest.js';
import type { ArticleProposal } from '../src/articles/proposal.js';
import type { DatasetInput } from '../src/dataset/format.js';
import { personSlug } from '../src/dataset/identity.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { seedPath } from '../src/db/seed.js';
import { TalkgraphError } from '../src/errors.js';
import { talkgraph } from './helpers/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { startServerProcess, stop } from './helpers/server-process.js';
import { seedArticleRetold } from './helpers/shared.js';

const CONFERENCE = 'kubecon-cloudnativecon-europe-2020';
const PROW = `${CONFERENCE}/going-beyond-ci-cd-with-prow`;
const ATTACKS = `${CONFERENCE}/advanced-persistence-threats-the-future-of-kubernetes-attacks`;

/** The seed graph before anyone recorded its article's reactions (the article itself stays). */
function seedWithoutReactions(): DatasetInput {
  const dataset = JSON.parse(readFileSync(seedPath, 'utf8')) as DatasetInput;
  for (const article of dataset.articles ?? []) delete article.reactions;
  return dataset;
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Northwind Labs' blog: three recaps, oldest first in the file; the newest gives only a summary. */
const rssFeed = (base: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Northwind Labs engineering</title>
  <link>${base}/northwind/</link>
  <description>What the Northwind Labs platform team learns.</description>
  <item>
    <title>Prow at KubeCon Europe 2020</title>
    <link>${base}/northwind/prow-at-kubecon</link>
    <pubDate>Mon, 24 Aug 2020 09:30:00 +0200</pubDate>
    <description>Why we came back from KubeCon wanting a bot for our pull requests.</description>
    <content:encoded><![CDATA[<p>By Priya Raman, Platform Engineer at Northwind Labs</p>
<p>On the last day of KubeCon Europe 2020 I watched "Going Beyond CI/CD With Prow" by Leo Di Donato from Sysdig. I would recommend it to any maintainer drowning in pull requests.</p>]]></content:encoded>
  </item>
  <item>
    <title>Attacks on clusters, after KubeCon Europe 2020</title>
    <link>${base}/northwind/attacks-on-clusters</link>
    <guid isPermaLink="false">northwind-2020-08-26</guid>
    <pubDate>Wed, 26 Aug 2020 08:00:00 +0200</pubDate>
    <dc:creator>Priya Raman</dc:creator>
    <description>&lt;p&gt;Our security lead’s pick of the conference. Read on for why.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Northwind's favourite session of KubeCon Europe 2020</title>
    <link>${base}/northwind/favourite-session</link>
    <pubDate>Tue, 25 Aug 2020 17:00:00 +0200</pubDate>
    <author>priya@northwind.example (Priya Raman)</author>
    <content:encoded>${escapeXml(`<p>Our team followed KubeCon + CloudNativeCon Europe 2020 from home.</p>
<p>Samir Haddad, our Release Engineer at Northwind Labs, says "Going Beyond CI/CD With Prow" by Leo Di Donato was the best session of the conference for him.</p>`)}</content:encoded>
  </item>
</channel>
</rss>
`;

/** Bluefin Systems' RSS 1.0 feed, its addresses on the server at `base`. */
const rdfFeed = (base: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'articles', 'bluefin-systems.rdf'), 'utf8').replaceAll('https://bluefin.example', `${base}/bluefin`);

/** The page of the post the RSS 1.0 feed only describes. */
const favouritePage = `<!doctype html>
<html><head><title>Bluefin's favourite session | Bluefin Systems blog</title></head>
<body><article>
<h1>Bluefin's favourite session of KubeCon Europe 2020</h1>
<p>Our team followed KubeCon + CloudNativeCon Europe 2020 from home.</p>
<p>Lena Vogel, our Release Engineer at Bluefin Systems, says "Going Beyond CI/CD With Prow" by Leo Di Donato was the best session of the conference for her.</p>
</article></body></html>`;

/** The page of the post the RSS feed only summarises. */
const attacksPage = `<!doctype html>
<html><head><title>Attacks on clusters | Northwind Labs engineering</title></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article>
<h1>Attacks on clusters, after KubeCon Europe 2020</h1>
<p>Ian Coldwater from Salesforce and Brad Geesaman from Darkbit presented ‘Advanced Persistence Threats — The Future of Kubernetes Attacks’ at KubeCon + CloudNativeCon Europe 2020.</p>
<p>Our Security Lead at Northwind Labs, Tomasz Nowak, called it his highlight of the conference: it showed how an attacker stays inside a cluster long after the first break-in.</p>
</article>
<footer>Northwind Labs</footer>
</body></html>`;

/** Max Kelsen's Atom feed: two recaps (one in XHTML, one in escaped HTML), and the seed article itself. */
const atomFeed = (base: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Max Kelsen blog</title>
  <link rel="self" href="${base}/max/feed.atom"/>
  <link rel="alternate" href="${base}/max/"/>
  <id>urn:example:max-kelsen-blog</id>
  <updated>2020-08-28T10:00:00+10:00</updated>
  <entry>
    <title>Max Kelsen Wraps Up KubeCon: Day Four</title>
    <link rel="alternate" href="${base}/max/wraps-up-day-four"/>
    <id>urn:example:day-four</id>
    <published>2020-08-21T09:00:00+10:00</published>
    <summary>Our recap of the last day of KubeCon Europe 2020.</summary>
  </entry>
  <entry>
    <title type="html">Pull requests &amp;amp; bots: Prow at KubeCon</title>
    <link rel="self" href="${base}/max/entries/prow.atom"/>
    <link rel="alternate" type="text/html" href="${base}/max/prow-at-kubecon"/>
    <id>urn:example:prow</id>
    <published>2020-08-27T09:00:00+10:00</published>
    <author><name>Ruby Nguyen</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>One more session from KubeCon + CloudNativeCon Europe 2020 that our team keeps talking about.</p>
      <p>Leo Di Donato from Sysdig gave ‘Going Beyond CI/CD With Prow’. The session was particularly interesting to Max Kelsen Machine Learning Engineer, Matthew Rose: it explained the bots that greeted his own first open source pull request.</p>
    </div></content>
  </entry>
  <entry>
    <title>Attack paths: our pick of KubeCon Europe 2020</title>
    <link href="${base}/max/attack-paths"/>
    <id>urn:example:attack-paths</id>
    <updated>2020-08-28T08:00:00+10:00</updated>
    <author><name>Jacob O’Farrell</name></author>
    <content type="html">${escapeXml(`<p>Ian Coldwater from Salesforce and Brad Geesaman from Darkbit gave ‘Advanced Persistence Threats — The Future of Kubernetes Attacks’ at KubeCon + CloudNativeCon Europe 2020.</p>
<p>This talk was picked by our Cloud Engineer, Esmael Tahmasebi, as his highlight of the conference, for showing how a misconfigured cluster can be attacked even on a cloud provider.</p>`)}</content>
  </entry>
</feed>
`;

/** A local web server: the feeds, the summarised post's page, broken feeds, and a missing page. */
function startWebServer(): Promise<{ server: HttpServer; base: string }> {
  let base = '';
  const pages: Record<string, { type: string; body: () => string; onlyFor?: string }> = {
    '/northwind/feed.rss': { type: 'application/rss+xml; charset=utf-8', body: () => rssFeed(base) },
    '/northwind/attacks-on-clusters': { type: 'text/html; charset=utf-8', body: () => attacksPage },
    '/max/feed.atom': { type: 'application/atom+xml', body: () => atomFeed(base) },
    // RSS 1.0 as it is usually served: told a feed by its root element. This server negotiates:
    // it sends RDF only to a client whose Accept header names it.
    '/bluefin/blog/feed.rdf': { type: 'application/rdf+xml', body: () => rdfFeed(base), onlyFor: 'application/rdf+xml' },
    '/bluefin/blog/favourite-session': { type: 'text/html; charset=utf-8', body: () => favouritePage },
    // Served as plain XML: told a feed by its root element.
    '/max/feed.xml': { type: 'application/xml', body: () => atomFeed(base) },
    '/broken.rss': { type: 'application/rss+xml', body: () => '<rss version="2.0"><channel><title>Broken</title><item><title>Unclosed</channel></rss>' },
    '/empty.rss': { type: 'application/rss+xml', body: () => '<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>' },
    '/gone.rss': {
      type: 'application/rss+xml',
      body: () => `<rss version="2.0"><channel><title>Gone</title>
<item><title>A post whose page is gone</title><link>${base}/gone</link><description>Short.</description><pubDate>Thu, 27 Aug 2020 09:00:00 GMT</pubDate></item>
${rssFeed(base).split('<channel>')[1].split('</channel>')[0].replace(/<title>Northwind Labs engineering<\/title>/, '')}
</channel></rss>`,
    },
  };
  const server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (!page) return response.writeHead(404).end('not here');
    if (page.onlyFor && !request.headers.accept?.includes(page.onlyFor)) return response.writeHead(406).end(`send Accept: ${page.onlyFor}`);
    response.writeHead(200, { 'content-type': page.type }).end(page.body());
  });
  return new Promise((resolvePromise) =>
    server.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolvePromise({ server, base });
    }),
  );
}

/** Which talk each item is about, who reacted, how, and whether apply would write it. */
const gist = (proposal: ArticleProposal) =>
  proposal.items.map((item) => ({
    talk: `${item.talk.conference}/${item.talk.slug}`,
    person: item.reactor && personSlug(item.reactor.name),
    organisation: item.reactor?.organisation ?? null,
    kind: item.kind,
    accepted: item.accepted,
  }));

const byTitle = (run: FeedRun): Record<string, ArticleProposal> => Object.fromEntries(run.proposed.map(({ post, proposal }) => [post.title ?? `post ${post.position}`, proposal]));

async function refusal(run: () => Promise<unknown> | unknown): Promise<TalkgraphError> {
  let caught: unknown = null;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a refusal').toBeInstanceOf(TalkgraphError);
  return caught as TalkgraphError;
}

let web: { server: HttpServer; base: string };
beforeAll(async () => {
  web = await startWebServer();
});
afterAll(() => {
  web?.server.closeAllConnections();
  web?.server.close();
});

async function feedAt(path: string) {
  const source = await readArticleSource(`${web.base}${path}`);
  expect(isFeed(source)).toBe(true);
  return readFeed(source.content, `${web.base}${path}`, source.url);
}

describe.each(databaseKinds)('recaps from feeds on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    await loadDataset(db.prisma, seedWithoutReactions());
  });
  afterEach(() => db?.dispose());

  it('proposes one article per RSS post, newest first, reading a post that only has a summary from its page', async () => {
    const run = await proposeFeed(await feedAt('/northwind/feed.rss'), databaseBackend(db.prisma));
    expect(run.skipped).toEqual([]);
    expect(run.proposed.map(({ post, readFrom }) => [post.title, readFrom])).toEqual([
      ['Attacks on clusters, after KubeCon Europe 2020', 'page'],
      ["Northwind's favourite session of KubeCon Europe 2020", 'feed'],
      ['Prow at KubeCon Europe 2020', 'feed'],
    ]);
    const proposals = byTitle(run);
    const attacks = proposals['Attacks on clusters, after KubeCon Europe 2020'];
    expect(attacks.conference.slug).toBe(CONFERENCE);
    expect(attacks.article).toMatchObject({
      slug: 'attacks-on-clusters-after-kubecon-europe-2020',
      title: 'Attacks on clusters, after KubeCon Europe 2020',
      url: `${web.base}/northwind/attacks-on-clusters`,
      publishedOn: '2020-08-26',
      authors: [{ name: 'Priya Raman', jobTitle: null, organisation: null }],
    });
    expect(gist(attacks)).toEqual([{ talk: ATTACKS, person: 'tomasz-nowak', organisation: null, kind: 'HIGHLIGHT', accepted: true }]);
    // Read from the page: its words are the evidence, its navigation is not.
    expect(attacks.items[0].evidence.map((span) => span.text).join(' ')).toContain('Tomasz Nowak, called it his highlight of the conference');

    const favourite = proposals["Northwind's favourite session of KubeCon Europe 2020"];
    expect(favourite.article).toMatchObject({ publishedOn: '2020-08-25', url: `${web.base}/northwind/favourite-session`, authors: [{ name: 'Priya Raman' }] });
    expect(gist(favourite)).toEqual([{ talk: PROW, person: 'samir-haddad', organisation: 'Northwind Labs', kind: 'HIGHLIGHT', accepted: true }]);

    const prow = proposals['Prow at KubeCon Europe 2020'];
    // The byline in the post's text says more than the feed: job title and organisation.
    expect(prow.article).toMatchObject({
      slug: 'prow-at-kubecon-europe-2020',
      publishedOn: '2020-08-24',
      publisher: 'Northwind Labs',
      authors: [{ name: 'Priya Raman', jobTitle: 'Platform Engineer', organisation: 'Northwind Labs' }],
    });
    expect(gist(prow)).toEqual([{ talk: PROW, person: 'priya-raman', organisation: 'Northwind Labs', kind: 'RECOMMENDATION', accepted: true }]);
    expect(summariseFeedRun(run)).toBe('3 posts: 3 proposed');
  });

  it('proposes one article per Atom entry, told a feed by its root element, and skips the entry already recorded under its slug', async () => {
    const run = await proposeFeed(await feedAt('/max/feed.xml'), databaseBackend(db.prisma));
    expect(run.proposed.map(({ post }) => post.title)).toEqual(['Attack paths: our pick of KubeCon Europe 2020', 'Pull requests & bots: Prow at KubeCon']);
    const proposals = byTitle(run);
    expect(proposals['Attack paths: our pick of KubeCon Europe 2020'].article).toMatchObject({
      url: `${web.base}/max/attack-paths`,
      publishedOn: '2020-08-28',
      authors: [{ name: 'Jacob O’Farrell' }],
    });
    expect(gist(proposals['Attack paths: our pick of KubeCon Europe 2020'])).toEqual([
      { talk: ATTACKS, person: 'esmael-tahmasebi', organisation: null, kind: 'HIGHLIGHT', accepted: true },
    ]);
    expect(proposals['Pull requests & bots: Prow at KubeCon'].article).toMatchObject({
      slug: 'pull-requests-and-bots-prow-at-kubecon',
      url: `${web.base}/max/prow-at-kubecon`,
      publishedOn: '2020-08-27',
      authors: [{ name: 'Ruby Nguyen' }],
    });
    expect(gist(proposals['Pull requests & bots: Prow at KubeCon'])).toEqual([
      { talk: PROW, person: 'matthew-rose', organisation: 'Max Kelsen', kind: 'HIGHLIGHT', accepted: true },
    ]);
    // The seed already holds "Max Kelsen Wraps Up KubeCon: Day Four", without its URL.
    expect(run.skipped.map(({ post, reason }) => [post.title, reason])).toEqual([['Max Kelsen Wraps Up KubeCon: Day Four', 'recorded']]);
    expect(summariseFeedRun(run)).toBe('3 posts: 2 proposed, 1 already recorded under the same slug (max-kelsen-wraps-up-kubecon-day-four)');
  });

  it('proposes one article per RSS 1.0 item, its address from <link> or rdf:about and its date from dc:date', async () => {
    const run = await proposeFeed(await feedAt('/bluefin/blog/feed.rdf'), databaseBackend(db.prisma));
    expect(run.feed).toMatchObject({ kind: 'rdf', title: 'Bluefin Systems blog' });
    expect(run.skipped).toEqual([]);
    // Newest first, whatever the order of the file.
    expect(run.proposed.map(({ post, readFrom }) => [post.title, post.link, readFrom])).toEqual([
      ['Prow, three weeks after KubeCon Europe 2020', `${web.base}/bluefin/blog/prow-three-weeks-on`, 'feed'],
      ['Attack paths: our pick of KubeCon Europe 2020', `${web.base}/bluefin/blog/attack-paths`, 'feed'],
      ["Bluefin's favourite session of KubeCon Europe 2020", `${web.base}/bluefin/blog/favourite-session`, 'page'],
    ]);
    const proposals = byTitle(run);
    const prow = proposals['Prow, three weeks after KubeCon Europe 2020'];
    expect(prow.conference.slug).toBe(CONFERENCE);
    expect(prow.article).toMatchObject({
      slug: 'prow-three-weeks-after-kubecon-europe-2020',
      url: `${web.base}/bluefin/blog/prow-three-weeks-on`,
      publishedOn: '2020-09-14',
      publisher: 'Bluefin Systems',
      authors: [{ name: 'Hana Sato', jobTitle: 'Platform Engineer', organisation: 'Bluefin Systems' }],
    });
    expect(gist(prow)).toEqual([{ talk: PROW, person: 'hana-sato', organisation: 'Bluefin Systems', kind: 'RECOMMENDATION', accepted: true }]);

    // No <link>: the address is the item's rdf:about; a dc:date without a time is that day.
    const attacks = proposals['Attack paths: our pick of KubeCon Europe 2020'];
    expect(attacks.article).toMatchObject({ url: `${web.base}/bluefin/blog/attack-paths`, publishedOn: '2020-09-02', authors: [{ name: 'Omar Farouk' }, { name: 'Hana Sato' }] });
    expect(gist(attacks)).toEqual([{ talk: ATTACKS, person: 'omar-farouk', organisation: null, kind: 'HIGHLIGHT', accepted: true }]);

    // Only a short description: read from its page.
    const favourite = proposals["Bluefin's favourite session of KubeCon Europe 2020"];
    expect(favourite.article).toMatchObject({ publishedOn: '2020-08-28', url: `${web.base}/bluefin/blog/favourite-session`, authors: [{ name: 'Hana Sato' }] });
    expect(gist(favourite)).toEqual([{ talk: PROW, person: 'lena-vogel', organisation: 'Bluefin Systems', kind: 'HIGHLIGHT', accepted: true }]);
    expect(summariseFeedRun(run)).toBe('3 posts: 3 proposed');

    // Applied, an item is skipped by its address on the next run, rdf:about included.
    attacks.items[0].summary = 'Shows how an attacker stays in a cluster after the first break-in.';
    expect(await applyProposal(db.prisma, attacks)).toMatchObject({ article: 'attack-paths-our-pick-of-kubecon-europe-2020', applied: 1 });
    const again = await proposeFeed(await feedAt('/bluefin/blog/feed.rdf'), databaseBackend(db.prisma));
    expect(summariseFeedRun(again)).toBe(`3 posts: 2 proposed, 1 already applied (${web.base}/bluefin/blog/attack-paths)`);
  });

  it('skips a post once its proposal is applied, and proposes the others again', async () => {
    const feed = await feedAt('/northwind/feed.rss');
    const first = await proposeFeed(feed, databaseBackend(db.prisma));
    const prow = byTitle(first)['Prow at KubeCon Europe 2020'];
    prow.items[0].summary = 'Recommends it to maintainers with more pull requests than reviewers.';
    const applied = await applyProposal(db.prisma, prow);
    expect(applied).toMatchObject({ article: 'prow-at-kubecon-europe-2020', applied: 1 });

    const second = await proposeFeed(feed, databaseBackend(db.prisma));
    expect(second.proposed.map(({ post }) => post.title)).toEqual(['Attacks on clusters, after KubeCon Europe 2020', "Northwind's favourite session of KubeCon Europe 2020"]);
    expect(second.skipped).toEqual([expect.objectContaining({ reason: 'applied', detail: `${web.base}/northwind/prow-at-kubecon` })]);
    expect(summariseFeedRun(second)).toBe(`3 posts: 2 proposed, 1 already applied (${web.base}/northwind/prow-at-kubecon)`);
    // The others' proposals are what the first run made.
    expect(gist(byTitle(second)['Attacks on clusters, after KubeCon Europe 2020'])).toEqual(gist(byTitle(first)['Attacks on clusters, after KubeCon Europe 2020']));
  });

  it('skips a post whose link is an article’s URL written differently: https, a trailing slash, tracking parameters, a fragment', async () => {
    // Recorded by hand under another title, so only the address can tell it is the Prow post.
    await db.prisma.article.create({
      data: { slug: 'northwind-on-prow', title: 'Northwind on Prow', url: `${web.base.replace(/^http:/, 'https:')}/northwind/prow-at-kubecon/?utm_source=rss&utm_medium=feed#comments` },
    });
    const run = await proposeFeed(await feedAt('/northwind/feed.rss'), databaseBackend(db.prisma));
    expect(run.proposed.map(({ post }) => post.title)).toEqual(['Attacks on clusters, after KubeCon Europe 2020', "Northwind's favourite session of KubeCon Europe 2020"]);
    expect(run.skipped).toEqual([expect.objectContaining({ reason: 'applied', detail: `${web.base}/northwind/prow-at-kubecon` })]);
    expect(summariseFeedRun(run)).toBe(`3 posts: 2 proposed, 1 already applied (${web.base}/northwind/prow-at-kubecon)`);
  });

  it('proposes at most the limit, newest first, and skips a post whose page cannot be read, saying why', async () => {
    const run = await proposeFeed(await feedAt('/gone.rss'), databaseBackend(db.prisma), { limit: 2 });
    expect(run.proposed.map(({ post }) => post.title)).toEqual(['Attacks on clusters, after KubeCon Europe 2020']);
    expect(run.skipped.map(({ post, reason }) => [post.title, reason])).toEqual([
      ['A post whose page is gone', 'failed'],
      ["Northwind's favourite session of KubeCon Europe 2020", 'limit'],
      ['Prow at KubeCon Europe 2020', 'limit'],
    ]);
    expect(summariseFeedRun(run)).toBe(
      `4 posts: 1 proposed, 2 older left for the next run (at most 50 are proposed in one run), 1 not proposed (${web.base}/gone: the feed gives only a short summary, and its page could not be read: ${web.base}/gone answered HTTP 404 Not Found: there is no article there; check the address.)`,
    );
  });
});

describe('addresses of posts and articles', () => {
  it('are one address however the scheme, www, default port, trailing slash, fragment and tracking parameters are written', () => {
    const key = addressKey('https://northwind.example/blog/prow-at-kubecon');
    for (const spelling of [
      'http://northwind.example/blog/prow-at-kubecon',
      'https://www.northwind.example/blog/prow-at-kubecon/',
      'https://NorthWind.example:443/blog/prow-at-kubecon',
      'http://www.northwind.example:80/blog/prow-at-kubecon//',
      'https://northwind.example/blog/prow-at-kubecon#comments',
      'https://northwind.example/blog/prow-at-kubecon?utm_source=rss&utm_medium=feed&utm_campaign=kubecon',
      'https://northwind.example/blog/prow-at-kubecon/?fbclid=abc123#top',
      ' https://northwind.example/blog/prow-at-kubecon ',
    ]) {
      expect(addressKey(spelling), spelling).toBe(key);
    }
    // Parameters that choose the page stay, in any order; tracking ones among them go.
    expect(addressKey('https://blog.example/post?id=7&lang=en&utm_source=x')).toBe(addressKey('http://www.blog.example/post/?lang=en&id=7'));
  });

  it('stay different when the page differs: its path, host, port or a parameter that is no tracking', () => {
    const key = addressKey('https://northwind.example/blog/prow-at-kubecon');
    for (const other of [
      'https://northwind.example/blog/prow-at-kubecon-2',
      'https://northwind.example/Blog/prow-at-kubecon',
      'https://blog.northwind.example/blog/prow-at-kubecon',
      'https://northwind.example:8443/blog/prow-at-kubecon',
      'https://northwind.example/blog/prow-at-kubecon?page=2',
    ]) {
      expect(addressKey(other), other).not.toBe(key);
    }
    expect(addressKey('not an address')).toBe('not an address');
  });
});

describe('feeds that cannot be read', () => {
  it('refuses malformed feed XML, saying where it breaks and what to do', async () => {
    const source = await readArticleSource(`${web.base}/broken.rss`);
    expect(isFeed(source)).toBe(true);
    const error = await refusal(() => readFeed(source.content, `${web.base}/broken.rss`, source.url));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      `${web.base}/broken.rss is not well-formed XML, so it cannot be read as a feed: Expected closing tag 'title' (opened in line 1, col 56) instead of closing tag 'channel' (line 1, column 71). Fix the feed, or save one post and give its file instead.`,
    );
  });

  it('refuses a feed with no posts, a post with neither a link nor content, a link that is no web address, and XML that is no feed', async () => {
    const empty = await refusal(() => feedAt('/empty.rss'));
    expect(empty.message).toBe(`${web.base}/empty.rss is an RSS feed with no posts: it holds no <item>. Check the address, or give one article instead.`);
    const emptyAtom = await refusal(() => readFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Soon</title></feed>`, 'soon.atom'));
    expect(emptyAtom.message).toBe('soon.atom is an Atom feed with no posts: it holds no <entry>. Check the address, or give one article instead.');

    const bare = `<rss version="2.0"><channel><title>Notes</title><item><title>Has text</title><description>Words.</description></item><item><title>Only a title</title></item></channel></rss>`;
    expect((await refusal(() => readFeed(bare, 'notes.rss'))).message).toBe(
      'Post 2 of 2 in notes.rss ("Only a title") has neither a link nor any content, so there is nothing to read: give it a <link>, or <content:encoded> or <description>.',
    );
    const bareAtom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Only a title</title><link rel="self" href="https://example.org/feed/1"/></entry></feed>`;
    expect((await refusal(() => readFeed(bareAtom, 'notes.atom'))).message).toBe(
      'Post 1 of 1 in notes.atom ("Only a title") has neither a link nor any content, so there is nothing to read: give it a <link rel="alternate" href="...">, or <content> or <summary>.',
    );
    const relative = `<rss version="2.0"><channel><title>Notes</title><item><title>Relative</title><link>/posts/1</link></item></channel></rss>`;
    expect((await refusal(() => readFeed(relative, 'notes.rss'))).message).toBe(
      'Post 1 in notes.rss links to "/posts/1", which is not an http(s) address and the feed gives no address to resolve it against; give the post\'s full URL.',
    );
    // Against the feed's own address it is one.
    expect(readFeed(relative, 'https://example.org/feed.rss', 'https://example.org/feed.rss').posts[0].link).toBe('https://example.org/posts/1');

    expect(isFeed({ content: '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>' })).toBe(false);
    expect(isFeed({ content: readFileSync(seedArticleRetold, 'utf8') })).toBe(false);
    expect(isFeed({ content: '<feed><entry/></feed>' })).toBe(false);
    const sitemap = await refusal(() => readFeed('<urlset><url/></urlset>', 'sitemap.xml'));
    expect(sitemap.message).toContain(
      'sitemap.xml is XML but not an RSS 2.0, RSS 1.0 or Atom feed: its root element must be <rss>, <rdf:RDF xmlns="http://purl.org/rss/1.0/"> or <feed xmlns="http://www.w3.org/2005/Atom">',
    );
  });

  it('refuses an RSS 1.0 feed without a channel or items, an item with neither an address nor content, and RDF that is no feed', async () => {
    const rdf = (body: string) =>
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">${body}</rdf:RDF>`;
    const channel = '<channel rdf:about="https://notes.example/"><title>Notes</title><link>https://notes.example/</link></channel>';
    expect((await refusal(() => readFeed(rdf(channel), 'soon.rdf'))).message).toBe(
      'soon.rdf is an RSS 1.0 feed with no posts: it holds no <item>. Check the address, or give one article instead.',
    );
    expect((await refusal(() => readFeed(rdf('<item rdf:about="https://notes.example/1"><title>One</title></item>'), 'loose.rdf'))).message).toBe(
      'loose.rdf is an RSS 1.0 feed without a <channel>; an RSS 1.0 feed holds <channel> and its <item>s side by side in <rdf:RDF>.',
    );
    expect((await refusal(() => readFeed(rdf(`${channel}<item><title>Only a title</title></item>`), 'notes.rdf'))).message).toBe(
      'Post 1 of 1 in notes.rdf ("Only a title") has neither a link nor any content, so there is nothing to read: give it a <link> or an rdf:about, or <content:encoded> or <description>.',
    );
    // RDF about something else (FOAF here) is no feed, nor is RSS 1.0's namespace on another root.
    const foaf = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:foaf="http://xmlns.com/foaf/0.1/"><foaf:Person/></rdf:RDF>';
    expect(isFeed({ content: foaf })).toBe(false);
    expect(isFeed({ content: '<channel xmlns="http://purl.org/rss/1.0/"><title>Notes</title></channel>' })).toBe(false);
    expect((await refusal(() => readFeed(foaf, 'people.rdf'))).message).toContain('people.rdf is XML but not an RSS 2.0, RSS 1.0 or Atom feed');
  });
});

describe('RSS 1.0 feeds', () => {
  it('are read by the prefixes their root declares, whatever they are, with relative addresses resolved against the channel', () => {
    const prefixed = `<?xml version="1.0"?>
<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/">
  <rss:channel r:about="https://notes.example/feed.rdf"><rss:title>Notes</rss:title><rss:link>https://notes.example/blog/</rss:link></rss:channel>
  <rss:item r:about="https://notes.example/blog/one">
    <rss:title>One</rss:title><rss:description>Words.</rss:description>
    <d:date>2020-08-30T23:30:00-07:00</d:date><d:creator>Jo Bloggs</d:creator><d:creator>Jo Bloggs</d:creator>
  </rss:item>
  <rss:item r:about="two"><rss:title>Two</rss:title><c:encoded>&lt;p&gt;More words.&lt;/p&gt;</c:encoded><d:description>Its summary.</d:description></rss:item>
</r:RDF>`;
    expect(isFeed({ content: prefixed })).toBe(true);
    const feed = readFeed(prefixed, 'notes.rdf');
    expect(feed).toMatchObject({ kind: 'rdf', title: 'Notes', source: 'notes.rdf' });
    expect(feed.posts).toEqual([
      // The day as the feed writes it, not moved to UTC.
      { position: 1, title: 'One', link: 'https://notes.example/blog/one', publishedOn: '2020-08-30', time: Date.parse('2020-08-31T06:30:00Z'), authors: ['Jo Bloggs'], content: null, summary: 'Words.' },
      { position: 2, title: 'Two', link: 'https://notes.example/blog/two', publishedOn: null, time: null, authors: [], content: '<p>More words.</p>', summary: 'Its summary.' },
    ]);
  });
});

describe('talkgraph ingest-article and apply-proposal with a feed, by themselves and through the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkgraph-feed-'));
  const editor = 'editor-secret-feed-0123456789';
  const env = { DATABASE_URL: '', TALKGRAPH_DATA_DIR: join(dir, 'db'), TALKGRAPH_TOKEN: '' };
  const rss = () => `${web.base}/northwind/feed.rss`;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let localProposals: ArticleProposal[];

  beforeAll(async () => {
    writeFileSync(join(dir, 'seed-without-reactions.json'), JSON.stringify(seedWithoutReactions()));
    const imported = await talkgraph(['import', join(dir, 'seed-without-reactions.json')], env);
    expect(imported.status, imported.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints each post’s proposal and a summary; with --json an array, which apply-proposal applies proposal by proposal', async () => {
    const text = await talkgraph(['ingest-article', rss()], env);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Post 1 of 3 proposed: "Attacks on clusters, after KubeCon Europe 2020" (${web.base}/northwind/attacks-on-clusters), read from its page`);
    expect(text.stdout).toContain(`Post 3 of 3 proposed: "Prow at KubeCon Europe 2020" (${web.base}/northwind/prow-at-kubecon)`);
    expect(text.stdout).toContain('Article: "Prow at KubeCon Europe 2020" (slug prow-at-kubecon-europe-2020)');
    expect(text.stdout).toContain('[0] accepted  RECOMMENDATION  Priya Raman (Platform Engineer, Northwind Labs)  on  "Going Beyond CI/CD With Prow"');
    expect(text.stdout.trimEnd().split('\n').pop()).toBe('3 posts: 3 proposed');

    const json = await talkgraph(['ingest-article', rss(), '--json'], env);
    expect(json.status, json.stderr).toBe(0);
    expect(json.stderr.trim()).toBe('3 posts: 3 proposed');
    localProposals = JSON.parse(json.stdout) as ArticleProposal[];
    expect(localProposals.map((proposal) => [proposal.article.title, gist(proposal)[0].talk, gist(proposal)[0].person])).toEqual([
      ['Attacks on clusters, after KubeCon Europe 2020', ATTACKS, 'tomasz-nowak'],
      ["Northwind's favourite session of KubeCon Europe 2020", PROW, 'samir-haddad'],
      ['Prow at KubeCon Europe 2020', PROW, 'priya-raman'],
    ]);

    // The reviewer keeps the Prow post, forgets a summary on the favourite, and wants none of the attacks post.
    const [attacks, favourite, prow] = localProposals;
    const file = join(dir, 'proposals.json');
    writeFileSync(
      file,
      JSON.stringify([
        { ...prow, items: prow.items.map((item) => ({ ...item, summary: 'Recommends it to maintainers with more pull requests than reviewers.' })) },
        favourite,
        { ...attacks, items: attacks.items.map((item) => ({ ...item, accepted: false })) },
      ]),
    );
    const applied = await talkgraph(['apply-proposal', file], env);
    expect(applied.status).toBe(1);
    expect(applied.stdout).toContain(`Applied 1 accepted item(s) of proposal [0] of ${file} ("Prow at KubeCon Europe 2020") to the article "prow-at-kubecon-europe-2020":`);
    expect(applied.stdout).toMatch(/reactions +1 created, 0 updated, 0 unchanged/);
    expect(applied.stdout).toContain(`Left out proposal [2] of ${file} ("Attacks on clusters, after KubeCon Europe 2020"): no item is accepted.`);
    expect(applied.stdout).toContain('3 proposal(s): 1 applied, 1 left out, 1 refused.');
    expect(applied.stderr).toContain(
      `talkgraph: proposal [1] of ${file} ("Northwind's favourite session of KubeCon Europe 2020") wrote nothing: items[0] (Samir Haddad on "Going Beyond CI/CD With Prow") is accepted but has no summary`,
    );
    expect(applied.stderr).toContain(`talkgraph: 1 of the 3 proposals in ${file} were refused and wrote nothing; fix them and apply the file again`);

    const again = await talkgraph(['ingest-article', rss(), '--json'], env);
    expect(again.status, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as ArticleProposal[]).map((proposal) => proposal.article.title)).toEqual([
      'Attacks on clusters, after KubeCon Europe 2020',
      "Northwind's favourite session of KubeCon Europe 2020",
    ]);
    expect(again.stderr.trim()).toBe(`3 posts: 2 proposed, 1 already applied (${web.base}/northwind/prow-at-kubecon)`);

    const broken = await talkgraph(['ingest-article', `${web.base}/broken.rss`], env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`talkgraph: ${web.base}/broken.rss is not well-formed XML, so it cannot be read as a feed: Expected closing tag 'title'`);
    const flags = await talkgraph(['ingest-article', rss(), '--url', 'https://example.org/x'], env);
    expect(flags.status).toBe(1);
    expect(flags.stderr).toContain('is a feed, and each of its posts gives its own URL and date: leave out --url and --published-on.');
  }, 300_000);

  it('proposes per post through the server that holds the data folder, skipping what the server’s graph holds, and applies an array there', async () => {
    server = await startServerProcess(join(dir, 'db'), { TALKGRAPH_SEED: 'off', TALKGRAPH_TOKENS: `editor:write:${editor}` });
    const withToken = { ...env, TALKGRAPH_TOKEN: editor };
    const remote = await talkgraph(['ingest-article', rss(), '--json'], withToken);
    expect(remote.status, remote.stderr).toBe(0);
    expect(remote.stderr).toContain('sending the work to it');
    expect(remote.stderr).toContain(`3 posts: 2 proposed, 1 already applied (${web.base}/northwind/prow-at-kubecon)`);
    const proposals = JSON.parse(remote.stdout) as ArticleProposal[];
    expect(proposals.map(gist)).toEqual(localProposals.slice(0, 2).map(gist));

    const file = join(dir, 'remote-proposals.json');
    writeFileSync(file, JSON.stringify([{ ...proposals[1], items: proposals[1].items.map((item) => ({ ...item, summary: 'Names it the best session of the conference.' })) }]));
    const applied = await talkgraph(['apply-proposal', file], withToken);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied 1 accepted item(s) of proposal [0] of ${file} ("Northwind's favourite session of KubeCon Europe 2020") to the article "northwinds-favourite-session-of-kubecon-europe-2020":`);
    expect(applied.stdout).toContain('1 proposal(s): 1 applied, 0 left out, 0 refused.');

    const again = await talkgraph(['ingest-article', rss()], withToken);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Post 1 of 1 proposed: "Attacks on clusters, after KubeCon Europe 2020"');
    expect(again.stdout.trimEnd().split('\n').pop()).toBe(`3 posts: 1 proposed, 2 already applied (${web.base}/northwind/favourite-session; ${web.base}/northwind/prow-at-kubecon)`);

    const atom = await talkgraph(['ingest-article', `${web.base}/max/feed.atom`, '--json'], withToken);
    expect(atom.status, atom.stderr).toBe(0);
    expect((JSON.parse(atom.stdout) as ArticleProposal[]).map((proposal) => gist(proposal)[0].person)).toEqual(['esmael-tahmasebi', 'matthew-rose']);
    expect(atom.stderr).toContain('3 posts: 2 proposed, 1 already recorded under the same slug (max-kelsen-wraps-up-kubecon-day-four)');
  }, 300_000);
});
