// A conference: its programme by day and track, the organisations that gave most talks and those
// whose staff reacted most, its most highlighted talks, and its reactions over time.
import { useState } from 'preact/hooks';
import { BarChart } from '../components/chart';
import { ReactionsOverTime } from '../components/reactions-over-time';
import { ConnectionsLink, CountTable, Empty, Failure, KindBadge, Loading, OrganisationLink, PageTitle, Section, Speakers, TalkLink } from '../components/ui';
import { count, dateRange, enumLabel, timeSpan } from '../format';
import conferencePage from '../graphql/conference.graphql';
import programme from '../graphql/programme.graphql';
import { useQuery } from '../use-query';

interface Named {
  slug: string;
  name: string;
}

interface ConferenceData {
  conference: {
    id: string;
    slug: string;
    name: string;
    series: string | null;
    startsOn: string | null;
    endsOn: string | null;
    location: string | null;
    format: string | null;
    website: string | null;
    timeZone: string | null;
    reactionCounts: Array<{ kind: string; count: number }>;
    talks: { totalCount: number; facets: { tracks: Array<{ value: string; count: number }>; days: Array<{ day: number; count: number }>; kinds: Array<{ kind: string; count: number }> } };
    highlighted: {
      totalCount: number;
      edges: Array<{ count: number; node: { id: string; slug: string; title: string; day: number | null; track: string | null; speakers: Array<{ person: Named; organisation: Named | null }> } }>;
    };
    organisations: { totalCount: number; edges: Array<{ count: number; node: Named & { kind: string } }> };
    reactions: { totalCount: number; facets: { organisations: Array<{ count: number; organisation: Named }> } };
  } | null;
}

