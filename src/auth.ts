// API tokens. Configured as TALKGRAPH_TOKENS="<name>:<scope>[+<scope>...]:<secret>,..." (or the
// `tokens` option of createApp). Scopes: read, write (create, update, link), admin (also delete and
// import; implies write and read). Secrets are compared in constant time through their SHA-256
// digests, and only token names ever reach logs or error messages.
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Scope, type Viewer, anonymous } from './context.js';
import { UnauthenticatedError } from './errors.js';

export interface ApiToken {
  name: string;
  scopes: Scope[];
  secret: string;
}

interface StoredToken {
  name: string;
  scopes: ReadonlySet<Scope>;
  digest: Buffer;
}

const knownScopes: readonly Scope[] = ['read', 'write', 'admin'];
const implied: Record<Scope, Scope[]> = { read: ['read'], write: ['write', 'read'], admin: ['admin', 'write', 'read'] };

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

export function parseTokens(spec: string | undefined): ApiToken[] {
  if (!spec?.trim()) return [];
  return spec.split(',').map((entry, index) => {
    const [name, scopes, ...rest] = entry.trim().split(':');
    const secret = rest.join(':');
    const where = `TALKGRAPH_TOKENS entry ${index + 1}`;
    if (!name || !scopes || !secret) {
      throw new Error(`${where} must look like "<name>:<scope>[+<scope>]:<secret>", e.g. "ci:write:…".`);
    }
    if (secret.length < 16) throw new Error(`${where} ("${name}"): the secret must be at least 16 characters.`);
    const list = scopes.split('+') as Scope[];
    const unknown = list.find((scope) => !knownScopes.includes(scope));
    if (unknown) throw new Error(`${where} ("${name}"): unknown scope "${unknown}"; use read, write or admin.`);
    return { name, scopes: list, secret };
  });
}

/** Bad credentials fail the whole request, so it answers HTTP 401 (Yoga reads extensions.http). */
function badCredentials(message: string): UnauthenticatedError {
  const error = new UnauthenticatedError(message);
  Object.assign(error.extensions, { http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } });
  return error;
}

/** Resolves the bearer token of a request to a viewer; unknown tokens are an error, not anonymity. */
export class TokenVerifier {
  private readonly tokens: StoredToken[];

  constructor(tokens: ApiToken[], private readonly openReads: boolean) {
    this.tokens = tokens.map((token) => ({
      name: token.name,
      scopes: new Set(token.scopes.flatMap((scope) => implied[scope])),
      digest: digest(token.secret),
    }));
  }

  viewerFor(authorization: string | null): Viewer {
    const open: Viewer = this.openReads ? { ...anonymous, scopes: new Set<Scope>(['read']) } : anonymous;
    if (!authorization) return open;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw badCredentials('The Authorization header must be "Bearer <token>".');
    const presented = digest(match[1]);
    // Compare against every token so the time taken does not reveal which one matched.
    let found: StoredToken | undefined;
    for (const token of this.tokens) {
      if (timingSafeEqual(token.digest, presented)) found = token;
    }
    if (!found) throw badCredentials('The API token is not valid; check it or ask for a new one.');
    return { tokenName: found.name, scopes: found.scopes };
  }
}
