// An article: who wrote and published it, and the reactions recorded from it.
import { Empty, Failure, Joined, KindBadge, Loading, OrganisationLink, PageTitle, PersonLink, Section, TalkLink } from '../components/ui';
import { date } from '../format';
import articlePage from '../graphql/article.graphql';
import { useQuery } from '../use-query';

interface Named {
  slug: string;
  name: string;
}

interface ArticleData {
  article: {
    id: string;
    slug: string;
    title: string;
    url: string | null;
    publishedOn: string | null;
    seriesName: string | null;
    seriesPart: number | null;
    seriesParts: number | null;
    publisher: Named | null;
    authors: Named[];
    reactions: { totalCount: number; nodes: Array<{ id: string; kind: string; summary: string; person: Named; talk: { slug: string; title: string; conference: Named } }> };
  } | null;
}

export function ArticlePage({ slug }: { slug: string }) {
  const { data, error } = useQuery<ArticleData>(articlePage, { slug });
  if (error) return <Failure error={error} />;
  if (!data) return <Loading what="the article" />;
  const { article } = data;
  if (!article) return <PageTitle>No article is called “{slug}”</PageTitle>;
  return (
    <>
      <PageTitle kicker={article.seriesName ? `${article.seriesName}${article.seriesPart ? `, part ${article.seriesPart}${article.seriesParts ? ` of ${article.seriesParts}` : ''}` : ''}` : 'Article'}>
        {article.title}
      </PageTitle>
      <p class="lead">
        {article.authors.length ? (
          <>
            By <Joined items={article.authors.map((author) => <PersonLink key={author.slug} person={author} />)} />
          </>
        ) : null}
        {article.publisher ? (
          <>
            {' · '}
            <OrganisationLink organisation={article.publisher} />
          </>
        ) : null}
        {article.publishedOn ? ` · ${date(article.publishedOn)}` : ''}
        {article.url ? (
          <>
            {' · '}
            <a href={article.url} rel="noopener noreferrer" class="external">
              read it
            </a>
          </>
        ) : null}
      </p>
      <Section title={`Reactions recorded from it (${article.reactions.totalCount})`} id="article-reactions" wide>
        {article.reactions.nodes.length === 0 ? (
          <Empty>None.</Empty>
        ) : (
          <ul class="reactions">
            {article.reactions.nodes.map((reaction) => (
              <li key={reaction.id}>
                <p>
                  <KindBadge kind={reaction.kind} /> <PersonLink person={reaction.person} /> — <TalkLink talk={reaction.talk} />
                </p>
                <p class="summary">{reaction.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
