// A new embedded data folder starts as a copy of the installed template's (src/db/embedded-template.ts).
// PGlite can load a database from a tar dump, but it writes each of the thousand-odd files through
// its own file system layer: 0.9 s for the seeded database, against 0.1 s to copy the folder with
// many copies in flight at once (creating a file costs more than its bytes, and Node's thread
// pool creates several at a time). The copy is made in a staging folder inside the data folder and
// moved into place entry by entry, PG_VERSION last, so a start that dies while copying leaves a
// folder that still counts as new.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { lockFileName, lockSocketPattern } from './data-dir-lock.js';

/** Where a copy is staged: .talkgraph-copy.<pid>, inside the data folder. */
const stagingPattern = /^\.talkgraph-copy\.\d+$/;

/** True when `dir` holds no database yet (missing, empty, or only a lock, its socket and an unfinished copy left by a crash). */
export function isNewDataDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).every((name) => name === lockFileName || lockSocketPattern.test(name) || stagingPattern.test(name));
}

/**
 * Copies the data folder `template` (a database closed cleanly) into `dataDir`, which must be new
 * (isNewDataDir) and held by this process's lock.
 */
export async function copyDataDir(template: string, dataDir: string): Promise<void> {
  for (const name of readdirSync(dataDir)) if (stagingPattern.test(name)) rmSync(join(dataDir, name), { recursive: true, force: true });
  const staging = join(dataDir, `.talkgraph-copy.${process.pid}`);
  const entries = readdirSync(template, { recursive: true, withFileTypes: true });
  const target = (entry: (typeof entries)[number]) => join(staging, relative(template, join(entry.parentPath, entry.name)));
  mkdirSync(staging);
  for (const entry of entries) if (entry.isDirectory()) mkdirSync(target(entry), { recursive: true });
  await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => copyFile(join(entry.parentPath, entry.name), target(entry))));
  const names = readdirSync(staging).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  for (const name of names) renameSync(join(staging, name), join(dataDir, name));
  rmSync(staging, { recursive: true, force: true });
}
