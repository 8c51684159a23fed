// The dashboard as talkgraph serves it (createApp(...).fetch, on the seed): index.html at / and at
// every page URL, its assets with their content types and cache headers, the API's own paths left
// as they were, and the manifest of trusted documents the build writes: each entry keyed by the
// sha256 of its text, and each document runs on the seed and answers what the pages show.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDashboardDir } from '../src/plugins/use-dashboard.js';
import { wholeTicks } from '../web/src/ticks.js';
import { type App, createApp } from '../src/yoga.js';
import { createSeededDatabase, type TestDatabase } from './helpers/databases.js';
import { execute } from './helpers/graphql.js';

const manifestFile = join(defaultDashboardDir, 'persisted-documents.json');
const get = (app: App, path: string, init: RequestInit = {}) => app.fetch(`http://talkgraph.test${path}`, init);

describe('the dashboard served at /', () => {
  let db: TestDatabase;
  let app: App;
  let index: string;
  beforeAll(async () => {
    // npm install builds it; this builds it only when a source is newer than the build.
    execFileSync(process.execPath, [resolve(import.meta.dirname, '../scripts/build-web.mjs')], { stdio: 'ignore' });
    index = readFileSync(join(defaultDashboardDir, 'index.html'), 'utf8');
    db = await createSeededDatabase('embedded');
    app = createApp({ database: db, logging: false });
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('answers / and any page URL with index.html, revalidated on every visit', async () => {
    for (const path of ['/', '/conferences/kubecon-cloudnativecon-europe-2020', '/organisations/max-kelsen', '/search?q=prow', '/connections?from=x']) {
      const response = await get(app, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toBe(index);
    }
    const head = await get(app, '/people/matthew-rose', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves the hashed assets with their content types, cached for a year, and the icon revalidated', async () => {
    const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    const script = assets.find((path) => path.endsWith('.js'))!;
    const style = assets.find((path) => path.endsWith('.css'))!;
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const js = await get(app, script);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe(readFileSync(join(defaultDashboardDir, script), 'utf8'));
    const css = await get(app, style);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await get(app, '/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing file with 404 rather than the page, and never serves a file outside the build', async () => {
    for (const path of ['/assets/index-gone.js', '/robots.txt', '/assets/nothing']) {
      const response = await get(app, path);
      expect(response.status, path).toBe(404);
    }
    for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const response = await get(app, path);
      expect(await response.text(), path).not.toContain('"name": "talkgraph"');
    }
  });

  it('leaves /graphql, /health, /ready and /metrics to the API', async () => {
    const graphiql = await get(app, '/graphql', { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');
    expect((await get(app, '/health')).status).toBe(200);
    const ready = await get(app, '/ready');
    expect(await ready.json()).toEqual({ status: 'ready' });
    const metrics = await get(app, '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('talkgraph_graphql_requests_total');
    const data = await execute<{ conference: { name: string } }>(app, '{ conference(slug: "kubecon-cloudnativecon-europe-2020") { name } }');
    expect(data.conference.name).toBe('KubeCon + CloudNativeCon Europe 2020');
    // A POST to a page URL is not the dashboard's.
    expect((await get(app, '/organisations/max-kelsen', { method: 'POST' })).status).toBe(404);
  });

  it('says how to build the dashboard when it has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'talkgraph-no-dashboard-'));
    try {
      const bare = createApp({ database: db, logging: false, dashboard: { dir: empty } });
      const response = await get(bare, '/conferences/kubecon-cloudnativecon-europe-2020');
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:web');
      expect((await get(bare, '/health')).status).toBe(200);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('the manifest of trusted documents', () => {
    let manifest: Record<string, string>;
    const documentNamed = (name: string) => Object.values(manifest).find((text) => new RegExp(`^query ${name}\\b`, 'm').test(text))!;
    beforeAll(() => {
      manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
    });

    it('keys every document by the sha256 hex of its text, and holds every query of the pages', () => {
      for (const [hash, text] of Object.entries(manifest)) expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(hash);
      const names = Object.values(manifest).map((text) => /^(query|subscription) (\w+)/m.exec(text)?.[2]);
      for (const name of ['ConferencePage', 'ConferenceProgramme', 'OrganisationPage', 'PersonPage', 'TalkPage', 'DashboardSearch', 'Connections', 'ReactionsOverTime']) {
        expect(names).toContain(name);
      }
      // A subscription is only trusted once the schema has it; until then the page sends its text.
      const schema = readFileSync(resolve(import.meta.dirname, '../schema/schema.graphql'), 'utf8');
      expect(names.includes('LiveReactions')).toBe(/^type Subscription \{/m.test(schema));
    });

    it('answers the conference page with its most highlighted talks and the organisations whose staff reacted', async () => {
      const data = await execute<{ conference: { highlighted: { edges: Array<{ count: number; node: { title: string } }> }; reactions: { facets: { organisations: Array<{ count: number; organisation: { name: string } }> } } } }>(
        app,
        documentNamed('ConferencePage'),
        { variables: { slug: 'kubecon-cloudnativecon-europe-2020' } },
      );
      expect(data.conference.highlighted.edges.map((edge) => [edge.node.title, edge.count]).sort()).toEqual([
        ['Advanced Persistence Threats — The Future of Kubernetes Attacks', 1],
        ['Going Beyond CI/CD With Prow', 1],
      ]);
      expect(data.conference.reactions.facets.organisations).toEqual([{ count: 2, organisation: { slug: 'max-kelsen', name: 'Max Kelsen' } }]);
    });

    it('answers the organisation page with its staff and what they highlighted', async () => {
      const data = await execute<{ organisation: { staff: { nodes: Array<{ jobTitle: string; person: { name: string } }> }; highlights: { nodes: Array<{ person: { name: string }; talk: { title: string } }> } } }>(
        app,
        documentNamed('OrganisationPage'),
        { variables: { slug: 'max-kelsen' } },
      );
      const staff = data.organisation.staff.nodes.map((role) => `${role.person.name}: ${role.jobTitle}`).sort();
      expect(staff).toContain('Matthew Rose: Machine Learning Engineer');
      expect(staff).toHaveLength(4);
      expect(data.organisation.highlights.nodes.map((reaction) => `${reaction.person.name} → ${reaction.talk.title}`)).toContain('Matthew Rose → Going Beyond CI/CD With Prow');
    });

    it('answers reactions over time with the monthly histogram', async () => {
      const data = await execute<{ reactions: { totalCount: number; histogram: Array<{ start: string; end: string; count: number }> } }>(app, documentNamed('ReactionsOverTime'), {
        variables: { organisation: 'max-kelsen' },
      });
      // The seed's article has no publication date, so its reactions count in the month of their talks.
      expect(data.reactions).toEqual({ totalCount: 2, histogram: [{ start: '2020-08-01T00:00:00.000Z', end: '2020-09-01T00:00:00.000Z', count: 2 }] });
    });
  });
});

describe('chart axes', () => {
  it('tick counts at whole numbers only, about five of them', () => {
    const counts = (...values: number[]) => values.map((count) => ({ count }));
    expect(wholeTicks(counts(2))).toEqual([0, 1, 2]);
    expect(wholeTicks(counts())).toEqual([0, 1]);
    expect(wholeTicks(counts(0, 0))).toEqual([0, 1]);
    expect(wholeTicks(counts(3, 7))).toEqual([0, 2, 4, 6]);
    expect(wholeTicks(counts(37))).toEqual([0, 10, 20, 30]);
    expect(wholeTicks(counts(484, 399))).toEqual([0, 100, 200, 300, 400]);
  });
});
