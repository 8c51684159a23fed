// Builds one migrated template per database kind, once per test run, so each spec can get a fresh
// database by cloning it: PGlite loads a dump in well under a second (creating one costs ~3 s),
// and PostgreSQL copies a template database with CREATE DATABASE ... TEMPLATE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrations.js';
import { adminUrl, databaseUrl, postgresEnabled } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string;
    postgresTemplate: string | null;
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

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (postgresTemplate) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`);
      await admin.end();
    }
  };
}
