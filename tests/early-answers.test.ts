// Repeated reads answered as they arrive (src/plugins/use-compiled-operations.ts, `repeats`): once
// an operation has been executed and answered from its one statement, the same request again is
// answered before Yoga parses it. Over real HTTP, on both databases: the repeat's answer is the
// first one's to the byte, headers included, it runs one statement and reads what changed since,
// and every request the early answer is not sure of reaches Yoga whole, body included, and gets
// the answer or the error it would get anyway.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../src/auth.js';
import { createLogger } from '../src/logger.js';
import { documentHash } from '../src/trusted-documents.js';
import { type AppOptions, createApp } from '../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { exampleOperations } from './helpers/graphql.js';
import { recording } from './helpers/statements.js';

const reader: ApiToken = { name: 'reader', scopes: ['read'], secret: 'a-reader-secret-of-some-length' };

const talkPage = `query TalkPage($slug: String!, $first: Int) {
  conference(slug: $slug) { name talks(first: $first) { totalCount nodes { title speakers { person { name } } } } }
}`;

interface Served {
  url: string;
  server: Server;
  logLines: Array<Record<string, unknown>>;
}

async function serve(db: TestDatabase, options: Partial<AppOptions> = {}): Promise<Served> {
  const logLines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const app = createApp({ database: db, logger: createLogger({ level: 'info', destination }), ...options });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, logLines };
}

