// Trusted documents: the example operations and any manifest of graphql-codegen's persisted
// documents can be called by hash (documentId or Apollo's persistedQuery extension, POST and GET),
// and in trusted-only mode callers without a token can run nothing else.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../src/auth.js';
import { builtInManifest, documentHash, loadTrustedDocuments, trustedDocuments } from '../src/trusted-documents.js';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, type TestDatabase } from './helpers/databases.js';
import { exampleOperations, request } from './helpers/graphql.js';
import { talkgraph } from './helpers/cli.js';

const token: ApiToken = { name: 'reader', scopes: ['read'], secret: 'a-reader-secret-of-some-length' };
const endpoint = 'http://talkgraph.test/graphql';

/** POSTs `body` as JSON, as a client would. */
async function post(app: App, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await app.fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

async function get(app: App, params: Record<string, string>) {
  const response = await app.fetch(`${endpoint}?${new URLSearchParams(params)}`, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

const headline = exampleOperations().find((op) => op.file === 'headline.graphql')!;
const headlineHash = documentHash(headline.source);

describe('trusted documents', () => {
  let db: TestDatabase;
  let app: App;
  let strict: App;
  let dir: string;
  beforeAll(async () => {
    db = await createSeededDatabase('embedded');
    app = createApp({ database: db, logging: false });
    strict = createApp({ database: db, logging: false, trustedOnly: true, tokens: [token] });
    dir = mkdtempSync(join(tmpdir(), 'talkgraph-trusted-'));
  });
  afterAll(async () => {
    await db?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds every example operation under the sha256 of its text, validated', () => {
    const documents = trustedDocuments([]);
    for (const { file, source } of exampleOperations()) {
      const trusted = documents.get(documentHash(source));
      expect(trusted?.source).toBe(`schema/operations/${file}`);
      expect(trusted?.text).toBe(source);
      expect(trusted?.document.kind).toBe('Document');
    }
    expect(Object.keys(builtInManifest()).sort()).toEqual(exampleOperations().map((op) => documentHash(op.source)).sort());
  });

  it('runs every example operation by hash with the same answer as by text', async () => {
    for (const { file, source } of exampleOperations()) {
      const byText = await post(app, { query: source });
      const byHash = await post(app, { documentId: documentHash(source) });
      expect(byHash, file).toEqual(byText);
    }
    // The answer itself, not only the agreement: the headline question's two highlights.
    const { body } = await post(app, { documentId: headlineHash });
    expect(body.data.organisation.reactions.totalCount).toBe(2);
    expect(body.data.organisation.reactions.edges.map((edge: any) => edge.node.person.name)).toEqual(['Matthew Rose', 'Esmael Tahmasebi']);
  });

  it('takes the hash with codegen\'s "sha256:" prefix, with variables, and as Apollo\'s persistedQuery extension', async () => {
    const person = exampleOperations().find((op) => op.file === 'person-connections.graphql')!;
    const variables = { slug: 'matthew-rose' };
    const byText = await post(app, { query: person.source, variables });
    expect(byText.body.data.person.name).toBe('Matthew Rose');
    expect(await post(app, { documentId: `sha256:${documentHash(person.source)}`, variables })).toEqual(byText);
    const apollo = { persistedQuery: { version: 1, sha256Hash: documentHash(person.source) } };
    expect(await post(app, { extensions: apollo, variables })).toEqual(byText);
    // Apollo's retry after a miss sends both; the text of a trusted document runs as that document.
    expect(await post(app, { query: person.source, extensions: apollo, variables })).toEqual(byText);
  });

  it('runs a trusted document by hash over GET, documentId or persistedQuery in the query string', async () => {
    const byText = await post(app, { query: headline.source });
    const byDocumentId = await get(app, { documentId: headlineHash });
    expect(byDocumentId.status).toBe(200);
    expect(byDocumentId.body).toEqual(byText.body);
    const byExtension = await get(app, { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: headlineHash } }) });
    expect(byExtension.body).toEqual(byText.body);
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND, naming it', async () => {
    const unknown = 'f'.repeat(64);
    for (const response of [await post(app, { documentId: unknown }), await get(app, { documentId: `sha256:${unknown}` })]) {
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(response.body.errors?.[0].message).toContain(`"${unknown}"`);
    }
  });

  it('in trusted-only mode refuses an anonymous ad-hoc document, and runs it for a token', async () => {
    const adHoc = '{ conference(slug: "kubecon-cloudnativecon-europe-2020") { name } }';
    const refused = await post(strict, { query: adHoc });
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(refused.body.errors?.[0].message).toMatch(/documentId.*token/);
    const refusedGet = await get(strict, { query: adHoc });
    expect(refusedGet.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_ONLY');

    const withToken = await request(strict, adHoc, { token: token.secret });
    expect(withToken.body).toEqual({ data: { conference: { name: 'KubeCon + CloudNativeCon Europe 2020' } } });
    const anonymousByHash = await post(strict, { documentId: headlineHash });
    expect(anonymousByHash.body.data.organisation.reactions.totalCount).toBe(2);
    // A wrong token is refused as a wrong token, not as an ad-hoc document.
    const badToken = await request(strict, adHoc, { token: 'not-the-secret-at-all-000' });
    expect(badToken.status).toBe(401);
    expect(badToken.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("loads a manifest in graphql-codegen's format from trustedDocumentFiles", async () => {
    const text = 'query TopicName($slug: String!) { topic(slug: $slug) { name } }';
    const hash = documentHash(text);
    const manifest = join(dir, 'persisted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [hash]: text }));
    const withManifest = createApp({ database: db, logging: false, trustedDocumentFiles: [manifest], trustedOnly: true });
    const response = await post(withManifest, { documentId: `sha256:${hash}`, variables: { slug: 'kubernetes-security' } });
    expect(response.body).toEqual({ data: { topic: { name: 'Kubernetes security' } } });
    expect(trustedDocuments([manifest]).get(hash)?.source).toBe(manifest);
    // The app without that manifest does not know the hash.
    expect((await post(app, { documentId: hash })).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('stops the start on a manifest document that does not validate, naming the file and the hash', () => {
    const text = '{ conference(slug: "x") { nameThatIsNot } }';
    const hash = documentHash(text);
    const manifest = join(dir, 'stale.json');
    writeFileSync(manifest, JSON.stringify({ [hash]: text }));
    expect(() => loadTrustedDocuments([manifest])).toThrow(new RegExp(`${hash} in ${manifest.replaceAll('.', '\\.')} does not validate.*nameThatIsNot`));
    expect(() => createApp({ database: db, logging: false, trustedDocumentFiles: [manifest] })).toThrow(hash);
    const notAManifest = join(dir, 'list.json');
    writeFileSync(notAManifest, JSON.stringify([text]));
    expect(() => loadTrustedDocuments([notAManifest])).toThrow(/must be a JSON object of hash/);
  });

  it('talkgraph operations prints the manifest of the example operations', async () => {
    const result = await talkgraph(['operations']);
    expect(result.stderr).toBe('');
    const manifest = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.values(manifest).sort()).toEqual(exampleOperations().map((op) => op.source).sort());
    for (const [hash, text] of Object.entries(manifest)) expect(hash).toBe(documentHash(text));
  });
});
