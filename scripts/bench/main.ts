// `npm run bench`: how fast talkgraph answers nested operations over real-sized data, next to a
// hand-written SQL reference that answers the same in one statement, and what each request costs
// PostgreSQL. Prints figures; asserts only that both servers give the same answers.
//
//   npm run bench                      PostgreSQL server, then the embedded database
//   npm run bench -- --server          only the PostgreSQL server (talkgraph and the reference)
//   npm run bench -- --embedded        only the embedded database (talkgraph, and cold starts)
//   --no-peer                          without PostGraphile 5, which otherwise answers the operations that
//                                      have a version in ./postgraphile, on the server database, measured alone
//   --only <operation>[,<operation>]   e.g. --only five-conferences,deep
//   --duration <s> --warmup <s> --runs <n> --connections <n>
//                                      each measured run, the warm-up before them (one continuous
//                                      load), measured runs (the median is reported), concurrent
//                                      connections (default 2.5, 1.5, 3, 10)
//   --min-responses <n> --limit <s>    a run also lasts until it has n responses (10); an
//                                      operation's load stops after s seconds regardless (120)
//   --requests <n>                     sequential requests for the per-request database cost (20)
//   --cold-starts <n>                  starts timed per embedded data folder (2, at least)
//   --skip-build                       use the benchmark databases as they are, without checking their version
//   --database-url <url>               or TALKGRAPH_BENCH_DATABASE_URL; default
//                                      postgresql://postgres@127.0.0.1:5432/talkgraph_bench (dropped and rebuilt when stale)
//   --data <dir>                       or TALKGRAPH_BENCH_DATA; the programmes to import (default ../shared/data)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import {
  copyEmbeddedDatabase,
  dataCounts,
  describeCounts,
  prepareEmbeddedDatabase,
  prepareServerDatabase,
  programmeFiles,
  withClient,
} from './database.js';
import { referenceStatements } from './reference-sql.js';
import { coldStartTable, figure, type EmbeddedRow, embeddedTable, type PeerRow, peerTable, type ServerRow, serverTable, spread } from './report.js';
import {
  answer,
  asPeer,
  firstDifference,
  loadOperations,
  type LoadOptions,
  type LoadResult,
  loadRun,
  measureCost,
  median,
  type Operation,
  plainAnswer,
  type RequestCost,
} from './runner.js';
import {
  describePostGraphile,
  repoRoot,
  type ServerProcess,
  startPostGraphile,
  startReference,
  startTalkgraph,
  startTalkgraphFresh,
} from './servers.js';
import { startWireProxy } from './wire-proxy.js';

const { values: flags } = parseArgs({
  allowNegative: true,
  options: {
    server: { type: 'boolean', default: false },
    embedded: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true, default: [] },
    duration: { type: 'string', default: '2.5' },
    warmup: { type: 'string', default: '1.5' },
    runs: { type: 'string', default: '3' },
    'min-responses': { type: 'string', default: '10' },
    limit: { type: 'string', default: '120' },
    connections: { type: 'string', default: '10' },
    requests: { type: 'string', default: '20' },
    'cold-starts': { type: 'string', default: '2' },
    'skip-build': { type: 'boolean', default: false },
    peer: { type: 'boolean', default: true },
    'database-url': { type: 'string', default: process.env.TALKGRAPH_BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/talkgraph_bench' },
    data: { type: 'string', default: process.env.TALKGRAPH_BENCH_DATA ?? resolve(repoRoot, '../shared/data') },
  },
});

function positive(name: string, text: string, { integer = false } = {}): number {
  const value = Number(text);
  if (!(value > 0) || (integer && !Number.isInteger(value))) throw new Error(`--${name} must be a positive ${integer ? 'whole ' : ''}number (got "${text}").`);
  return value;
}

const load: LoadOptions = {
  duration: positive('duration', flags.duration),
  warmup: Number(flags.warmup) || 0,
  runs: positive('runs', flags.runs, { integer: true }),
  connections: positive('connections', flags.connections, { integer: true }),
  minResponses: positive('min-responses', flags['min-responses'], { integer: true }),
  limit: positive('limit', flags.limit),
};
const sequentialRequests = positive('requests', flags.requests, { integer: true });
const coldStarts = positive('cold-starts', flags['cold-starts'], { integer: true });
const databaseUrl = flags['database-url'];
const embeddedDir = join(repoRoot, '.data/bench-pglite');
const operations = loadOperations(flags.only.flatMap((value) => value.split(',')).filter(Boolean));
const runServer = flags.server || !flags.embedded;
const runEmbedded = flags.embedded || !flags.server;
const peerOperations = flags.peer ? operations.filter((operation) => operation.peerBody) : [];
const log = (line = '') => console.log(line);

type Measured = LoadResult & { rssMiB: number };

const describeLoad = () =>
  `${load.connections} connections, median of ${load.runs} runs of at least ${load.duration} s and ${load.minResponses} responses, after at least ${load.warmup} s of warm-up`;

