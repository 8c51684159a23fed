// Starts the real `talkgraph serve` process on an empty embedded database, queries it over HTTP,
// and stops it with SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headlineQuery } from '../src/yoga.js';
import { startServerProcess, stop } from './helpers/server-process.js';

describe('the talkgraph server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-e2e-'));
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  beforeAll(async () => {
    server = await startServerProcess(dataDir);
  });
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates and seeds an empty database, then answers the headline question over HTTP', async () => {
    expect(server.output()).toContain('loaded the seed knowledge');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: headlineQuery }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    const titles = body.data.organisation.reactions.edges.map((e: any) => e.node.talk.title);
    expect(titles).toEqual(['Going Beyond CI/CD With Prow', 'Advanced Persistence Threats — The Future of Kubernetes Attacks']);
  });

  it('serves GraphiQL from its own assets, with the headline query filled in', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<title>talkgraph</title>');
    expect(html).toContain('MaxKelsenHighlights');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs/);
  });

  it('answers /health and /ready', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM and reuses its data on the next start', async () => {
    expect(await stop(server.child)).toBe(0);
    expect(server.output()).toContain('talkgraph stopped.');
    server = await startServerProcess(dataDir);
    expect(server.output()).not.toContain('loaded the seed knowledge');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ talks { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { talks: { totalCount: 2 } } });
  });
});