async function post(served: Served, body: string | Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${served.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const shown: Record<string, string> = {};
  for (const [name, value] of response.headers) if (name !== 'date' && name !== 'x-request-id') shown[name] = value;
  return { status: response.status, headers: shown, text, json: JSON.parse(text) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

async function earlyAnswers(served: Served, headers: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${served.url}/metrics`, { headers })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('talkgraph_graphql_early_answers_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe.each(databaseKinds)('repeated reads answered as they arrive (%s)', (kind) => {
  let db: TestDatabase;
  let open: Served;
  let strict: Served;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    open = await serve(db);
    strict = await serve(db, { trustedOnly: true, tokens: [reader] });
  }, 120_000);
  afterAll(async () => {
    for (const served of [open, strict]) served?.server.close();
    await db?.dispose();
  });

  it('answers every example operation again with the same bytes and headers as the first time', async () => {
    for (const { file: name, source } of exampleOperations()) {
      const body = { query: source };
      const first = await post(open, body);
      const before = await earlyAnswers(open);
      const again = await post(open, body);
      expect(again, name).toEqual(first);
      // Operations with search scores, paths or facets are executed each time; the others are answered early.
      if ((await earlyAnswers(open)) === before) continue;
      for (const accept of ['application/graphql-response+json', 'application/json', '*/*', 'application/graphql-response+json, application/json']) {
        const early = await post(open, body, { accept });
        const executed = await post(open, body, { accept: `${accept};q=1` }); // a weight: Yoga negotiates
        expect(early, `${name} ${accept}`).toEqual(executed);
      }
    }
    expect(await earlyAnswers(open)).toBeGreaterThanOrEqual(6);
  });

  it('runs one statement for a repeat, with the values of its variables, and reads what changed since', async () => {
    const variables = { slug: 'kubecon-cloudnativecon-europe-2020', first: 2 };
    const first = await post(open, { query: talkPage, variables });
    expect(first.json.data.conference.talks.nodes).toHaveLength(2);
    const { result: again, statements } = await recording(db, () => post(open, { query: talkPage, variables: { ...variables, first: 1 } }));
    expect(statements).toHaveLength(1);
    expect(again.json.data.conference.talks.nodes).toEqual(first.json.data.conference.talks.nodes.slice(0, 1));
    const [talk] = await db.prisma.talk.findMany({ where: { conference: { slug: variables.slug } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: 1 });
    await db.prisma.talk.update({ where: { id: talk.id }, data: { title: `${talk.title} (updated)` } });
    try {
      const after = await post(open, { query: talkPage, variables });
      expect(after.json.data.conference.talks.nodes[0].title).toBe(`${talk.title} (updated)`);
    } finally {
      await db.prisma.talk.update({ where: { id: talk.id }, data: { title: talk.title } });
    }
  });

  it('gives a repeat the error execution gives: variables that do not fit, a slug that names nothing', async () => {
    await post(open, { query: talkPage, variables: { slug: 'kubecon-cloudnativecon-europe-2020' } });
    const before = await earlyAnswers(open);
    const badType = await post(open, { query: talkPage, variables: { slug: 'kubecon-cloudnativecon-europe-2020', first: 'two' } });
    expect(badType.status).toBe(200);
    expect(badType.json.errors?.[0].message).toMatch(/Int cannot represent non-integer value: "two"/);
    const tooMany = await post(open, { query: talkPage, variables: { slug: 'kubecon-cloudnativecon-europe-2020', first: 1000 } });
    expect(tooMany.json.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    const nowhere = await post(open, { query: talkPage, variables: { slug: 'no-such-conference' } });
    expect(nowhere.json).toEqual({ data: { conference: null } });
    expect(await earlyAnswers(open)).toBe(before + 1); // the unknown slug's answer, null, is the statement's
    expect(await post(open, { query: talkPage, variables: { slug: 'no-such-conference' } })).toEqual(nowhere);
  });

  it('hands Yoga the whole body of a request it does not answer', async () => {
    const query = '{ conferences(first: 1) { nodes { name } } }';
    expect((await post(open, { query })).json.data.conferences.nodes).toHaveLength(1);
    const broken = await post(open, `{"query": ${JSON.stringify(query)}`);
    expect(broken.status).toBe(400);
    expect(broken.json.errors?.[0].message).toMatch(/POST body sent invalid JSON/);
    const unknownParameter = await post(open, { query, unknown: 1 });
    expect(unknownParameter.status).toBe(400);
    expect(unknownParameter.json.errors?.[0].message).toMatch(/Unexpected parameter "unknown"/);
    const explained = await post(open, { query }, { 'x-talkgraph-explain': 'statements' });
    expect(explained.json.data.conferences.nodes).toHaveLength(1);
  });

  it('leaves a body over the app\'s limit to Yoga, which refuses it', async () => {
    const tight = await serve(db, { maxBodyBytes: 400 });
    try {
      const body = { query: talkPage, variables: { slug: 'kubecon-cloudnativecon-europe-2020' } };
      expect(JSON.stringify(body).length).toBeLessThan(400);
      expect((await post(tight, body)).status).toBe(200);
      const padded = { ...body, operationName: null, variables: { ...body.variables, first: 1 }, extensions: null, documentId: null };
      const large = JSON.stringify(padded).padEnd(450, ' ');
      const refused = await post(tight, large);
      expect(refused.status).toBe(413);
      expect(refused.json.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    } finally {
      tight.server.close();
    }
  });

  it('keeps trusted-only mode: a known text without a token is refused, its hash is answered', async () => {
    const headline = exampleOperations().find((operation) => operation.file === 'headline.graphql')!;
    const byHash = { documentId: `sha256:${documentHash(headline.source)}` };
    const first = await post(strict, byHash);
    expect(first.json.errors).toBeUndefined();
    const authorised = { authorization: `Bearer ${reader.secret}` };
    const before = await earlyAnswers(strict, authorised);
    expect(await post(strict, byHash)).toEqual(first);
    expect(await post(strict, { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(headline.source) } } })).toEqual(first);
    expect(await earlyAnswers(strict, authorised)).toBe(before + 2);
    const byText = await post(strict, { query: headline.source });
    expect(byText.status).toBe(403);
    expect(byText.json.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await post(strict, { query: headline.source }, authorised)).text).toBe(first.text);
  });

  it('logs and counts an early answer under its operation name', async () => {
    const body = { query: talkPage, operationName: 'TalkPage', variables: { slug: 'kubecon-cloudnativecon-europe-2020' } };
    await post(open, body);
    const before = await earlyAnswers(open);
    const lines = open.logLines.length;
    await post(open, body);
    expect(await earlyAnswers(open)).toBe(before + 1);
    const line = open.logLines.slice(lines).find((logged) => logged.msg === 'request' && logged.path === '/graphql');
    expect(line).toMatchObject({ operation: 'TalkPage', status: 200, method: 'POST' });
    const metrics = await (await fetch(`${open.url}/metrics`)).text();
    expect(metrics).toMatch(/talkgraph_graphql_early_answers_total\{operation="TalkPage"\} [1-9]/);
  });
});
