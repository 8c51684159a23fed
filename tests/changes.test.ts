// The change feed, subscriptions and the response cache: what a dashboard relies on. A committed
// write is announced once, a rolled-back one never; subscribers get the events that match their
// filter, from writes of any process on the database; the cache answers a repeated read and is
// emptied by writes made through another app on the same database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiToken } from '../src/auth.js';
import { decodeGlobalId } from '../src/builder.js';
import { announce, type Change, type FeedSignal, payloadsOf, parsePayload, prismaStatements } from '../src/db/changes.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { Reader } from '../src/read/reader.js';
import { LiveUpdates } from '../src/schema/subscriptions.js';
import { createApp, type App } from '../src/yoga.js';
import { talkgraph } from './helpers/cli.js';
import { createSeededDatabase, databaseKinds, type TestDatabase, withAdmin } from './helpers/databases.js';
import { execute, mutate } from './helpers/graphql.js';
import { startServerProcess, stop } from './helpers/server-process.js';
import { subscribe } from './helpers/sse.js';

const writer = 'writer-secret-0123456789';
const admin = 'admin-secret-0123456789';
const tokens: ApiToken[] = [
  { name: 'editor', scopes: ['write'], secret: writer },
  { name: 'ops', scopes: ['admin'], secret: admin },
];
const kubecon = 'kubecon-cloudnativecon-europe-2020';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every signal the feed of `db` hears, from now on. */
function hear(db: Database) {
  const signals: FeedSignal[] = [];
  const stop = db.changes().subscribe((signal) => signals.push(signal));
  return { signals, stop, changes: () => signals.flatMap((signal) => (signal.type === 'change' ? [signal.change] : [])) };
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; !condition(); await sleep(20)) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
  }
}

const reactionDataset = (summary: string, kind = 'TAKEAWAY') => ({
  format: 'talkgraph',
  version: 1,
  articles: [
    {
      slug: 'another-recap',
      title: 'Another recap',
      reactions: [{ person: 'matthew-rose', organisation: 'max-kelsen', talk: `${kubecon}/going-beyond-ci-cd-with-prow`, kind, summary }],
    },
  ],
});

describe('change payloads', () => {
  it('split a large change into notifications under 8000 bytes that carry every row, the summary last', () => {
    const change: Change = {
      source: 'import',
      rows: Array.from({ length: 3000 }, (_, i) => ({ type: 'Talk' as const, change: 'CREATED' as const, id: 100_000 + i, conferenceId: 7 })),
      graph: { conferenceIds: [7] },
    };
    const payloads = payloadsOf(change);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    const parsed = payloads.map((payload) => parsePayload(payload)!);
    expect(parsed.flatMap((part) => part.rows.map((row) => row.id))).toEqual(change.rows.map((row) => row.id));
    expect(parsed.map((part) => part.graph)).toEqual([...Array(payloads.length - 1).fill(undefined), { conferenceIds: [7] }]);
  });
});

