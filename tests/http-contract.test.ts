// The GraphQL over HTTP contract: graphql-http's server audits (the reference implementation's
// checks of the spec) run against the app in process. Every MUST audit passes; the audits that do
// not pass are listed by id and name, so a change either way shows here.
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/yoga.js';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';

const url = 'http://talkgraph.test/graphql';

/** A fetch of the audited app: the audits call it as they would call fetch. */
type FetchFn = (input: string, init?: RequestInit) => Response | Promise<Response>;

// Handed on as they are: wrapping them in a Request would add a content-type the audits leave out on purpose.
const fetchOf = (app: App) => (input: string, init?: RequestInit) => app.fetch(input, init as Parameters<App['fetch']>[1]);

async function audit(fetchFn: FetchFn): Promise<AuditResult[]> {
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url, fetchFn })) results.push(await fn());
  return results;
}

const failing = (results: AuditResult[]) => results.filter((result) => result.status !== 'ok').map((result) => `${result.id} ${result.name}`);

describe('GraphQL over HTTP audits (graphql-http)', () => {
  let db: TestDatabase;
  let app: App;
  let results: AuditResult[];
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
    app = createApp({ database: db, logging: false });
    results = await audit(fetchOf(app));
  });
  afterAll(() => db?.dispose());

  it('passes every MUST audit', () => {
    expect(results.length).toBeGreaterThan(40);
    const musts = results.filter((result) => result.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThan(10);
    expect(musts.filter((result) => result.status !== 'ok').map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`)).toEqual([]);
  });

  it('fails only the MAY audits of GET requests, which CSRF prevention refuses without its header', () => {
    // A browser can send a GET from any site without a preflight, so talkgraph runs one only with
    // an x-graphql-yoga-csrf (or apollo-require-preflight) header, which the audits do not send.
    expect(failing(results)).toEqual([
      '5A70 MAY accept application/x-www-form-urlencoded formatted GET requests',
      'D6D5 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
      '6A70 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
    ]);
    for (const result of results.filter((r) => r.status !== 'ok')) {
      expect('response' in result && result.response.status).toBe(403);
    }
  });

  it('passes every audit when GETs carry the CSRF header', async () => {
    const withHeader = await audit((input, init) => {
      const headers = new Headers(init?.headers);
      if ((init?.method ?? 'GET') === 'GET') headers.set('x-graphql-yoga-csrf', '1');
      return fetchOf(app)(input, { ...init, headers });
    });
    expect(failing(withHeader)).toEqual([]);
  });
});
