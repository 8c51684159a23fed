// Prometheus metrics at /metrics: GraphQL requests and their latency per operation, errors by
// code, and the database pool's connections. Each app has its own registry, so two apps in one
// process (the tests) never count into each other.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/client.js';
import { earlyAnswer, errorCodes, type OperationFacts, operationFacts } from './request-facts.js';

/** The first operation's type and name in a document's text (comments before it allowed). */
const operationHead = /^(?:\s|#[^\n]*\n)*(query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/;

export interface MetricsOptions {
  /** Where Prometheus scrapes. Default `/metrics`. */
  endpoint?: string;
  /** The database pool's state, read at each scrape; undefined (the embedded database) leaves the pool metrics out. */
  pool?: () => PoolStats | undefined;
  /** Also export the process's memory, CPU, event loop and GC (prom-client's defaults). Default false: a server process wants them, an app in a test does not. */
  processMetrics?: boolean;
  /** Whether a request may read the metrics. Default: everyone. */
  allow?: (request: Request) => boolean;
  /**
   * Operation names are chosen by clients; past this many distinct ones, further names are counted
   * as "other", so a client cannot grow the metrics without bound. Default 200.
   */
  maxOperations?: number;
}

interface RequestState {
  started: number;
  graphql: boolean;
  operation?: string;
  type?: string;
  errors: string[];
}

export function useMetrics({ endpoint = '/metrics', pool, processMetrics = false, allow = () => true, maxOperations = 200 }: MetricsOptions = {}): Plugin {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'talkgraph_graphql_requests_total',
    help: 'GraphQL requests, by operation name ("anonymous" without one, "invalid" when none ran) and type.',
    labelNames: ['operation', 'type'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'talkgraph_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its response, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const earlyAnswers = new Counter({
    name: 'talkgraph_graphql_early_answers_total',
    help: 'GraphQL requests answered as they arrived, by an operation compiled and answered before (a subset of talkgraph_graphql_requests_total).',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'talkgraph_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code (UNEXPECTED for masked failures).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  if (pool) {
    new Gauge({
      name: 'talkgraph_db_pool_connections',
      help: 'Open connections of the database pool, by state.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = pool();
        if (!stats) return;
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'busy' }, stats.total - stats.idle);
      },
    });
    new Gauge({
      name: 'talkgraph_db_pool_waiting',
      help: 'Statements waiting for a free connection of the database pool.',
      registers: [registry],
      collect() {
        this.set(pool()?.waiting ?? 0);
      },
    });
    new Gauge({
      name: 'talkgraph_db_pool_max',
      help: 'The most connections the database pool opens.',
      registers: [registry],
      collect() {
        this.set(pool()?.max ?? 0);
      },
    });
  }

  const seen = new Set<string>();
  const operationLabel = (name: string) => {
    if (seen.has(name)) return name;
    if (seen.size >= maxOperations) return 'other';
    seen.add(name);
    return name;
  };
  const scope = new AsyncLocalStorage<RequestState>();

  return {
    instrumentation: {
      request: (_payload, wrapped) => scope.run({ started: performance.now(), graphql: false, errors: [] }, wrapped),
    },
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      if (!allow(request)) {
        endResponse(new fetchAPI.Response('Metrics need an API token with the read scope.\n', { status: 401, headers: { 'www-authenticate': 'Bearer' } }));
        return;
      }
      return registry.metrics().then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } })));
    },
    onParams({ params }) {
      const state = scope.getStore();
      if (!state) return;
      state.graphql = true;
      // A cached answer is served before the operation is parsed: name it from the request itself.
      const named = typeof params.query === 'string' ? operationHead.exec(params.query) : null;
      const name = params.operationName ?? named?.[2];
      if (name) state.operation = operationLabel(name);
      if (named) state.type = named[1] as OperationFacts['type'];
    },
    onExecute({ args }) {
      const state = scope.getStore();
      const facts = operationFacts(args.document, args.operationName);
      if (state && facts) {
        state.operation = operationLabel(facts.name ?? 'anonymous');
        state.type = facts.type;
      }
    },
    onResultProcess({ result }) {
      scope.getStore()?.errors.push(...errorCodes(result));
    },
    onResponse({ request }) {
      const state = scope.getStore();
      const early = earlyAnswer(request);
      if (state && early) {
        state.graphql = true;
        state.operation = operationLabel(early.name ?? 'anonymous');
        state.type = early.type;
        earlyAnswers.inc({ operation: state.operation });
      }
      if (!state?.graphql) return;
      const operation = state.operation ?? 'invalid';
      requests.inc({ operation, type: state.type ?? 'none' });
      duration.observe({ operation }, (performance.now() - state.started) / 1000);
      for (const code of state.errors) errors.inc({ code });
    },
  };
}
