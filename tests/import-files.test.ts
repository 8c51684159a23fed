// Reading the files an import names: a missing file or a folder is refused by name, and no more
// than 64 MiB is ever read, whatever the file (a device such as /dev/zero never ends).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../src/db/import.js';
import { ImportError } from '../src/errors.js';

const bin = resolve(import.meta.dirname, '../bin/talkgraph.mjs');
const fixture = resolve(import.meta.dirname, 'fixtures/schedule.frab.xml');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'talkgraph-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = async (path: string) => {
  const error = await readImportFile(path).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).code).toBe('IMPORT_FAILED');
  return (error as ImportError).message;
};

describe('reading a file to import', () => {
  it('reads a schedule file as text', async () => {
    expect(await readImportFile(fixture)).toContain('<title>Demo Devroom Days 2025</title>');
  });

  it('refuses a missing file and a folder, saying which and what to do', async () => {
    expect(await refusal(join(dir, 'nope.xml'))).toBe(`${join(dir, 'nope.xml')}: there is no such file; check the path`);
    expect(await refusal(dir)).toBe(`${dir}: it is a folder; name the files in it (a shell pattern such as folder/*.xml names them all)`);
  });

  it('refuses a file over 64 MiB by its size, before reading it', async () => {
    const sparse = join(dir, 'sparse.xml');
    writeFileSync(sparse, '');
    truncateSync(sparse, 65 * 2 ** 20);
    expect(await refusal(sparse)).toBe(`${sparse}: the file is 65.0 MiB; at most 64 MiB can be imported`);
  });

  it.skipIf(!existsSync('/dev/zero'))('stops reading an endless file at 64 MiB', async () => {
    expect(await refusal('/dev/zero')).toBe('/dev/zero: the file is larger than 64 MiB; at most 64 MiB can be imported');
  });
});

describe('talkgraph import of files that cannot be imported', () => {
  const run = (dataDir: string, ...files: string[]) =>
    spawnSync(process.execPath, [bin, 'import', ...files], { env: { ...process.env, DATABASE_URL: '', TALKGRAPH_DATA_DIR: dataDir }, encoding: 'utf8' });
  beforeAll(() => mkdirSync(join(dir, 'folder')));

  const cases: Array<[string, () => string, string]> = [
    ['a missing file', () => join(dir, 'missing.xml'), 'there is no such file; check the path'],
    ['a folder', () => join(dir, 'folder'), 'it is a folder; name the files in it (a shell pattern such as folder/*.xml names them all)'],
  ];
  if (existsSync('/dev/zero')) cases.push(['/dev/zero', () => '/dev/zero', 'the file is larger than 64 MiB; at most 64 MiB can be imported']);

  it.each(cases)('%s: one line on stderr, exit code 1', (_what, path, message) => {
    const result = run(join(dir, 'data'), path());
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`talkgraph: ${path()}: ${message}\n`);
  });

  it('checks every file before importing any', () => {
    const dataDir = join(dir, 'untouched');
    const result = run(dataDir, fixture, join(dir, 'missing.xml'));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`talkgraph: ${join(dir, 'missing.xml')}: there is no such file; check the path\n`);
    expect(result.stdout).toBe('');
    // The database was not even opened.
    expect(existsSync(dataDir)).toBe(false);
  });
});
