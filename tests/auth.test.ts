// Who may do what: anonymous callers and each token scope against every root field of the schema,
// closed reads (openReads: false), and what the server logs about tokens.
import { inspect } from 'node:util';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '../src/auth.js';
import { encodeGlobalId } from '../src/builder.js';
import { schema } from '../src/schema/index.js';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { graphSnapshot, mutate, request } from './helpers/graphql.js';

const reader = 'reader-secret-0123456789';
const writer = 'writer-secret-0123456789';
const admin = 'admin-secret-0123456789';
const tokens: ApiToken[] = [
  { name: 'dashboard', scopes: ['read'], secret: reader },
  { name: 'editor', scopes: ['write'], secret: writer },
  { name: 'ops', scopes: ['admin'], secret: admin },
];
const unknownToken = 'unknown-secret-0123456789';

/** Values that pass GraphQL's own input checks, so a request reaches the scope check. */
const dummyScalars: Record<string, unknown> = {
  ID: encodeGlobalId('Talk', 1),
  String: 'dummy',
  Int: 1,
  Float: 1,
  Boolean: true,
  Date: '2020-08-17',
  DateTime: '2020-08-17T09:00:00Z',
};

function dummyValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummyValue(type.ofType);
  if (isListType(type)) return [dummyValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, dummyValue(field.type)]));
  }
  if (!(type.name in dummyScalars)) throw new Error(`Add a dummy value for the scalar ${type.name} to tests/auth.test.ts.`);
  return dummyScalars[type.name];
}

