// Builds one migrated template per database kind, once per test run, so each spec can get a fresh
// database by cloning it: PGlite loads a dump in well under a second (creating one costs ~3 s),
// and PostgreSQL copies a template database with CREATE DATABASE ... TEMPLATE.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Database, openDatabase } from '../../src/db/client.js';
import { importSchedule } from '../../src/db/import.js';
import { seed } from '../../src/db/seed.js';
import { migrate } from '../../src/db/migrations.js';
import { adminUrl, databaseUrl, postgresEnabled } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string;
    postgresTemplate: string | null;
    /** The same with the seed and real programmes loaded (null when ../shared/data is missing). */
    programmesEmbeddedTemplate: string | null;
    programmesPostgresTemplate: string | null;
  }
}

/** The real programmes the question specs ask about, with the options their formats need. */
export const programmeFiles: Array<{ path: string; timeZone?: string }> = [
  { path: 'fosdem-schedules/fosdem-2024.xml' },
  { path: 'fosdem-schedules/fosdem-2025.xml' },
  { path: 'fosdem-schedules/fosdem-2026.xml' },
  { path: 'kubecon-eu-2026-ics/kccnceu2026-all.ics' },
  { path: 'kubecon-eu-2025-sched/talks.jsonl', timeZone: 'Europe/London' },
];

export const sharedData = resolve(import.meta.dirname, '../../../shared/data');

/** Seeds `db` and imports every programme of programmeFiles. */
async function loadProgrammes(db: Database): Promise<void> {
  await seed(db.prisma);
  for (const { path, timeZone } of programmeFiles) {
    await importSchedule(db.prisma, readFileSync(resolve(sharedData, path), 'utf8'), { file: path, timeZone });
  }
}

export default async function setup(project: TestProject) {
  // Specs that run the talkgraph command use the compiled dist/; build it once, before they start.
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/build.mjs')], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'talkgraph-test-'));
  const embedded = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  await migrate(embedded);
  const dump = await embedded.pglite!.dumpDataDir('none');
  await embedded.close();
  const embeddedTemplate = join(dir, 'template.tar');
  writeFileSync(embeddedTemplate, Buffer.from(await dump.arrayBuffer()));
  project.provide('embeddedTemplate', embeddedTemplate);

  let postgresTemplate: string | null = null;
  if (postgresEnabled()) {
    postgresTemplate = `talkgraph_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `Tests need a PostgreSQL server at ${adminUrl()} (set TALKGRAPH_TEST_POSTGRES_URL to another one, or ` +
          `TALKGRAPH_TEST_POSTGRES=off to run against the embedded database only): ${(error as Error).message}`,
      );
    }
    await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplate}`);
    await admin.query(`CREATE DATABASE ${postgresTemplate}`);
    await admin.end();
    const server = await openDatabase({ kind: 'postgres', url: databaseUrl(postgresTemplate) });
    await migrate(server);
    await server.close();
  }
  project.provide('postgresTemplate', postgresTemplate);

  // Specs about real programmes clone a database that has them, built once here for both kinds.
  let programmesEmbeddedTemplate: string | null = null;
  let programmesPostgresTemplate: string | null = null;
  if (existsSync(sharedData)) {
    // One after the other: the embedded import holds the event loop for seconds at a time, and on a
    // busy machine the server import's connections timed out meanwhile before their answers were read.
    const builds: Array<() => Promise<void>> = [];
    builds.push(
      async () => {
        const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://', loadFrom: new Blob([readFileSync(embeddedTemplate)]) });
        await loadProgrammes(db);
        const programmes = await db.pglite!.dumpDataDir('none');
        await db.close();
        programmesEmbeddedTemplate = join(dir, 'programmes.tar');
        writeFileSync(programmesEmbeddedTemplate, Buffer.from(await programmes.arrayBuffer()));
      },
    );
    if (postgresTemplate) {
      const name = `talkgraph_programmes_${process.pid}`;
      builds.unshift(
        async () => {
          const admin = new pg.Client({ connectionString: adminUrl() });
          await admin.connect();
          await admin.query(`DROP DATABASE IF EXISTS ${name}`);
          await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplate}`);
          await admin.end();
          const db = await openDatabase({ kind: 'postgres', url: databaseUrl(name) });
          await loadProgrammes(db);
          await db.sql.run('ANALYZE', []);
          await db.close();
          programmesPostgresTemplate = name;
        },
      );
    }
    for (const build of builds) await build();
  }
  project.provide('programmesEmbeddedTemplate', programmesEmbeddedTemplate);
  project.provide('programmesPostgresTemplate', programmesPostgresTemplate);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (postgresTemplate) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`);
      if (programmesPostgresTemplate) await admin.query(`DROP DATABASE IF EXISTS ${programmesPostgresTemplate} WITH (FORCE)`);
      await admin.end();
    }
  };
}
