// A talk: its speakers, the reactions to it with the words of the article that support them, and
// the talks most like it.
import { ConferenceLink, ConnectionsLink, Empty, Failure, Joined, KindBadge, Loading, OrganisationLink, PageTitle, PersonLink, Section, Speakers, TalkLink } from '../components/ui';
import { count, date, enumLabel, timeSpan } from '../format';
import talkPage from '../graphql/talk.graphql';
import { paths } from '../router';
import { useQuery } from '../use-query';

interface Named {
  slug: string;
  name: string;
}
type TalkRef = { slug: string; title: string; conference: Named };

interface TalkData {
  talk: {
    id: string;
    slug: string;
    title: string;
    subtitle: string | null;
    abstract: string | null;
    kind: string;
    track: string | null;
    room: string | null;
    day: number | null;
    startsAt: string | null;
    endsAt: string | null;
    language: string | null;
    recordingUrl: string | null;
    slidesUrl: string | null;
    scheduleUrl: string | null;
    conference: Named & { timeZone: string | null };
    topics: Named[];
    speakers: Array<{ person: Named; organisation: Named | null }>;
    reactions: {
      totalCount: number;
      nodes: Array<{
        id: string;
        kind: string;
        summary: string;
        evidence: Array<{ text: string }> | null;
        person: Named;
        organisation: Named | null;
        source: { slug: string; title: string; url: string | null; publishedOn: string | null; seriesPart: number | null; seriesParts: number | null; authors: Named[] };
      }>;
    };
    similar: Array<{ score: number; talk: TalkRef & { id: string }; sharedTopics: Array<{ name: string }>; sharedSpeakers: Array<{ name: string }>; sharedOrganisations: Array<{ name: string }>; sharedWords: string[] }>;
    coHighlighted: Array<{ count: number; talk: TalkRef; people: Named[] }>;
  } | null;
}

type Similar = NonNullable<TalkData['talk']>['similar'][number];

function why(similar: Similar): string {
  const reasons = [
    similar.sharedSpeakers.length ? `speakers: ${similar.sharedSpeakers.map((person) => person.name).join(', ')}` : '',
    similar.sharedTopics.length ? `topics: ${similar.sharedTopics.map((topic) => topic.name).join(', ')}` : '',
    similar.sharedOrganisations.length ? `organisations: ${similar.sharedOrganisations.map((organisation) => organisation.name).join(', ')}` : '',
    similar.sharedWords.length ? `words: ${similar.sharedWords.slice(0, 6).join(', ')}` : '',
  ].filter(Boolean);
  return reasons.length ? `Shares ${reasons.join('; ')}` : '';
}

export function TalkPage({ conference, slug }: { conference: string; slug: string }) {
  const { data, error } = useQuery<TalkData>(talkPage, { conference, slug });
  if (error) return <Failure error={error} />;
  if (!data) return <Loading what="the talk" />;
  const { talk } = data;
  if (!talk) return <PageTitle>No talk “{slug}” at “{conference}”</PageTitle>;
  const facts = [talk.day ? `Day ${talk.day}` : '', timeSpan(talk.startsAt, talk.endsAt, talk.conference.timeZone), talk.room, talk.track, enumLabel(talk.kind), talk.language].filter(Boolean);
  return (
    <>
      <PageTitle kicker={<ConferenceLink conference={talk.conference} />}>{talk.title}</PageTitle>
      {talk.subtitle ? <p class="lead">{talk.subtitle}</p> : null}
      {talk.speakers.length ? (
        <p class="lead">
          By <Speakers speakers={talk.speakers} />
        </p>
      ) : null}
      <p class="muted">{facts.join(' · ')}</p>
      {talk.topics.length ? (
        <p class="tags" aria-label="Topics">
          {talk.topics.map((topic) => (
            <a key={topic.slug} class="tag" href={paths.topic(topic.slug)}>
              {topic.name}
            </a>
          ))}
        </p>
      ) : null}
      <p class="small">
        {[
          talk.recordingUrl ? ['recording', talk.recordingUrl] : null,
          talk.slidesUrl ? ['slides', talk.slidesUrl] : null,
          talk.scheduleUrl ? ['in the schedule', talk.scheduleUrl] : null,
        ]
          .filter((link): link is string[] => link !== null)
          .map(([label, href]) => (
            <a key={href} href={href} rel="noopener noreferrer" class="external">
              {label}
            </a>
          ))}
      </p>
      <p>
        <ConnectionsLink id={talk.id} name="this talk" />
      </p>
      {talk.abstract ? (
        <Section title="Abstract" id="talk-abstract" wide>
          {talk.abstract.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </Section>
      ) : null}
      <Section title={`Reactions (${talk.reactions.totalCount})`} id="talk-reactions" wide>
        {talk.reactions.nodes.length === 0 ? (
          <Empty>No one's reaction to this talk is recorded yet.</Empty>
        ) : (
          <ul class="reactions">
            {talk.reactions.nodes.map((reaction) => (
              <li key={reaction.id}>
                <p>
                  <KindBadge kind={reaction.kind} /> <PersonLink person={reaction.person} />
                  {reaction.organisation ? (
                    <>
                      {' of '}
                      <OrganisationLink organisation={reaction.organisation} />
                    </>
                  ) : null}
                </p>
                <p class="summary">{reaction.summary}</p>
                {reaction.evidence?.length ? (
                  <blockquote class="evidence">
                    {reaction.evidence.map((span, index) => (
                      <p key={index}>“{span.text}”</p>
                    ))}
                  </blockquote>
                ) : null}
                <p class="small muted">
                  From <a href={paths.article(reaction.source.slug)}>{reaction.source.title}</a>
                  {reaction.source.seriesPart ? ` (part ${reaction.source.seriesPart}${reaction.source.seriesParts ? ` of ${reaction.source.seriesParts}` : ''})` : ''}
                  {reaction.source.authors.length ? (
                    <>
                      {' by '}
                      <Joined items={reaction.source.authors.map((author) => <PersonLink key={author.slug} person={author} />)} />
                    </>
                  ) : null}
                  {reaction.source.publishedOn ? `, ${date(reaction.source.publishedOn)}` : ''}
                  {reaction.source.url ? (
                    <>
                      {' · '}
                      <a href={reaction.source.url} rel="noopener noreferrer" class="external">
                        read it
                      </a>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <div class="grid">
        <Section title="Similar talks" id="talk-similar">
          {talk.similar.length === 0 ? (
            <Empty>No similar talks found.</Empty>
          ) : (
            <ol class="ranked">
              {talk.similar.map((similar) => (
                <li key={similar.talk.id}>
                  <TalkLink talk={similar.talk} /> <span class="muted small">· {similar.talk.conference.name}</span>
                  <div class="small muted">{why(similar)}</div>
                </li>
              ))}
            </ol>
          )}
        </Section>
        <Section title="Also highlighted by the same people" id="talk-cohighlighted">
          {talk.coHighlighted.length === 0 ? (
            <Empty>Nothing yet.</Empty>
          ) : (
            <ul>
              {talk.coHighlighted.map((other) => (
                <li key={`${other.talk.conference.slug}/${other.talk.slug}`}>
                  <TalkLink talk={other.talk} />{' '}
                  <span class="small muted">
                    · by <Joined items={other.people.map((person) => <PersonLink key={person.slug} person={person} />)} /> ({count(other.count, 'person', 'people')})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}
