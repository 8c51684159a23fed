// Benchmark: runs `talkgraph import` on schedule files as a user would and prints, per file and for
// the whole set in one process, the time the command reports and the process's peak memory (RSS),
// for a first import and for a re-import that changes nothing. With --against <git ref>, the same
// runs of that commit (checked out in a temporary git worktree) run beside it, each figure with its
// ratio talkgraph / reference.
//
// Embedded by default (temporary data folders); with DATABASE_URL=postgresql://... it benches on
// that server, in databases it creates and drops. Usage:
//   npm run bench:import -- [--against <git ref>] ../shared/data/fosdem-schedules/*.xml
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values, positionals: files } = parseArgs({ options: { against: { type: 'string' } }, allowPositionals: true });
if (files.length === 0) {
  console.error('Name the files to import, e.g. npm run bench:import -- --against HEAD~3 ../shared/data/fosdem-schedules/*.xml');
  process.exit(1);
}

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'talkgraph-bench-import-'));
const serverUrl = process.env.DATABASE_URL?.trim() || undefined;

// Every run reports its peak RSS (getrusage's maxrss) as it exits, on stderr.
const reporter = join(scratch, 'peak-rss.cjs');
writeFileSync(reporter, `process.on('exit', () => process.stderr.write('\\n@peak-rss-kib ' + process.resourceUsage().maxRSS + '\\n'));\n`);

interface Run {
  /** What the command says the work took, in seconds (its "(format, 1.7 s)" or "All 20 files in 8.4 s"). */
  seconds: number;
  peakMiB: number;
}

function talkgraph(checkout: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; peakMiB: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', reporter, join(checkout, 'bin/talkgraph.mjs'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.once('exit', (code) => {
      const peak = /@peak-rss-kib (\d+)/.exec(stderr);
      if (code !== 0 || !peak) fail(new Error(`talkgraph ${args.join(' ')} (in ${checkout}) failed:\n${stdout}\n${stderr}`));
      else done({ stdout, peakMiB: Number(peak[1]) / 1024 });
    });
  });
}

/** A fresh, empty database for one series of runs, and its disposal. */
async function freshDatabase(name: string): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(scratch, `${name}-`));
    return { env: { DATABASE_URL: '', TALKGRAPH_DATA_DIR: dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const database = `talkgraph_bench_${name.replace(/\W/g, '_')}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { env: { DATABASE_URL: url.toString() }, dispose: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

const reported = (stdout: string, pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? NaN);

interface Figures {
  perFile: Run[];
  first: Run;
  again: Run;
}

/** Each file in a process of its own (one after another), then the whole set in one process, twice. */
async function bench(name: string, checkout: string): Promise<Figures> {
  const perFile: Run[] = [];
  const oneByOne = await freshDatabase(`${name}-each`);
  try {
    await talkgraph(checkout, ['migrate'], oneByOne.env);
    for (const file of files) {
      const { stdout, peakMiB } = await talkgraph(checkout, ['import', file], oneByOne.env);
      perFile.push({ seconds: reported(stdout, /\([\w-]+, ([\d.]+) s/), peakMiB });
    }
  } finally {
    await oneByOne.dispose();
  }
  const together = await freshDatabase(`${name}-all`);
  try {
    await talkgraph(checkout, ['migrate'], together.env);
    const whole = async (): Promise<Run> => {
      const { stdout, peakMiB } = await talkgraph(checkout, ['import', ...files], together.env);
      return { seconds: files.length > 1 ? reported(stdout, /All \d+ files in ([\d.]+) s/) : reported(stdout, /\([\w-]+, ([\d.]+) s/), peakMiB };
    };
    return { perFile, first: await whole(), again: await whole() };
  } finally {
    await together.dispose();
  }
}

function checkoutOf(ref: string): string {
  const path = join(scratch, 'reference');
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  git('worktree', 'add', '--detach', path, ref);
  symlinkSync(join(root, 'node_modules'), join(path, 'node_modules'));
  // The Prisma client is generated, not committed: generate the reference's own from its schema.
  const generated = spawnSync(process.execPath, ['scripts/generate-client.mjs'], { cwd: path, encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`Generating the Prisma client of ${ref} failed:\n${generated.stderr}`);
  return path;
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratio = (mine: number, theirs: number) => (Number.isFinite(mine) && Number.isFinite(theirs) && theirs > 0 ? `${(mine / theirs).toFixed(2)}x` : '-');

let reference: string | undefined;
try {
  const where = serverUrl ? `PostgreSQL ${new URL(serverUrl).host}` : 'embedded PostgreSQL (PGlite)';
  console.log(`talkgraph import on ${where}; Node ${process.version}; ${files.length} file(s)`);
  const mine = await bench('talkgraph', root);
  let theirs: Figures | undefined;
  if (values.against) {
    reference = checkoutOf(values.against);
    theirs = await bench('reference', reference);
  } else {
    console.log('(add --against <git ref> to run that commit beside it, with ratios)');
  }

  const header = ['file', 's', 'peak MiB', ...(theirs ? [`${values.against} s`, 'peak MiB', 'time', 'memory'] : [])];
  const rows = files.map((file, index) => [
    basename(file),
    fmt(mine.perFile[index].seconds),
    fmt(mine.perFile[index].peakMiB, 0),
    ...(theirs
      ? [
          fmt(theirs.perFile[index].seconds),
          fmt(theirs.perFile[index].peakMiB, 0),
          ratio(mine.perFile[index].seconds, theirs.perFile[index].seconds),
          ratio(mine.perFile[index].peakMiB, theirs.perFile[index].peakMiB),
        ]
      : []),
  ]);
  const whole = (label: string, pick: (figures: Figures) => Run) => [
    label,
    fmt(pick(mine).seconds),
    fmt(pick(mine).peakMiB, 0),
    ...(theirs
      ? [fmt(pick(theirs).seconds), fmt(pick(theirs).peakMiB, 0), ratio(pick(mine).seconds, pick(theirs).seconds), ratio(pick(mine).peakMiB, pick(theirs).peakMiB)]
      : []),
  ];
  rows.push(whole(`all ${files.length}, one process`, (figures) => figures.first), whole('again (no changes)', (figures) => figures.again));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join('  ');
  console.log(`\n${line(header)}\n${rows.map(line).join('\n')}`);
  console.log('\nEach file runs in a process of its own after the ones above it; "s" is the time the command reports, peak is the process RSS.');
} finally {
  if (reference) spawnSync('git', ['worktree', 'remove', '--force', reference], { cwd: root });
  rmSync(scratch, { recursive: true, force: true });
}
