// talkgraph ingest-article and apply-proposal as a reviewer runs them: read the proposal, save it
// as JSON, write the summaries, apply it, apply it again, and get a clear refusal for a bad file.
// They run on the seed article retold in our own words (and the original where ../shared has it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleProposal } from '../src/articles/proposal.js';
import { seedPath } from '../src/db/seed.js';
import { seedArticleRetold, seedArticleSources } from './helpers/shared.js';

const bin = resolve(import.meta.dirname, '../bin/talkgraph.mjs');
const article = seedArticleRetold;
const dir = mkdtempSync(join(tmpdir(), 'talkgraph-articles-cli-'));

function talkgraph(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: '', TALKGRAPH_DATA_DIR: join(dir, 'db') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('talkgraph ingest-article and apply-proposal', () => {
  beforeAll(() => {
    const seed = JSON.parse(readFileSync(seedPath, 'utf8'));
    for (const entry of seed.articles) delete entry.reactions;
    writeFileSync(join(dir, 'seed-without-reactions.json'), JSON.stringify(seed));
    const imported = talkgraph('import', join(dir, 'seed-without-reactions.json'));
    expect(imported.status, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const source of seedArticleSources) it.skipIf(source.missing)(`prints the proposal for ${source.name} for a person to read`, () => {
    const result = talkgraph('ingest-article', source.path);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Article: "Max Kelsen Wraps Up KubeCon: Day Four" (slug max-kelsen-wraps-up-kubecon-day-four)');
    expect(result.stdout).toContain('authors: Ruby Nguyen (Marketing Coordinator, Max Kelsen); Jacob O’Farrell (Technical Delivery Lead, Max Kelsen)');
    expect(result.stdout).toContain('2 reaction(s) proposed, 2 accepted by default:');
    expect(result.stdout).toContain('[0] accepted  HIGHLIGHT  Matthew Rose (Machine Learning Engineer, Max Kelsen)  on  "Going Beyond CI/CD With Prow"');
    expect(result.stdout).toContain('[1] accepted  DAY_HIGHLIGHT  Esmael Tahmasebi (Cloud Engineer, Max Kelsen)');
    expect(result.stdout).toContain('0 mention(s) not matched to a talk.');
  });

  it('applies the reviewed JSON once, changes nothing the second time, and refuses an item without a summary', () => {
    const json = talkgraph('ingest-article', article, '--json', '--conference', 'kubecon-cloudnativecon-europe-2020', '--published-on', '2020-08-21');
    expect(json.status, json.stderr).toBe(0);
    const proposal = JSON.parse(json.stdout) as ArticleProposal;
    expect(proposal.article.publishedOn).toBe('2020-08-21');
    expect(proposal.items.map((item) => [item.talk.slug, item.talk.externalId])).toEqual([
      ['going-beyond-ci-cd-with-prow', null],
      ['advanced-persistence-threats-the-future-of-kubernetes-attacks', 'ZesN'],
    ]);

    const file = join(dir, 'proposal.json');
    writeFileSync(file, JSON.stringify({ ...proposal, items: proposal.items.map((item) => ({ ...item, summary: null })) }));
    const refused = talkgraph('apply-proposal', file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('talkgraph: 2 problems:\n- items[0] (Matthew Rose on "Going Beyond CI/CD With Prow") is accepted but has no summary');

    writeFileSync(file, JSON.stringify({ ...proposal, items: proposal.items.map((item, i) => ({ ...item, summary: `Reviewer's summary ${i + 1}.` })) }));
    const applied = talkgraph('apply-proposal', file);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied 2 accepted item(s) of ${file} to the article "max-kelsen-wraps-up-kubecon-day-four":`);
    expect(applied.stdout).toMatch(/reactions +2 created, 0 updated, 0 unchanged/);
    const again = talkgraph('apply-proposal', file);
    expect(again.stdout).toMatch(/reactions +0 created, 0 updated, 2 unchanged/);
    expect(again.stdout).toMatch(/articles +0 created, 0 updated, 1 unchanged/);
    // Four talkgraph processes, each opening the embedded database: minutes on a busy machine.
  }, 300_000);
});
