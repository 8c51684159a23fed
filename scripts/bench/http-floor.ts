// `npm run bench:floor`: what a request costs before any of talkgraph's own work, so the ratio of
// the small page to hand-written SQL can be read against what the HTTP stack alone allows. Each
// server is loaded alone with `{ __typename }`, an answer that needs no database:
//   Node's http module (the reference server's stack), graphql-yoga with its defaults and a
//   one-field schema, and talkgraph (Yoga, its plugins and the compiled path).
// Then the one-conference page (operations/conference-page.graphql) on the SQL reference and on
// talkgraph, on the database of `npm run bench` (--skip-build: it exists already).
//   --duration <s> --warmup <s> --runs <n> --connections <n>   as in `npm run bench` (2.5, 1.5, 3, 10)
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareServerDatabase, programmeFiles } from './database.js';
import { figure } from './report.js';
import { loadOperations, type LoadResult, measureAlone, type Operation } from './runner.js';
import { repoRoot, type ServerProcess, startProcess, startReference, startTalkgraph } from './servers.js';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '2.5' },
    warmup: { type: 'string', default: '1.5' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    'skip-build': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.TALKGRAPH_BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/talkgraph_bench' },
    data: { type: 'string', default: process.env.TALKGRAPH_BENCH_DATA ?? resolve(repoRoot, '../shared/data') },
  },
});
const load = { duration: Number(flags.duration), warmup: Number(flags.warmup), runs: Number(flags.runs), connections: Number(flags.connections), minResponses: 10, limit: 120 };
const log = (line = '') => console.log(line);
const databaseUrl = flags['database-url'];
const typename: Operation = { key: 'typename', name: 'Typename', body: JSON.stringify({ query: 'query Typename { __typename }' }) };
const [page] = loadOperations(['conference-page']);

const measure = (label: string, operation: Operation, start: () => Promise<ServerProcess>) => measureAlone(label, operation, start, load);

const floor = (kind: 'raw' | 'yoga') => () => startProcess(kind === 'raw' ? 'Node http' : 'graphql-yoga', ['--import', 'tsx', 'scripts/bench/floor-server.ts', kind], {});
const talkgraph = () => startTalkgraph({ url: databaseUrl }, 'talkgraph', { TALKGRAPH_RESPONSE_CACHE: 'off' });

log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
if (!flags['skip-build']) await prepareServerDatabase(databaseUrl, programmeFiles(flags.data), log);
const rows: Array<[string, string, LoadResult]> = [
  ['{ __typename }', 'Node http', await measure('Node http, { __typename }', typename, floor('raw'))],
  ['{ __typename }', 'graphql-yoga, defaults', await measure('graphql-yoga, { __typename }', typename, floor('yoga'))],
  ['{ __typename }', 'talkgraph', await measure('talkgraph, { __typename }', typename, talkgraph)],
  ['conference-page', 'SQL reference (Node http)', await measure('reference, conference-page', page, () => startReference(databaseUrl))],
  ['conference-page', 'talkgraph', await measure('talkgraph, conference-page', page, talkgraph)],
];
const base = rows[0][2].requestsPerSecond;
log('');
log(`${load.connections} connections, median of ${load.runs} runs of ${load.duration} s after ${load.warmup} s of warm-up, each server alone`);
log('');
log('| request | server | req/s | p50 ms | p99 ms | of Node http |');
log('| --- | --- | --: | --: | --: | --: |');
for (const [request, server, result] of rows) {
  log(`| ${request} | ${server} | ${figure(result.requestsPerSecond)} | ${figure(result.p50)} | ${figure(result.p99)} | ${(result.requestsPerSecond / base).toFixed(3)} |`);
}
