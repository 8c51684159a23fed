// The connections between two entities: pick both ends (by search), then the shortest chains of
// talks, roles, reactions, topics and conferences between them, drawn as a graph and listed in words.
import { useState } from 'preact/hooks';
import { ConnectionGraph, type GraphNode, type GraphPath } from '../components/connection-graph';
import { Empty, Failure, Loading, PageTitle, Section } from '../components/ui';
import connections from '../graphql/connections.graphql';
import endpoints from '../graphql/endpoints.graphql';
import search from '../graphql/search.graphql';
import { navigate, paths } from '../router';
import { type HitNode, hitName, type SearchHit, typeLabels } from '../search-hits';
import { useQuery } from '../use-query';

interface PathNode {
  __typename: string;
  id: string;
  slug?: string;
  name?: string;
  title?: string;
  conference?: { slug: string };
}

interface ConnectionsData {
  paths: {
    outcome: string;
    message: string;
    length: number | null;
    totalCount: number;
    paths: Array<{ nodes: PathNode[]; edges: Array<{ kind: string; direction: string }> }>;
  };
}

const edgeWords: Record<string, string> = {
  WORKS_AT: 'works at',
  SPOKE_AT: 'spoke at',
  REACTED_TO: 'reacted to',
  COVERS: 'covers',
  PART_OF: 'part of',
  REPRESENTED: 'given for',
};

function hrefOf(node: PathNode): string {
  const slug = node.slug ?? '';
  switch (node.__typename) {
    case 'Person':
      return paths.person(slug);
    case 'Organisation':
      return paths.organisation(slug);
    case 'Talk':
      return paths.talk(node.conference?.slug ?? '', slug);
    case 'Conference':
      return paths.conference(slug);
    default:
      return paths.topic(slug);
  }
}

const graphNode = (node: PathNode): GraphNode => ({ id: node.id, label: node.title ?? node.name ?? node.id, type: node.__typename, href: hrefOf(node) });

/** Searches for an entity a connection can end at, and offers the hits as buttons. */
function EndPicker({ label, id, chosen, onChoose }: { label: string; id: string; chosen: PathNode | null; onChoose: (id: string) => void }) {
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState('');
  const { data, error } = useQuery<{ search: SearchHit[] }>(search, { query: submitted, first: 8 }, { skip: submitted === '' });
  const hits = (data?.search ?? []).filter((hit) => hit.type !== 'ARTICLE');
  return (
    <div class="picker">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(text.trim());
        }}
      >
        <label for={id}>{label}</label>
        {chosen ? (
          <p class="chosen">
            <span class="badge">{chosen.__typename}</span> <a href={hrefOf(chosen)}>{chosen.title ?? chosen.name}</a>
          </p>
        ) : null}
        <div class="inline">
          <input id={id} type="search" value={text} placeholder={chosen ? 'Search for another…' : 'A person, organisation, talk, conference or topic'} onInput={(event) => setText((event.target as HTMLInputElement).value)} />
          <button type="submit" class="button">
            Find
          </button>
        </div>
      </form>
      {error ? <Failure error={error} /> : null}
      {submitted && data && hits.length === 0 ? <Empty>Nothing matches.</Empty> : null}
      {hits.length ? (
        <ul class="choices" aria-label={`Matches for ${label.toLowerCase()}`}>
          {hits.map((hit) => (
            <li key={hit.node.id}>
              <button
                type="button"
                class="choice"
                onClick={() => {
                  setSubmitted('');
                  setText('');
                  onChoose(hit.node.id);
                }}
              >
                <span class="badge">{typeLabels[hit.type]}</span> {hitName(hit.node as HitNode)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ConnectionsPage({ from, to }: { from: string | null; to: string | null }) {
  const ids = [from, to].filter((id): id is string => Boolean(id));
  const ends = useQuery<{ nodes: Array<PathNode | null> }>(endpoints, { ids }, { skip: ids.length === 0 });
  const found = useQuery<ConnectionsData>(connections, { from, to }, { skip: !from || !to });
  const endOf = (id: string | null) => (id ? (ends.data?.nodes.find((node) => node?.id === id) ?? null) : null);
  const choose = (which: 'from' | 'to', id: string) => navigate(paths.connections(which === 'from' ? id : from, which === 'to' ? id : to), { replace: false });
  const fromNode = endOf(from);
  const toNode = endOf(to);
  const graphPaths: GraphPath[] =
    found.data?.paths.paths.map((path) => ({
      nodes: path.nodes.map(graphNode),
      edges: path.edges.map((edge) => ({ label: edgeWords[edge.kind] ?? edge.kind.toLowerCase(), forward: edge.direction === 'FORWARD' })),
    })) ?? [];
  return (
    <>
      <PageTitle kicker="Connections">
        {fromNode && toNode ? `How ${fromNode.title ?? fromNode.name} and ${toNode.title ?? toNode.name} are connected` : 'How are two things connected?'}
      </PageTitle>
      <div class="grid">
        <EndPicker label="From" id="connection-from" chosen={fromNode} onChoose={(id) => choose('from', id)} />
        <EndPicker label="To" id="connection-to" chosen={toNode} onChoose={(id) => choose('to', id)} />
      </div>
      {found.error ? <Failure error={found.error} /> : null}
      {from && to && !found.data && !found.error ? <Loading what="the connections" /> : null}
      {found.data ? (
        <Section title="Shortest connections" id="connections-found" wide>
          <p role="status">{found.data.paths.message}</p>
          {graphPaths.length ? (
            <>
              <ConnectionGraph paths={graphPaths} onOpen={(href) => navigate(href)} />
              <ol class="paths">
                {found.data.paths.paths.map((path, index) => (
                  <li key={index}>
                    {path.nodes.map((node, position) => (
                      <span key={`${node.id}-${position}`}>
                        {position > 0 ? (
                          <span class="muted">
                            {' '}
                            {path.edges[position - 1].direction === 'FORWARD' ? '—' : '←'} {edgeWords[path.edges[position - 1].kind] ?? path.edges[position - 1].kind}{' '}
                            {path.edges[position - 1].direction === 'FORWARD' ? '→' : '—'}{' '}
                          </span>
                        ) : null}
                        <a href={hrefOf(node)}>{node.title ?? node.name}</a>
                      </span>
                    ))}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </Section>
      ) : null}
      {!from || !to ? <Empty>Choose both ends to see how they are connected.</Empty> : null}
    </>
  );
}
