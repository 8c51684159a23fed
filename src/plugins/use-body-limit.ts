// How large a request body may be. Reads and ordinary writes fit in a small body; only an import
// (a whole schedule file in importDataset) needs a large one, and only an admin may import, so the
// large limit is for requests that carry an admin token. Everyone else cannot make the server
// buffer and parse tens of megabytes.
import type { Plugin } from 'graphql-yoga';
import { LimitExceededError } from '../errors.js';

export interface BodyLimitOptions {
  /** Largest body, in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** A larger limit for some requests (those of admins), or undefined for the default. Default: none. */
  maxBytesFor?: (request: Request) => number | undefined;
  /** Says in the error what the larger limit is for, e.g. "imports with an admin token". Default none. */
  largerLimitFor?: string;
}

/** The body limit of a caller without an admin token, unless the app sets another. */
export const DEFAULT_BODY_BYTES = 2 ** 20;

const mebibytes = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;

export function useBodyLimit({ maxBytes = DEFAULT_BODY_BYTES, maxBytesFor, largerLimitFor }: BodyLimitOptions = {}): Plugin {
  const tooLarge = (limit: number) => {
    const error = new LimitExceededError(
      `The request body is larger than the ${mebibytes(limit)} allowed; send less at once` +
        (largerLimitFor && limit === maxBytes ? ` (${largerLimitFor} may send more).` : '.'),
    );
    // The rest of the body is not read, so the connection cannot carry another request: close it.
    Object.assign(error.extensions, { http: { status: 413, headers: { connection: 'close' } } });
    return error;
  };
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      let limit = maxBytes;
      try {
        limit = maxBytesFor?.(request) ?? maxBytes;
      } catch {
        // A bad token: the request fails on it later; until then it gets the ordinary limit.
      }
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
      // Node's HTTP parser reads no more than a declared length, so only a body sent in chunks, which
      // declares none, is counted as it arrives (piping every body through a counter cost an abort
      // signal and a stream pipeline per request).
      if (declared !== null || !requestParser || !request.body) return;
      let received = 0;
      // Node's own streams and the fetch ponyfill's do not pipe into each other: use the body's kind.
      const Transform = request.body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream;
      const counted = request.body.pipeThrough(
        new Transform<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            received += chunk.byteLength;
            if (received > limit) controller.error(tooLarge(limit));
            else controller.enqueue(chunk);
          },
        }),
      );
      const limited = new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body: counted, signal: request.signal, duplex: 'half' } as RequestInit);
      setRequestParser(() => requestParser(limited));
    },
  };
}
