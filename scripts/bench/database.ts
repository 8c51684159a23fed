// The benchmark's data: every real programme in ../shared/data plus the synthetic knowledge of
// ./synthetic.ts, in a PostgreSQL database on the server and in an embedded (PGlite) data folder.
// Building takes about a minute, so each copy carries a data-version marker and is reused while
// the version matches: a hash of the input files, the migration history, the synthetic plan and
// the code that turns programmes into rows (importers, dataset rules, seed), since a change there
// can change the data.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.js';
import { importSchedule } from '../../src/db/import.js';
import { migrate, readMigrationHistory } from '../../src/db/migrations.js';
import { seed } from '../../src/db/seed.js';
import { repoRoot } from './servers.js';
import { addSyntheticData, type SqlRunner, syntheticPlan } from './synthetic.js';

/** Bump when the way the data is built changes in a way the hash cannot see. */
const builderVersion = 2;

/** The programmes the benchmark imports, in import order. */
export function programmeFiles(dataDir: string): string[] {
  const folder = (name: string, extension: string) => {
    const dir = join(dataDir, name);
    if (!existsSync(dir)) throw new Error(`${dir} is missing: the benchmark imports the programmes in ${dataDir}.`);
    return readdirSync(dir)
      .filter((file) => file.endsWith(extension))
      .sort()
      .map((file) => join(dir, file));
  };
  return [
    ...folder('fosdem-schedules', '.xml'),
    ...folder('ccc-congress-schedules', '.xml'),
    ...folder('c3voc-json-samples', '.json'),
    ...folder('kubecon-eu-2026-ics', '.ics'),
  ];
}

const dataShapingCode = ['src/importers', 'src/dataset', 'prisma/seed'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function dataVersion(files: string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ builderVersion, syntheticPlan, migrations: readMigrationHistory() }));
  for (const file of files) hash.update(basename(file)).update(readFileSync(file));
  for (const file of dataShapingCode.flatMap((dir) => filesUnder(join(repoRoot, dir)))) {
    hash.update(relative(repoRoot, file)).update(readFileSync(file));
  }
  return `talkgraph-bench ${hash.digest('hex').slice(0, 16)}`;
}

type Log = (line: string) => void;

async function fill(db: Database, sql: SqlRunner, files: string[], log: Log): Promise<void> {
  const started = performance.now();
  await migrate(db);
  await seed(db.prisma);
  for (const file of files) await importSchedule(db.prisma, readFileSync(file, 'utf8'), { file });
  log(`  imported ${files.length} programmes in ${seconds(started)}`);
  const syntheticStarted = performance.now();
  const added = await addSyntheticData(sql);
  log(
    `  added ${added.affiliations} staff roles, ${added.articles} articles, ${added.authors} authorships, ${added.reactions} reactions in ${seconds(syntheticStarted)}`,
  );
  // Without fresh statistics the planner guesses, and on this data it guessed a plan (with JIT)
  // fifty times slower than the right one.
  await sql.query('VACUUM ANALYZE');
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The maintenance database on the same server, from which the benchmark database is dropped and created. */
function adminUrl(url: string): { admin: string; name: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!name) throw new Error(`The benchmark database URL must name a database, e.g. postgresql://postgres@127.0.0.1:5432/talkgraph_bench.`);
  parsed.pathname = '/postgres';
  return { admin: parsed.toString(), name };
}

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Builds the server database unless one with this data version exists. Returns whether it built. */
export async function prepareServerDatabase(url: string, files: string[], log: Log): Promise<boolean> {
  const version = dataVersion(files);
  const { admin, name } = adminUrl(url);
  // The marker is the database's comment: it is written last, so a build that fails leaves none.
  const marker = await withClient(admin, async (client) => {
    const { rows } = await client.query<{ marker: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1",
      [name],
    );
    return rows.length === 0 ? undefined : rows[0].marker;
  });
  if (marker === version) {
    log(`PostgreSQL database ${name}: reused (${version})`);
    return false;
  }
  log(`PostgreSQL database ${name}: ${marker === undefined ? 'building' : 'rebuilding (data version changed)'}`);
  const started = performance.now();
  await withClient(admin, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    await withClient(url, (client) => fill(db, client, files, log));
  } finally {
    await db.close();
  }
  await withClient(admin, (client) => client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(version)}`));
  log(`  built in ${seconds(started)}`);
  return true;
}

/**
 * Builds the embedded data folder unless one with this data version exists. It is built beside
 * its final place and renamed when complete, so an interrupted build is never mistaken for data.
 */
export async function prepareEmbeddedDatabase(dir: string, files: string[], log: Log): Promise<boolean> {
  const version = dataVersion(files);
  const markerFile = `${dir}.version`;
  if (existsSync(dir) && existsSync(markerFile) && readFileSync(markerFile, 'utf8') === version) {
    log(`embedded database ${dir}: reused (${version})`);
    return false;
  }
  log(`embedded database ${dir}: building`);
  const started = performance.now();
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  rmSync(markerFile, { force: true });
  const db = await openDatabase({ kind: 'embedded', dataDir: partial });
  try {
    await fill(db, db.pglite!, files, log);
  } finally {
    await db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  writeFileSync(markerFile, version);
  log(`  built in ${seconds(started)}`);
  return true;
}

/** A disposable copy for one server run: serving writes to its folder (migrations check, WAL). */
export function copyEmbeddedDatabase(dir: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(dir, to, { recursive: true });
}

export interface DataCounts {
  conferences: number;
  talks: number;
  people: number;
  organisations: number;
  affiliations: number;
  articles: number;
  reactions: number;
}

export async function dataCounts(sql: SqlRunner): Promise<DataCounts> {
  const { rows } = await sql.query<DataCounts>(
    `SELECT (SELECT count(*) FROM "Conference")::int AS conferences, (SELECT count(*) FROM "Talk")::int AS talks,
            (SELECT count(*) FROM "Person")::int AS people, (SELECT count(*) FROM "Organisation")::int AS organisations,
            (SELECT count(*) FROM "Affiliation")::int AS affiliations, (SELECT count(*) FROM "Article")::int AS articles,
            (SELECT count(*) FROM "Reaction")::int AS reactions`,
  );
  return rows[0];
}

export function describeCounts(counts: DataCounts): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `${n(counts.conferences)} conferences, ${n(counts.talks)} talks, ${n(counts.people)} people, ${n(counts.organisations)} organisations, ` +
    `${n(counts.affiliations)} staff roles, ${n(counts.articles)} articles, ${n(counts.reactions)} reactions`
  );
}
