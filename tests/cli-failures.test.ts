// Mistakes a user makes with the talkgraph command (a wrong path, a database that is down or
// misspelt) end with one line that says what to fix and exit code 1, never "unexpected failure"
// and a stack trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliResult, talkgraph } from './helpers/cli.js';
import { databaseUrl, postgresEnabled } from './helpers/postgres.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-cli-failures-'));
const embedded = { DATABASE_URL: '', TALKGRAPH_DATA_DIR: join(dataDir, 'db') };

function expectOneLine(result: CliResult, ...parts: string[]) {
  expect(result.status, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^talkgraph: /);
  expect(result.stderr).not.toContain('unexpected failure');
  for (const part of parts) expect(lines[0]).toContain(part);
}

describe('the talkgraph command when something is wrong', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names a missing file and a folder given as a file', async () => {
    const missing = join(dataDir, 'no-such-schedule.xml');
    expectOneLine(await talkgraph(['import', missing], embedded), missing, 'no such file');
    expectOneLine(await talkgraph(['import', fixtures], embedded), 'folder');
    const query = join(dataDir, 'no-such-query.graphql');
    expectOneLine(await talkgraph(['explain', query], embedded), `cannot read ${query}: there is no such file or folder`);
    expectOneLine(await talkgraph(['ingest-article', fixtures], embedded), 'it is a folder; name a file in it');
  });

  it('says when DATABASE_URL is not a PostgreSQL URL', async () => {
    for (const url of ['mysql://root@localhost/talkgraph', 'postgresql://user@localhost:notaport/talkgraph', 'postgresql://']) {
      for (const command of ['migrate', 'export', 'serve']) {
        expectOneLine(await talkgraph([command], { DATABASE_URL: url }), 'DATABASE_URL');
      }
    }
  });

  it('says when the PostgreSQL server cannot be reached', async () => {
    for (const command of ['status', 'import', 'export']) {
      const args = command === 'import' ? [command, join(fixtures, 'schedule.frab.xml')] : [command];
      expectOneLine(await talkgraph(args, { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/talkgraph' }), 'Cannot reach the PostgreSQL server at 127.0.0.1:1 (connection refused)');
    }
  });

  it.runIf(postgresEnabled())('says when the database does not exist on the server', async () => {
    const url = databaseUrl('talkgraph_no_such_database');
    expectOneLine(await talkgraph(['migrate'], { DATABASE_URL: url }), 'The database "talkgraph_no_such_database" does not exist', 'createdb talkgraph_no_such_database');
    expectOneLine(await talkgraph(['serve'], { DATABASE_URL: url, PORT: '0' }), 'does not exist');
  });
});
