// The servers under test run as child processes, the way users run them, so that each can be
// measured alone (one at a time on a shared 2-core machine), by its own memory, and timed from
// spawn to readiness (the cold start).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  label: string;
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to the first 200 from /ready. */
  readyAfterMs: number;
  /** Resident memory now, in MiB, from /proc. */
  rssMiB(): number;
  /**
   * Resolves once the process has stopped using the CPU. A load generator that stops leaves the
   * server still working through the requests it had accepted (seconds of them, for slow
   * operations), which would otherwise run into the next measurement.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('No free TCP port.');
  return address.port;
}

/** CPU time the process has used, in clock ticks (user + system, fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function settle(pid: number, { quietMs = 300, limitMs = 30_000 } = {}): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = cpuTicks(pid);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    const ticks = cpuTicks(pid);
    // A tick is 10 ms; an idle Node process still wakes for timers, so allow one.
    if (ticks - last > 1) quietSince = Date.now();
    last = ticks;
    if (Date.now() - quietSince >= quietMs) return;
  }
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return kB / 1024;
}

/** Settings a developer's shell may carry that would point a child at the wrong database. */
const inheritedButOurs = [
  'DATABASE_URL',
  'TALKGRAPH_DATA_DIR',
  'TALKGRAPH_SEED',
  'PORT',
  'HOST',
  'TALKGRAPH_OPEN_READS',
  'TALKGRAPH_TOKENS',
  // Tracing is measured on purpose (npm run bench:tracing), never because a shell had it on.
  'TALKGRAPH_TRACING',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_SDK_DISABLED',
];

export async function startProcess(label: string, args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of inheritedButOurs) delete childEnv[name];
  // Served as in production: graphql-js and plugin-prisma skip their development-time checks.
  Object.assign(childEnv, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) }, env);
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (hasExited) throw new Error(`${label} exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} was not ready after 180 s:\n${output}`);
    }
    const ready = await fetch(`${base}/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((done) => setTimeout(done, 20));
  }
  const readyAfterMs = performance.now() - started;
  const pid = child.pid!;
  return {
    label,
    url: `${base}/graphql`,
    pid,
    readyAfterMs,
    rssMiB: () => rssMiB(pid),
    settle: () => settle(pid),
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What `npm start` passes to node (package.json), so the benchmark runs the server as users do. */
const startArguments: string[] = (JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .replace(/^exec node /, '')
  .split(' ');

/** talkgraph as `npm start` runs it, on a server database (url) or an embedded data folder. */
export function startTalkgraph(database: { url: string } | { dataDir: string }, label = 'talkgraph', settings: Record<string, string> = {}): Promise<ServerProcess> {
  const env: Record<string, string> =
    'url' in database ? { DATABASE_URL: database.url, TALKGRAPH_SEED: 'off' } : { TALKGRAPH_DATA_DIR: database.dataDir };
  // The read path is what is measured: a response cache would answer every repeated request.
  return startProcess(label, startArguments, { TALKGRAPH_RESPONSE_CACHE: 'off', ...env, ...settings });
}

/** talkgraph on a new data folder: it migrates and seeds, as on a user's first start. */
export function startTalkgraphFresh(dataDir: string): Promise<ServerProcess> {
  return startProcess('talkgraph (new data folder)', startArguments, { TALKGRAPH_DATA_DIR: dataDir });
}

export function startReference(databaseUrl: string): Promise<ServerProcess> {
  return startProcess('reference', ['--import', 'tsx', 'scripts/bench/reference-server.ts'], { DATABASE_URL: databaseUrl });
}

/**
 * The PostGraphile peer (./postgraphile/server.ts) on the same database, in production mode.
 * GRAPHILE_ENV says so to Grafast, which otherwise prints a warning and runs the same way.
 */
export function startPostGraphile(databaseUrl: string): Promise<ServerProcess> {
  return startProcess('PostGraphile', ['--import', 'tsx', 'scripts/bench/postgraphile/server.ts'], { DATABASE_URL: databaseUrl, GRAPHILE_ENV: 'production' });
}

/** How the peer is configured, printed with its figures. */
export function describePostGraphile(): string {
  const node20 = typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function';
  return (
    'PostGraphile 5.1.5 (Amber preset, grafserv node adapter, production mode) on 127.0.0.1, the public schema of the same database, ' +
    'a pool of 10 connections with talkgraph\'s session settings (jit=off, random_page_cost=1.1) but its own plan cache mode (auto, faster for it than talkgraph\'s force_generic_plan); no watch mode, GraphiQL or schema export; ' +
    'added with graphile-utils: the orders talkgraph uses that PostGraphile does not generate, a reaction-kinds condition, unique slugs' +
    (node20 ? `; PostGraphile 5 declares Node >= 22, so on this Node ${process.version} its process adds Promise.withResolvers` : '')
  );
}
