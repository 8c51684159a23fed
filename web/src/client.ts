// Sends the dashboard's operations to /graphql. A document in the trusted manifest goes by its id
// ({documentId: "sha256:<hex>", variables}); a server that does not know persisted documents (or
// not this one) answers so, and the document is sent again as text. After a server said it reads
// no ids at all, the rest of the session sends text straight away.

export interface GraphQLDocument {
  name: string;
  text: string;
  /** "sha256:<hex>" when the document is in web/dist/persisted-documents.json; null when it is sent as text. */
  id: string | null;
}

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

interface Response<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

export class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

let serverReadsDocumentIds = true;

/** The body for a document: its id while the server may know it, else its text. */
export function requestBody(document: GraphQLDocument, variables: Record<string, unknown>, byId = serverReadsDocumentIds && document.id !== null) {
  return byId ? { documentId: document.id, variables } : { query: document.text, operationName: document.name, variables };
}

/**
 * The server has no persisted documents at all (Yoga without them refuses the parameter:
 * 'Unexpected parameter "documentId"', or asks for "query"), or not this one.
 */
export function unknownDocument(errors: GraphQLErrorBody[] | undefined): 'server' | 'document' | undefined {
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    if (code === 'PERSISTED_QUERY_NOT_SUPPORTED' || /must provide query string|unexpected parameter "documentId"/i.test(error.message)) return 'server';
    if (code === 'PERSISTED_QUERY_NOT_FOUND' || /persisted (query|operation|document) not found/i.test(error.message)) return 'document';
  }
  return undefined;
}

/** After a server said it reads no ids: send documents as text (subscriptions read this too). */
export const sendsDocumentIds = () => serverReadsDocumentIds;
export const markServerReadsNoDocumentIds = () => {
  serverReadsDocumentIds = false;
};

async function post<T>(body: unknown, signal?: AbortSignal): Promise<Response<T>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(body),
    signal,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new RequestError(`The server answered HTTP ${response.status} without a GraphQL response.`, undefined);
  return (await response.json()) as Response<T>;
}

/** Runs one query; resolves to its data or throws the first error the server gave. */
export async function query<T>(document: GraphQLDocument, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const byId = serverReadsDocumentIds && document.id !== null;
  let result = await post<T>(requestBody(document, variables, byId), signal);
  if (byId) {
    const unknown = unknownDocument(result.errors);
    if (unknown === 'server') markServerReadsNoDocumentIds();
    if (unknown) result = await post<T>(requestBody(document, variables, false), signal);
  }
  // The pages' documents are ours: any error means the page would show less than it says, so it fails.
  if (result.errors?.length) {
    const [first] = result.errors;
    throw new RequestError(first.message, first.extensions?.code);
  }
  if (!result.data) throw new RequestError('The server answered without data.', undefined);
  return result.data;
}
