// The dashboard's addresses, and moving between them without reloading the page. Every address is
// a real URL: the server answers any page URL with index.html, so links can be shared and reloaded.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'home' }
  | { page: 'conference'; slug: string }
  | { page: 'organisation'; slug: string }
  | { page: 'person'; slug: string }
  | { page: 'talk'; conference: string; slug: string }
  | { page: 'topic'; slug: string }
  | { page: 'article'; slug: string }
  | { page: 'search'; query: string }
  | { page: 'connections'; from: string | null; to: string | null }
  | { page: 'not-found'; path: string };

const segment = (value: string) => encodeURIComponent(value);

export const paths = {
  home: () => '/',
  conference: (slug: string) => `/conferences/${segment(slug)}`,
  organisation: (slug: string) => `/organisations/${segment(slug)}`,
  person: (slug: string) => `/people/${segment(slug)}`,
  talk: (conference: string, slug: string) => `/conferences/${segment(conference)}/talks/${segment(slug)}`,
  topic: (slug: string) => `/topics/${segment(slug)}`,
  article: (slug: string) => `/articles/${segment(slug)}`,
  search: (query: string) => `/search?q=${encodeURIComponent(query)}`,
  connections: (from?: string | null, to?: string | null) => {
    const params = new URLSearchParams();
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    const query = params.toString();
    return `/connections${query ? `?${query}` : ''}`;
  },
};

export function routeOf(location: { pathname: string; search: string }): Route {
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(location.search);
  const [first, second, third, fourth] = parts;
  if (parts.length === 0) return { page: 'home' };
  if (first === 'conferences' && parts.length === 2) return { page: 'conference', slug: second };
  if (first === 'conferences' && third === 'talks' && parts.length === 4) return { page: 'talk', conference: second, slug: fourth };
  if (first === 'organisations' && parts.length === 2) return { page: 'organisation', slug: second };
  if (first === 'people' && parts.length === 2) return { page: 'person', slug: second };
  if (first === 'topics' && parts.length === 2) return { page: 'topic', slug: second };
  if (first === 'articles' && parts.length === 2) return { page: 'article', slug: second };
  if (first === 'search' && parts.length === 1) return { page: 'search', query: params.get('q') ?? '' };
  if (first === 'connections' && parts.length === 1) return { page: 'connections', from: params.get('from'), to: params.get('to') };
  return { page: 'not-found', path: location.pathname };
}

const NAVIGATED = 'talkgraph:navigated';

export function navigate(href: string, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATED));
  if (!replace) window.scrollTo(0, 0);
}

/** The current route, following links, the back button and navigate(). */
export function useRoute(): { route: Route; key: string } {
  const read = () => ({ route: routeOf(window.location), key: window.location.pathname + window.location.search });
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return current;
}

/** Follows a same-site link in place; a click with a modifier key opens it as the browser would. */
export function followLink(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/graphql')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