export function ConferencePage({ slug }: { slug: string }) {
  const { data, error } = useQuery<ConferenceData>(conferencePage, { slug });
  if (error) return <Failure error={error} />;
  if (!data) return <Loading what="the conference" />;
  const { conference } = data;
  if (!conference) return <PageTitle>No conference is called “{slug}”</PageTitle>;
  const { facets } = conference.talks;
  return (
    <>
      <PageTitle kicker={conference.series ?? 'Conference'}>{conference.name}</PageTitle>
      <p class="lead">
        {[dateRange(conference.startsOn, conference.endsOn), conference.location, enumLabel(conference.format), count(conference.talks.totalCount, 'talk'), count(conference.reactions.totalCount, 'reaction')]
          .filter(Boolean)
          .join(' · ')}
        {conference.website ? (
          <>
            {' · '}
            <a href={conference.website} rel="noopener noreferrer">
              website
            </a>
          </>
        ) : null}
      </p>
      <p>
        <ConnectionsLink id={conference.id} name={conference.name} />
      </p>
      <div class="grid">
        <Section title="Most highlighted talks" id="conference-highlighted">
          {conference.highlighted.edges.length === 0 ? (
            <Empty>No talk of this conference has been highlighted yet.</Empty>
          ) : (
            <ol class="ranked">
              {conference.highlighted.edges.map(({ count: highlights, node }) => (
                <li key={node.id}>
                  <TalkLink talk={{ ...node, conference }} />
                  <span class="muted small">
                    {' '}
                    · {count(highlights, 'highlight')}
                    {node.speakers.length ? ' · ' : ''}
                  </span>
                  <span class="small">
                    <Speakers speakers={node.speakers} />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Section>
        <Section title="Reactions over time" id="conference-over-time">
          <ReactionsOverTime filter={{ conference: conference.slug }} subject={`talks of ${conference.name}`} />
          {conference.reactionCounts.length ? (
            <p class="kinds">
              {conference.reactionCounts.map((kind) => (
                <span key={kind.kind}>
                  <KindBadge kind={kind.kind} /> {kind.count}
                </span>
              ))}
            </p>
          ) : null}
        </Section>
        <Section title="Organisations with the most talks" id="conference-organisations">
          {conference.organisations.edges.length === 0 ? (
            <Empty>No speaker's organisation is known.</Empty>
          ) : (
            <CountTable
              caption="Organisations by talks given at this conference"
              unit="Talks"
              rows={conference.organisations.edges.map(({ count: talks, node }) => ({ key: node.slug, count: talks ?? 0, label: <OrganisationLink organisation={node} /> }))}
            />
          )}
        </Section>
        <Section title="Organisations whose staff reacted most" id="conference-reacting">
          {conference.reactions.facets.organisations.length === 0 ? (
            <Empty>No reactions recorded yet.</Empty>
          ) : (
            <CountTable
              caption="Organisations by reactions their staff recorded to this conference's talks"
              unit="Reactions"
              rows={conference.reactions.facets.organisations.map(({ count: reactions, organisation }) => ({ key: organisation.slug, count: reactions, label: <OrganisationLink organisation={organisation} /> }))}
            />
          )}
        </Section>
      </div>
      <Section title="Programme" id="conference-programme" wide>
        {facets.tracks.length > 1 ? (
          <BarChart
            horizontal
            data={facets.tracks.slice(0, 15).map((track) => ({ label: track.value, count: track.count }))}
            caption={facets.tracks.length > 15 ? `Talks per track: the 15 largest of ${facets.tracks.length} tracks.` : 'Talks per track.'}
            unit="Talks"
          />
        ) : null}
        <Programme conference={conference} />
      </Section>
    </>
  );
}

interface ProgrammeTalk {
  id: string;
  slug: string;
  title: string;
  kind: string;
  track: string | null;
  day: number | null;
  room: string | null;
  startsAt: string | null;
  endsAt: string | null;
  speakers: Array<{ person: Named }>;
  reactions: { totalCount: number };
}

interface ProgrammeData {
  conference: { talks: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ProgrammeTalk[] } } | null;
}

function Programme({ conference }: { conference: NonNullable<ConferenceData['conference']> }) {
  const { days, tracks } = conference.talks.facets;
  const [day, setDay] = useState<number | null>(null);
  const [track, setTrack] = useState<string>('');
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const filter = { day, track: track || null };
  const choose = (next: () => void) => {
    next();
    setPages([null]);
  };
  return (
    <div class="programme">
      <div class="filters">
        {days.length > 0 ? (
          <fieldset class="days">
            <legend>Day</legend>
            <label>
              <input type="radio" name="programme-day" checked={day === null} onChange={() => choose(() => setDay(null))} /> All days
            </label>
            {days.map((entry) => (
              <label key={entry.day}>
                <input type="radio" name="programme-day" checked={day === entry.day} onChange={() => choose(() => setDay(entry.day))} /> Day {entry.day}{' '}
                <span class="muted">({entry.count})</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {tracks.length > 0 ? (
          <label class="track">
            Track{' '}
            <select value={track} onChange={(event) => choose(() => setTrack((event.target as HTMLSelectElement).value))}>
              <option value="">All tracks ({tracks.length})</option>
              {tracks.map((entry) => (
                <option key={entry.value} value={entry.value}>
                  {entry.value} ({entry.count})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {pages.map((after, index) => (
        <ProgrammePage
          key={`${JSON.stringify(filter)}-${after}`}
          slug={conference.slug}
          filter={filter}
          after={after}
          timeZone={conference.timeZone}
          conference={conference}
          onMore={index === pages.length - 1 ? (cursor) => setPages([...pages, cursor]) : undefined}
        />
      ))}
    </div>
  );
}

function ProgrammePage({
  slug,
  filter,
  after,
  timeZone,
  conference,
  onMore,
}: {
  slug: string;
  filter: { day: number | null; track: string | null };
  after: string | null;
  timeZone: string | null;
  conference: { slug: string };
  onMore?: (cursor: string) => void;
}) {
  const { data, error } = useQuery<ProgrammeData>(programme, { slug, ...filter, after });
  if (error) return <Failure error={error} />;
  if (!data?.conference) return <Loading what="the programme" />;
  const { talks } = data.conference;
  if (talks.nodes.length === 0) return <Empty>No talks match.</Empty>;
  return (
    <>
      {after === null ? <p class="muted" role="status">{count(talks.totalCount, 'talk')}</p> : null}
      <ul class="talks">
        {talks.nodes.map((talk) => (
          <li key={talk.id}>
            <TalkLink talk={{ ...talk, conference }} />
            {talk.reactions.totalCount ? <span class="badge"> {count(talk.reactions.totalCount, 'reaction')}</span> : null}
            <div class="muted small">
              {[talk.day ? `Day ${talk.day}` : '', timeSpan(talk.startsAt, talk.endsAt, timeZone), talk.room, talk.track, talk.kind !== 'TALK' ? enumLabel(talk.kind) : '']
                .filter(Boolean)
                .join(' · ')}
            </div>
            {talk.speakers.length ? (
              <div class="small">
                <Speakers speakers={talk.speakers} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {onMore && talks.pageInfo.hasNextPage && talks.pageInfo.endCursor ? (
        <button type="button" class="button" onClick={() => onMore(talks.pageInfo.endCursor!)}>
          Show more talks
        </button>
      ) : null}
    </>
  );
}
