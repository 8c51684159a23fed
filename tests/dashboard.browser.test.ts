// The dashboard in headless Chromium (Debian's, installed by scripts/install-chromium.sh), on a
// seeded server: the conference page of KubeCon + CloudNativeCon Europe 2020 with its highlighted
// talks, Max Kelsen's page with its staff reached from it with the keyboard, a search followed to a
// talk's page with its reactions and article, and the connections between a person and a talk
// drawn as a graph; nothing loaded from another host, no script error.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, stop } from './helpers/server-process.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const writer = `dashboard-test-${'w'.repeat(20)}`;
// Generous: on a busy machine a first request can wait on the embedded database for a while.
const POLL = { timeout: 90_000 };
const TEST_TIMEOUT = 300_000;

/** Requests for anything not served by the local server, and errors thrown by the page's scripts. */
function watch(page: Page) {
  const external: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !/^(data|blob):/.test(request.url())) external.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { external, errors };
}

/** Presses Tab until the focused element is a link or button whose text matches, as a keyboard user would. */
async function tabTo(page: Page, text: RegExp, within?: string): Promise<void> {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((selector) => {
      const element = document.activeElement;
      if (!element || (selector && !element.closest(selector))) return '';
      return element.matches('a, button') ? (element.textContent ?? '') : '';
    }, within ?? '');
    if (text.test(focused)) return;
  }
  throw new Error(`Tab never reached a link or button matching ${text}${within ? ` in ${within}` : ''}.`);
}

const heading = (page: Page) => page.locator('main h1').textContent();

