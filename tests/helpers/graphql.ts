import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
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
