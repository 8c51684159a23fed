// Requests built to hurt: NUL bytes, IDs and cursors past the 32-bit range, impossible dates,
// unknown zones, oversized searches, bodies and documents, and probes for the schema's names.
// Each must answer a coded error that says what to change (never "Unexpected error.", never an
// HTTP 500) and must leave every row of the graph as it was.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../../src/auth.js';
import { encodeGlobalId } from '../../src/builder.js';
import { createApp, type App } from '../../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.js';
import { execute, graphSnapshot, request, type RequestOptions } from '../helpers/graphql.js';

const reader = 'reader-secret-0123456789';
const writer = 'writer-secret-0123456789';
const admin = 'admin-secret-0123456789';
const tokens: ApiToken[] = [
  { name: 'viewer', scopes: ['read'], secret: reader },
  { name: 'editor', scopes: ['write'], secret: writer },
  { name: 'ops', scopes: ['admin'], secret: admin },
];
const kubecon = 'kubecon-cloudnativecon-europe-2020';
const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The code of the first error, top-level or a mutation's typed UserError. */
function firstError(body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) {
  const top = body.errors?.[0];
  if (top) return { code: top.extensions?.code as string | undefined, message: top.message };
  const typed = Object.values(body.data ?? {}).find((value) => value?.__typename === 'UserError');
  return typed ? { code: typed.code as string, message: typed.message as string } : undefined;
}

