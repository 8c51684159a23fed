import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { App } from '../../src/yoga.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
}

export interface RequestOptions {
  variables?: Record<string, unknown>;
  token?: string;
  headers?: Record<string, string>;
}

/** Sends one operation through yoga.fetch, in process, as a client would over HTTP. */
export async function request<T = Record<string, any>>(
  app: App,
  query: string,
  { variables, token, headers = {} }: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://talkgraph.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

/** Like request, but returns `data` and fails with the operation and the whole response on any error. */
export async function execute<T = Record<string, any>>(app: App, query: string, options?: RequestOptions): Promise<T> {
  const response = await request<T>(app, query, options);
  if (response.status !== 200 || response.body.errors?.length || !response.body.data) {
    throw new Error(
      `GraphQL request failed (HTTP ${response.status})\n--- operation\n${query}\n--- variables\n${JSON.stringify(options?.variables ?? {})}\n--- response\n${JSON.stringify(response.body, null, 2)}`,
    );
  }
  return response.body.data;
}

/** The first error of a request that must fail, with its code. */
export async function expectError(app: App, query: string, options?: RequestOptions) {
  const response = await request(app, query, options);
  const error = response.body.errors?.[0];
  if (!error) {
    throw new Error(`Expected an error from\n${query}\nbut got\n${JSON.stringify(response.body, null, 2)}`);
  }
  return { ...error, code: error.extensions?.code as string | undefined, status: response.status, data: response.body.data };
}

export const operationsDir = resolve(import.meta.dirname, '../../schema/operations');

export const exampleOperations = () =>
  readdirSync(operationsDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ file, source: readFileSync(resolve(operationsDir, file), 'utf8') }));

/** A mutation's typed user error (the `UserError` member of its result union). */
export interface UserErrorResult {
  code: string;
  message: string;
  field: string | null;
}

const capitalised = (name: string) => name[0].toUpperCase() + name.slice(1);

/**
 * The operation for a relay mutation field, with our naming: `createTopic(input: CreateTopicInput!)`
 * resolving to `CreateTopicPayload | UserError`. `selection` picks payload fields.
 */
export const mutationDocument = (field: string, selection = '{ clientMutationId }') =>
  `mutation ($input: ${capitalised(field)}Input!) {
    ${field}(input: $input) { __typename ... on Error { code message field } ... on ${capitalised(field)}Payload ${selection} }
  }`;

async function mutationResult(app: App, field: string, input: Record<string, unknown>, selection: string | undefined, token: string | undefined, typename: string) {
  const document = mutationDocument(field, selection);
  const response = await request(app, document, { variables: { input }, token });
  const result = response.body.data?.[field];
  if (response.status !== 200 || response.body.errors?.length || result?.__typename !== typename) {
    throw new Error(
      `Expected ${field} to return a ${typename} (HTTP ${response.status})\n--- operation\n${document}\n--- input\n${JSON.stringify(input)}\n--- response\n${JSON.stringify(response.body, null, 2)}`,
    );
  }
  const { __typename: _typename, ...fields } = result;
  return fields;
}

/** Runs mutation `field` and returns its payload; fails with the whole response on anything else. */
export function mutate<T = Record<string, any>>(app: App, field: string, input: Record<string, unknown>, { selection, token }: { selection?: string; token?: string } = {}) {
  return mutationResult(app, field, input, selection, token, `${capitalised(field)}Payload`) as Promise<T>;
}

/** Runs mutation `field`, which must fail with a user error, and returns that error. */
export function mutationError(app: App, field: string, input: Record<string, unknown>, { token }: { token?: string } = {}) {
  return mutationResult(app, field, input, undefined, token, 'UserError') as Promise<UserErrorResult>;
}

/**
 * Every row of the graph, in a stable order: two snapshots are equal when nothing was written
 * (updatedAt included, so even a rewrite with the same values shows).
 */
export async function graphSnapshot(prisma: PrismaClient) {
  const byId = { orderBy: { id: 'asc' } } as const;
  return {
    conferences: await prisma.conference.findMany(byId),
    talks: await prisma.talk.findMany({ ...byId, include: { topics: { select: { id: true }, orderBy: { id: 'asc' } } } }),
    speakers: await prisma.talkSpeaker.findMany(byId),
    people: await prisma.person.findMany(byId),
    organisations: await prisma.organisation.findMany(byId),
    affiliations: await prisma.affiliation.findMany(byId),
    reactions: await prisma.reaction.findMany(byId),
    articles: await prisma.article.findMany(byId),
    authorships: await prisma.articleAuthor.findMany({ orderBy: [{ articleId: 'asc' }, { personId: 'asc' }] }),
    topics: await prisma.topic.findMany(byId),
  };
}
