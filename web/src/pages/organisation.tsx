// An organisation: its staff and their roles over time, what its staff highlighted, the talks it gave.
import { BarChart } from '../components/chart';
import { ReactionsOverTime } from '../components/reactions-over-time';
import { ConferenceLink, ConnectionsLink, Empty, Failure, KindBadge, Loading, PageTitle, PersonLink, Section, Speakers, TalkLink } from '../components/ui';
import { count, date, enumLabel } from '../format';
import organisationPage from '../graphql/organisation.graphql';
import { paths } from '../router';
import { useQuery } from '../use-query';

interface Named {
  slug: string;
  name: string;
}

interface OrganisationData {
  organisation: {
    id: string;
    slug: string;
    name: string;
    kind: string;
    description: string | null;
    website: string | null;
    staff: { totalCount: number; nodes: Array<{ jobTitle: string | null; startedOn: string | null; endedOn: string | null; person: Named }> };
    highlights: {
      totalCount: number;
      nodes: Array<{ id: string; kind: string; summary: string; person: Named; talk: { slug: string; title: string; conference: Named } }>;
    };
    reactions: { totalCount: number; facets: { kinds: Array<{ kind: string; count: number }> } };
    talks: {
      totalCount: number;
      nodes: Array<{ id: string; slug: string; title: string; track: string | null; conference: Named & { year: number | null }; speakers: Array<{ person: Named; organisation: { slug: string } | null }> }>;
    };
    conferences: { edges: Array<{ count: number; node: Named }> };
    articles: { nodes: Array<{ slug: string; title: string; publishedOn: string | null }> };
  } | null;
}

export function OrganisationPage({ slug }: { slug: string }) {
  const { data, error } = useQuery<OrganisationData>(organisationPage, { slug });
  if (error) return <Failure error={error} />;
  if (!data) return <Loading what="the organisation" />;
  const { organisation } = data;
  if (!organisation) return <PageTitle>No organisation is called “{slug}”</PageTitle>;
  const staff = [...organisation.staff.nodes].sort((a, b) => (a.startedOn ?? '').localeCompare(b.startedOn ?? '') || a.person.name.localeCompare(b.person.name));
  const dated = staff.filter((role) => role.startedOn);
  return (
    <>
      <PageTitle kicker={enumLabel(organisation.kind)}>{organisation.name}</PageTitle>
      {organisation.description ? <p class="lead">{organisation.description}</p> : null}
      <p class="lead small">
        {[count(organisation.staff.totalCount, 'member of staff', 'members of staff'), count(organisation.talks.totalCount, 'talk'), count(organisation.reactions.totalCount, 'reaction')].join(' · ')}
        {organisation.website ? (
          <>
            {' · '}
            <a href={organisation.website} rel="noopener noreferrer">
              website
            </a>
          </>
        ) : null}
      </p>
      <p>
        <ConnectionsLink id={organisation.id} name={organisation.name} />
      </p>
      <div class="grid">
        <Section title="Staff and their roles" id="organisation-staff">
          {staff.length === 0 ? (
            <Empty>No one is recorded with a role here.</Empty>
          ) : (
            <table class="roles">
              <caption class="visually-hidden">Staff of {organisation.name}, by the date they started</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Role</th>
                  <th scope="col">From</th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((role) => (
                  <tr key={role.person.slug}>
                    <th scope="row">
                      <PersonLink person={role.person} />
                    </th>
                    <td>{role.jobTitle ?? '—'}</td>
                    <td>{date(role.startedOn) || '—'}</td>
                    <td>{role.endedOn ? date(role.endedOn) : role.startedOn ? 'now' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {staff.length > 0 && dated.length === 0 ? <p class="muted small">The sources give no dates for these roles.</p> : null}
          {dated.length > 1 ? (
            <BarChart
              data={Object.entries(
                dated.reduce<Record<string, number>>((years, role) => {
                  const year = role.startedOn!.slice(0, 4);
                  years[year] = (years[year] ?? 0) + 1;
                  return years;
                }, {}),
              )
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([year, joined]) => ({ label: year, count: joined }))}
              caption="Roles by the year they started."
              unit="Roles started"
            />
          ) : null}
        </Section>
        <Section title="Reactions over time" id="organisation-over-time">
          <ReactionsOverTime filter={{ organisation: organisation.slug }} subject={`talks, by ${organisation.name} staff`} />
          {organisation.reactions.facets.kinds.length ? (
            <p class="kinds">
              {organisation.reactions.facets.kinds.map((kind) => (
                <span key={kind.kind}>
                  <KindBadge kind={kind.kind} /> {kind.count}
                </span>
              ))}
            </p>
          ) : null}
        </Section>
      </div>
      <Section title="What its staff highlighted" id="organisation-highlights" wide>
        {organisation.highlights.nodes.length === 0 ? (
          <Empty>Its staff have highlighted no talk yet.</Empty>
        ) : (
          <ul class="reactions">
            {organisation.highlights.nodes.map((reaction) => (
              <li key={reaction.id}>
                <p>
                  <KindBadge kind={reaction.kind} /> <PersonLink person={reaction.person} /> — <TalkLink talk={reaction.talk} />{' '}
                  <span class="muted small">at {reaction.talk.conference.name}</span>
                </p>
                <p class="summary">{reaction.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <div class="grid">
        <Section title="Talks it gave" id="organisation-talks">
          {organisation.talks.nodes.length === 0 ? (
            <Empty>No one is recorded as speaking for it.</Empty>
          ) : (
            <ul class="talks">
              {organisation.talks.nodes.map((talk) => (
                <li key={talk.id}>
                  <TalkLink talk={talk} />
                  <div class="muted small">
                    <ConferenceLink conference={talk.conference} />
                    {talk.track ? ` · ${talk.track}` : ''}
                  </div>
                  <div class="small">
                    <Speakers speakers={talk.speakers.filter((speaker) => speaker.organisation?.slug === organisation.slug).map(({ person }) => ({ person }))} />
                  </div>
                </li>
              ))}
            </ul>
          )}
          {organisation.talks.totalCount > organisation.talks.nodes.length ? <p class="muted small">The latest 50 of {organisation.talks.totalCount}.</p> : null}
        </Section>
        <Section title="Conferences" id="organisation-conferences">
          {organisation.conferences.edges.length === 0 ? (
            <Empty>It has not spoken at a conference in the graph.</Empty>
          ) : (
            <ul>
              {organisation.conferences.edges.map(({ count: talks, node }) => (
                <li key={node.slug}>
                  <ConferenceLink conference={node} /> <span class="muted small">· {count(talks, 'talk')}</span>
                </li>
              ))}
            </ul>
          )}
          {organisation.articles.nodes.length ? (
            <>
              <h3>Articles it published</h3>
              <ul>
                {organisation.articles.nodes.map((article) => (
                  <li key={article.slug}>
                    <a href={paths.article(article.slug)}>{article.title}</a> <span class="muted small">{date(article.publishedOn)}</span>
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
