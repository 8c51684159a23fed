// The database going away under a running server: connections terminated at start and under
// load (a restart or failover during a deploy), the server unreachable, the database dropped,
// migrations behind the code. The server stays up, /ready says whether to send it traffic
// without telling how the database is set up, and it answers again once the database is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { createApp, type App } from '../../src/yoga.js';
import { createBlankPostgresDatabase, createSeededDatabase, databaseKinds, type TestDatabase, withAdmin } from '../helpers/databases.js';
import { execute } from '../helpers/graphql.js';
import { startServerProcess, stop } from '../helpers/server-process.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const onServer = databaseKinds.includes('postgres') ? describe : describe.skip;

const databaseName = (db: Database) => new URL((db.target as { url: string }).url).pathname.slice(1);

/** Ends every connection to `database` but the admin's own, as a failover or a restart would. */
const terminateBackends = (database: string) =>
  withAdmin(async (admin) => {
    const { rows } = await admin.query('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return rows.length;
  });

async function ready(app: App) {
  const response = await app.fetch('http://talkgraph.test/ready');
  return { status: response.status, text: await response.text() };
}

onServer('readiness of a server whose database goes away', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let proxied: Database;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase('postgres');
    const url = new URL((db.target as { url: string }).url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    proxied = await openDatabase({ kind: 'postgres', url: url.toString() }, { onConnectionError: () => {} });
    app = createApp({ database: proxied, logging: false });
  });
  afterAll(async () => {
    await proxied?.close();
    await proxy?.close();
    await db?.dispose();
  });

  it('says not ready while the server cannot be reached, without internals, and ready again after', async () => {
    expect(await ready(app)).toEqual({ status: 200, text: '{"status":"ready"}' });
    await proxy.cut();
    const down = await ready(app);
    expect(down).toEqual({ status: 503, text: '{"status":"not ready","reason":"the database does not answer"}' });
    // A request in the meantime is told to come back: 503, Retry-After and a code; the process lives on.
    expect(await answerTo(app, '{ talks { totalCount } }')).toEqual({
      status: 503,
      retryAfter: '5',
      errors: [expect.objectContaining({ message: 'The database does not answer right now; try again in 5 seconds.', extensions: { code: 'SERVICE_UNAVAILABLE' } })],
    });
    await proxy.restore();
    expect((await ready(app)).status).toBe(200);
    expect(await execute(app, '{ talks { totalCount } }')).toEqual({ talks: { totalCount: 2 } });
  });

  it('says not ready while migrations are behind the code, and ready once they are applied', async () => {
    const [last] = (await proxied.sql.run<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1', []));
    await proxied.sql.run('UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1', [last.migration_name]);
    expect(await ready(app)).toEqual({ status: 503, text: '{"status":"not ready","reason":"database migrations are pending"}' });
    await proxied.sql.run('UPDATE "_prisma_migrations" SET finished_at = now() WHERE migration_name = $1', [last.migration_name]);
    expect((await ready(app)).status).toBe(200);
  });

  it('never shows the driver message or the database name when the database is dropped', async () => {
    const gone = await createSeededDatabase('postgres', { onConnectionError: () => {} });
    const goneApp = createApp({ database: gone, logging: false });
    const name = databaseName(gone);
    await withAdmin((admin) => admin.query(`DROP DATABASE ${name} WITH (FORCE)`));
    const answer = await ready(goneApp);
    expect(answer.status).toBe(503);
    expect(answer.text).not.toContain(name);
    expect(answer.text).not.toMatch(/does not exist|prisma|postgres|terminat/i);
    await gone.close();
  });
});

/** Sends a query and reads the status, Retry-After and the errors, as a client or a load balancer would. */
async function answerTo(app: App, query: string) {
  const response = await app.fetch('http://talkgraph.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), errors: body.errors };
}

// The embedded database lives in the server's own process, so it cannot be cut off; the one time it
// does not answer is after a shutdown has closed it while a request was still arriving.
describe('a request to an embedded database already closed', () => {
  it('is told to try again (503, Retry-After, SERVICE_UNAVAILABLE), not "Unexpected error."', async () => {
    const db = await createSeededDatabase('embedded');
    const app = createApp({ database: db, logging: false });
    expect(await execute(app, '{ talks { totalCount } }')).toEqual({ talks: { totalCount: 2 } });
    await db.dispose();
    expect(await answerTo(app, '{ talks { totalCount } }')).toEqual({
      status: 503,
      retryAfter: '5',
      errors: [expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringMatching(/^The database does not answer right now/) })],
    });
  });
});

describe.each(databaseKinds)('readiness on %s PostgreSQL', (kind) => {
  it('says not ready when the tables are missing', async () => {
    const db = kind === 'postgres' ? await createBlankPostgresDatabase() : await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    try {
      const app = createApp({ database: db, logging: false });
      expect(await ready(app)).toEqual({ status: 503, text: '{"status":"not ready","reason":"database migrations are pending"}' });
    } finally {
      await ('dispose' in db ? (db as TestDatabase).dispose() : db.close());
    }
  });
});

onServer('a server process whose connections are terminated', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-faults-'));
  beforeAll(async () => {
    db = await createBlankPostgresDatabase();
  });
  afterEach(async () => {
    if (server) await stop(server.child);
    server = undefined;
  });
  afterAll(async () => {
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (url: string, query: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string }> } };
  };

  it('starts on a new database while its connections are terminated again and again, then serves', async () => {
    const name = databaseName(db);
    const starting = startServerProcess(dataDir, { DATABASE_URL: (db.target as { url: string }).url });
    let settled = false;
    starting.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Cut the server's connections for 3 s from the first one it opens, through migrating and
    // seeding; the start has to get through on connections opened afterwards.
    let ended = 0;
    let firstCut = 0;
    for (const deadline = Date.now() + 30_000; !settled && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 40))) {
      const now = await terminateBackends(name);
      if (now > 0 && firstCut === 0) firstCut = Date.now();
      ended += now;
      if (firstCut > 0 && Date.now() - firstCut > 3000) break;
    }
    server = await starting;
    expect(ended).toBeGreaterThan(0);
    expect((await post(server.url, '{ talks { totalCount } conferences { totalCount } }')).body).toEqual({
      data: { talks: { totalCount: 2 }, conferences: { totalCount: 1 } },
    });
    expect((await fetch(server.url.replace(/graphql$/, 'ready'))).status).toBe(200);
  });

  it('keeps answering reads while its connections are terminated under load', async () => {
    server = await startServerProcess(dataDir, { DATABASE_URL: (db.target as { url: string }).url, TALKGRAPH_SEED: 'off' });
    const { url } = server;
    const name = databaseName(db);
    const deadline = Date.now() + 5000;
    const failures: unknown[] = [];
    let answered = 0;
    const client = async () => {
      while (Date.now() < deadline) {
        const { status, body } = await post(url, '{ conferences { nodes { name talks(first: 5) { nodes { title speakers { person { name } } } } } } }');
        if (status !== 200 || body.errors) failures.push(body);
        else answered++;
      }
    };
    let kills = 0;
    const killer = (async () => {
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        kills += (await terminateBackends(name)) > 0 ? 1 : 0;
      }
    })();
    await Promise.all([...Array.from({ length: 8 }, client), killer]);
    expect(kills).toBeGreaterThan(3);
    expect(answered).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(url.replace(/graphql$/, 'ready'))).status).toBe(200);
  });
});