describe.each(databaseKinds)('hostile input on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  let conferenceId: string;
  let talkId: string;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false, tokens });
    const found = await execute(app, `{ conference(slug: "${kubecon}") { id talks(first: 1) { nodes { id } } } }`);
    conferenceId = found.conference.id;
    talkId = found.conference.talks.nodes[0].id;
  });
  afterAll(() => db?.dispose());

  /** Sends the request, expects `code` with a message that is not the masked one, and an unchanged graph. */
  async function refused(code: string, query: string, options: RequestOptions = {}) {
    const before = await graphSnapshot(db.prisma);
    const response = await request(app, query, options);
    const error = firstError(response.body);
    expect(error, JSON.stringify(response.body)).toBeDefined();
    expect({ code: error!.code, status: response.status < 500 }).toEqual({ code, status: true });
    expect(error!.message).not.toBe('Unexpected error.');
    expect(await graphSnapshot(db.prisma)).toEqual(before);
    return error!;
  }
  const mutation = (field: string, input: string) =>
    `mutation ($input: ${field[0].toUpperCase()}${field.slice(1)}Input!) { ${field}(input: $input) { __typename ... on Error { code message field } } }`;

  describe('a NUL byte in any string', () => {
    it('in a search, a slug, a literal and a create', async () => {
      const error = await refused('INVALID_INPUT', 'query ($q: String) { talks(filter: { search: $q }) { totalCount } }', { variables: { q: 'pr\u0000ow' } });
      expect(error.message).toContain('filter.search');
      await refused('INVALID_INPUT', 'query ($slug: String!) { conference(slug: $slug) { name } }', { variables: { slug: `kubecon\u0000` } });
      await refused('INVALID_INPUT', '{ people(search: "max\\u0000") { totalCount } }');
      await refused('INVALID_INPUT', mutation('createTopic', ''), { variables: { input: { name: 'Null\u0000Topic' } }, token: writer });
    });

    it('in a file given to importDataset', async () => {
      const content = `title,speakers\nNul\u0000Talk,Someone\n`;
      await refused('INVALID_INPUT', mutation('importDataset', ''), { variables: { input: { content } }, token: admin });
    });
  });

  it('refuses IDs beyond the 32-bit range of row ids', async () => {
    await refused('INVALID_ID', 'query ($id: ID!) { node(id: $id) { id } }', { variables: { id: encodeGlobalId('Talk', 2 ** 31) } });
    await refused('INVALID_ID', 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { variables: { ids: [encodeGlobalId('Person', 9_999_999_999)] } });
    await refused('INVALID_ID', mutation('updateTalk', ''), { variables: { input: { id: encodeGlobalId('Talk', 4_294_967_296), title: 'Renamed' } }, token: writer });
  });

  it('refuses crafted cursors', async () => {
    for (const after of [cursor('row:0'), cursor('row:-1'), cursor('row:2147483648'), cursor('row:99999999999'), cursor('row:1\u0000'), 'cm93OjE=', '!!!', cursor('row:1 OR 1=1')]) {
      await refused('INVALID_INPUT', 'query ($after: String) { talks(first: 1, after: $after) { totalCount } }', { variables: { after } });
    }
  });

  describe('dates and zones', () => {
    const talk = (extra: Record<string, unknown>) => ({ variables: { input: { conferenceId, title: 'Dated', ...extra } }, token: writer });

    it('refuses a year-0 date-time', async () => {
      const error = await refused('INVALID_INPUT', mutation('createTalk', ''), talk({ startsAt: '0000-06-01T10:00:00Z' }));
      expect(error.message).toContain('year 0');
    });

    it('refuses days that do not exist instead of rolling them over', async () => {
      const error = await refused('INVALID_INPUT', mutation('createConference', ''), { variables: { input: { name: 'Leap Conf', startsOn: '2020-02-30' } }, token: writer });
      expect(error.message).toContain('February 2020 has 29 days');
      await refused('INVALID_INPUT', mutation('createTalk', ''), talk({ startsAt: '2021-02-29T10:00:00Z' }));
      await refused('INVALID_INPUT', mutation('createTalk', ''), talk({ startsAt: '2020-08-20T24:30:00Z' }));
    });

    it('refuses date-times without a zone', async () => {
      const error = await refused('INVALID_INPUT', mutation('createTalk', ''), talk({ startsAt: '2020-08-20T14:00:00' }));
      expect(error.message).toContain('no zone');
      // The same instant with a zone is taken.
      const created = await execute(app, mutation('createTalk', ''), talk({ startsAt: '2020-08-20T16:00:00+02:00', title: 'Zoned' }));
      expect(created.createTalk.__typename).toBe('CreateTalkPayload');
      await execute(app, 'mutation ($id: ID!) { deleteTalk(input: { id: $id }) { __typename } }', {
        variables: { id: (await execute(app, `{ talks(filter: { search: "Zoned" }) { nodes { id startsAt } } }`)).talks.nodes[0].id },
        token: admin,
      });
    });

    it('refuses an unknown time zone in updateConference and createConference, as the importers do', async () => {
      const error = await refused('INVALID_INPUT', mutation('updateConference', ''), { variables: { input: { id: conferenceId, timeZone: 'Mars/Olympus_Mons' } }, token: writer });
      expect(error.message).toContain('IANA time zone');
      await refused('INVALID_INPUT', mutation('createConference', ''), { variables: { input: { name: 'Zone Conf', timeZone: 'Europe/Atlantis' } }, token: writer });
    });
  });

  it('refuses seriesPart above seriesParts', async () => {
    const error = await refused('INVALID_INPUT', mutation('createArticle', ''), { variables: { input: { title: 'Part five of four', seriesPart: 5, seriesParts: 4 } }, token: writer });
    expect(error.message).toContain('seriesPart');
  });

  describe('pages and lists', () => {
    it('refuses first and last together', async () => {
      await refused('INVALID_INPUT', '{ talks(first: 1, last: 1) { totalCount } }');
    });

    it('refuses a page size from a variable above the maximum', async () => {
      await refused('LIMIT_EXCEEDED', 'query ($n: Int) { talks(first: $n) { totalCount } }', { variables: { n: 101 } });
    });

    it('counts every ID of nodes(ids:) in the query cost', async () => {
      const ids = Array.from({ length: 100 }, () => conferenceId);
      const error = await refused(
        'LIMIT_EXCEEDED',
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Conference { talks(first: 100) { nodes { reactions(first: 100) { nodes { summary } } } } } } }',
        { variables: { ids } },
      );
      expect(error.message).toContain('estimated cost');
      // One ID with the same selection is well within the limit.
      await execute(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Conference { talks(first: 100) { nodes { reactions(first: 100) { nodes { summary } } } } } } }', {
        variables: { ids: [conferenceId] },
      });
      await refused('LIMIT_EXCEEDED', 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { variables: { ids: Array.from({ length: 101 }, () => talkId) } });
    });
  });

  describe('searches', () => {
    const long = 'kubernetes '.repeat(30);
    const wordy = Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ');

    it('caps the length and the words of every search, with a message that says the limit', async () => {
      const error = await refused('LIMIT_EXCEEDED', 'query ($q: String) { talks(filter: { search: $q }) { totalCount } }', { variables: { q: long } });
      expect(error.message).toMatch(/more than the 200 allowed/);
      const words = await refused('LIMIT_EXCEEDED', 'query ($q: String) { talks(filter: { search: $q }) { totalCount } }', { variables: { q: wordy } });
      expect(words.message).toMatch(/17 words, more than the 16 allowed/);
      for (const root of ['people', 'organisations', 'conferences', 'topics']) {
        await refused('LIMIT_EXCEEDED', `query ($q: String) { ${root}(search: $q) { totalCount } }`, { variables: { q: long } });
      }
      await refused('LIMIT_EXCEEDED', `{ conference(slug: "${kubecon}") { talks(filter: { search: "${wordy}" }) { totalCount } } }`);
    });

    it('still answers searches within the limits', async () => {
      expect((await execute(app, '{ talks(filter: { search: "prow" }) { totalCount } }')).talks.totalCount).toBe(1);
    });
  });

  describe('documents and bodies', () => {
    it('answers a megabyte of nested braces with LIMIT_EXCEEDED, not a stack overflow', async () => {
      const depth = 450_000;
      const error = await refused('LIMIT_EXCEEDED', `${'{'.repeat(depth)}${'}'.repeat(depth)}`);
      expect(error.message).toContain('levels deep');
      await refused('LIMIT_EXCEEDED', `{ talks(first: ${'['.repeat(5000)}${']'.repeat(5000)}) { totalCount } }`);
    });

    it('refuses documents of too many tokens', async () => {
      const error = await refused('LIMIT_EXCEEDED', `{ ${'__typename '.repeat(20_000)} }`);
      expect(error.message).toContain('tokens');
    });

    it('limits bodies to 1 MiB, except for admins, whose imports may be larger', async () => {
      const huge = 'x'.repeat(1.5 * 2 ** 20);
      const before = await graphSnapshot(db.prisma);
      const anonymous = await request(app, '{ talks { totalCount } }', { variables: { padding: huge } });
      expect(anonymous.status).toBe(413);
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
      expect(anonymous.body.errors?.[0]?.message).toContain('1 MiB');
      const imported = await request(app, mutation('importDataset', ''), { variables: { input: { content: huge } }, token: admin });
      // Past the body limit, the importer gets to refuse what is not a schedule.
      expect(imported.status).toBe(200);
      expect(firstError(imported.body)?.code).toMatch(/^(IMPORT_FAILED|INVALID_INPUT)$/);
      expect(await graphSnapshot(db.prisma)).toEqual(before);
    });

    it('over HTTP, refuses a body past the limit whether it declares its length or comes in chunks', async () => {
      const server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify({ query: '{ talks { totalCount } }', variables: { padding: 'x'.repeat(1.5 * 2 ** 20) } });
      /** Sends `body` in 64 KiB writes; with `declare`, under a content-length, else chunked (no length). */
      const post = (text: string, declare: boolean) =>
        new Promise<{ status: number; body: any }>((resolve, reject) => {
          const headers: Record<string, string | number> = { 'content-type': 'application/json' };
          if (declare) headers['content-length'] = Buffer.byteLength(text);
          const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
            let answer = '';
            res.on('data', (chunk: Buffer) => (answer += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(answer) }));
          });
          req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
          for (let at = 0; at < text.length; at += 65_536) req.write(text.slice(at, at + 65_536));
          req.end();
        });
      try {
        for (const declare of [true, false]) {
          const refusedBody = await post(body, declare);
          expect(refusedBody.status, `declared length: ${declare}`).toBe(413);
          expect(refusedBody.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
          const small = await post(JSON.stringify({ query: '{ talks { totalCount } }' }), declare);
          expect(small.status).toBe(200);
          expect(small.body.data.talks.totalCount).toBeGreaterThan(0);
        }
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});

describe('what a caller must not learn about the schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createSeededDatabase('embedded');
  });
  afterAll(() => db?.dispose());

  const probes: Array<[string, RequestOptions?]> = [
    ['{ talkz { totalCount } }'],
    ['{ talks(frist: 1) { totalCount } }'],
    ['{ talks(filter: { kinds: [TALKK] }) { totalCount } }'],
    ['{ talks(filter: { serch: "x" }) { totalCount } }'],
    ['query ($kinds: [TalkKind!]) { talks(filter: { kinds: $kinds }) { totalCount } }', { variables: { kinds: ['TALKK'] } }],
    ['query ($f: TalkFilter) { talks(filter: $f) { totalCount } }', { variables: { f: { serch: 'x' } } }],
    ['{ talks { nodes { titel } } }'],
  ];

  it('with introspection off, errors carry no "Did you mean" suggestions', async () => {
    const open = createApp({ database: db, logging: false });
    const closed = createApp({ database: db, logging: false, introspection: false });
    // The probes do draw suggestions when introspection is on: the check below is not vacuous.
    expect((await request(open, probes[0][0])).body.errors?.[0]?.message).toContain('Did you mean');
    for (const [query, options] of probes) {
      const response = await request(closed, query, options);
      expect(response.body.errors?.length, query).toBeGreaterThan(0);
      for (const error of response.body.errors ?? []) expect(error.message, query).not.toMatch(/Did you mean|"title"|"search"|"TALK"|"first"|"talks"/);
    }
  });

  it('with reads closed, anonymous callers can neither introspect nor read suggestions; a read token can', async () => {
    const app = createApp({ database: db, logging: false, tokens, openReads: false });
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Talk") { fields { name } } }']) {
      const response = await request(app, query);
      expect(response.body.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
      expect(response.body.data ?? null).toBeNull();
    }
    for (const [query, options] of probes) {
      for (const error of (await request(app, query, options)).body.errors ?? []) expect(error.message, query).not.toContain('Did you mean');
    }
    const allowed = await execute(app, '{ __type(name: "Talk") { name } }', { token: reader });
    expect(allowed).toEqual({ __type: { name: 'Talk' } });
    expect((await request(app, probes[0][0], { token: reader })).body.errors?.[0]?.message).toContain('Did you mean');
  });
});
