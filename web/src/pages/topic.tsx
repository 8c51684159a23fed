// A topic: its talks across conferences, and the people and organisations who speak on it most.
import { CountTable, Empty, Failure, Loading, OrganisationLink, PageTitle, PersonLink, Section, TalkLink } from '../components/ui';
import { count } from '../format';
import topicPage from '../graphql/topic.graphql';
import { useQuery } from '../use-query';

interface Named {
  slug: string;
  name: string;
}

interface TopicData {
  topic: {
    id: string;
    slug: string;
    name: string;
    talks: { totalCount: number; nodes: Array<{ id: string; slug: string; title: string; conference: Named }> };
    people: { edges: Array<{ count: number; node: Named }> };
    organisations: { edges: Array<{ count: number; node: Named }> };
  } | null;
}

export function TopicPage({ slug }: { slug: string }) {
  const { data, error } = useQuery<TopicData>(topicPage, { slug });
  if (error) return <Failure error={error} />;
  if (!data) return <Loading what="the topic" />;
  const { topic } = data;
  if (!topic) return <PageTitle>No topic is called “{slug}”</PageTitle>;
  return (
    <>
      <PageTitle kicker="Topic">{topic.name}</PageTitle>
      <p class="lead">{count(topic.talks.totalCount, 'talk')}</p>
      <div class="grid">
        <Section title="Talks" id="topic-talks">
          {topic.talks.nodes.length === 0 ? (
            <Empty>No talks cover it.</Empty>
          ) : (
            <ul class="talks">
              {topic.talks.nodes.map((talk) => (
                <li key={talk.id}>
                  <TalkLink talk={talk} /> <span class="muted small">· {talk.conference.name}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Who speaks on it" id="topic-people">
          <CountTable caption="People by talks on this topic" unit="Talks" rows={topic.people.edges.map(({ count: talks, node }) => ({ key: node.slug, count: talks, label: <PersonLink person={node} /> }))} />
          <h3>Organisations</h3>
          <CountTable
            caption="Organisations by talks on this topic"
            unit="Talks"
            rows={topic.organisations.edges.map(({ count: talks, node }) => ({ key: node.slug, count: talks, label: <OrganisationLink organisation={node} /> }))}
          />
        </Section>
      </div>
    </>
  );
}
