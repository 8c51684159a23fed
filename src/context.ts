import { type Loaders, createLoaders } from './schema/loaders.js';

/** What a token allows. Reads may also need `read` when the server requires tokens for reads. */
export type Scope = 'read' | 'write' | 'admin';

export interface Viewer {
  /** The token's name from configuration, never the token itself. */
  tokenName: string | null;
  scopes: ReadonlySet<Scope>;
}

export interface Context {
  viewer: Viewer;
  loaders: Loaders;
}

export const anonymous: Viewer = { tokenName: null, scopes: new Set() };

/** A new context per request, so DataLoader caches never outlive the request that filled them. */
export function createContext(viewer: Viewer): Context {
  return { viewer, loaders: createLoaders() };
}
