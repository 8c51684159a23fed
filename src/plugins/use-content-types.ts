// Answers a POST whose body is of a type no request parser reads with 415 and a GraphQL error
// that names the types that are read, instead of Yoga's bare 415 with an empty body.
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export interface ContentTypesOptions {
  /** The POST body types Yoga's request parsers read; the first is the one to recommend. Default Yoga's: JSON, GraphQL, form and multipart. */
  accepted?: string[];
}

export function useContentTypes({
  accepted = ['application/json', 'application/graphql+json', 'application/graphql', 'multipart/form-data', 'application/x-www-form-urlencoded'],
}: ContentTypesOptions = {}): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const mediaType = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
      // A POST without a content type is refused as a cross-site request before it gets here.
      if (!mediaType || accepted.includes(mediaType)) return;
      throw createGraphQLError(
        `A request body of type "${mediaType}" is not read. Send the operation as ${accepted[0]} ({"query": "...", "variables": {...}}), or as one of ${accepted.slice(1).join(', ')}.`,
        { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } } },
      );
    },
  };
}
