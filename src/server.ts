// The process entry: open the database, bring it up to date, serve HTTP, drain and shut down cleanly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseTokens } from './auth.js';
import { type Database, type DatabaseTarget, openDatabase, targetFromEnv } from './db/client.js';
import { DatabaseUnreachableError, isConnectionLost } from './db/connection-errors.js';
import { isNewDataDir } from './db/data-dir-copy.js';
import { seededTemplate } from './db/embedded-template.js';
import { migrate } from './db/migrations.js';
import { seed } from './db/seed.js';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createLogger, type Logger } from './logger.js';
import { trustedDocumentFilesFromEnv, trustedDocuments } from './trusted-documents.js';
import { startTracing, tracingModeFromEnv } from './tracing.js';
import { Reader } from './read/reader.js';
import { LiveUpdates } from './schema/subscriptions.js';
import { type App, createApp } from './yoga.js';

export interface RunningServer {
  url: string;
  database: Database;
  /** Stops taking new connections, lets requests in flight finish (up to the drain timeout), then closes the database. */
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Default: JSON lines on standard output, at TALKGRAPH_LOG_LEVEL (info). */
  logger?: Logger;
}

/** The lock under which one server seeds an empty graph while the others wait and then find it seeded. */
const SEED_LOCK = 'seed';

/** Asked in plain SQL: the first Prisma query loads its query compiler, memory a read-only server never needs. */
async function graphHasConferences(database: Database): Promise<boolean> {
  const [row] = await database.sql.run<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM "Conference") AS any', []);
  return row.any;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number of seconds (got "${value}").`);
  return parsed;
}

const transient = (error: unknown) => (error instanceof DatabaseUnreachableError ? error.transient : isConnectionLost(error));

/**
 * Runs `step` again while the database cannot be reached for now (a server restarting, a
 * failover, connections cut during a deploy), up to `budgetMs`; other failures end the start.
 */
async function retrying<T>(what: string, budgetMs: number, logger: Logger, step: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await step();
    } catch (error) {
      if (!transient(error) || Date.now() + wait > deadline) throw error;
      logger.warn({ err: error, retryInMs: wait }, `${what}: the database cannot be reached yet; trying again`);
      await sleep(wait);
    }
  }
}

/** Migrates, seeds an empty graph, and listens. PORT and HOST default to 4000 on loopback. */
export async function startServer({ env = process.env, logger = createLogger(), ...options }: ServeOptions = {}): Promise<RunningServer> {
  const tokens = parseTokens(env.TALKGRAPH_TOKENS);
  const target: DatabaseTarget = targetFromEnv(env);
  const seeding = env.TALKGRAPH_SEED !== 'off';
  const startBudget = seconds(env, 'TALKGRAPH_START_TIMEOUT', 60) * 1000;
  const drainBudget = seconds(env, 'TALKGRAPH_DRAIN_TIMEOUT', 20) * 1000;
  // Read and validated before the database opens: a manifest that does not fit the schema ends the start here.
  const trustedDocumentFiles = trustedDocumentFilesFromEnv(env);
  trustedDocuments(trustedDocumentFiles);
  if (target.kind === 'embedded' && seeding && isNewDataDir(target.dataDir)) {
    // A first start: begin from a copy of the installed migrated, seeded database, when there is one.
    target.copyFrom = seededTemplate();
  }
  const database = await retrying('opening the database', startBudget, logger, () =>
    openDatabase(target, { onConnectionError: (error) => logger.warn({ err: error }, 'a database connection was closed; the next statement opens a new one') }),
  );
  if (target.kind === 'embedded' && target.copyFrom) logger.info('The data folder was new: loaded the seed knowledge by copying the installed template database.');
  try {
    const applied = await retrying('migrating', startBudget, logger, () => migrate(database));
    if (applied.length > 0) logger.info({ migrations: applied }, `Applied migrations: ${applied.join(', ')}`);
    if (seeding) {
      // Under a lock, so that replicas starting together on one empty database seed it once.
      const seeded = await retrying('seeding', startBudget, logger, () =>
        database.withLock(SEED_LOCK, async () => {
          if (await graphHasConferences(database)) return false;
          await seed(database.prisma);
          return true;
        }),
      );
      if (seeded) logger.info('The graph was empty: loaded the seed knowledge.');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  let draining = false;
  const tracingMode = tracingModeFromEnv(env);
  const tracing = tracingMode ? await startTracing({ export: tracingMode }) : undefined;
  const live = new LiveUpdates(() => database.changes(), () => new Reader(database.sql), {
    maxSubscriptions: count(env, 'TALKGRAPH_MAX_SUBSCRIPTIONS', 1000),
    queueSize: count(env, 'TALKGRAPH_SUBSCRIPTION_QUEUE', 100),
  });
  const cacheTtl = seconds(env, 'TALKGRAPH_RESPONSE_CACHE_TTL', 60);
  const app = createApp({
    tracing,
    database,
    tokens,
    openReads: env.TALKGRAPH_OPEN_READS !== 'off',
    introspection: env.TALKGRAPH_INTROSPECTION !== 'off',
    trustedDocumentFiles,
    trustedOnly: env.TALKGRAPH_TRUSTED_ONLY === 'on',
    logger,
    processMetrics: true,
    draining: () => draining,
    live,
    responseCache: env.TALKGRAPH_RESPONSE_CACHE === 'off' || cacheTtl === 0 ? false : { ttlMs: cacheTtl * 1000 },
  });
  const server: Server = createServer(app);
  const sockets = serveWebSocket(server, app);
  const port = options.port ?? Number(env.PORT ?? 4000);
  const host = options.host ?? env.HOST ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/graphql`;
  database.dataDirLock?.describe({ url });
  if (tracing) logger.info({ tracing: tracing.mode }, `OpenTelemetry tracing is on (${tracing.mode})`);
  logger.info({ url, tokens: tokens.length }, `talkgraph serves ${database.label} at ${url} (GraphiQL in a browser; tokens configured: ${tokens.length})`);
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    close: () =>
      (closing ??= (async () => {
        draining = true;
        // Subscriptions never end by themselves: complete them, so their requests finish.
        live.closeAll();
        for (const client of sockets.clients) client.close(1001, 'server shutting down');
        sockets.close();
        await drain(server, drainBudget, logger);
        await database.close();
        await tracing?.shutdown();
      })()),
  };
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${value}").`);
  return parsed;
}