async function serverSection(files: string[]): Promise<void> {
  if (!flags['skip-build']) await prepareServerDatabase(databaseUrl, files, log);
  log(`Data on the server: ${describeCounts(await withClient(databaseUrl, dataCounts))}`);
  const { costs, peerCosts } = await checkAnswersAndCosts();
  const talkgraph = await loadAlone('talkgraph', () => startTalkgraph({ url: databaseUrl }), operations);
  const reference = await loadAlone('reference', () => startReference(databaseUrl), operations);
  const peer = peerOperations.length > 0 ? await loadAlone('PostGraphile', () => startPostGraphile(databaseUrl), peerOperations.map(asPeer)) : undefined;

  const rows: ServerRow[] = operations.map((operation) => ({
    operation: operation.key,
    talkgraph: talkgraph.results.get(operation.key)!,
    reference: reference.results.get(operation.key)!,
    talkgraphCost: costs.get(operation.key)!.talkgraph,
    referenceCost: costs.get(operation.key)!.reference,
  }));
  log();
  log(
    `PostgreSQL ${await serverVersion()} server, ${describeLoad()}; ` +
      `statements, rows and kB read from PostgreSQL per request: average of ${sequentialRequests} sequential requests`,
  );
  log();
  log(serverTable(rows));
  log();
  log(`Idle RSS right after /ready: talkgraph ${talkgraph.idleMiB.toFixed(0)} MiB, reference ${reference.idleMiB.toFixed(0)} MiB`);
  log(
    `One request alone, talkgraph / reference (median of ${sequentialRequests}, through the proxy): ` +
      rows.map((row) => `${row.operation} ${row.talkgraphCost.ms.toFixed(1)} / ${row.referenceCost.ms.toFixed(1)} ms`).join('; '),
  );
  log();
  if (peer) {
    const peerRows: PeerRow[] = peerOperations.map((operation) => ({
      operation: operation.key,
      talkgraph: talkgraph.results.get(operation.key)!,
      postgraphile: peer.results.get(operation.key)!,
      reference: reference.results.get(operation.key)!,
      talkgraphCost: costs.get(operation.key)!.talkgraph,
      postgraphileCost: peerCosts.get(operation.key)!,
    }));
    log(`talkgraph beside a peer: ${describePostGraphile()}. Same load as above, each server alone; statements per request through the proxy.`);
    log();
    log(peerTable(peerRows));
    log();
    log(
      `Idle RSS right after /ready: PostGraphile ${peer.idleMiB.toFixed(0)} MiB. One request alone, PostGraphile: ` +
        peerRows.map((row) => `${row.operation} ${row.postgraphileCost.ms.toFixed(1)} ms, ${figure(row.postgraphileCost.rows)} rows, ${figure(row.postgraphileCost.kB)} kB`).join('; '),
    );
    log();
  }
}

/**
 * Every server behind the counting proxy: the same answers first (the benchmark stops on a
 * difference), then what one request alone reads from PostgreSQL. talkgraph must send exactly the
 * reference's JSON; PostGraphile, whose names differ, the same rows once both are made plain.
 */
async function checkAnswersAndCosts(): Promise<{
  costs: Map<string, { talkgraph: RequestCost; reference: RequestCost }>;
  peerCosts: Map<string, RequestCost>;
}> {
  const target = new URL(databaseUrl);
  const proxy = await startWireProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const running: ServerProcess[] = [];
  try {
    const talkgraph = await startTalkgraph({ url: proxied.toString() });
    running.push(talkgraph);
    const reference = await startReference(proxied.toString());
    running.push(reference);
    const peer = peerOperations.length > 0 ? await startPostGraphile(proxied.toString()) : undefined;
    if (peer) running.push(peer);
    for (const operation of operations) {
      const expected = await answer(reference.url, operation, 'reference');
      const talkgraphAnswer = await answer(talkgraph.url, operation, 'talkgraph');
      const difference = firstDifference(expected, talkgraphAnswer);
      if (difference) throw new Error(`${operation.key}: talkgraph and the reference answer differently (reference first) at ${difference}`);
      if (peer && operation.peerBody) await checkPeer(operation, plainAnswer(talkgraphAnswer), peer);
    }
    log(`Answers checked: talkgraph and the reference return the same JSON for ${operations.map((o) => o.key).join(', ')}.`);
    if (peer) log(`PostGraphile returns the same rows, in the same order, for ${peerOperations.map((o) => o.key).join(', ')}.`);
    const costs = new Map<string, { talkgraph: RequestCost; reference: RequestCost }>();
    const peerCosts = new Map<string, RequestCost>();
    for (const operation of operations) {
      costs.set(operation.key, {
        talkgraph: await measureCost(talkgraph.url, operation, proxy, sequentialRequests),
        reference: await measureCost(reference.url, operation, proxy, sequentialRequests),
      });
      if (peer && operation.peerBody) peerCosts.set(operation.key, await measureCost(peer.url, asPeer(operation), proxy, sequentialRequests));
    }
    return { costs, peerCosts };
  } finally {
    for (const server of running) await server.stop();
    await proxy.close();
  }
}

