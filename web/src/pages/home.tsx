// The start page: totals, the most highlighted talks of the whole graph, the latest conferences.
import { ReactionsOverTime } from '../components/reactions-over-time';
import { Empty, Failure, Loading, PageTitle, Section, TalkLink, ConferenceLink, CountTable } from '../components/ui';
import { count, dateRange, enumLabel } from '../format';
import home from '../graphql/home.graphql';
import { useQuery } from '../use-query';

interface Conference {
  id: string;
  slug: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  location: string | null;
  format: string | null;
  talks: { totalCount: number };
}

interface HomeData {
  conferences: { totalCount: number; nodes: Conference[] };
  highlighted: { edges: Array<{ count: number; node: { id: string; slug: string; title: string; conference: { slug: string; name: string } } }> };
  talks: { totalCount: number };
  people: { totalCount: number };
  organisations: { totalCount: number };
  reactions: { totalCount: number };
}

export function HomePage() {
  const { data, error } = useQuery<HomeData>(home, {});
  return (
    <>
      <PageTitle kicker="talkgraph">Conferences, talks, people and what they said</PageTitle>
      {error ? <Failure error={error} /> : null}
      {!data && !error ? <Loading what="the graph" /> : null}
      {data ? (
        <>
          <ul class="totals" aria-label="The graph holds">
            <li>{count(data.conferences.totalCount, 'conference')}</li>
            <li>{count(data.talks.totalCount, 'talk')}</li>
            <li>{count(data.people.totalCount, 'person', 'people')}</li>
            <li>{count(data.organisations.totalCount, 'organisation')}</li>
            <li>{count(data.reactions.totalCount, 'reaction')}</li>
          </ul>
          <div class="grid">
            <Section title="Most highlighted talks" id="home-highlighted">
              {data.highlighted.edges.length === 0 ? (
                <Empty>No talk has been highlighted yet.</Empty>
              ) : (
                <CountTable
                  caption="Talks by the number of times they were highlighted"
                  unit="Highlights"
                  rows={data.highlighted.edges.map(({ count: highlights, node }) => ({
                    key: node.id,
                    count: highlights,
                    label: (
                      <>
                        <TalkLink talk={node} />
                        <span class="muted small"> · {node.conference.name}</span>
                      </>
                    ),
                  }))}
                />
              )}
            </Section>
            <Section title="Reactions over time" id="home-over-time">
              <ReactionsOverTime filter={{}} subject="talks of every conference" />
            </Section>
          </div>
          <Section title="Conferences" id="home-conferences" wide>
            <ul class="tiles">
              {data.conferences.nodes.map((conference) => (
                <li key={conference.id}>
                  <ConferenceLink conference={conference} />
                  <span class="muted small">
                    {[dateRange(conference.startsOn, conference.endsOn), conference.location, enumLabel(conference.format), count(conference.talks.totalCount, 'talk')]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
            {data.conferences.totalCount > data.conferences.nodes.length ? (
              <p class="muted">
                The {data.conferences.nodes.length} latest of {data.conferences.totalCount}; search for the others.
              </p>
            ) : null}
          </Section>
        </>
      ) : null}
    </>
  );
}
