// Opens GraphiQL in headless Chromium (Debian's, installed by scripts/install-chromium.sh), runs
// the prefilled headline query and reads the answer from the result pane.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, stop } from './helpers/server-process.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
    const external: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !/^(data|blob):/.test(request.url())) external.push(request.url());
    });
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
});
