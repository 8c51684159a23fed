// How the benchmark asks: the operations, the check that two servers give the same answer, the
// per-request database cost (sequential requests through the wire proxy), and the load runs
// (autocannon, a warm-up, then several runs of which the median is kept).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { spread } from './report.js';
import { repoRoot, type ServerProcess } from './servers.js';
import type { WireCounts, WireProxy } from './wire-proxy.js';

export interface Operation {
  /** The file's name, which --only takes. */
  key: string;
  /** The GraphQL operation name, by which the reference server finds its statement. */
  name: string;
  /** The request body, exactly as sent. */
  body: string;
  /** The same operation in PostGraphile's names (./postgraphile/<key>.graphql), when the peer has one. */
  peerBody?: string;
}

/** The benchmark's own operations, and the headline operation as the README shows it. */
export function loadOperations(only: string[]): Operation[] {
  const dir = join(repoRoot, 'scripts/bench/operations');
  const files = [
    ...readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => join(dir, file)),
    join(repoRoot, 'schema/operations/headline.graphql'),
  ];
  const peerDir = join(repoRoot, 'scripts/bench/postgraphile');
  const order = ['five-conferences', 'organisation-staff', 'conference-page', 'headline', 'deep', 'search-talks', 'facets', 'search-everything'];
  const operations = files
    .map((file) => {
      const query = readFileSync(file, 'utf8');
      const name = /\bquery\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1];
      if (!name) throw new Error(`${file}: a benchmark operation must be a named query.`);
      const key = basename(file, '.graphql');
      const peerFile = join(peerDir, `${key}.graphql`);
      const peerBody = existsSync(peerFile) ? JSON.stringify({ query: readFileSync(peerFile, 'utf8'), operationName: name }) : undefined;
      return { key, name, body: JSON.stringify({ query, operationName: name }), peerBody };
    })
    .sort((a, b) => rank(order, a.key) - rank(order, b.key) || a.key.localeCompare(b.key));
  const unknown = only.filter((key) => !operations.some((operation) => operation.key === key));
  if (unknown.length > 0) {
    throw new Error(`No operation named ${unknown.join(', ')}; the operations are ${operations.map((o) => o.key).join(', ')}.`);
  }
  return only.length > 0 ? operations.filter((operation) => only.includes(operation.key)) : operations;
}

/** The operation as the PostGraphile peer is sent it, for answer, measureCost and loadRun. */
export function asPeer(operation: Operation): Operation {
  if (!operation.peerBody) throw new Error(`${operation.key} has no PostGraphile version in scripts/bench/postgraphile.`);
  return { key: operation.key, name: operation.name, body: operation.peerBody };
}

const rank = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

/** The answer as parsed JSON; an error, or a body with GraphQL errors, stops the benchmark. */
export async function answer(url: string, operation: Operation, label: string): Promise<unknown> {
  const { status, text } = await post(url, operation.body);
  const parsed = JSON.parse(text) as { errors?: unknown };
  if (status !== 200 || parsed.errors) throw new Error(`${label} answered ${operation.key} with HTTP ${status}: ${text.slice(0, 2000)}`);
  return parsed;
}

