// A person: roles, talks given and for whom, reactions, articles written, co-speakers, conferences.
import { ReactionsOverTime } from '../components/reactions-over-time';
import { ConferenceLink, ConnectionsLink, Empty, Failure, KindBadge, Loading, OrganisationLink, PageTitle, PersonLink, Section, TalkLink } from '../components/ui';
import { count, date, dateRange } from '../format';
import personPage from '../graphql/person.graphql';
import { paths } from '../router';
import { useQuery } from '../use-query';

interface Named {
  slug: string;
  name: string;
}
type TalkRef = { id?: string; slug: string; title: string; conference: Named };

interface PersonData {
  person: {
    id: string;
    slug: string;
    name: string;
    bio: string | null;
    affiliations: Array<{ jobTitle: string | null; startedOn: string | null; endedOn: string | null; organisation: Named }>;
    talks: { totalCount: number; nodes: Array<{ organisation: Named | null; talk: TalkRef & { id: string } }> };
    reactions: { totalCount: number; nodes: Array<{ id: string; kind: string; summary: string; organisation: Named | null; talk: TalkRef }> };
    articles: Array<{ slug: string; title: string; publishedOn: string | null; publisher: Named | null }>;
    coSpeakers: { edges: Array<{ count: number; node: Named }> };
    conferences: { edges: Array<{ count: number; node: Named }> };
  } | null;
}

export function PersonPage({ slug }: { slug: string }) {
  const { data, error } = useQuery<PersonData>(personPage, { slug });
  if (error) return <Failure error={error} />;
  if (!data) return <Loading what="the person" />;
  const { person } = data;
  if (!person) return <PageTitle>No person is called “{slug}”</PageTitle>;
  return (
    <>
      <PageTitle kicker="Person">{person.name}</PageTitle>
      {person.affiliations.length ? (
        <p class="lead">
          {person.affiliations.map((role, index) => (
            <span key={role.organisation.slug}>
              {index > 0 ? '; ' : ''}
              {role.jobTitle ? `${role.jobTitle}, ` : ''}
              <OrganisationLink organisation={role.organisation} />
              {role.startedOn || role.endedOn ? <span class="muted small"> ({dateRange(role.startedOn, role.endedOn ?? undefined) || `until ${date(role.endedOn)}`})</span> : null}
            </span>
          ))}
        </p>
      ) : null}
      {person.bio ? <p>{person.bio}</p> : null}
      <p>
        <ConnectionsLink id={person.id} name={person.name} />
      </p>
      <div class="grid">
        <Section title="Talks given" id="person-talks">
          {person.talks.nodes.length === 0 ? (
            <Empty>No talks recorded.</Empty>
          ) : (
            <ul class="talks">
              {person.talks.nodes.map(({ talk, organisation }) => (
                <li key={talk.id}>
                  <TalkLink talk={talk} />
                  <div class="muted small">
                    <ConferenceLink conference={talk.conference} />
                    {organisation ? (
                      <>
                        {' · for '}
                        <OrganisationLink organisation={organisation} />
                      </>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Reactions" id="person-reactions">
          {person.reactions.nodes.length === 0 ? (
            <Empty>No reactions recorded.</Empty>
          ) : (
            <ul class="reactions">
              {person.reactions.nodes.map((reaction) => (
                <li key={reaction.id}>
                  <p>
                    <KindBadge kind={reaction.kind} /> <TalkLink talk={reaction.talk} /> <span class="muted small">at {reaction.talk.conference.name}</span>
                  </p>
                  <p class="summary">{reaction.summary}</p>
                </li>
              ))}
            </ul>
          )}
          {person.reactions.totalCount > 0 ? <ReactionsOverTime filter={{ person: person.slug }} subject={`talks, by ${person.name}`} /> : null}
        </Section>
        <Section title="Articles written" id="person-articles">
          {person.articles.length === 0 ? (
            <Empty>No articles recorded.</Empty>
          ) : (
            <ul>
              {person.articles.map((article) => (
                <li key={article.slug}>
                  <a href={paths.article(article.slug)}>{article.title}</a>
                  <span class="muted small">
                    {' '}
                    {[article.publisher?.name, date(article.publishedOn)].filter(Boolean).join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Spoke with, and where" id="person-network">
          {person.coSpeakers.edges.length === 0 && person.conferences.edges.length === 0 ? <Empty>Nothing recorded.</Empty> : null}
          {person.coSpeakers.edges.length ? (
            <>
              <h3>Co-speakers</h3>
              <ul>
                {person.coSpeakers.edges.map(({ count: shared, node }) => (
                  <li key={node.slug}>
                    <PersonLink person={node} /> <span class="muted small">· {count(shared, 'talk')} together</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {person.conferences.edges.length ? (
            <>
              <h3>Conferences</h3>
              <ul>
                {person.conferences.edges.map(({ count: talks, node }) => (
                  <li key={node.slug}>
                    <ConferenceLink conference={node} /> <span class="muted small">· {count(talks, 'talk')}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
      </div>
    </>
  );
}
