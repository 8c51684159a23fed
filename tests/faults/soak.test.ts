// 50 clients at once against a server process, for TALKGRAPH_SOAK_SECONDS (10 s in `npm test`,
// 60 s with `npm run test:soak`): reads of every shape mixed with writes that create, rename and
// delete topics. Not one request may fail, and the server's resident memory at the end must be
// at most 20% above what it was once warmed up: a leak per request shows as steady growth.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBlankPostgresDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js';
import { startServerProcess, stop } from '../helpers/server-process.js';

const seconds = Number(process.env.TALKGRAPH_SOAK_SECONDS ?? 10);
const clients = 50;
const admin = 'admin-secret-0123456789';

const reads = [
  'query Headline { organisation(slug: "max-kelsen") { reactions(filter: { kinds: [HIGHLIGHT, DAY_HIGHLIGHT] }) { edges { node { kind summary person { name } talk { title speakers { person { name } organisation { name } } } } } } } }',
  '{ conferences { nodes { name talks(first: 10) { totalCount nodes { title speakers { person { name affiliations { organisation { name } } } } } } } } }',
  '{ talks(filter: { search: "kubernetes" }) { totalCount nodes { title conference { name } } } }',
  '{ people(first: 20) { totalCount nodes { name talks { totalCount } } } }',
  '{ topics(first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }',
];

/** Resident memory of a process, from /proc: what the operating system has given it. */
function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((each) => each.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D/g, '')) * 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe.each(databaseKinds)(`${clients} clients for ${seconds} s on %s PostgreSQL`, (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-soak-'));
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let db: TestDatabase | undefined;
  afterAll(async () => {
    if (server) await stop(server.child);
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request, and memory stays flat', { timeout: (seconds + 200) * 1000 }, async () => {
    if (kind === 'postgres') db = await createBlankPostgresDatabase();
    server = await startServerProcess(dataDir, { TALKGRAPH_TOKENS: `soak:admin:${admin}`, ...(db ? { DATABASE_URL: (db.target as { url: string }).url } : {}) });
    const { url } = server;
    const pid = server.child.pid!;
    const failures: string[] = [];
    let done = 0;

    const send = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (response.status !== 200 || body.errors) {
        if (failures.length < 5) failures.push(`${response.status} ${JSON.stringify(body).slice(0, 500)}`);
        throw new Error('failed');
      }
      done++;
      return body.data;
    };
    const writeCycle = async (client: number, round: number) => {
      const created = await send('mutation ($name: String!) { createTopic(input: { name: $name }) { ... on CreateTopicPayload { topic { id } } } }', {
        name: `Soak ${client} ${round}`,
      });
      const id = created.createTopic.topic.id;
      await send('mutation ($id: ID!, $name: String!) { updateTopic(input: { id: $id, name: $name }) { __typename } }', { id, name: `Soaked ${client} ${round}` });
      await send('mutation ($id: ID!) { deleteTopic(input: { id: $id }) { __typename } }', { id });
    };
    const client = async (index: number, until: number) => {
      for (let round = 0; Date.now() < until; round++) {
        try {
          if (round % 4 === 3) await writeCycle(index, round);
          else await send(reads[(index + round) % reads.length]);
        } catch {
          // Counted in failures.
        }
      }
    };

    // Warm up until memory settles: V8 sizes its heap to the load and the database fills its
    // buffers over the first tens of seconds, then memory holds (measured: the heap in use has no
    // trend, resident memory climbs for about 40 s). Warmed up once three rounds of 2 s in a row
    // raise the highest RSS seen by less than 2% (at least 16 s, at most 40 s); that highest RSS
    // is the baseline. A server starts with little of the memory it ends up using (it compiles
    // from a code cache, and copies a new data folder rather than loading a dump into memory), and
    // its heap grows to the load in steps, of which two calm rounds can fall between.
    let baseline = rssBytes(pid);
    for (let round = 0, calm = 0; round < 20 && !(round >= 8 && calm >= 3); round++) {
      await Promise.all(Array.from({ length: clients }, (_, i) => client(i, Date.now() + 2000)));
      const now = rssBytes(pid);
      calm = now < baseline * 1.02 ? calm + 1 : 0;
      baseline = Math.max(baseline, now);
    }

    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssBytes(pid)), 500);
    const until = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i, until)));
    clearInterval(sampler);
    const end = median(samples.slice(-3));

    expect(failures).toEqual([]);
    expect(done).toBeGreaterThan(clients);
    expect(end / baseline, `RSS ${Math.round(baseline / 2 ** 20)} MiB after warm-up, ${Math.round(end / 2 ** 20)} MiB at the end`).toBeLessThan(1.2);
    // Every topic a client created was deleted again.
    expect((await send('{ topics(search: "Soak") { totalCount } }')).topics.totalCount).toBe(0);
  });
});