async function checkPeer(operation: Operation, expected: unknown, peer: ServerProcess): Promise<void> {
  const difference = firstDifference(expected, plainAnswer(await answer(peer.url, asPeer(operation), 'PostGraphile')));
  if (difference) {
    throw new Error(
      `${operation.key}: talkgraph and PostGraphile answer differently (talkgraph first, both made plain) at ${difference}\n` +
        `  PostGraphile's operation: scripts/bench/postgraphile/${operation.key}.graphql`,
    );
  }
}

/** One server alone on the machine, straight to its database, the given operations in turn. */
async function loadAlone(
  label: string,
  start: () => Promise<ServerProcess>,
  measured: Operation[],
): Promise<{ idleMiB: number; readyAfterMs: number; results: Map<string, Measured> }> {
  const server = await start();
  try {
    const idleMiB = server.rssMiB();
    const results = new Map<string, Measured>();
    for (const operation of measured) {
      await server.settle();
      const result = await loadRun(server.url, operation, load);
      await server.settle();
      results.set(operation.key, { ...result, rssMiB: server.rssMiB() });
      log(spread(`  ${label} ${operation.key}:`, result));
    }
    return { idleMiB, readyAfterMs: server.readyAfterMs, results };
  } finally {
    await server.stop();
  }
}

async function serverVersion(): Promise<string> {
  const { rows } = await withClient(databaseUrl, (client) => client.query<{ server_version: string }>('SHOW server_version'));
  return rows[0].server_version;
}

async function embeddedSection(files: string[]): Promise<void> {
  if (!flags['skip-build']) await prepareEmbeddedDatabase(embeddedDir, files, log);
  else if (!existsSync(embeddedDir)) throw new Error(`${embeddedDir} does not exist yet: run once without --skip-build to build it.`);
  const scratch = mkdtempSync(join(tmpdir(), 'talkgraph-bench-'));
  const copy = join(scratch, 'existing');
  try {
    copyEmbeddedDatabase(embeddedDir, copy);
    // The reference statements, run on the copy itself, say what talkgraph must answer there.
    const expected = new Map<string, unknown>();
    const db = await openDatabase({ kind: 'embedded', dataDir: copy });
    try {
      log(`Data in the embedded copy: ${describeCounts(await dataCounts(db.pglite!))}`);
      for (const operation of operations) {
        const { rows } = await db.pglite!.query<Record<string, string>>(referenceStatements[operation.name]);
        expected.set(operation.key, JSON.parse(Object.values(rows[0])[0]));
      }
    } finally {
      await db.close();
    }

    // The answers first, on a server of its own, so the load below starts on a fresh process.
    const checking = await startTalkgraph({ dataDir: copy }, 'talkgraph (embedded)');
    try {
      for (const operation of operations) {
        const difference = firstDifference(expected.get(operation.key), await answer(checking.url, operation, 'talkgraph (embedded)'));
        if (difference) throw new Error(`${operation.key}: embedded talkgraph and the reference SQL answer differently (reference first) at ${difference}`);
      }
    } finally {
      await checking.stop();
    }
    const { idleMiB, results, readyAfterMs } = await loadAlone('embedded', () => startTalkgraph({ dataDir: copy }, 'talkgraph (embedded)'), operations);
    const rows: EmbeddedRow[] = operations.map((operation) => ({ operation: operation.key, result: results.get(operation.key)! }));

    // Both starts above were cold starts on the existing data too.
    const existing: number[] = [checking.readyAfterMs, readyAfterMs];
    while (existing.length < coldStarts) {
      const started = await startTalkgraph({ dataDir: copy }, 'talkgraph (embedded)');
      existing.push(started.readyAfterMs);
      await started.stop();
    }
    const fresh: number[] = [];
    for (let i = 0; i < coldStarts; i++) {
      const dir = join(scratch, `new-${i}`);
      const started = await startTalkgraphFresh(dir);
      fresh.push(started.readyAfterMs);
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    }

    log();
    log(`Embedded database (PGlite, a copy of ${embeddedDir}), ${describeLoad()}; answers checked against the reference SQL run on the copy`);
    log();
    log(embeddedTable(rows));
    log();
    log(`Idle RSS right after /ready: ${idleMiB.toFixed(0)} MiB`);
    log();
    log(
      coldStartTable([
        { data: 'the benchmark data', times: existing, median: median(existing) },
        { data: 'a new empty folder (migrate + seed)', times: fresh, median: median(fresh) },
      ]),
    );
    log();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Which code was measured, for before/after notes. */
function checkout(): string {
  try {
    return `talkgraph ${execFileSync('git', ['-C', repoRoot, 'describe', '--always', '--dirty'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`;
  } catch {
    return `talkgraph in ${repoRoot} (not a git checkout)`;
  }
}

const started = performance.now();
log(`${checkout()}; Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
log(`Operations: ${operations.map((operation) => operation.key).join(', ')}`);
const files = programmeFiles(flags.data);
if (runServer) await serverSection(files);
if (runEmbedded) await embeddedSection(files);
log(`Finished in ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