/**
 * Subscriptions (and any operation) over WebSocket with the graphql-ws protocol at the GraphQL
 * path, run by the same Yoga instance as HTTP requests, so the same plugins, context and read
 * rules apply. The token comes from the connection's `authorization` parameter or the upgrade
 * request's header.
 */
function serveWebSocket(server: Server, app: App): WebSocketServer {
  const sockets = new WebSocketServer({ server, path: app.graphqlEndpoint });
  useServer(
    {
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
      onSubscribe: async (context, _id, params) => {
        const upgrade = context.extra.request;
        // Marked as an upgrade, so the response cache (which keys on HTTP requests) leaves it alone.
        const headers = new Headers({ upgrade: 'websocket' });
        const token = context.connectionParams?.authorization ?? context.connectionParams?.Authorization ?? upgrade.headers.authorization;
        if (typeof token === 'string') headers.set('authorization', token);
        const request = new Request(`http://${upgrade.headers.host ?? 'localhost'}${app.graphqlEndpoint}`, { headers });
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({ ...context, request, params });
        const document = parse(params.query);
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    sockets,
  );
  return sockets;
}

/**
 * Stops listening and waits for the requests in flight. Connections kept alive between requests
 * are closed as soon as they are idle; whatever still runs at the deadline is cut.
 */
async function drain(server: Server, budgetMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection becomes idle when its request finishes; close it then, not after keepAliveTimeout.
  const sweeper = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), budgetMs);
  });
  try {
    if ((await Promise.race([closed, deadline])) === 'timeout') {
      logger.warn(`requests still running after ${budgetMs / 1000} s (TALKGRAPH_DRAIN_TIMEOUT); closing their connections`);
      server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(sweeper);
    clearTimeout(timer);
  }
}

/** `talkgraph serve`: runs until SIGINT or SIGTERM, drains, then closes HTTP and the database. A second signal cuts the drain short. */
export async function serve(): Promise<void> {
  const logger = createLogger();
  const running = await startServer({ logger });
  let stopping = false;
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, `${signal} again: stopping without waiting for requests in flight`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      stopping = true;
      logger.info({ signal }, `${signal}: draining requests in flight, then shutting down`);
      running.close().then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  logger.info('talkgraph stopped.');
}
