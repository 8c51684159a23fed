// Times cold starts of the embedded server: from spawning `npm start`'s command until /ready
// answers 200, on an existing data folder and on a new one, for this checkout and optionally
// other checkouts, run alternately so that each sees the same machine.
//
//   node scripts/cold-start.mjs [--runs 7] [--poll 5] [other checkout ...]
//
// Each checkout gets its own existing data folder, made by a first start on a new one. As in the
// benchmark (scripts/bench/servers.ts), starts on existing data run with the response cache off,
// starts on a new folder with the defaults.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, poll: { type: 'string', default: '5' } },
  allowPositionals: true,
});
const runs = Number(values.runs);
const pollMs = Number(values.poll);
const checkouts = [resolve(import.meta.dirname, '..'), ...positionals.map((dir) => resolve(dir))];
const scratch = mkdtempSync(join(tmpdir(), 'talkgraph-cold-'));

async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/** Starts the checkout's server on `dataDir`; resolves with the milliseconds until /ready, once it has stopped again. */
async function coldStart(root, dataDir, settings = {}) {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start.replace(/^exec node /, '').split(' ');
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), TALKGRAPH_DATA_DIR: dataDir, ...settings };
  for (const name of ['DATABASE_URL', 'TALKGRAPH_SEED', 'TALKGRAPH_TRACING']) delete env[name];
  const started = performance.now();
  const child = spawn(process.execPath, start, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
  let exited = false;
  const exit = new Promise((done) => child.once('exit', () => done((exited = true))));
  for (;;) {
    if (exited) throw new Error(`${root} exited before it was ready:\n${errors}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((response) => response.status === 200, () => false);
    if (ready) break;
    if (performance.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`${root} was not ready after 120 s:\n${errors}`);
    }
    await new Promise((done) => setTimeout(done, pollMs));
  }
  const ms = performance.now() - started;
  child.kill('SIGTERM');
  await exit;
  return ms;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  const existing = checkouts.map((root, i) => {
    const dir = join(scratch, `existing-${i}`);
    return { root, dir, times: { existing: [], fresh: [] } };
  });
  // A first start on each existing folder makes it; it is not counted.
  for (const each of existing) await coldStart(each.root, each.dir);
  for (let run = 0; run < runs; run++) {
    // Alternate the order too, so neither checkout always follows the other.
    const order = run % 2 ? [...existing].reverse() : existing;
    for (const each of order) each.times.existing.push(await coldStart(each.root, each.dir, { TALKGRAPH_RESPONSE_CACHE: 'off' }));
    for (const each of order) {
      const dir = join(scratch, `new-${run}`);
      each.times.fresh.push(await coldStart(each.root, dir));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const { root, times } of existing) {
    const show = (xs) => `median ${Math.round(median(xs))} ms  (${xs.map((x) => Math.round(x)).join(', ')})`;
    console.log(`${root}\n  existing data: ${show(times.existing)}\n  new folder:    ${show(times.fresh)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
