// Articles: the published sources reactions are recorded from, with their authors and publisher.
import { builder } from '../builder.js';
import { prisma } from '../db/prisma.js';
import { Person } from './people.js';
import { ReactionFilter, reactionOrderBy, ReactionOrder, reactionWhere } from './reactions.js';

export const Article = builder.prismaNode('Article', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publisher: t.relation('publisher', { nullable: true }),
    seriesName: t.exposeString('seriesName', { nullable: true }),
    seriesPart: t.exposeInt('seriesPart', { nullable: true }),
    seriesParts: t.exposeInt('seriesParts', { nullable: true }),
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true }),
    authors: t.field({
      type: [Person],
      description: 'The authors, in byline order.',
      select: (_args, _context, nestedSelection) => ({
        authors: { orderBy: { position: 'asc' }, select: { person: nestedSelection(true) } },
      }),
      resolve: (article) => article.authors.map((authorship) => authorship.person),
    }),
    reactions: t.relatedConnection('reactions', {
      cursor: 'id',
      totalCount: true,
      description: 'The reactions recorded from this article.',
      args: { filter: t.arg({ type: ReactionFilter }), orderBy: t.arg({ type: ReactionOrder }) },
      query: (args) => ({ where: reactionWhere(args.filter), orderBy: reactionOrderBy(args.orderBy) }),
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.prismaField({
    type: Article,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _root, args) => prisma().article.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  articles: t.prismaConnection({
    type: Article,
    cursor: 'id',
    args: {
      publisher: t.arg.string({ description: 'Slug of the publishing organisation.' }),
      series: t.arg.string({ description: 'Exact series name.' }),
    },
    resolve: (query, _root, args) =>
      prisma().article.findMany({
        ...query,
        where: articleWhere(args),
        orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { seriesPart: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      }),
    totalCount: (_root, args) => prisma().article.count({ where: articleWhere(args) }),
  }),
}));

function articleWhere(args: { publisher?: string | null; series?: string | null }) {
  return {
    ...(args.publisher ? { publisher: { slug: args.publisher } } : {}),
    ...(args.series ? { seriesName: args.series } : {}),
  };
}

builder.prismaObjectField(Person, 'articles', (t) =>
  t.field({
    type: [Article],
    description: 'Articles the person wrote, newest first.',
    select: (_args, _context, nestedSelection) => ({
      articles: {
        orderBy: [{ article: { publishedOn: { sort: 'desc', nulls: 'last' } } }, { articleId: 'asc' }],
        select: { article: nestedSelection(true) },
      },
    }),
    resolve: (person) => person.articles.map((authorship) => authorship.article),
  }),
);
