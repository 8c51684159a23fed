// A new embedded database costs seconds to create (PGlite's initdb, the migration engine, the
// seed); a copy of the data folder of one already migrated and seeded opens almost as fast as an
// existing folder. So installing writes that folder once (scripts/embedded-template.mjs, run by
// npm install), and a first start on an empty data folder copies it (src/db/data-dir-copy.ts). The
// folder is named by a hash of the migrations, the seed and the PGlite version: when any of them
// changes, the old template no longer applies and a first start creates the database the long way
// until the next install writes a new one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { openDatabase } from './client.js';
import { migrate, readMigrationHistory } from './migrations.js';
import { seed, seedPath } from './seed.js';

export const templatesDir = resolve(import.meta.dirname, '../../.data/templates');

/** PGlite's version: a template is only opened by the PGlite that wrote it. */
function pgliteVersion(): string {
  // The package's exports hide package.json; find it above the entry point.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function templateKey(): string {
  const pglite = pgliteVersion();
  return createHash('sha256').update(JSON.stringify([readMigrationHistory(), readFileSync(seedPath, 'utf8'), pglite])).digest('hex').slice(0, 16);
}

export const seededTemplateDir = () => join(templatesDir, `seeded-${templateKey()}`);

/** The data folder of a migrated, seeded embedded database, when one for the current history exists. */
export function seededTemplate(): string | undefined {
  const dir = seededTemplateDir();
  return existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
}

/** Writes the template for the current history (and removes those of older ones); returns its path. */
export async function writeSeededTemplate(): Promise<string> {
  const dir = seededTemplateDir();
  if (seededTemplate()) return dir;
  // Made beside its final place and renamed there once the database is closed.
  const partial = `${dir}.partial.${process.pid}`;
  mkdirSync(templatesDir, { recursive: true });
  const db = await openDatabase({ kind: 'embedded', dataDir: partial });
  try {
    await migrate(db);
    await seed(db.prisma);
  } catch (error) {
    await db.close();
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  await db.close();
  for (const old of readdirSync(templatesDir)) {
    if (old !== basename(partial)) rmSync(join(templatesDir, old), { recursive: true, force: true });
  }
  renameSync(partial, dir);
  return dir;
}
