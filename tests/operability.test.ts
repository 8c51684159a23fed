// Running talkgraph as a service: JSON logs that follow a request and hold no secret, Prometheus
// metrics, a drain on SIGTERM that lets requests in flight finish, and an `npm start` that a
// process manager can stop.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/yoga.js';
import { createSeededDatabase, createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { request } from './helpers/graphql.js';
import { startServerProcess, stop } from './helpers/server-process.js';

const admin = 'admin-secret-0123456789';
const reader = 'reader-secret-0123456789';
const tokensEnv = `ops:admin:${admin},viewer:read:${reader}`;

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((done) => setTimeout(done, 50))) {
    if (condition()) return true;
  }
  return condition();
}

describe('a server process as a service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-ops-'));
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  beforeAll(async () => {
    server = await startServerProcess(dataDir, { TALKGRAPH_TOKENS: tokensEnv });
  });
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs JSON lines with the request id and operation name, and never a token', async () => {
    const response = await post(server.url, { query: 'query HeadlineTalks { talks { totalCount } }' }, { 'x-request-id': 'req-42', authorization: `Bearer ${admin}` });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const generated = await post(server.url, { query: '{ talks(first: 1, last: 1) { totalCount } }' }, { authorization: `Bearer ${reader}` });
    const generatedId = generated.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    await post(server.url, { query: 'mutation { createTopic(input: { name: "x" }) { __typename } }' }, { authorization: 'Bearer not-a-valid-token-at-all' });
    await new Promise((done) => setTimeout(done, 200));

    const lines = server.output().split('\n').filter(Boolean);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, any>);
    expect(entries.every((entry) => typeof entry.level === 'number' && typeof entry.msg === 'string')).toBe(true);
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'request', requestId: 'req-42', operation: 'HeadlineTalks', method: 'POST', path: '/graphql', status: 200 }));
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'request', requestId: generatedId, operation: 'anonymous', errors: ['INVALID_INPUT'] }));
    const output = server.output();
    for (const secret of [admin, reader, 'not-a-valid-token-at-all']) expect(output).not.toContain(secret);
  });

  it('serves Prometheus metrics: requests and latency per operation, errors by code, process memory', async () => {
    await post(server.url, { query: 'query CountTalks { talks { totalCount } }' });
    await post(server.url, { query: 'query CountTalks { talks { totalCount } }' });
    await post(server.url, { query: '{ talks(first: 1, last: 1) { totalCount } }' });
    const metrics = await (await fetch(server.url.replace(/graphql$/, 'metrics'))).text();
    expect(metrics).toMatch(/^talkgraph_graphql_requests_total\{operation="CountTalks",type="query"\} 2$/m);
    expect(metrics).toMatch(/^talkgraph_graphql_request_duration_seconds_count\{operation="CountTalks"\} 2$/m);
    expect(metrics).toMatch(/^talkgraph_graphql_errors_total\{code="INVALID_INPUT"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('drains on SIGTERM: a request in flight gets its answer, new connections are refused', async () => {
    const body = JSON.stringify({ query: '{ talks { totalCount } }' });
    const url = new URL(server.url);
    // A request whose body is still arriving when the signal comes.
    const answer = new Promise<{ status: number; text: string }>((resolvePromise, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 200);
    });
    const exited = new Promise<number | null>((done) => server.child.once('exit', done));
    const { status, text } = await answer;
    expect({ status, body: JSON.parse(text) }).toEqual({ status: 200, body: { data: { talks: { totalCount: 2 } } } });
    expect(await exited).toBe(0);
    await expect(fetch(server.url)).rejects.toThrow();
    expect(server.output()).toContain('draining requests in flight');
    expect(server.output()).toContain('talkgraph stopped.');
  });
});

describe('npm start under a process manager', () => {
  it('stops the server when npm receives SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-npm-'));
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: '', TALKGRAPH_DATA_DIR: dataDir, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      expect(await waitFor(() => output.includes('talkgraph serves'), 60_000), output).toBe(true);
      const serving = output.split('\n').find((line) => line.includes('talkgraph serves'))!;
      const { pid } = JSON.parse(serving) as { pid: number };
      npm.kill('SIGTERM');
      expect(await waitFor(() => !isAlive(pid), 10_000), `the server (pid ${pid}) still runs after SIGTERM to npm start:\n${output}`).toBe(true);
      expect(output).toContain('talkgraph stopped.');
    } finally {
      npm.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('metrics in process', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createSeededDatabase('embedded');
  });
  afterAll(() => db?.dispose());

  it('need a read token when reads are closed', async () => {
    const app = createApp({ database: db, logging: false, openReads: false, tokens: [{ name: 'viewer', scopes: ['read'], secret: reader }] });
    expect((await app.fetch('http://talkgraph.test/metrics')).status).toBe(401);
    const allowed = await app.fetch('http://talkgraph.test/metrics', { headers: { authorization: `Bearer ${reader}` } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toContain('text/plain');
  });

  it.runIf(databaseKinds.includes('postgres'))('show the PostgreSQL pool in use', async () => {
    const server = await createTestDatabase('postgres');
    try {
      const app = createApp({ database: server, logging: false });
      await request(app, '{ talks { totalCount } }');
      const metrics = await (await app.fetch('http://talkgraph.test/metrics')).text();
      expect(metrics).toMatch(/^talkgraph_db_pool_connections\{state="idle"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^talkgraph_db_pool_connections\{state="busy"\} \d+$/m);
      expect(metrics).toMatch(/^talkgraph_db_pool_waiting 0$/m);
      expect(metrics).toMatch(/^talkgraph_db_pool_max 10$/m);
    } finally {
      await server.dispose();
    }
  });

  it('count client-chosen operation names up to a bound, then as "other"', async () => {
    const app = createApp({ database: db, logging: false });
    for (let i = 0; i < 210; i++) await request(app, `query Op${i} { __typename }`);
    const metrics = await (await app.fetch('http://talkgraph.test/metrics')).text();
    expect(metrics.match(/^talkgraph_graphql_requests_total\{/gm)).toHaveLength(201);
    expect(metrics).toMatch(/^talkgraph_graphql_requests_total\{operation="other",type="query"\} 10$/m);
  });
});