/** Where two JSON values first differ, as a path with both values; undefined when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(expected, actual)) return undefined;
  const show = (value: unknown) => JSON.stringify(value)?.slice(0, 300);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
      const found = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return `${path}: ${expected.length} items against ${actual.length}`;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const a = expected as Record<string, unknown>;
    const b = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}:\n    ${show(expected)}\n  against\n    ${show(actual)}`;
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A row's own id from a Relay global ID (base64url of "Type:id") or from PostGraphile's rowId. */
function rowId(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return value;
  return /^[A-Z][A-Za-z]*:(.+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'))?.[1] ?? value;
}

/**
 * An answer reduced to what both talkgraph and PostGraphile can say the same way, so the two can be
 * compared value for value: the `data` only; a connection that carries nothing but `nodes` becomes
 * its list (talkgraph has plain lists where PostGraphile only offers connections); every `id` is the
 * row's own id (talkgraph sends Relay global IDs, the peer's operations ask for rowId); timestamps are
 * read as UTC and printed as toISOString does (PostGraphile prints a timestamp without a zone and
 * with microseconds). Names are the operation's aliases, which the peer's operations set to
 * talkgraph's field names; lists keep their order, which is part of what is compared.
 */
export function plainAnswer(body: unknown): unknown {
  const plain = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => plain(item));
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 1 && entries[0][0] === 'nodes') return plain(entries[0][1]);
      return Object.fromEntries(entries.map(([name, child]) => [name, plain(child, name)]));
    }
    if (key === 'id') return rowId(value);
    if (typeof value === 'string' && isoTimestamp.test(value)) return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`).toISOString();
    return value;
  };
  return plain((body as { data?: unknown }).data);
}

export interface RequestCost {
  statements: number;
  rows: number;
  kB: number;
  /** Median time of one request alone, in milliseconds. */
  ms: number;
}

/** Averages what `requests` sequential requests read from PostgreSQL, through the proxy. */
export async function measureCost(url: string, operation: Operation, proxy: WireProxy, requests: number): Promise<RequestCost> {
  const before: WireCounts = proxy.counts();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const { status, text } = await post(url, operation.body);
    times.push(performance.now() - started);
    if (status !== 200) throw new Error(`${operation.key}: HTTP ${status}: ${text.slice(0, 500)}`);
  }
  const after = proxy.counts();
  return {
    statements: (after.statements - before.statements) / requests,
    rows: (after.rows - before.rows) / requests,
    kB: (after.backendBytes - before.backendBytes) / requests / 1000,
    ms: median(times),
  };
}

export interface LoadOptions {
  connections: number;
  /** Seconds each measured run lasts at least. */
  duration: number;
  /** Seconds of warm-up before the first measured run, at least. */
  warmup: number;
  runs: number;
  /** Responses each measured run collects at least, however long that takes. */
  minResponses: number;
  /** Seconds after which an operation's load stops, runs complete or not. */
  limit: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Failed requests in the kept run: non-2xx answers, connection errors, timeouts. */
  failures: number;
  /** Failed requests during the warm-up, which no run counts. */
  warmupFailures: number;
  /** Requests per second of every measured run, to show how much they varied. */
  everyRun: number[];
  /** Responses in the emptiest run: a p99 of a dozen responses is their slowest. */
  fewestResponses: number;
  /** False when the limit stopped the load before every run had its time and responses. */
  complete: boolean;
  /** Seconds the whole load lasted, warm-up included. */
  seconds: number;
}

interface Run {
  startedAt: number;
  latencies: number[];
  failed: number;
}

/**
 * One continuous load, cut into a warm-up and consecutive runs as responses arrive. A run ends
 * once it has lasted `duration` and collected `minResponses`, so an operation that takes seconds
 * under load still gets runs worth comparing, while fast ones take the time asked for. Separate
 * autocannon calls would instead start each run with every connection idle and drop the requests
 * in flight at its end, which understates slow operations in short runs.
 */
export async function loadRun(url: string, operation: Operation, options: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const now = () => (performance.now() - started) / 1000;
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: operation.body,
    connections: options.connections,
    duration: options.limit,
    // Slow is what is being measured: a request is abandoned only when something is stuck.
    timeout: 60,
  });
  let warmupResponses = 0;
  let warmupFailures = 0;
  let current: Run | undefined;
  const finished: Array<Run & { seconds: number }> = [];
  const advance = () => {
    if (finished.length === options.runs) return;
    const at = now();
    if (!current) {
      // Warm until every connection has had an answer, so the runs start in a steady state.
      if (at >= options.warmup && warmupResponses >= options.connections) current = { startedAt: at, latencies: [], failed: 0 };
      return;
    }
    if (at - current.startedAt >= options.duration && current.latencies.length >= options.minResponses) {
      finished.push({ ...current, seconds: at - current.startedAt });
      current = finished.length < options.runs ? { startedAt: at, latencies: [], failed: 0 } : undefined;
      if (finished.length === options.runs) instance.stop();
    }
  };
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (current) {
      current.latencies.push(ms);
      if (statusCode < 200 || statusCode >= 300) current.failed++;
    } else if (finished.length === 0) {
      warmupResponses++;
    }
    advance();
  });
  instance.on('reqError', () => {
    if (current) current.failed++;
    else if (finished.length === 0) warmupFailures++;
  });
  const ticks = setInterval(advance, 50);
  await instance;
  clearInterval(ticks);
  // Cut short by the limit: keep what the unfinished run measured rather than nothing.
  const complete = finished.length === options.runs;
  if (!complete && current && current.latencies.length > 0) finished.push({ ...current, seconds: now() - current.startedAt });

  const runs = finished.map((run) => {
    const latencies = [...run.latencies].sort((a, b) => a - b);
    return {
      requestsPerSecond: latencies.length / run.seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      failures: run.failed,
    };
  });
  const byThroughput = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const nothing = { requestsPerSecond: NaN, p50: NaN, p99: NaN, failures: 0 };
  return {
    ...(byThroughput[Math.floor((byThroughput.length - 1) / 2)] ?? nothing),
    everyRun: runs.map((run) => run.requestsPerSecond),
    fewestResponses: finished.length > 0 ? Math.min(...finished.map((run) => run.latencies.length)) : 0,
    complete,
    warmupFailures,
    seconds: now(),
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Starts a server, checks it answers `operation`, loads it alone with that operation, logs the
 * runs under `label` and stops it.
 */
export async function measureAlone(label: string, operation: Operation, start: () => Promise<ServerProcess>, options: LoadOptions): Promise<LoadResult> {
  const server = await start();
  try {
    await answer(server.url, operation, label);
    await server.settle();
    const result = await loadRun(server.url, operation, options);
    console.log(spread(`  ${label}:`, result));
    return result;
  } finally {
    await server.stop();
  }
}