describe.each(databaseKinds)('the change feed on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeEach(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false, tokens });
    await db.changes().ready;
  });
  afterEach(() => db?.dispose());

  it('announces a mutation once, after it commits, with what changed', async () => {
    const heard = hear(db);
    const { topic } = await mutate(app, 'createTopic', { name: 'Live updates' }, { token: writer, selection: '{ topic { id } }' });
    await until(() => heard.changes().length > 0);
    await sleep(200);
    expect(heard.changes()).toEqual([
      { source: 'mutation', at: expect.any(String), rows: [{ type: 'Topic', change: 'CREATED', id: Number(decodeGlobalId(topic.id).id) }] },
    ]);
  });

  it('announces nothing before the commit, and nothing at all for a rolled-back write', async () => {
    const heard = hear(db);
    const change: Change = { source: 'mutation', rows: [{ type: 'Topic', change: 'UPDATED', id: 1 }] };
    await expect(
      db.prisma.$transaction(async (tx) => {
        await announce(prismaStatements(tx), change);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.prisma.$transaction(async (tx) => {
      await announce(prismaStatements(tx), change);
      await sleep(300);
      expect(heard.changes()).toEqual([]);
    });
    await until(() => heard.changes().length > 0);
    await sleep(200);
    expect(heard.changes()).toHaveLength(1);
  });

  it('sends reactionRecorded to a subscriber whose filter matches, not to one whose filter does not', async () => {
    const document = 'subscription ($filter: ReactionFeedFilter) { reactionRecorded(filter: $filter) { change reactionId missedChanges reaction { summary kind person { slug } } } }';
    const takeaways = await subscribe(app, document, { variables: { filter: { organisation: 'max-kelsen', conference: kubecon, kinds: ['TAKEAWAY'] } } });
    const critiques = await subscribe(app, document, { variables: { filter: { kinds: ['CRITIQUE'] } } });
    const elsewhere = await subscribe(app, document, { variables: { filter: { organisation: 'sysdig' } } });
    expect(takeaways.status).toBe(200);
    await loadDataset(db.prisma, reactionDataset('Took away how Prow labels pull requests.'));
    const event = await takeaways.next();
    expect(event.data.reactionRecorded).toMatchObject({
      change: 'CREATED',
      missedChanges: false,
      reaction: { summary: 'Took away how Prow labels pull requests.', kind: 'TAKEAWAY', person: { slug: 'matthew-rose' } },
    });
    expect(decodeGlobalId(event.data.reactionRecorded.reactionId).typename).toBe('Reaction');
    expect(await critiques.drain(300)).toEqual([]);
    expect(await elsewhere.drain(0)).toEqual([]);
    // The reader is new for every event: an update is read as it is now.
    await loadDataset(db.prisma, reactionDataset('Took away how Prow merges pull requests.'));
    expect((await takeaways.next()).data.reactionRecorded).toMatchObject({ change: 'UPDATED', reaction: { summary: 'Took away how Prow merges pull requests.' } });
    for (const each of [takeaways, critiques, elsewhere]) each.close();
  });

  it('refuses a filter naming an organisation that does not exist', async () => {
    const subscription = await subscribe(app, 'subscription { reactionRecorded(filter: { organisation: "no-such-org" }) { change } }');
    const event = await subscription.next();
    expect(event.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'filter.organisation' } });
    subscription.close();
  });

  it('sends graphChanged after an import, with the conferences it touched, and talksChanged for its talks', async () => {
    const graph = await subscribe(app, 'subscription { graphChanged { source at conferences { slug } missedChanges } }');
    const talks = await subscribe(app, `subscription { talksChanged(conference: "${kubecon}") { change talkIds conference { slug } } }`);
    const { talks: _talks, ...kubeconRecord } = (await import('../prisma/seed/talkgraph.seed.json', { with: { type: 'json' } })).default.conferences[0];
    await loadDataset(db.prisma, {
      format: 'talkgraph',
      version: 1,
      conferences: [
        { ...kubeconRecord, talks: [{ slug: 'late-addition', title: 'A late addition' }] },
        { slug: 'devconf-2031', name: 'DevConf 2031', talks: [{ slug: 'a', title: 'A' }, { slug: 'b', title: 'B' }] },
      ],
    });
    const event = (await graph.next()).data.graphChanged;
    expect(event).toMatchObject({ source: 'import', conferences: [{ slug: kubecon }, { slug: 'devconf-2031' }], missedChanges: false });
    expect(Date.now() - Date.parse(event.at)).toBeLessThan(60_000);
    const changed = (await talks.next()).data.talksChanged;
    expect(changed).toMatchObject({ change: 'CREATED', conference: { slug: kubecon } });
    const created = await db.prisma.talk.findFirstOrThrow({ where: { slug: 'late-addition' }, select: { id: true } });
    expect(changed.talkIds.map((id: string) => decodeGlobalId(id))).toEqual([{ typename: 'Talk', id: String(created.id) }]);
    // DevConf's talks are not this subscription's.
    expect(await talks.drain(300)).toEqual([]);
    graph.close();
    talks.close();
  });

  it('needs a token for subscriptions when reads need one', async () => {
    const closed = createApp({ database: db, logging: false, tokens, openReads: false });
    const anonymous = await subscribe(closed, 'subscription { graphChanged { source } }');
    expect((await anonymous.next()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    anonymous.close();
  });

  it('refuses subscriptions past the limit with LIMIT_EXCEEDED, and drops a client that stops reading without holding up the others', async () => {
    const live = new LiveUpdates(() => db.changes(), () => new Reader(db.sql), { maxSubscriptions: 2, queueSize: 5 });
    const limited = createApp({ database: db, logging: false, tokens, live });
    const document = 'subscription { talksChanged { change talkIds } }';
    const reading = await subscribe(limited, document);
    const stalled = await subscribe(limited, document, { read: false });
    const third = await subscribe(limited, document);
    expect((await third.next()).errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED' } });
    const talkId = (await db.prisma.talk.findFirstOrThrow({ select: { id: true } })).id;
    for (let n = 0; n < 40; n++) {
      await db.prisma.$transaction((tx) => announce(prismaStatements(tx), { source: 'mutation', rows: [{ type: 'Talk', change: 'UPDATED', id: talkId, conferenceId: 1 }] }));
    }
    const received = [];
    while (received.length < 40) received.push(await reading.next());
    expect(received.every((event) => event.data.talksChanged.change === 'UPDATED')).toBe(true);
    expect(live.dropped).toBe(1);
    expect(live.subscriptions).toBe(1);
    reading.close();
    stalled.close();
  });
});

describe.each(databaseKinds)('the response cache on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let other: Database | undefined;
  beforeEach(async () => {
    db = await createSeededDatabase(kind);
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await db?.dispose();
  });

  // Search is read by a statement of its own, so this read is executed: its repeats come from the cache.
  const read = (app: App, headers: Record<string, string> = {}) =>
    app.fetch('http://talkgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: `{ conference(slug: "${kubecon}") { id name talks { totalCount } } search(query: "kubernetes", first: 1) { type } }` }),
    });
  // One statement answers this read: its repeats are answered as they arrive, read afresh.
  const compiledRead = (app: App, headers: Record<string, string> = {}) =>
    app.fetch('http://talkgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: `{ conference(slug: "${kubecon}") { id name talks { totalCount } } }` }),
    });

  it('reads a repeat of a compiled read afresh, and answers If-None-Match with 304 from the cache', async () => {
    const app = createApp({ database: db, logging: false, tokens, responseCache: { ttlMs: 60_000 } });
    await db.changes().ready;
    const first = await compiledRead(app);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const body = await first.json();
    const again = await compiledRead(app);
    expect(again.headers.get('x-talkgraph-cache')).toBeNull();
    expect(await again.json()).toEqual(body);
    expect((await compiledRead(app, { 'if-none-match': etag! })).status).toBe(304);
    // Read afresh: a write shows at once, before its notification has emptied the cache.
    await db.prisma.conference.update({ where: { slug: kubecon }, data: { name: 'KubeCon Europe 2020 (renamed)' } });
    expect((await (await compiledRead(app)).json()).data.conference.name).toBe('KubeCon Europe 2020 (renamed)');
  });

  it('answers a repeated read from the cache, with an ETag that If-None-Match turns into 304', async () => {
    const app = createApp({ database: db, logging: false, tokens, responseCache: { ttlMs: 60_000 } });
    await db.changes().ready;
    const first = await read(app);
    const etag = first.headers.get('etag');
    expect(first.headers.get('x-talkgraph-cache')).toBeNull();
    expect(etag).toBeTruthy();
    const second = await read(app);
    expect(second.headers.get('x-talkgraph-cache')).toBe('hit');
    expect(await second.json()).toEqual(await first.json());
    const unchanged = await read(app, { 'if-none-match': etag! });
    expect(unchanged.status).toBe(304);
    // A token's scope has answers of its own; the explain header is never served from the cache.
    expect((await read(app, { authorization: `Bearer ${writer}` })).headers.get('x-talkgraph-cache')).toBeNull();
    expect((await read(app, { authorization: `Bearer ${admin}`, 'x-talkgraph-explain': 'statements' })).headers.get('x-talkgraph-cache')).toBeNull();
    expect((await read(app, { authorization: `Bearer ${admin}`, 'x-talkgraph-explain': 'statements' })).headers.get('x-talkgraph-cache')).toBeNull();
  });

  it('leaves a repeat of a compiled read that groups whole lists (facets, histograms) to the cache', async () => {
    const app = createApp({ database: db, logging: false, tokens, responseCache: { ttlMs: 60_000 } });
    await db.changes().ready;
    const grouped = () =>
      app.fetch('http://talkgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ conference(slug: "${kubecon}") { talks { facets { kinds { kind count } } histogram(interval: DAY) { count } } } }` }),
      });
    const first = await grouped();
    expect(first.headers.get('x-talkgraph-cache')).toBeNull();
    const body = await first.json();
    expect(body.data.conference.talks.facets.kinds.length).toBeGreaterThan(0);
    const again = await grouped();
    expect(again.headers.get('x-talkgraph-cache')).toBe('hit');
    expect(await again.json()).toEqual(body);
  });

  it('answers fresh after a write made through another app on the same database', async () => {
    const app = createApp({ database: db, logging: false, tokens, responseCache: { ttlMs: 60_000 } });
    other = kind === 'postgres' ? await openDatabase(db.target) : undefined;
    const writerApp = createApp({ database: other ?? db, logging: false, tokens });
    await db.changes().ready;
    const before = await (await read(app)).json();
    expect((await read(app)).headers.get('x-talkgraph-cache')).toBe('hit');
    await mutate(writerApp, 'updateConference', { id: before.data.conference.id, name: 'KubeCon Europe 2020 (virtual)' }, { token: writer });
    let fresh = await read(app);
    // The notification travels through the database; it arrives within moments.
    for (let tries = 0; fresh.headers.get('x-talkgraph-cache') === 'hit' && tries < 50; tries++) {
      await sleep(20);
      fresh = await read(app);
    }
    expect(fresh.headers.get('x-talkgraph-cache')).toBeNull();
    expect((await fresh.json()).data.conference.name).toBe('KubeCon Europe 2020 (virtual)');
  });
});

