// A response cache for reads that stays right across replicas: Yoga's response cache (ETag and
// If-None-Match answered with 304), keyed per token scope, and emptied by the change feed
// (src/db/changes.ts), which every process on the database hears. An update invalidates the
// cached answers holding the entity (and its conference); a creation or deletion those holding
// any entity of its type; an import, an applied proposal, or a feed that lost its connection and
// may have missed changes, the whole cache. A mutation run by this process empties this process's
// cache at once, so its own next read does not wait for the notification.
//
// Never cached: mutations and subscriptions, requests asking for their SQL (the explain header),
// and anything while the feed is not listening (a change then would go unheard).
import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { encodeGlobalId } from '../builder.js';
import type { Change, ChangeFeed } from '../db/changes.js';

export interface CachedResponsesOptions {
  /** The process's change feed; opened when the plugin is created. */
  feed: () => ChangeFeed;
  /** How long an answer may be served from the cache, in milliseconds. Default 60 s. */
  ttlMs?: number;
  /** Most answers kept. Default 1000. */
  maxEntries?: number;
  /** The cache key's scope for a request: callers with the same scope share answers. */
  scopeOf: (request: Request) => string;
  /** Requests that must run every time (the explain header). */
  bypass?: (request: Request) => boolean;
}

/** The response header that says an answer came from the cache. */
export const CACHE_HEADER = 'x-talkgraph-cache';
const servedFromCache = Symbol.for('servedFromResponseCache');

/** Yoga's in-memory cache, which can also be emptied as a whole. */
function clearableCache(maxEntries: number): Cache & { clear(): void } {
  let current = createInMemoryCache({ max: maxEntries });
  return {
    set: (id, data, entities, ttl) => current.set(id, data, entities, ttl),
    get: (id) => current.get(id),
    invalidate: (entities) => current.invalidate(entities),
    clear: () => {
      current = createInMemoryCache({ max: maxEntries });
    },
  };
}

/** The cache entries a change makes stale, or 'all'. */
export function staleEntries(change: Change): 'all' | Array<{ typename: string; id?: string }> {
  if (change.graph) return 'all';
  const entries: Array<{ typename: string; id?: string }> = [];
  for (const row of change.rows) {
    entries.push({ typename: row.type, id: encodeGlobalId(row.type, row.id) });
    if (row.change !== 'UPDATED') entries.push({ typename: row.type });
    if (row.conferenceId != null) entries.push({ typename: 'Conference', id: encodeGlobalId('Conference', row.conferenceId) });
    if (row.organisationId != null) entries.push({ typename: 'Organisation', id: encodeGlobalId('Organisation', row.organisationId) });
  }
  return entries;
}

export function useCachedResponses(options: CachedResponsesOptions): Plugin {
  const cache = clearableCache(options.maxEntries ?? 1000);
  const feed = options.feed();
  feed.subscribe((signal) => {
    if (signal.type === 'reconnected') return cache.clear();
    const stale = staleEntries(signal.change);
    if (stale === 'all') cache.clear();
    else void cache.invalidate(stale);
  });
  const enabled = (request: Request) =>
    feed.listening && !options.bypass?.(request) && !(request.headers.get('accept') ?? '').includes('text/event-stream') && !request.headers.has('upgrade');
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          session: (request) => options.scopeOf(request),
          enabled,
          ttl: options.ttlMs ?? 60_000,
          cache,
        }),
      );
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return { onExecuteDone: () => cache.clear() };
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !(result as Record<symbol, unknown>)[servedFromCache]) return;
      const extensions = (result.extensions ?? {}) as Record<string, any>;
      const http = extensions.http ?? {};
      setResult({ ...result, extensions: { ...extensions, http: { ...http, headers: { ...http.headers, [CACHE_HEADER]: 'hit' } } } });
    },
  };
}
