// Serves the dashboard built into web/dist (at install, by scripts/build-web.mjs): its files with
// their content types, hashed assets cached for a year, and index.html for every page URL (the
// dashboard routes in the browser), so a link to /organisations/max-kelsen can be opened and
// reloaded. The API's own paths (/graphql, /health, /ready, /metrics) are left to the rest of the app.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export interface DashboardOptions {
  /** The built dashboard. Default web/dist of the project (from src/ or dist/ alike). */
  dir?: string;
  /** Paths (and everything under them) the dashboard never answers. Default /graphql, /health, /ready, /metrics. */
  reserved?: string[];
}

export const defaultDashboardDir = resolve(import.meta.dirname, '../../web/dist');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Files under assets/ carry a hash of their content in their name: a new build gives new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: the browser asks again each time, so a new build shows at once. */
const REVALIDATE = 'no-cache';

/**
 * What the page may load: only this server's own scripts, styles and API. Observable Plot sets
 * inline style attributes on the charts it draws, hence the styles' 'unsafe-inline'.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>talkgraph</title></head><body>
<h1>The dashboard is not built</h1><p>Run <code>npm run build:web</code> (npm install does it), then reload. The API is at <a href="/graphql">/graphql</a>.</p></body></html>`;

export function useDashboard({ dir = defaultDashboardDir, reserved = ['/graphql', '/health', '/ready', '/metrics'] }: DashboardOptions = {}): Plugin {
  const root = resolve(dir);
  const isReserved = (path: string) => reserved.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

  /** The file a path names inside the build, or undefined for one that would leave it. */
  const fileFor = (path: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const file = resolve(root, `.${decoded}`);
    return file.startsWith(root + sep) ? file : undefined;
  };

  const isFile = async (file: string) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  };

  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || isReserved(url.pathname)) return;
      const respond = (body: string | Buffer, status: number, headers: Record<string, string>) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : typeof body === 'string' ? body : new Uint8Array(body), {
            status,
            headers: { 'x-content-type-options': 'nosniff', ...headers },
          }),
        );
      return (async () => {
        const file = url.pathname === '/' ? undefined : fileFor(url.pathname);
        if (file && (await isFile(file))) {
          const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
          const hashed = url.pathname.startsWith('/assets/');
          const headers: Record<string, string> = { 'content-type': type, 'cache-control': hashed ? IMMUTABLE : REVALIDATE };
          if (type.startsWith('text/html')) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
          return respond(await readFile(file), 200, headers);
        }
        // A file that is not there (an old asset, a typo) is a 404; any other path is a page of the dashboard.
        const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
        if (url.pathname.startsWith('/assets/') || (extname(lastSegment) !== '' && extname(lastSegment).toLowerCase() in contentTypes)) {
          return respond('Not found', 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': REVALIDATE });
        }
        const index = resolve(root, 'index.html');
        if (!(await isFile(index))) return respond(NOT_BUILT, 503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return respond(await readFile(index), 200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': REVALIDATE,
          'content-security-policy': CONTENT_SECURITY_POLICY,
        });
      })();
    },
  };
}
