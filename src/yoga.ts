// The GraphQL server as a fetch handler: schema, context, plugins. It does not listen; the process
// entry (src/server.ts) and the tests (through yoga.fetch) both use it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import { type ApiToken, TokenVerifier } from './auth.js';
import { MAX_PAGE_SIZE } from './builder.js';
import { type Context, createContext } from './context.js';
import type { Database } from './db/client.js';
import { graphiqlOptions, renderGraphiQLPage } from './graphiql.js';
import { historyApplied, readMigrationHistory } from './db/migrations.js';
import { MAX_CONTENT_BYTES } from './importers/common.js';
import { type Logger, yogaLogger } from './logger.js';
import { DEFAULT_BODY_BYTES, useBodyLimit } from './plugins/use-body-limit.js';
import { useInputRules } from './plugins/use-input-rules.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useParseLimits } from './plugins/use-parse-limits.js';
import { useReadiness } from './plugins/use-readiness.js';
import { useRequestLog } from './plugins/use-request-log.js';
import { type TracingOptions, useTracing } from './plugins/use-tracing.js';
import { withTracedSql } from './db/traced-sql.js';
import { databaseUnavailableError, databaseUserError } from './db/errors.js';
import { useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { type DashboardOptions, useDashboard } from './plugins/use-dashboard.js';
import { useContentTypes } from './plugins/use-content-types.js';
import { useGraphQLExecute } from './plugins/use-graphql-execute.js';
import { useCompiledOperations } from './plugins/use-compiled-operations.js';
import { useDisableIntrospection } from './plugins/use-disable-introspection.js';
import { explainMode, useSqlExplain } from './plugins/use-sql-explain.js';
import { useTrustedDocuments } from './plugins/use-trusted-documents.js';
import { schema } from './schema/index.js';
import { trustedDocuments } from './trusted-documents.js';
import { useCachedResponses } from './plugins/use-cached-responses.js';
import { Reader } from './read/reader.js';
import { LiveUpdates, type SubscriptionLimits } from './schema/subscriptions.js';

export interface AppOptions {
  database: Database;
  /** API tokens; writes need one. Default: none, so the API is read-only. */
  tokens?: ApiToken[];
  /** When false, reads also need a token with the read scope. Default true. */
  openReads?: boolean;
  /** Default true; GraphiQL's schema explorer needs it. */
  introspection?: boolean;
  /** Largest connection page. Default 100. */
  maxPageSize?: number;
  /** Yoga's console logger; false silences it (tests). Default true. Ignored when `logger` is given. */
  logging?: boolean;
  /** Structured logs: Yoga's messages and one line per request go to this pino logger. Default none. */
  logger?: Logger;
  /** Also export process metrics (memory, CPU, event loop) at /metrics. Default false. */
  processMetrics?: boolean;
  /** While it returns true, /ready answers 503 (a server draining before it stops). Default never. */
  draining?: () => boolean;
  /** Largest request body, in bytes, except for admins. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Answer read operations that compile to one statement without GraphQL execution
   * (src/plugins/use-compiled-operations.ts). Default true; false runs every operation through
   * execution and the per-level read path (for comparing the two).
   */
  compiledOperations?: boolean;
  /**
   * Manifests (hash → document text) whose documents may be called by hash, besides the examples
   * of schema/operations and web/dist/persisted-documents.json. Default none.
   */
  trustedDocumentFiles?: string[];
  /** When true, callers without a token may run only trusted documents, by hash. Default false. */
  trustedOnly?: boolean;
  /** OpenTelemetry spans for requests, their phases and SQL statements (src/tracing.ts). Default none. */
  tracing?: TracingOptions;
  /** Where the built dashboard is, served at / (src/plugins/use-dashboard.ts). Default web/dist. */
  dashboard?: DashboardOptions;
  /** Caches answers to reads, emptied by the change feed (src/plugins/use-cached-responses.ts). Default off. */
  responseCache?: false | { ttlMs?: number; maxEntries?: number };
  /** How many subscriptions this process serves, and how far a client may fall behind. */
  subscriptions?: SubscriptionLimits;
  /** The process's subscriptions, when the caller needs to end them (a server shutting down). Default: made from `subscriptions`. */
  live?: LiveUpdates;
}

/** An admin's body may carry a whole file to import, escaped as a JSON string (up to twice its size). */
export const MAX_ADMIN_BODY_BYTES = 2 * MAX_CONTENT_BYTES;

const needsToken = { message: 'Introspection needs an API token with the read scope (send "Authorization: Bearer <token>")', code: 'UNAUTHENTICATED' };
const introspectionOff = { message: 'GraphQL introspection has been disabled', code: 'INVALID_INPUT' };

export type App = YogaServerInstance<Record<string, never>, Context>;

export const headlineQuery = readFileSync(resolve(import.meta.dirname, '../schema/operations/headline.graphql'), 'utf8');

export function createApp(options: AppOptions): App {
  const database = options.tracing ? withTracedSql(options.database, options.tracing.tracer) : options.database;
  const maxPageSize = options.maxPageSize ?? MAX_PAGE_SIZE;
  const verifier = new TokenVerifier(options.tokens ?? [], options.openReads ?? true);
  const scopesOf = (request: Request) => {
    try {
      return verifier.viewerFor(request.headers.get('authorization')).scopes;
    } catch {
      return new Set<string>(); // A bad token: the request is refused with 401 when its context is built.
    }
  };
  const hasToken = (request: Request) => {
    if (!request.headers.has('authorization')) return false;
    try {
      return verifier.viewerFor(request.headers.get('authorization')).tokenName !== null;
    } catch {
      return true; // A bad token goes on, to be refused with 401 when its context is built.
    }
  };
  // Loaded before the first request: a manifest that does not fit the schema stops the start.
  const documents = trustedDocuments(options.trustedDocumentFiles ?? []);
  const history = readMigrationHistory();
  const { logger } = options;
  const live = options.live ?? new LiveUpdates(() => database.changes(), () => new Reader(database.sql, maxPageSize), options.subscriptions);
  /** Callers with the same scope share cached answers; anonymous callers share theirs apart from every token's. */
  const cacheScopeOf = (request: Request) => {
    try {
      const viewer = verifier.viewerFor(request.headers.get('authorization'));
      if (viewer.tokenName === null) return 'anonymous';
      return (['admin', 'write', 'read'] as const).find((scope) => viewer.scopes.has(scope)) ?? 'none';
    } catch {
      return 'invalid'; // Refused with 401, which is never cached.
    }
  };
  return createYoga<Record<string, never>, Context>({
    schema,
    logging: logger ? yogaLogger(logger) : (options.logging ?? true),
    maxRequestBodySize: MAX_ADMIN_BODY_BYTES,
    // graphql-codegen's clients name a trusted document by hash in this parameter.
    extraParamNames: ['documentId'],
    landingPage: false,
    graphiql: graphiqlOptions,
    // GraphiQL's bundled assets take ~45 MB of memory: load them when a browser first asks.
    renderGraphiQL: renderGraphiQLPage,
    context: ({ request }) => {
      const viewer = verifier.viewerFor(request.headers.get('authorization'));
      return createContext(viewer, database, { maxPageSize, explain: explainMode(request, { viewer }), live });
    },
    maskedErrors: { maskError: exposeUserErrors },
    plugins: [
      ...(options.tracing ? [useTracing(options.tracing)] : []),
      ...(logger ? [useRequestLog({ logger })] : []),
      useMetrics({ pool: database.poolStats() ? () => database.poolStats() : undefined, processMetrics: options.processMetrics, allow: (request) => scopesOf(request).has('read') }),
      useReadiness({
        check: async () => {
          if (options.draining?.()) return 'shutting down';
          return (await historyApplied(database, history)) ? undefined : 'database migrations are pending';
        },
        onFailure: (error) => logger?.warn({ err: error }, 'not ready: the database does not answer'),
      }),
      useBodyLimit({
        maxBytes: options.maxBodyBytes,
        maxBytesFor: (request) => (scopesOf(request).has('admin') ? MAX_ADMIN_BODY_BYTES : undefined),
        largerLimitFor: 'imports with an admin token',
      }),
      useCsrfPrevention(),
      useContentTypes(),
      useParseLimits(),
      useTrustedDocuments({ documents, trustedOnly: options.trustedOnly ?? false, mayRunAnyDocument: hasToken }),
      ...(options.introspection === false || options.openReads === false
        ? [useDisableIntrospection({ refusalFor: (request) => (!scopesOf(request).has('read') ? needsToken : options.introspection === false ? introspectionOff : undefined) })]
        : []),
      useGraphQLExecute(),
      useInputRules(),
      useSqlExplain(database),
      ...(options.compiledOperations === false
        ? []
        : [
            useCompiledOperations({
              maxPageSize,
              schema,
              prepare: [...documents.values()].map((trusted) => trusted.document),
              // Repeats answered as they arrive, read afresh (cheaper than a cached answer through Yoga),
              // but for statements that group whole lists, which the response cache answers when it is on.
              repeats: {
                sql: database.sql,
                endpoint: '/graphql',
                scopesOf,
                trusted: documents,
                mayRunText: (request) => !options.trustedOnly || hasToken(request),
                maxBodyBytes: options.maxBodyBytes ?? DEFAULT_BODY_BYTES,
                cached: Boolean(options.responseCache),
              },
            }),
          ]),
      useDashboard(options.dashboard),
      // A hit is answered before parsing wherever the plugin stands; it comes after the execute
      // plugins because its executor (which records the entities of an answer, for invalidation)
      // must wrap theirs: a plugin that sets the executor later replaces it.
      ...(options.responseCache
        ? [
            useCachedResponses({
              feed: () => database.changes(),
              ttlMs: options.responseCache.ttlMs,
              maxEntries: options.responseCache.maxEntries,
              scopeOf: cacheScopeOf,
              bypass: (request) => request.headers.has('x-talkgraph-explain'),
            }),
          ]
        : []),
    ],
  });
}

/**
 * Errors the caller can fix keep their message and carry a stable `extensions.code` (and `field`);
 * they are returned as they are, so Yoga does not log them as failures. A database that does not
 * answer is SERVICE_UNAVAILABLE (HTTP 503, Retry-After), so clients know to try again. Everything
 * else is masked. Yoga logs the original of every error replaced here, outages included.
 */
function exposeUserErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (error instanceof GraphQLError && (original instanceof GraphQLError || original === undefined)) {
    // Ours (TalkgraphError), GraphQL's validation errors, Pothos's argument errors; graphql-jit's
    // errors about variables come without extensions.
    if (!error.extensions) return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { code: 'INVALID_INPUT' } });
    (error.extensions as Record<string, unknown>).code ??= 'INVALID_INPUT';
    return error;
  }
  return databaseUserError(error) ?? databaseUnavailableError(error) ?? maskError(error, message, isDev);
}
