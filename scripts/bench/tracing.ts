// `npm run bench:tracing`: what OpenTelemetry tracing costs talkgraph, on the one-conference page
// (operations/conference-page.graphql) and the benchmark database of `npm run bench`. The same
// server is measured alone twice: tracing off (the default), then on, exporting every span over
// OTLP/HTTP to a sink in this process that reads and discards them, as a nearby collector would.
//   --duration <s> --warmup <s> --runs <n> --connections <n>   as in `npm run bench` (2.5, 1.5, 3, 10)
//   --skip-build --database-url <url> --data <dir>             as in `npm run bench`
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareServerDatabase, programmeFiles } from './database.js';
import { figure } from './report.js';
import { loadOperations, measureAlone } from './runner.js';
import { repoRoot, type ServerProcess, startTalkgraph } from './servers.js';

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
const load = {
  duration: Number(flags.duration),
  warmup: Number(flags.warmup),
  runs: Number(flags.runs),
  connections: Number(flags.connections),
  minResponses: 10,
  limit: 120,
};
const log = (line = '') => console.log(line);
const [operation] = loadOperations(['conference-page']);
const databaseUrl = flags['database-url'];

/** An OTLP/HTTP endpoint that accepts every export and keeps only its count and size. */
async function startSink(): Promise<{ url: string; exports: () => number; kB: () => number; close: () => Promise<void> }> {
  let exports = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      exports++;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The OTLP sink did not get a TCP port.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    exports: () => exports,
    kB: () => bytes / 1000,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const measure = (label: string, start: () => Promise<ServerProcess>) => measureAlone(label, operation, start, load);

log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
if (!flags['skip-build']) await prepareServerDatabase(databaseUrl, programmeFiles(flags.data), log);
const sink = await startSink();
try {
  const off = await measure('tracing off', () => startTalkgraph({ url: databaseUrl }));
  const on = await measure('tracing on', () =>
    startTalkgraph({ url: databaseUrl }, 'talkgraph (tracing)', { TALKGRAPH_TRACING: 'otlp', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${sink.url}/v1/traces` }),
  );
  if (sink.exports() === 0) throw new Error('Tracing was on, yet the OTLP sink received no spans: the measurement is not of tracing.');
  log();
  log(
    `${operation.key} on the PostgreSQL server, ${load.connections} connections, median of ${load.runs} runs of at least ${load.duration} s after ${load.warmup} s of warm-up; ` +
      `tracing on = OTLP/HTTP to a local sink that discards (${sink.exports()} exports, ${figure(sink.kB())} kB received)`,
  );
  log();
  log('| talkgraph | req/s | p50 ms | p99 ms |');
  log('| --- | ---: | ---: | ---: |');
  for (const [label, result] of [['tracing off', off], ['tracing on', on]] as const) {
    log(`| ${label} | ${figure(result.requestsPerSecond)} | ${figure(result.p50)} | ${figure(result.p99)} |`);
  }
  log();
  log(`Throughput with tracing on / off: ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)}; p99 on / off: ${(on.p99 / off.p99).toFixed(2)}`);
} finally {
  await sink.close();
}
