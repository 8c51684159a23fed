// One process per embedded data folder. A server and an import on the same folder used to run
// side by side; each wrote its own pages, rows went missing and a unique index stopped finding
// its keys. Now the second process is refused with a message naming the holder, what the server
// wrote is all there, and amcheck finds every index consistent with its table.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterEach, describe, expect, it } from 'vitest';
import { talkgraph } from '../helpers/cli.js';
import { startServerProcess, stop } from '../helpers/server-process.js';

const fixture = resolve(import.meta.dirname, '../fixtures/schedule.frab.xml');
const bin = resolve(import.meta.dirname, '../../bin/talkgraph.mjs');
const admin = 'admin-secret-0123456789';

async function graphql(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Every B-tree index of the graph checked against its table (bt_index_check with heapallindexed). */
async function checkIndexes(dataDir: string) {
  const db = await PGlite.create(dataDir, { extensions: { amcheck, pg_trgm } });
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
    const { rows: indexes } = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace`,
    );
    for (const { name } of indexes) await db.query(`SELECT bt_index_check('public."${name}"'::regclass, true)`);
    const count = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0].n);
    return {
      indexes: indexes.length,
      lockedTopics: await count(`SELECT count(*)::int AS n FROM "Topic" WHERE "name" LIKE 'Locked topic %'`),
      conferences: await count('SELECT count(*)::int AS n FROM "Conference"'),
      talks: await count('SELECT count(*)::int AS n FROM "Talk"'),
    };
  } finally {
    await db.close();
  }
}

describe('one process per embedded data folder', () => {
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  afterEach(async () => {
    if (server) await stop(server.child);
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  const folderEnv = () => ({ DATABASE_URL: '', TALKGRAPH_DATA_DIR: dataDir });

  it('sends an import to the server that holds the folder only with an admin token, naming the server, and loses nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-lock-'));
    server = await startServerProcess(dataDir, { TALKGRAPH_TOKENS: `ops:admin:${admin}` });
    const { url } = server;

    // Writes through the server while two other processes try to open the folder.
    const writes = Promise.all(
      Array.from({ length: 20 }, (_, i) => graphql(url, 'mutation ($name: String!) { createTopic(input: { name: $name }) { __typename } }', { name: `Locked topic ${i}` })),
    );
    const noToken = { ...folderEnv(), TALKGRAPH_TOKEN: '' };
    const [importing, exporting] = await Promise.all([talkgraph(['import', fixture], noToken), talkgraph(['export'], noToken), writes]);
    // The import would go through the server, but without TALKGRAPH_TOKEN it cannot: it says so, naming the server.
    expect(importing.status).toBe(1);
    expect(importing.stderr.trim().split('\n')).toHaveLength(1);
    expect(importing.stderr).toContain(`The server at ${url} (process ${server.child.pid}) holds the embedded database in ${dataDir}`);
    expect(importing.stderr).toContain('talkgraph import needs an API token with the admin scope: set TALKGRAPH_TOKEN');
    expect(importing.stderr).not.toContain('unexpected failure');
    // Export does not go through the server: it is refused, naming the server.
    expect(exporting.status).toBe(1);
    expect(exporting.stderr.trim().split('\n')).toHaveLength(1);
    expect(exporting.stderr).toContain(`is in use by process ${server.child.pid} "talkgraph serve" serving ${url}`);
    expect(exporting.stderr).not.toContain('unexpected failure');
    const counts = async () => graphql(url, '{ topics(search: "Locked topic") { totalCount } talks { totalCount } }');
    const before = await counts();
    expect(before.topics.totalCount).toBe(20);

    // With an admin token the import goes through the server.
    const remote = await talkgraph(['import', fixture], { ...folderEnv(), TALKGRAPH_TOKEN: admin });
    expect(remote.status, remote.stderr).toBe(0);
    expect(remote.stdout).toMatch(/talks +4 created/);
    expect((await counts()).talks.totalCount).toBe(before.talks.totalCount + 4);

    expect(await stop(server.child)).toBe(0);
    server = undefined;
    // Released on a clean stop: the same import now runs in this process, and finds it all there.
    const imported = await talkgraph(['import', fixture], folderEnv());
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).not.toMatch(/talks +4 created/);

    const checked = await checkIndexes(dataDir);
    expect(checked.indexes).toBeGreaterThan(10);
    expect(checked).toMatchObject({ lockedTopics: 20, conferences: 2, talks: 6 });
  });

  it('takes over the lock of a process that died, and refuses one held by a live process', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-lock-'));
    server = await startServerProcess(dataDir);
    const lockFile = join(dataDir, 'talkgraph.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.child.pid, command: 'talkgraph serve' });
    server.child.kill('SIGKILL');
    await new Promise((done) => server!.child.once('exit', done));
    server = undefined;

    // The dead server's lock is still there; a new server takes it over.
    server = await startServerProcess(dataDir);
    await stop(server.child);
    server = undefined;

    // A lock naming a process that runs (this test) is respected.
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: hostname(), command: 'vitest', since: new Date().toISOString() }));
    const refused = await talkgraph(['serve'], { ...folderEnv(), PORT: '0' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${process.pid} "vitest"`);
    expect(refused.stderr).toContain(`delete ${lockFile}`);
  });

  it('opens the folder right after its holder was killed, before the dead process is reaped', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-lock-'));
    // The server's parent is a shell that then becomes `sleep`, which never waits for children: once
    // killed, the server stays a zombie, and its pid answers kill(pid, 0), as long as sleep runs.
    const parent = spawn('/bin/sh', ['-c', '"$0" "$1" serve & echo "server pid $!"; exec sleep 120', process.execPath, bin], {
      env: { ...process.env, ...folderEnv(), PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const started = await new Promise<{ pid: number; url: string }>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const pid = /server pid (\d+)/.exec(output);
          const url = /at (http:\/\/\S+\/graphql)/.exec(output);
          if (pid && url) {
            clearTimeout(timer);
            done({ pid: Number(pid[1]), url: url[1] });
          }
        };
        parent.stdout!.on('data', onData);
        parent.stderr!.on('data', onData);
      });
      const lockFile = join(dataDir, 'talkgraph.lock');
      const holder = JSON.parse(readFileSync(lockFile, 'utf8'));
      expect(holder).toMatchObject({ pid: started.pid, url: started.url, socket: expect.stringMatching(/^talkgraph\.lock\.\d+\.[0-9a-f]+\.sock$/) });

      // A live holder is refused, described by the holder itself.
      const refused = await talkgraph(['export'], folderEnv());
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`is in use by process ${started.pid} "talkgraph serve" serving ${started.url}`);

      process.kill(started.pid, 'SIGKILL');
      // Dead but not reaped: a zombie, whose pid still looks alive.
      await new Promise<void>((done, fail) => {
        const deadline = Date.now() + 10_000;
        const check = () => {
          const state = readFileSync(`/proc/${started.pid}/stat`, 'utf8').split(') ')[1]?.[0];
          if (state === 'Z') return done();
          if (Date.now() > deadline) return fail(new Error(`process ${started.pid} is in state ${state}, not a zombie`));
          setTimeout(check, 20);
        };
        check();
      });
      expect(() => process.kill(started.pid, 0)).not.toThrow();
      expect(existsSync(join(dataDir, holder.socket))).toBe(true);

      server = await startServerProcess(dataDir, { TALKGRAPH_TOKENS: `ops:admin:${admin}` });
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.child.pid, url: server.url });
      // The dead holder's socket is gone with its lock; the new holder's is the only one.
      const sockets = readdirSync(dataDir).filter((name) => name.endsWith('.sock'));
      expect(sockets).toEqual([JSON.parse(readFileSync(lockFile, 'utf8')).socket]);
      expect((await graphql(server.url, '{ talks { totalCount } }')).talks.totalCount).toBe(2);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 180_000);
});
