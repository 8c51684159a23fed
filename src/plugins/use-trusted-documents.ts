// Calls by hash: a request may name a trusted document (src/trusted-documents.ts) instead of
// sending its text, as `{"documentId": "<hash>"}` (graphql-codegen's clients, with or without a
// "sha256:" prefix) or as Apollo's `extensions.persistedQuery.sha256Hash`, in a POST body or in a
// GET's query string. With `trustedOnly`, callers without a token may run nothing else.
import type { DocumentNode } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { normaliseHash, type TrustedDocument } from '../trusted-documents.js';

export interface TrustedDocumentsOptions {
  /** The documents that may be called by hash. */
  documents: ReadonlyMap<string, TrustedDocument>;
  /**
   * When true, a request that sends a document's text instead of a hash is refused unless
   * `mayRunAnyDocument` allows it. Default false: any document runs, and hashes are a convenience.
   */
  trustedOnly?: boolean;
  /** Who may still send any document in trusted-only mode. Default: nobody. */
  mayRunAnyDocument?: (request: Request) => boolean;
}

function hashOf(params: GraphQLParams, request: Request): string | null {
  const { documentId } = params as { documentId?: unknown };
  if (typeof documentId === 'string') return normaliseHash(documentId);
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  if (typeof persisted?.sha256Hash === 'string') return normaliseHash(persisted.sha256Hash);
  // Yoga's GET parser keeps only the standard parameters; documentId is read from the URL itself.
  if (request.method === 'GET') {
    const documentId = new URL(request.url, 'http://localhost').searchParams.get('documentId');
    if (documentId) return normaliseHash(documentId);
  }
  return null;
}

/** Echoed in an error, a hash is cut: a client could send a megabyte of it. */
const shortened = (hash: string) => (hash.length > 80 ? `${hash.slice(0, 80)}…` : hash);

export function useTrustedDocuments({ documents, trustedOnly = false, mayRunAnyDocument = () => false }: TrustedDocumentsOptions): Plugin {
  const persisted = usePersistedOperations({
    getPersistedOperation: (hash): DocumentNode | null => documents.get(hash)?.document ?? null,
    allowArbitraryOperations: trustedOnly ? mayRunAnyDocument : true,
    extractPersistedOperationId: hashOf,
    customErrors: {
      notFound: ({ params, request }) =>
        createGraphQLError(
          `No trusted document has the hash "${shortened(hashOf(params, request) ?? '')}". Send a hash from a manifest this server loaded ` +
            '(node bin/talkgraph.mjs operations prints the one of the example operations), or the document text as "query".',
          { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
        ),
      persistedQueryOnly: () =>
        createGraphQLError(
          'This server runs only trusted documents for callers without a token: send {"documentId": "<hash>"} with a hash from the ' +
            'manifest (node bin/talkgraph.mjs operations prints it), or send an API token ("Authorization: Bearer <token>") to run any document.',
          { extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } } },
        ),
    },
  });
  return {
    ...persisted,
    onParams(payload) {
      const { params, request } = payload;
      const hash = hashOf(params, request);
      // Neither a text nor a hash: Yoga's own check answers it ("Must provide query string.", HTTP 400).
      if (!params.query && hash === null) return;
      if (params.query && hash !== null) {
        // Apollo's automatic persisted queries send both once a hash was not found. The text of a
        // trusted document runs as that document; any other text runs as text, when text may run.
        if (documents.get(hash)?.text !== params.query) return persisted.onParams!(payload);
        return persisted.onParams!({ ...payload, params: { ...params, query: undefined } });
      }
      return persisted.onParams!(payload);
    },
  };
}
