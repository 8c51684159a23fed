// A new embedded database costs seconds to create (PGlite's initdb, the migration engine, the
// seed); one loaded from a dump of a database already migrated and seeded opens in about one. So
// installing writes that dump once (scripts/embedded-template.mjs, run by npm install), and a
// first start on an empty data folder loads it. The file is named by a hash of the migrations,
// the seed and the PGlite version: when any of them changes, the old dump no longer applies and a
// first start creates the database the long way until the next install writes a new one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { openDatabase } from './client.js';
import { lockFileName, lockSocketPattern } from './data-dir-lock.js';
import { migrate, readMigrationHistory } from './migrations.js';
import { seed, seedPath } from './seed.js';

export const templatesDir = resolve(import.meta.dirname, '../../.data/templates');

/** PGlite's version: a dump is only read back by the PGlite that wrote it. */
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

export const seededTemplateFile = () => join(templatesDir, `seeded-${templateKey()}.tar`);

/** The dump of a migrated, seeded embedded database, when one for the current history exists. */
export function seededTemplate(): Blob | undefined {
  const file = seededTemplateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Writes the dump for the current history (and removes dumps of older ones); returns its path. */
export async function writeSeededTemplate(): Promise<string> {
  const file = seededTemplateFile();
  if (existsSync(file)) return file;
  const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  try {
    await migrate(db);
    await seed(db.prisma);
    const dump = await db.pglite!.dumpDataDir('none');
    mkdirSync(templatesDir, { recursive: true });
    for (const old of readdirSync(templatesDir)) rmSync(join(templatesDir, old), { force: true });
    writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.partial`, file);
    return file;
  } finally {
    await db.close();
  }
}

/** True when `dir` holds no database yet (missing, empty, or only a lock and its socket left by a crash). */
export function isNewDataDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).every((name) => name === lockFileName || lockSocketPattern.test(name));
}
