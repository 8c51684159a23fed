// The process entry: open the database, bring it up to date, serve HTTP, shut down cleanly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTokens } from './auth.js';
import { type Database, openDatabase, targetFromEnv } from './db/client.js';
import { isNewDataDir, seededTemplate } from './db/embedded-template.js';
import { migrate } from './db/migrations.js';
import { seed } from './db/seed.js';
import { createApp } from './yoga.js';

export interface RunningServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** Asked in plain SQL: the first Prisma query loads its query compiler, memory a read-only server never needs. */
async function graphHasConferences(database: Database): Promise<boolean> {
  const [row] = await database.sql.run<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM "Conference") AS any', []);
  return row.any;
}

/** Migrates, seeds an empty graph, and listens. PORT and HOST default to 4000 on loopback. */
export async function startServer({ env = process.env, log = console.log, ...options }: ServeOptions = {}): Promise<RunningServer> {
  const tokens = parseTokens(env.TALKGRAPH_TOKENS);
  const target = targetFromEnv(env);
  const seeding = env.TALKGRAPH_SEED !== 'off';
  if (target.kind === 'embedded' && seeding && isNewDataDir(target.dataDir)) {
    // A first start: begin from the installed dump of a migrated, seeded database, when there is one.
    target.loadFrom = seededTemplate();
  }
  const database = await openDatabase(target);
  if (target.kind === 'embedded' && target.loadFrom) log('The data folder was new: loaded the seed knowledge with the installed template database.');
  try {
    const applied = await migrate(database);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    if (seeding && !(await graphHasConferences(database))) {
      await seed(database.prisma);
      log('The graph was empty: loaded the seed knowledge.');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = createApp({
    database,
    tokens,
    openReads: env.TALKGRAPH_OPEN_READS !== 'off',
    introspection: env.TALKGRAPH_INTROSPECTION !== 'off',
  });
  const server: Server = createServer(app);
  const port = options.port ?? Number(env.PORT ?? 4000);
  const host = options.host ?? env.HOST ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/graphql`;
  log(`talkgraph serves ${database.label} at ${url} (GraphiQL in a browser; tokens configured: ${tokens.length})`);
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await database.close();
      })()),
  };
}

/** `talkgraph serve`: runs until SIGINT or SIGTERM, then closes HTTP and the database. */
export async function serve(): Promise<void> {
  const running = await startServer();
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: shutting down`);
      running.close().then(resolve, (error) => {
        console.error('talkgraph: shutdown failed:', error);
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  console.log('talkgraph stopped.');
}