/** The smallest operation that calls a root field: its required arguments with dummy values. */
function callOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((arg) => isNonNullType(arg.type));
  const definitions = args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return {
    document: `${operation}${definitions && ` (${definitions})`} { ${field.name}${call && `(${call})`} ${isLeafType(getNamedType(field.type)) ? '' : '{ __typename }'} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, dummyValue(arg.type)])),
  };
}

const rootFields = (type: GraphQLObjectType | null | undefined) => Object.values(type!.getFields());
const mutationFields = rootFields(schema.getMutationType());
const queryFields = rootFields(schema.getQueryType());
// Deletes, imports and merges (a merge deletes the node merged away) need the admin scope.
const needsAdmin = (field: GraphQLField<unknown, unknown>) => /^(delete|import|merge)/.test(field.name);
// Root query fields for admins only: the rest of Query has the type's read scope.
const adminQueries = new Set(['duplicateCandidates']);
const readQueryFields = queryFields.filter((field) => !adminQueries.has(field.name));
const adminQueryFields = queryFields.filter((field) => adminQueries.has(field.name));

/** Sends `field`'s minimal call and returns the code of the error it got, or undefined. */
async function errorCodeOf(app: App, operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, token?: string) {
  const { document, variables } = callOf(operation, field);
  const response = await request(app, document, { variables, token });
  const data = response.body.data?.[field.name];
  // A mutation that got past the scope check answers with a payload or a typed user error.
  if (data?.__typename === 'UserError') return `UserError ${data.code}`;
  return response.body.errors?.[0]?.extensions?.code as string | undefined;
}

describe('every root field is guarded', () => {
  it('declares write scope on create, update and link mutations, admin on deletes, imports and merges', () => {
    expect(mutationFields.length).toBeGreaterThan(20);
    for (const field of mutationFields) {
      const options = field.extensions.pothosOptions as { authScopes?: unknown };
      expect({ field: field.name, authScopes: options.authScopes }).toEqual({ field: field.name, authScopes: needsAdmin(field) ? { admin: true } : { write: true } });
    }
  });

  it('declares the read scope on the Query type, so it covers node and nodes too', () => {
    const options = schema.getQueryType()!.extensions.pothosOptions as { authScopes?: unknown };
    expect(options.authScopes).toEqual({ read: true });
    expect(queryFields.map((field) => field.name)).toEqual(expect.arrayContaining(['node', 'nodes']));
  });

  it('declares the admin scope on the admin-only query fields', () => {
    expect(adminQueryFields.map((field) => field.name)).toEqual([...adminQueries]);
    for (const field of adminQueryFields) {
      const options = field.extensions.pothosOptions as { authScopes?: unknown };
      expect({ field: field.name, authScopes: options.authScopes }).toEqual({ field: field.name, authScopes: { admin: true } });
    }
  });
});

describe.each(databaseKinds)('access control on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  let closedReads: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false, tokens });
    closedReads = createApp({ database: db, logging: false, tokens, openReads: false });
  });
  afterAll(() => db?.dispose());

  it('refuses an anonymous write with UNAUTHENTICATED and changes nothing', async () => {
    const before = await graphSnapshot(db.prisma);
    const response = await request(app, 'mutation { createTopic(input: { name: "Anonymous" }) { __typename } }');
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'This operation needs an API token: send "Authorization: Bearer <token>".',
      path: ['createTopic'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(response.body.data).toBeNull();
    expect(await graphSnapshot(db.prisma)).toEqual(before);
  });

  it('refuses an unknown token or a malformed header, even for a read, instead of treating it as anonymous', async () => {
    for (const headers of [{ authorization: `Bearer ${unknownToken}` }, { authorization: `Basic ${writer}` }, { authorization: 'Bearer' }]) {
      const response = await request(app, '{ topics { totalCount } }', { headers });
      expect(response.status).toBe(401);
      expect(response.body.data ?? null).toBeNull();
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(response.body)).not.toContain(writer);
    }
  });

  it('sends every mutation anonymously and with a read token: all refused, nothing changed', async () => {
    const before = await graphSnapshot(db.prisma);
    for (const field of mutationFields) {
      expect([field.name, await errorCodeOf(app, 'mutation', field)]).toEqual([field.name, 'UNAUTHENTICATED']);
      expect([field.name, await errorCodeOf(app, 'mutation', field, reader)]).toEqual([field.name, 'FORBIDDEN']);
    }
    expect(await graphSnapshot(db.prisma)).toEqual(before);
  });

  it('keeps deletes and imports to admin tokens: a write token gets FORBIDDEN and nothing changes', async () => {
    const before = await graphSnapshot(db.prisma);
    const adminOnly = mutationFields.filter(needsAdmin);
    expect(adminOnly.length).toBeGreaterThanOrEqual(7);
    for (const field of adminOnly) {
      expect([field.name, await errorCodeOf(app, 'mutation', field, writer)]).toEqual([field.name, 'FORBIDDEN']);
    }
    const topic = await db.prisma.topic.findUniqueOrThrow({ where: { slug: 'prow' } });
    const refused = await request(app, 'mutation ($id: ID!) { deleteTopic(input: { id: $id }) { __typename } }', {
      variables: { id: encodeGlobalId('Topic', topic.id) },
      token: writer,
    });
    expect(refused.body.errors?.[0]).toMatchObject({ message: 'The token "editor" does not have a scope that allows this operation.', extensions: { code: 'FORBIDDEN' } });
    expect(await graphSnapshot(db.prisma)).toEqual(before);
  });

  it('lets a write token create and an admin token delete', async () => {
    const { topic } = await mutate(app, 'createTopic', { name: 'Access control' }, { selection: '{ topic { id slug } }', token: writer });
    expect(topic.slug).toBe('access-control');
    const deleted = await mutate(app, 'deleteTopic', { id: topic.id }, { selection: '{ deletedId }', token: admin });
    expect(deleted.deletedId).toBe(topic.id);
    expect(await db.prisma.topic.count({ where: { slug: 'access-control' } })).toBe(0);
  });

  it('with closed reads, refuses every root field (node and nodes included) to anonymous callers and serves a read token', async () => {
    for (const field of readQueryFields) {
      expect([field.name, await errorCodeOf(closedReads, 'query', field)]).toEqual([field.name, 'UNAUTHENTICATED']);
      expect([field.name, await errorCodeOf(closedReads, 'query', field, reader)]).toEqual([field.name, undefined]);
    }
    // Admin-only fields: anonymous callers must authenticate, read and write tokens are forbidden, admin tokens are served.
    for (const field of adminQueryFields) {
      expect([field.name, await errorCodeOf(closedReads, 'query', field)]).toEqual([field.name, 'UNAUTHENTICATED']);
      expect([field.name, await errorCodeOf(closedReads, 'query', field, reader)]).toEqual([field.name, 'FORBIDDEN']);
      expect([field.name, await errorCodeOf(closedReads, 'query', field, writer)]).toEqual([field.name, 'FORBIDDEN']);
      expect([field.name, await errorCodeOf(closedReads, 'query', field, admin)]).toEqual([field.name, undefined]);
    }
    const { body } = await request(closedReads, '{ organisation(slug: "max-kelsen") { name } }', { token: writer });
    expect(body).toEqual({ data: { organisation: { name: 'Max Kelsen' } } });
  });

  it('with open reads, serves every root field to anonymous callers, except the admin-only ones', async () => {
    for (const field of readQueryFields) {
      expect([field.name, await errorCodeOf(app, 'query', field)]).toEqual([field.name, undefined]);
    }
    for (const field of adminQueryFields) {
      expect([field.name, await errorCodeOf(app, 'query', field)]).toEqual([field.name, 'UNAUTHENTICATED']);
      expect([field.name, await errorCodeOf(app, 'query', field, reader)]).toEqual([field.name, 'FORBIDDEN']);
      expect([field.name, await errorCodeOf(app, 'query', field, admin)]).toEqual([field.name, undefined]);
    }
  });
});

describe('what the server logs', () => {
  let db: TestDatabase;
  const logged: string[] = [];
  beforeAll(async () => {
    db = await createSeededDatabase('embedded');
  });
  afterAll(() => db?.dispose());
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('never contains a token secret, for a wrong token or for a database that is gone', async () => {
    for (const method of ['debug', 'info', 'log', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10 }))).join(' '));
      });
    }
    // Yoga's default logger reads DEBUG when the app is built; log everything it can.
    vi.stubEnv('DEBUG', '1');
    const app = createApp({ database: db, logging: true, tokens });

    const wrongToken = await request(app, '{ topics { totalCount } }', { token: unknownToken });
    expect(wrongToken.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // With the database gone, a write by a valid token fails: the caller is told to try again
    // (SERVICE_UNAVAILABLE), and the driver's failure itself goes only to the log.
    await db.close();
    const masked = await request(app, 'mutation { createTopic(input: { name: "Unreachable" }) { __typename } }', { token: writer });
    expect(masked.status).toBe(503);
    expect(masked.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(masked.body.errors?.[0]?.message).not.toMatch(/PGlite|prisma/i);

    const output = logged.join('\n');
    // The database's failure was logged in full (a wrong token is the caller's error, not a failure
    // to log): the check below looks at real output.
    expect(output).toContain("path: [ 'createTopic' ]");
    for (const secret of [unknownToken, reader, writer, admin]) expect(output).not.toContain(secret);
  });
});