const onServer = databaseKinds.includes('postgres') ? describe : describe.skip;

onServer('the change feed across processes on a PostgreSQL server', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-changes-'));
  beforeAll(async () => {
    db = await createSeededDatabase('postgres');
  });
  afterAll(async () => {
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells a subscriber of a server process about an import made by the talkgraph command', async () => {
    const url = (db.target as { url: string }).url;
    const server = await startServerProcess(dataDir, { DATABASE_URL: url, TALKGRAPH_SEED: 'off' });
    try {
      const graph = await subscribe(server.url, 'subscription { graphChanged { source conferences { slug } } }');
      const file = join(dataDir, 'programme.json');
      writeFileSync(
        file,
        JSON.stringify({ format: 'talkgraph', version: 1, conferences: [{ slug: 'cli-conf-2031', name: 'CLI Conf 2031', talks: [{ slug: 'x', title: 'X' }] }] }),
      );
      const imported = await talkgraph(['import', file], { DATABASE_URL: url });
      expect(imported.status, imported.stderr).toBe(0);
      expect((await graph.next(20_000)).data.graphChanged).toEqual({ source: 'import', conferences: [{ slug: 'cli-conf-2031' }] });
      graph.close();
    } finally {
      await stop(server.child);
    }
  });

  it('serves subscriptions over WebSocket (graphql-ws) on the same port', async () => {
    const url = (db.target as { url: string }).url;
    const server = await startServerProcess(dataDir, { DATABASE_URL: url, TALKGRAPH_SEED: 'off' });
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const events: unknown[] = [];
      let subscribed!: () => void;
      const started = new Promise<void>((resolve) => (subscribed = resolve));
      const done = new Promise<void>((resolve, reject) => {
        client.on('connected', () => setTimeout(subscribed, 500));
        client.subscribe(
          { query: 'subscription { talksChanged(conference: "kubecon-cloudnativecon-europe-2020") { change conference { slug } } }' },
          { next: (event) => (events.push(event.data), resolve()), error: reject, complete: () => resolve() },
        );
      });
      await started;
      const talk = await db.prisma.talk.findFirstOrThrow({ where: { conference: { slug: kubecon } }, select: { id: true, conferenceId: true } });
      // graphql-ws does not say when the server has started the subscription: announce until it hears.
      let heard = false;
      void done.then(() => (heard = true));
      for (let tries = 0; !heard && tries < 30; tries++) {
        await db.prisma.$transaction((tx) => announce(prismaStatements(tx), { source: 'mutation', rows: [{ type: 'Talk', change: 'UPDATED', id: talk.id, conferenceId: talk.conferenceId }] }));
        await Promise.race([done, sleep(1000)]);
      }
      await done;
      expect(events[0]).toEqual({ talksChanged: { change: 'UPDATED', conference: { slug: kubecon } } });
    } finally {
      await client.dispose();
      await stop(server.child);
    }
  });

  it('reconnects after its connection is terminated, and the next event says changes may have been missed', async () => {
    const app = createApp({ database: db, logging: false, tokens });
    const feed = db.changes();
    await feed.ready;
    const subscription = await subscribe(app, 'subscription { graphChanged { source missedChanges } }');
    const pid = await feed.backendPid();
    expect(pid).toBeTypeOf('number');
    await withAdmin((admin) => admin.query('SELECT pg_terminate_backend($1)', [pid]));
    await until(() => feed.reconnects === 1 && feed.listening);
    expect(await feed.backendPid()).not.toBe(pid);
    await loadDataset(db.prisma, reactionDataset('Heard after the reconnect.'));
    expect((await subscription.next()).data.graphChanged).toEqual({ source: 'import', missedChanges: true });
    await loadDataset(db.prisma, reactionDataset('And again.'));
    expect((await subscription.next()).data.graphChanged).toEqual({ source: 'import', missedChanges: false });
    subscription.close();
  });
});
