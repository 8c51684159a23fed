// import, ingest-article and apply-proposal while `talkgraph serve` holds the embedded data folder:
// they send their work to the server named in the folder's lock, with TALKGRAPH_TOKEN, and print
// what they print when run on the database themselves. Also: an article fetched over HTTP from a
// server this spec starts, with its size and time limits.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticleSource } from '../src/articles/ingest.js';
import type { ArticleProposal } from '../src/articles/proposal.js';
import { seedPath } from '../src/db/seed.js';
import { talkgraph } from './helpers/cli.js';
import { startServerProcess, stop } from './helpers/server-process.js';
import { seedArticleRetold } from './helpers/shared.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');
const editor = 'editor-secret-0123456789';
const admin = 'admin-secret-0123456789';
const viewer = 'viewer-secret-0123456789';
const article = readFileSync(seedArticleRetold, 'utf8');

/** A local web server: the retold article as HTML and as text, a missing page, and a page that never ends. */
function startWebServer(): Promise<{ server: HttpServer; base: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/day-four.txt') return response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(article);
    if (request.url === '/big') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(5000));
      return;
    }
    if (request.url === '/slow') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('The first words, and then nothing more.');
      return; // never ended: the time limit must stop the read
    }
    response.writeHead(404).end('not here');
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('the writing commands while talkgraph serve holds the data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkgraph-remote-'));
  const env = { DATABASE_URL: '', TALKGRAPH_DATA_DIR: join(dir, 'db'), TALKGRAPH_TOKEN: '' };
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  let web: { server: HttpServer; base: string };
  let localProposal: string;

  beforeAll(async () => {
    web = await startWebServer();
    const seed = JSON.parse(readFileSync(seedPath, 'utf8'));
    for (const entry of seed.articles) delete entry.reactions;
    writeFileSync(join(dir, 'seed-without-reactions.json'), JSON.stringify(seed));
    const imported = await talkgraph(['import', join(dir, 'seed-without-reactions.json')], env);
    expect(imported.status, imported.stderr).toBe(0);
    // What the command prints on its own database, to compare with what it prints through the server.
    const local = await talkgraph(['ingest-article', seedArticleRetold], env);
    expect(local.status, local.stderr).toBe(0);
    localProposal = local.stdout;
    server = await startServerProcess(join(dir, 'db'), { TALKGRAPH_SEED: 'off', TALKGRAPH_TOKENS: `editor:write:${editor},admin:admin+write:${admin},viewer:read:${viewer}` });
  }, 300_000);
  afterAll(async () => {
    if (server) await stop(server.child);
    web?.server.closeAllConnections();
    web?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says to set TALKGRAPH_TOKEN, and which scope it needs, when it is missing or lacks the scope', async () => {
    const missing = await talkgraph(['ingest-article', seedArticleRetold], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`The server at ${server!.url}`);
    expect(missing.stderr).toContain('talkgraph ingest-article needs an API token with the write scope: set TALKGRAPH_TOKEN');
    const readOnly = await talkgraph(['ingest-article', seedArticleRetold], { ...env, TALKGRAPH_TOKEN: viewer });
    expect(readOnly.status).toBe(1);
    expect(readOnly.stderr).toMatch(/refused TALKGRAPH_TOKEN .*talkgraph ingest-article needs an API token with the write scope/);
    const importer = await talkgraph(['import', join(fixtures, 'schedule.frab.xml')], { ...env, TALKGRAPH_TOKEN: editor });
    expect(importer.status).toBe(1);
    expect(importer.stderr).toContain('talkgraph import needs an API token with the admin scope');
  }, 180_000);

  it('proposes through the server exactly what it proposes locally, and applies the reviewed proposal there once', async () => {
    const remote = await talkgraph(['ingest-article', seedArticleRetold], { ...env, TALKGRAPH_TOKEN: editor });
    expect(remote.status, remote.stderr).toBe(0);
    expect(remote.stderr).toContain(`sending the work to it`);
    expect(remote.stdout).toBe(localProposal);
    expect(remote.stdout).toContain('2 reaction(s) proposed, 2 accepted by default:');

    const json = await talkgraph(['ingest-article', seedArticleRetold, '--json', '--published-on', '2020-08-21'], { ...env, TALKGRAPH_TOKEN: editor });
    expect(json.status, json.stderr).toBe(0);
    const proposal = JSON.parse(json.stdout) as ArticleProposal;
    const file = join(dir, 'proposal.json');
    writeFileSync(file, JSON.stringify({ ...proposal, items: proposal.items.map((item, i) => ({ ...item, summary: `Reviewer's summary ${i + 1}.` })) }));
    const applied = await talkgraph(['apply-proposal', file], { ...env, TALKGRAPH_TOKEN: editor });
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied 2 accepted item(s) of ${file} to the article "max-kelsen-wraps-up-kubecon-day-four":`);
    expect(applied.stdout).toMatch(/reactions +2 created, 0 updated, 0 unchanged/);
    const again = await talkgraph(['apply-proposal', file], { ...env, TALKGRAPH_TOKEN: editor });
    expect(again.stdout).toMatch(/reactions +0 created, 0 updated, 2 unchanged/);

    // The server answers with what it wrote.
    const response = await fetch(server!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ talks(filter: { search: "Prow" }) { nodes { reactions { nodes { summary person { name } } } } } }' }),
    });
    const { data } = (await response.json()) as { data: { talks: { nodes: Array<{ reactions: { nodes: Array<{ summary: string; person: { name: string } }> } }> } } };
    expect(data.talks.nodes.flatMap((talk) => talk.reactions.nodes)).toContainEqual({ summary: "Reviewer's summary 1.", person: { name: 'Matthew Rose' } });

    // A refusal from the server is printed as the command prints it locally.
    writeFileSync(file, JSON.stringify({ ...proposal, items: proposal.items.map((item) => ({ ...item, summary: null })) }));
    const refused = await talkgraph(['apply-proposal', file], { ...env, TALKGRAPH_TOKEN: editor });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('items[0] (Matthew Rose on "Going Beyond CI/CD With Prow") is accepted but has no summary');
  }, 300_000);

  it('imports through the server with an admin token, and a second import changes nothing', async () => {
    const first = await talkgraph(['import', join(fixtures, 'schedule.frab.xml')], { ...env, TALKGRAPH_TOKEN: admin });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/schedule\.frab\.xml \(frab-xml, [\d.]+ s\):\n/);
    expect(first.stdout).toMatch(/talks +[1-9]\d* created, 0 updated, 0 unchanged/);
    const again = await talkgraph(['import', join(fixtures, 'schedule.frab.xml')], { ...env, TALKGRAPH_TOKEN: admin });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/talks +0 created, 0 updated, [1-9]\d* unchanged/);
  }, 180_000);

  it('reads an article from an http URL and records the URL in the proposal', async () => {
    const result = await talkgraph(['ingest-article', `${web.base}/day-four.txt`, '--json'], { ...env, TALKGRAPH_TOKEN: editor });
    expect(result.status, result.stderr).toBe(0);
    const proposal = JSON.parse(result.stdout) as ArticleProposal;
    expect(proposal.article.url).toBe(`${web.base}/day-four.txt`);
    expect(proposal.items.map((item) => item.reactor?.name)).toEqual(['Matthew Rose', 'Esmael Tahmasebi']);
    const missing = await talkgraph(['ingest-article', `${web.base}/gone`], { ...env, TALKGRAPH_TOKEN: editor });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${web.base}/gone answered HTTP 404 Not Found: there is no article there; check the address.`);
  }, 180_000);

  it('stops reading a page past the size limit or the time limit, saying which', async () => {
    await expect(readArticleSource(`${web.base}/big`, { maxBytes: 1000 })).rejects.toThrow(`${web.base}/big is larger than 1000 bytes`);
    await expect(readArticleSource(`${web.base}/big`, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(readArticleSource(`${web.base}/slow`, { timeoutMs: 500 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: `${web.base}/slow did not answer in full within 0.5 s; try again, or save the page and name the file.`,
    });
    const text = await readArticleSource(`${web.base}/day-four.txt`);
    expect(text).toMatchObject({ content: article, fileName: 'day-four.txt', format: 'text', url: `${web.base}/day-four.txt` });
  });
});
