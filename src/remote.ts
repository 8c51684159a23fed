// The writing commands (import, ingest-article, apply-proposal) when `talkgraph serve` holds the
// embedded data folder: PGlite lets one process open it, so instead of refusing, the command sends
// its work to that server through the API (importDataset, proposeReactions, applyProposal, and a
// query of the articles for a feed's posts already applied) at the URL the server wrote into the
// folder's lock, with the token in TALKGRAPH_TOKEN.
import { DataDirInUseError } from './db/data-dir-lock.js';
import { TalkgraphError, type ErrorCode } from './errors.js';

export type Scope = 'write' | 'admin';

export interface Server {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  token: string;
  /** What the command says it did its work through. */
  label: string;
}

/** How long one request may take: an import of a large programme runs for minutes on a busy machine. */
export const REQUEST_TIMEOUT_MS = 15 * 60_000;

const tokenHelp = (command: string, scope: Scope) =>
  `talkgraph ${command} needs an API token with the ${scope} scope: set TALKGRAPH_TOKEN to the secret of one of the server's TALKGRAPH_TOKENS entries that has it`;

/**
 * The server to send the work to, when `error` says a server holds the embedded folder and
 * published its URL; undefined for any other failure (the caller rethrows it).
 */
export function serverHolding(error: unknown, command: string, scope: Scope, env: NodeJS.ProcessEnv = process.env): Server | undefined {
  if (!(error instanceof DataDirInUseError) || !error.holder?.url) return undefined;
  const { url } = error.holder;
  const token = env.TALKGRAPH_TOKEN?.trim();
  if (!token) {
    throw new TalkgraphError(
      'UNAUTHENTICATED',
      `The server at ${url} (process ${error.holder.pid}) holds the embedded database in ${error.dataDir}, so ${tokenHelp(command, scope)}.`,
    );
  }
  return { url, token, label: `the server at ${url}` };
}

interface GraphQLResponse {
  data?: Record<string, (Record<string, unknown> & { __typename?: string }) | null> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

const codes = new Set<string>(['INVALID_INPUT', 'NOT_FOUND', 'INVALID_ID', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'LIMIT_EXCEEDED', 'IMPORT_FAILED', 'UNAVAILABLE']);
const asCode = (code: string | undefined): ErrorCode => (code && codes.has(code) ? (code as ErrorCode) : 'INVALID_INPUT');

/**
 * Runs a mutation whose result is `<Field>Payload | UserError` on the server and returns the
 * payload. A UserError or a GraphQL error becomes a TalkgraphError with the server's code and
 * message; a refused token says which scope the command needs.
 */
export async function runMutation(
  server: Server,
  { command, scope, field, selection, input }: { command: string; scope: Scope; field: string; selection: string; input: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  const payload = `${field[0].toUpperCase()}${field.slice(1)}Payload`;
  const query = `mutation ($input: ${field[0].toUpperCase()}${field.slice(1)}Input!) {
  ${field}(input: $input) { __typename ... on ${payload} ${selection} ... on UserError { code field message } }
}`;
  const { data, status } = await request(server, command, scope, query, { input });
  const result = data?.[field];
  if (!result) throw new TalkgraphError('UNAVAILABLE', `${server.label} answered HTTP ${status} with no ${field} result.`);
  if (result.__typename === 'UserError') throw new TalkgraphError(asCode(result.code as string), result.message as string, (result.field as string | null) ?? undefined);
  return result;
}

/** Runs a query on the server and returns its data; errors as runMutation reports them. */
export async function runQuery(
  server: Server,
  { command, scope, query, variables = {} }: { command: string; scope: Scope; query: string; variables?: Record<string, unknown> },
): Promise<NonNullable<GraphQLResponse['data']>> {
  const { data, status } = await request(server, command, scope, query, variables);
  if (!data) throw new TalkgraphError('UNAVAILABLE', `${server.label} answered HTTP ${status} with no data.`);
  return data;
}

async function request(server: Server, command: string, scope: Scope, query: string, variables: Record<string, unknown>): Promise<{ data: GraphQLResponse['data']; status: number }> {
  let response: Response;
  try {
    response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 60_000} minutes` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new TalkgraphError(
      'UNAVAILABLE',
      `Cannot reach ${server.label}, which the lock in the data folder names (${cause}). If that server has stopped, run the command again; it then opens the database itself.`,
    );
  }
  let body: GraphQLResponse;
  try {
    body = (await response.json()) as GraphQLResponse;
  } catch {
    throw new TalkgraphError('UNAVAILABLE', `${server.label} answered HTTP ${response.status} without a GraphQL response; is it a talkgraph server?`);
  }
  const [error] = body.errors ?? [];
  if (error) {
    const code = error.extensions?.code;
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
      throw new TalkgraphError(code, `${server.label} refused TALKGRAPH_TOKEN (${error.message}); ${tokenHelp(command, scope)}.`);
    }
    throw new TalkgraphError(asCode(code), `${server.label}: ${error.message}`, error.extensions?.field);
  }
  return { data: body.data, status: response.status };
}
