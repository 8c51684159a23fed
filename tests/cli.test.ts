// The talkgraph command as a user runs it: exit codes, summaries, errors on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';

const bin = resolve(import.meta.dirname, '../bin/talkgraph.mjs');
const fixtures = resolve(import.meta.dirname, 'fixtures');
const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-cli-'));

function talkgraph(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: '', TALKGRAPH_DATA_DIR: join(dataDir, 'db') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the talkgraph command', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists its commands and explains each one', () => {
    const help = talkgraph('--help');
    expect(help.status).toBe(0);
    for (const command of ['serve', 'migrate', 'migration', 'status', 'seed', 'import', 'export']) expect(help.stdout).toContain(`  ${command}`);
    const importHelp = talkgraph('import', '--help');
    expect(importHelp.stdout).toContain('--format talkgraph|frab-xml|c3voc-json|sched-ics');
  });

  it('fails with a message on stderr for an unknown command or option', () => {
    const unknown = talkgraph('frobnicate');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate". Commands: serve, ');
    const badOption = talkgraph('import', '--colour', 'x');
    expect(badOption.status).toBe(1);
    expect(badOption.stderr).toContain("Unknown option '--colour'");
  });

  it('migrates, imports with a summary, re-imports as a no-op, and reports status', async () => {
    const first = talkgraph('import', join(fixtures, 'schedule.frab.xml'), join(fixtures, 'schedule.sched.ics'));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/schedule\.frab\.xml \(frab-xml, [\d.]+ s\):\n {2}people +\d+ created/);
    expect(first.stdout).toMatch(/schedule\.sched\.ics \(sched-ics, [\d.]+ s, 2 non-talk entries skipped\)/);
    expect(first.stdout).toMatch(/All 2 files in [\d.]+ s:\n[\s\S]*talks +8 created, 0 updated, 0 unchanged/);
    const again = talkgraph('import', join(fixtures, 'schedule.frab.xml'));
    expect(again.stdout).toMatch(/talks +0 created, 0 updated, 4 unchanged/);
    // The import left the planner's statistics (and the common words Talk.similar skips) current:
    // the embedded database has no autovacuum to gather them.
    const db = await openDatabase({ kind: 'embedded', dataDir: join(dataDir, 'db') });
    try {
      const [talks] = await db.sql.run<{ rows: number }>(`SELECT reltuples::int AS rows FROM pg_class WHERE oid = '"Talk"'::regclass`, []);
      expect(talks.rows).toBe(8);
    } finally {
      await db.close();
    }
    const status = talkgraph('status');
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('Database, migration history and schema.prisma agree.');
  });

  it('exits non-zero and names the file, record and field when an import fails', () => {
    const bad = talkgraph('import', join(fixtures, 'bad.duration.frab.xml'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^talkgraph: .*bad\.duration\.frab\.xml, record .*field "duration"/m);
    const forced = talkgraph('import', '--format', 'sched-ics', join(fixtures, 'schedule.frab.xml'));
    expect(forced.status).toBe(1);
    const wrongFormat = talkgraph('import', '--format', 'pdf', join(fixtures, 'schedule.frab.xml'));
    expect(wrongFormat.stderr).toContain(
      '--format must be one of talkgraph, frab-xml, c3voc-json, sched-ics, sched-jsonl, sessionize-json, pretalx-json, csv (got "pdf")',
    );
  });

  it('explains the SQL a query runs, statement by statement, and refuses to explain a mutation', () => {
    const query = join(dataDir, 'talks.graphql');
    writeFileSync(query, 'query Talks($slug: String!) { conference(slug: $slug) { talks(first: 2) { nodes { title speakers { person { name } } } } } }');
    const explained = talkgraph('explain', query, '--variables', '{"slug": "demo-cloud-summit-europe-2027"}');
    expect(explained.status, explained.stderr).toBe(0);
    expect(explained.stdout).toContain('"talks": {');
    // tests/reads.test.ts holds the read path to its bounds on a conference of 10,000.
    // The read compiles to one statement (README "How a request becomes SQL"): one row, the answer as JSON.
    const statement = explained.stdout.match(/#1 {2}1 row\(s\) returned, [\d.]+ ms; table rows read: ([^\n]*)\n {4}(SELECT \(json_build_object\([^\n]*)/);
    expect(statement, explained.stdout).not.toBeNull();
    const [, read, sql] = statement!;
    expect(sql).toContain('FROM "Talk"');
    expect(sql).toContain('FROM "TalkSpeaker"');
    const rowsRead = Object.fromEntries(read.split(', ').map((entry) => [entry.split(' ')[0], Number(entry.split(' ')[1])]));
    expect(Object.keys(rowsRead)).toEqual(expect.arrayContaining(['Conference', 'Talk', 'TalkSpeaker', 'Person']));
    // It reads at least the two talks it returns, and no more than the eight the seeded graph has.
    expect(rowsRead.Talk).toBeGreaterThanOrEqual(2);
    expect(rowsRead.Talk).toBeLessThanOrEqual(8);
    expect(explained.stdout).not.toMatch(/#2 {2}/);
    expect(explained.stdout).toMatch(/\n1 statement\(s\), 1 row\(s\) returned, [\d.]+ ms in the database\./);
    const mutation = join(dataDir, 'mutation.graphql');
    writeFileSync(mutation, 'mutation { deleteTopic(input: { id: "x" }) { __typename } }');
    const refused = talkgraph('explain', mutation);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('explain runs queries only');
  });

  it('exports the graph as talkgraph JSON that validates against the dataset format', () => {
    const file = join(dataDir, 'export.json');
    const result = talkgraph('export', '--output', file);
    expect(result.status, result.stderr).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.format).toBe('talkgraph');
    expect(exported.version).toBe(1);
    expect(exported.conferences.map((c: { slug: string }) => c.slug).sort()).toEqual(['demo-cloud-summit-europe-2027', 'demo-devroom-days-2025']);
  });
});
