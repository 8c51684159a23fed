import { createGraphQLError, type Plugin } from 'graphql-yoga';

export interface CsrfPreventionOptions {
  /** Headers a browser cannot send cross-site without a preflight; any one of them lets a simple request through. Default ['x-graphql-yoga-csrf', 'apollo-require-preflight']. */
  requestHeaders?: string[];
}

/**
 * Refuses requests a browser could send from another site without a CORS preflight: GETs and
 * form or text/plain POSTs that carry none of the agreed headers. JSON POSTs are always
 * preflighted, so GraphiQL and ordinary clients are unaffected.
 */
export function useCsrfPrevention({
  requestHeaders = ['x-graphql-yoga-csrf', 'apollo-require-preflight'],
}: CsrfPreventionOptions = {}): Plugin {
  const simpleTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const preflighted = contentType !== undefined && !simpleTypes.some((type) => contentType.startsWith(type));
      if (preflighted || requestHeaders.some((header) => request.headers.has(header))) return;
      throw createGraphQLError(
        `This request could come from another site. Send it as a JSON POST, or add one of these headers: ${requestHeaders.join(', ')}.`,
        { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } },
      );
    },
  };
}