describe.skipIf(!existsSync(chromiumPath) && process.env.CI !== 'true')('the dashboard in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-dashboard-'));
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let origin: string;
  let browser: Browser;
  beforeAll(async () => {
    // npm install builds the dashboard; this rebuilds it only when a source is newer than the build.
    execFileSync(process.execPath, [resolve(import.meta.dirname, '../scripts/build-web.mjs')], { stdio: 'ignore' });
    server = await startServerProcess(dataDir, { TALKGRAPH_TOKENS: `dashboard:write:${writer}` });
    origin = new URL(server.url).origin;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the conference page, and goes from it to Max Kelsen and its staff with the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const seen = watch(page);
    await page.goto(`${origin}/conferences/kubecon-cloudnativecon-europe-2020`, { waitUntil: 'load', timeout: 90_000 });
    await expect.poll(() => heading(page), POLL).toBe('KubeCon + CloudNativeCon Europe 2020');
    expect(await page.title()).toBe('KubeCon + CloudNativeCon Europe 2020 · talkgraph');

    const highlighted = page.getByRole('region', { name: 'Most highlighted talks' });
    await expect.poll(async () => (await highlighted.textContent()) ?? '', POLL).toMatch(/Going Beyond CI\/CD with Prow/i);
    expect(await highlighted.textContent()).toContain('Advanced Persistence Threats — The Future of Kubernetes Attacks');
    const programme = page.getByRole('region', { name: 'Programme' });
    await expect.poll(async () => (await programme.textContent()) ?? '', POLL).toContain('2 talks');
    // The live state settles: on, or off where the server has no subscriptions; never stuck connecting.
    await expect.poll(async () => (await page.locator('header .live').textContent())?.trim(), POLL).toMatch(/^Live( updates off)?$/);
    await page.screenshot({ path: join(dataDir, 'conference.png'), fullPage: true });

    await tabTo(page, /^Max Kelsen$/, 'section[aria-labelledby="conference-reacting"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/organisations/max-kelsen');
    await expect.poll(() => heading(page), POLL).toBe('Max Kelsen');
    // After a move, the focus is on the new page's heading, so reading starts there.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const staff = page.getByRole('region', { name: 'Staff and their roles' });
    const rows = async () => (await staff.getByRole('row').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim());
    await expect.poll(rows, POLL).toContain('Matthew RoseMachine Learning Engineer——');
    expect(await rows()).toEqual(expect.arrayContaining(['Esmael TahmasebiCloud Engineer——', 'Ruby NguyenMarketing Coordinator——']));
    const highlights = (await page.getByRole('region', { name: 'What its staff highlighted' }).textContent()) ?? '';
    expect(highlights).toContain('Going Beyond CI/CD With Prow');
    await page.screenshot({ path: join(dataDir, 'organisation.png'), fullPage: true });
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('searches for a word and follows a result to the talk, its reactions and their article', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const seen = watch(page);
    await page.goto(origin, { waitUntil: 'load', timeout: 90_000 });
    await expect.poll(() => page.getByRole('region', { name: 'Most highlighted talks' }).count(), POLL).toBe(1);
    await page.getByRole('searchbox', { name: /Search talks, people, organisations/ }).focus();
    await page.keyboard.type('prow');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), POLL).toBe(`${origin}/search?q=prow`);
    await expect.poll(() => heading(page), POLL).toBe('Results for “prow”');
    const results = page.locator('ol.hits');
    await expect.poll(async () => (await results.textContent()) ?? '', POLL).toContain('Going Beyond CI/CD With Prow');
    await page.screenshot({ path: join(dataDir, 'search.png'), fullPage: true });

    await tabTo(page, /^Going Beyond CI\/CD With Prow$/, 'ol.hits');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/conferences/kubecon-cloudnativecon-europe-2020/talks/going-beyond-ci-cd-with-prow');
    await expect.poll(() => heading(page), POLL).toBe('Going Beyond CI/CD With Prow');
    const reactions = page.getByRole('region', { name: 'Reactions (1)' });
    const text = (await reactions.textContent()) ?? '';
    expect(text).toContain('Matthew Rose');
    expect(text).toContain('Max Kelsen Wraps Up KubeCon: Day Four');
    expect(await page.locator('main').textContent()).toContain('Leo Di Donato');
    await page.screenshot({ path: join(dataDir, 'talk.png'), fullPage: true });

    // The browser's back button returns to the results.
    await page.goBack();
    await expect.poll(() => heading(page), POLL).toBe('Results for “prow”');
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('draws the connections between a person and a talk chosen with the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const seen = watch(page);
    await page.goto(`${origin}/people/matthew-rose`, { waitUntil: 'load', timeout: 90_000 });
    await expect.poll(() => heading(page), POLL).toBe('Matthew Rose');
    await tabTo(page, /^How is Matthew Rose connected to/);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe('/connections');
    const to = page.getByRole('searchbox', { name: 'To', exact: true });
    await to.focus();
    await page.keyboard.type('Advanced Persistence Threats');
    await page.keyboard.press('Enter');
    await tabTo(page, /Advanced Persistence Threats/, 'ul.choices');
    await page.keyboard.press('Enter');
    const found = page.getByRole('region', { name: 'Shortest connections' });
    await expect.poll(async () => (await found.textContent()) ?? '', POLL).toContain('Advanced Persistence Threats — The Future of Kubernetes Attacks');
    await expect.poll(() => heading(page), POLL).toBe('How Matthew Rose and Advanced Persistence Threats — The Future of Kubernetes Attacks are connected');
    const paths = await found.locator('ol.paths > li').allTextContents();
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.startsWith('Matthew Rose')).toBe(true);
      expect(path.endsWith('Advanced Persistence Threats — The Future of Kubernetes Attacks')).toBe(true);
    }
    await expect.poll(() => found.locator('.graph canvas').count(), POLL).toBeGreaterThan(0);
    await page.screenshot({ path: join(dataDir, 'connections.png'), fullPage: true });
    expect(seen.external).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('reloads the conference page when a reaction is recorded, where the server has subscriptions', async ({ skip }) => {
    const api = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data: T; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { __schema } = await api<{ __schema: { subscriptionType: { fields: Array<{ name: string }> } | null } }>('{ __schema { subscriptionType { fields { name } } } }');
    if (!__schema.subscriptionType?.fields.some((field) => field.name === 'reactionRecorded')) skip('this server has no reactionRecorded subscription');

    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const seen = watch(page);
    await page.goto(`${origin}/conferences/kubecon-cloudnativecon-europe-2020`, { waitUntil: 'load', timeout: 90_000 });
    const highlighted = page.getByRole('region', { name: 'Most highlighted talks' });
    await expect.poll(async () => (await highlighted.textContent()) ?? '', POLL).toContain('Going Beyond CI/CD With Prow');
    await expect.poll(async () => (await page.locator('header .live').textContent())?.trim(), POLL).toBe('Live');
    expect(await highlighted.textContent()).not.toContain('2 highlights');

    const ids = await api<{ person: { id: string }; talk: { id: string }; article: { id: string } }>(
      '{ person(slug: "ruby-nguyen") { id } talk(conference: "kubecon-cloudnativecon-europe-2020", slug: "going-beyond-ci-cd-with-prow") { id } article(slug: "max-kelsen-wraps-up-kubecon-day-four") { id } }',
    );
    await api(
      'mutation ($input: RecordReactionInput!) { recordReaction(input: $input) { __typename } }',
      { input: { articleId: ids.article.id, personId: ids.person.id, talkId: ids.talk.id, kind: 'HIGHLIGHT', summary: 'A test: she highlighted it too.' } },
      writer,
    );
    // Without a reload: the page hears of the reaction and loads its data again.
    await expect.poll(async () => (await highlighted.textContent()) ?? '', POLL).toContain('2 highlights');
    expect(await page.locator('header .last-change').textContent()).toBe('Ruby Nguyen highlighted “Going Beyond CI/CD With Prow”.');
    expect(seen.errors).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);
});
