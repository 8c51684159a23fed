// Search results for the header's search box: every kind of entity, best first, with the words that
// matched marked in a snippet.
import { Empty, Failure, Loading, PageTitle } from '../components/ui';
import search from '../graphql/search.graphql';
import { hitHref, hitName, type SearchHit, snippetParts, typeLabels } from '../search-hits';
import { useQuery } from '../use-query';

export function SearchPage({ query }: { query: string }) {
  const trimmed = query.trim();
  const { data, error } = useQuery<{ search: SearchHit[] }>(search, { query: trimmed, first: 30 }, { skip: trimmed === '' });
  return (
    <>
      <PageTitle kicker="Search">{trimmed ? `Results for “${trimmed}”` : 'Search'}</PageTitle>
      {trimmed === '' ? <Empty>Type words or a name in the search box above.</Empty> : null}
      {error ? <Failure error={error} /> : null}
      {trimmed && !data && !error ? <Loading what="results" /> : null}
      {data ? (
        data.search.length === 0 ? (
          <Empty>Nothing matches “{trimmed}”. Try fewer or other words.</Empty>
        ) : (
          <ol class="hits" aria-label={`${data.search.length} results`}>
            {data.search.map((hit) => (
              <li key={hit.node.id}>
                <span class="badge">{typeLabels[hit.type] ?? hit.type}</span> <a href={hitHref(hit.type, hit.node)}>{hitName(hit.node)}</a>
                {hit.node.conference?.name ? <span class="muted small"> · {hit.node.conference.name}</span> : null}
                {hit.snippet.text && hit.snippet.text !== hitName(hit.node) ? (
                  <p class="snippet small">
                    {snippetParts(hit.snippet).map((part, index) => (part.matched ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </>
  );
}
