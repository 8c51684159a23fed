// The dashboard's frame: a header with the search box and the live-update state, the page of the
// current address, and an announcement of each change that arrives live.
import { useEffect, useState } from 'preact/hooks';
import { liveState, onLiveChange, startLiveUpdates } from './live';
import { ArticlePage } from './pages/article';
import { ConferencePage } from './pages/conference';
import { ConnectionsPage } from './pages/connections';
import { HomePage } from './pages/home';
import { OrganisationPage } from './pages/organisation';
import { PersonPage } from './pages/person';
import { SearchPage } from './pages/search';
import { TalkPage } from './pages/talk';
import { TopicPage } from './pages/topic';
import { PageTitle } from './components/ui';
import { followLink, navigate, paths, type Route, useRoute } from './router';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'conference':
      return <ConferencePage slug={route.slug} />;
    case 'organisation':
      return <OrganisationPage slug={route.slug} />;
    case 'person':
      return <PersonPage slug={route.slug} />;
    case 'talk':
      return <TalkPage conference={route.conference} slug={route.slug} />;
    case 'topic':
      return <TopicPage slug={route.slug} />;
    case 'article':
      return <ArticlePage slug={route.slug} />;
    case 'search':
      return <SearchPage query={route.query} />;
    case 'connections':
      return <ConnectionsPage from={route.from} to={route.to} />;
    default:
      return (
        <>
          <PageTitle>Nothing here</PageTitle>
          <p>
            No page has the address {route.path}. <a href={paths.home()}>Go to the start page</a>.
          </p>
        </>
      );
  }
}

function SearchBox({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  useEffect(() => setText(initial), [initial]);
  return (
    <form
      role="search"
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) navigate(paths.search(text.trim()));
      }}
    >
      <label for="site-search" class="visually-hidden">
        Search talks, people, organisations, conferences and topics
      </label>
      <input id="site-search" type="search" name="q" value={text} placeholder="Search talks, people, organisations…" onInput={(event) => setText((event.target as HTMLInputElement).value)} />
      <button type="submit" class="button">
        Search
      </button>
    </form>
  );
}

function LiveState() {
  const [state, setState] = useState({ ...liveState() });
  useEffect(() => onLiveChange(() => setState({ ...liveState() })), []);
  const label = state.status === 'live' ? 'Live' : state.status === 'connecting' ? 'Connecting…' : 'Live updates off';
  const title =
    state.status === 'live'
      ? 'Pages reload when a reaction is recorded or the graph changes.'
      : state.status === 'off'
        ? 'This server does not offer live updates; reload the page to see changes.'
        : 'Connecting to live updates.';
  return (
    <>
      <span class={`live live-${state.status}`} title={title}>
        <span class="dot" aria-hidden="true" /> {label}
      </span>
      <div class="visually-hidden" role="status" aria-live="polite">
        {state.last?.message ?? ''}
      </div>
      {state.last ? (
        <p class="last-change small" aria-hidden="true">
          {state.last.message}
        </p>
      ) : null}
    </>
  );
}

export function App() {
  const { route, key } = useRoute();
  useEffect(() => startLiveUpdates(), []);
  useEffect(() => {
    document.addEventListener('click', followLink);
    return () => document.removeEventListener('click', followLink);
  }, []);
  return (
    <>
      <a class="skip" href="#main">
        Skip to the page
      </a>
      <header class="site">
        <div class="site-inner">
          <a class="brand" href={paths.home()}>
            talkgraph
          </a>
          <SearchBox initial={route.page === 'search' ? route.query : ''} />
          <nav aria-label="More">
            <a href={paths.connections()}>Connections</a>
            <a href="/graphql" target="_self">
              GraphiQL
            </a>
          </nav>
          <LiveState />
        </div>
      </header>
      <main id="main" key={key}>
        <Page route={route} />
      </main>
    </>
  );
}
