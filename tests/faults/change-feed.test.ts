// The change feed under PostgreSQL connections killed again and again while writers write and a
// subscriber listens, as a failover or a restart during a deploy would: no acknowledged write is
// lost, the server's feed connects again on its own, and the subscriber (whose HTTP stream does
// not depend on the database) goes on getting events, told that it may have missed some.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDatabase, databaseKinds, type TestDatabase, withAdmin } from '../helpers/databases.js';
import { startServerProcess, stop } from '../helpers/server-process.js';
import { subscribe } from '../helpers/sse.js';

const onServer = databaseKinds.includes('postgres') ? describe : describe.skip;
const writer = 'writer-secret-0123456789';

onServer('the change feed while PostgreSQL connections are terminated under load', () => {
  let db: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-feed-faults-'));
  beforeAll(async () => {
    db = await createSeededDatabase('postgres', { onConnectionError: () => {} });
  });
  afterAll(async () => {
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write, and its subscribers resume', async () => {
    const url = (db.target as { url: string }).url;
    const name = new URL(url).pathname.slice(1);
    const server = await startServerProcess(dataDir, { DATABASE_URL: url, TALKGRAPH_SEED: 'off', TALKGRAPH_TOKENS: `editor:write:${writer}` });
    try {
      const post = async (query: string, variables: Record<string, unknown> = {}) => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } };
      };
      const conferenceId = (await post('{ conference(slug: "kubecon-cloudnativecon-europe-2020") { id } }')).body.data.conference.id;
      const createTalk = (title: string) =>
        post('mutation ($input: CreateTalkInput!) { createTalk(input: $input) { __typename ... on CreateTalkPayload { talk { id } } } }', {
          input: { conferenceId, title },
        });
      // The first write loads Prisma's query compiler; warm it up before the storm.
      expect((await createTalk('Before the storm')).body.data.createTalk.__typename).toBe('CreateTalkPayload');
      const subscription = await subscribe(server.url, 'subscription { talksChanged { change talkIds missedChanges } }');
      const acknowledged: string[] = [];
      let attempts = 0;
      const deadline = Date.now() + 10_000;
      const writerLoop = async (n: number) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const title = `Written under fire ${n}-${i}`;
          attempts++;
          const { status, body } = await createTalk(title).catch(() => ({ status: 0, body: {} as { data?: any } }));
          if (status === 200 && body.data?.createTalk?.__typename === 'CreateTalkPayload') acknowledged.push(title);
        }
      };
      let kills = 0;
      const killer = (async () => {
        while (Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const { rows } = await withAdmin((admin) =>
            admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]),
          );
          if (rows.length > 0) kills++;
        }
      })();
      await Promise.all([writerLoop(1), writerLoop(2), writerLoop(3), killer]);
      expect(kills).toBeGreaterThan(3);
      expect(acknowledged.length).toBeGreaterThan(0);
      const stored = await db.prisma.talk.findMany({ where: { title: { in: acknowledged } }, select: { title: true } });
      expect(stored.map((talk) => talk.title).sort()).toEqual([...acknowledged].sort());

      // Once the killing stops, a write is heard again (the feed may need a moment to reconnect).
      const heard = new Set<string>();
      const events: Array<{ missedChanges: boolean }> = [];
      let last: string | undefined;
      for (const until = Date.now() + 30_000; Date.now() < until; ) {
        const { body } = await createTalk(`After the storm ${Date.now()}`);
        last = body.data?.createTalk?.talk?.id;
        for (const event of await subscription.drain(500)) {
          events.push(event.data.talksChanged);
          for (const id of event.data.talksChanged.talkIds) heard.add(id);
        }
        if (last && heard.has(last)) break;
      }
      expect(last && heard.has(last)).toBe(true);
      expect(subscription.completed()).toBe(false);
      // The feed's connection was among those ended: some event said changes may have been missed.
      expect(events.some((event) => event.missedChanges)).toBe(true);
      subscription.close();
    } finally {
      await stop(server.child);
    }
  });
});
