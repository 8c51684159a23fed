// Opens GraphiQL in headless Chromium (Debian's, installed by scripts/install-chromium.sh), runs
// the prefilled headline query and reads the answer from the result pane; every example operation
// has a tab of its own, and the explorer plugin is there, all served without a CDN.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, stop } from './helpers/server-process.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const operationsDir = join(import.meta.dirname, '../schema/operations');

/** Requests for anything not served by the local server. */
function externalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !/^(data|blob):/.test(request.url())) external.push(request.url());
  });
  return external;
}

describe.skipIf(!existsSync(chromiumPath) && process.env.CI !== 'true')('GraphiQL in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talkgraph-browser-'));
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServerProcess(dataDir);
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

  it('runs the prefilled headline query and shows both highlighted talks', async () => {
    // The result pane is an editor that only renders visible lines: make the whole answer visible.
    const page = await browser.newPage({ viewport: { width: 1400, height: 3200 } });
    const external = externalRequests(page);
    await page.goto(server.url, { waitUntil: 'load' });
    const editor = page.locator('.graphiql-query-editor');
    await expect.poll(async () => (await editor.textContent()) ?? '', { timeout: 30_000 }).toContain('MaxKelsenHighlights');
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    // The editor renders spaces as no-break spaces and wraps long lines: compare normalised text.
    const resultText = async () => ((await result.textContent()) ?? '').replace(/\s+/g, ' ');
    await expect.poll(resultText, { timeout: 30_000 }).toContain('"title": "Going Beyond CI/CD With Prow"');
    const text = await resultText();
    expect(text).toContain('"title": "Advanced Persistence Threats — The Future of Kubernetes Attacks"');
    expect(text).toContain('Esmael Tahmasebi');
    await page.screenshot({ path: join(dataDir, 'graphiql.png') });
    expect(external).toEqual([]);
  });

  // TALKGRAPH_BROWSER_REPEATS=19 runs it 20 times on one server and browser, to show a race is gone.
  it('opens every example operation in a tab of its own, the headline first, and offers the explorer', { repeats: Number(process.env.TALKGRAPH_BROWSER_REPEATS ?? 0), timeout: 180_000 }, async ({ onTestFinished }) => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 3200 } });
    onTestFinished(() => page.close());
    const external = externalRequests(page);
    const files = readdirSync(operationsDir).filter((file) => file.endsWith('.graphql'));
    const nameOf = (file: string) => /^(?:query|mutation)\s+(\w+)/m.exec(readFileSync(join(operationsDir, file), 'utf8'))![1];
    const expected = [nameOf('headline.graphql'), ...files.filter((file) => file !== 'headline.graphql').sort().map(nameOf)];
    await page.goto(server.url, { waitUntil: 'load' });
    const tabs = page.locator('.graphiql-tab .graphiql-tab-button');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(files.length);
    expect((await tabs.allTextContents()).map((label) => label.trim())).toEqual(expected);

    // A tab runs as it is: its variables have defaults. (Tabs can be dragged to reorder them, and
    // under automation a mouse click on one starts a drag: open it from the keyboard.) Run is
    // pressed as soon as the tab is active, before GraphiQL has re-read the editor: what is sent
    // must still name the operation of the tab shown. GraphiQL's own executor may instead refuse in
    // the page ("Cannot infer operation", nothing sent) while its operation name lags the editor,
    // as it does on a loaded machine; a person presses Run again, and so does this test.
    const sent: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') sent.push(request.postDataJSON()?.operationName);
    });
    const resultText = async () => ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, ' ');
    const runTab = async (name: string, expected: string) => {
      await page.locator(`.graphiql-tab button[title="${name}"]`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => ((await page.locator('.graphiql-tab-active .graphiql-tab-button').textContent()) ?? '').trim(), { timeout: 30_000 }).toBe(name);
      // A Run the page refused sent nothing: only then is it pressed again.
      let sentBefore = sent.length;
      const run = async () => {
        sentBefore = sent.length;
        await page.locator('.graphiql-execute-button').click();
      };
      await run();
      await expect
        .poll(
          async () => {
            const text = await resultText();
            if (text.includes('Cannot infer operation') && sent.length === sentBefore) await run();
            return text;
          },
          { timeout: 30_000, interval: 250 },
        )
        .toContain(expected);
    };
    await runTab('Path', '"outcome": "FOUND"');
    expect(await resultText()).toContain('"name": "Esmael Tahmasebi"');
    await runTab('MaxKelsenHighlights', '"title": "Going Beyond CI/CD With Prow"');
    expect(sent.filter((name) => name !== 'IntrospectionQuery')).toEqual(['Path', 'MaxKelsenHighlights']);

    // The explorer plugin lists the root fields to click a query together.
    await page.locator('.graphiql-sidebar button[aria-label="Show GraphiQL Explorer"]').click();
    const explorer = page.locator('.graphiql-explorer-root');
    await expect.poll(async () => (await explorer.textContent()) ?? '', { timeout: 30_000 }).toContain('paths');
    await page.screenshot({ path: join(dataDir, 'graphiql-tabs.png') });
    expect(external).toEqual([]);
  });
});
