// Articles: the published sources reactions are recorded from, with their authors and publisher.
import type { z } from 'zod';
import { builder } from '../builder.js';
import { reactionConnection } from './facets.js';
import { articleRecord } from '../dataset/format.js';
import { type ArticleListFilter, articleListFilter, bylineOrder, newestFirst } from '../read/articles.js';
import { bySlug, connection, list, maybeOne, rootConnection } from '../read/fields.js';
import type { PageArgs } from '../read/reader.js';
import { byColumn, desc, through } from '../read/statements.js';
import {
  adminWrites,
  cascade,
  changed,
  checked,
  committed,
  deleteNode,
  deletePayload,
  existingId,
  existingIdIfGiven,
  existingIds,
  fieldsOf,
  type InputFieldBuilder,
  isoDay,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from './mutation-support.js';
import { Person } from './people.js';
import { reactionListArgs, reactionsWhere } from './reactions.js';
import { type ArticleRow, articles, organisations, people, type PersonRow } from './tables.js';

export const Article = builder.node(builder.objectRef<ArticleRow>('Article'), {
  id: { resolve: (article) => article.id },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publisher: t.field({ type: 'Organisation', nullable: true, ...maybeOne(organisations, 'publisherId') }),
    seriesName: t.exposeString('seriesName', { nullable: true }),
    seriesPart: t.exposeInt('seriesPart', { nullable: true }),
    seriesParts: t.exposeInt('seriesParts', { nullable: true }),
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true }),
    authors: t.field({
      type: ['Person'],
      description: 'The authors, in byline order.',
      ...list<PersonRow>({
        target: people,
        parent: through('ArticleAuthor', 'articleId', 'personId'),
        orderBy: bylineOrder,
      }),
    }),
    reactions: t.connection({
      type: 'Reaction',
      description: 'The reactions recorded from this article.',
      args: reactionListArgs(t.arg),
      ...connection(reactionsWhere(byColumn('articleId'))),
    }, reactionConnection),
  }),
});

type ArticleListArgs = ArticleListFilter;

builder.queryFields((t) => ({
  article: t.field({
    type: Article,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    ...bySlug(articles),
  }),
  articles: t.connection({
    type: Article,
    args: {
      publisher: t.arg.string({ description: 'Slug of the publishing organisation.' }),
      series: t.arg.string({ description: 'Exact series name.' }),
    },
    ...rootConnection<ArticleRow, ArticleListArgs & PageArgs>({
      target: articles,
      where: (row, args, _parent, lookups) => articleListFilter(args, lookups)?.(row),
      orderBy: newestFirst,
    }),
  }),
}));

builder.objectField(Person, 'articles', (t) =>
  t.field({
    type: [Article],
    description: 'Articles the person wrote, newest first.',
    ...list<ArticleRow>({
      target: articles,
      parent: through('ArticleAuthor', 'personId', 'articleId'),
      orderBy: () => [desc('publishedOn', 'nulls last')],
    }),
  }),
);

// Mutations ---------------------------------------------------------------------------------------

const articleInputFields = (t: InputFieldBuilder) => ({
  url: t.string({ description: 'Where the article is published; unique across articles.' }),
  publisherId: t.globalID({ description: 'The organisation that published the article.' }),
  seriesName: t.string({ description: 'Name of the series the article is part of.' }),
  seriesPart: t.int({ description: 'Position within the series, starting at 1.' }),
  seriesParts: t.int({ description: 'Number of parts in the series.' }),
  publishedOn: t.field({ type: 'Date' }),
});

const articleRules = articleRecord.omit({ publisher: true, authors: true, reactions: true }).partial();
type ArticleFields = Omit<z.input<typeof articleRules>, 'publishedOn'> & { publishedOn?: Date | null };

/** Validates with the dataset rules and returns Prisma data; fields left out stay undefined. */
function articleData(fields: ArticleFields) {
  return { ...checked(articleRules, { ...fields, publishedOn: isoDay(fields.publishedOn) }), publishedOn: fields.publishedOn };
}

/** Authorship rows for people in byline order. */
const byline = (articleId: number, personIds: number[]) =>
  personIds.map((personId, index) => ({ articleId, personId, position: index + 1 }));

/** The article a write changed, read back with the caller's selection. */
const changedArticle = changed('article', Article, articles, 'articleId');

builder.relayMutationField(
  'createArticle',
  {
    inputFields: (t) => ({
      title: t.string({ required: true }),
      slug: t.string({ description: 'Defaults to one made from the title.' }),
      ...articleInputFields(t),
      authorIds: t.globalIDList({ required: true, defaultValue: [], description: 'The authors, in byline order.' }),
    }),
  },
  {
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { publisherId, authorIds, ...fields } = fieldsOf(input);
      const data = articleData({ ...fields, slug: slugOrFrom(fields.slug, fields.title, 'title') });
      const authors = await existingIds(prisma, 'Person', authorIds, 'authorIds');
      const publisher = await existingIdIfGiven(prisma, 'Organisation', publisherId, 'publisherId');
      return committed(
        prisma,
        async (tx) => {
          const created = await tx.article.create({
            data: { ...data, slug: data.slug!, title: data.title!, publisherId: publisher },
            select: { id: true },
          });
          await tx.articleAuthor.createMany({ data: byline(created.id, authors) });
          return { articleId: created.id };
        },
        ({ articleId }) => [row('Article', 'CREATED', articleId)],
      );
    },
  },
  { outputFields: changedArticle },
);

builder.relayMutationField(
  'updateArticle',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      title: t.string({ description: 'Leave out to keep.' }),
      slug: t.string({ description: 'Leave out to keep.' }),
      ...articleInputFields(t),
      authorIds: t.globalIDList({ description: 'Replaces the byline, in order; [] removes all authors. Leave out to keep.' }),
    }),
  },
  {
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { id: globalId, publisherId, authorIds, ...fields } = fieldsOf(input);
      const data = articleData({ ...fields, title: notNull(fields.title, 'title'), slug: notNull(fields.slug, 'slug') });
      const id = await existingId(prisma, 'Article', globalId, 'id');
      const authorList = notNull(authorIds, 'authorIds');
      const authors = authorList && (await existingIds(prisma, 'Person', authorList, 'authorIds'));
      const publisher = await existingIdIfGiven(prisma, 'Organisation', publisherId, 'publisherId');
      await committed(
        prisma,
        async (tx) => {
          await tx.article.update({ where: { id }, data: { ...data, publisherId: publisher } });
          if (authors) {
            await tx.articleAuthor.deleteMany({ where: { articleId: id } });
            await tx.articleAuthor.createMany({ data: byline(id, authors) });
          }
        },
        () => [row('Article', 'UPDATED', id)],
      );
      return { articleId: id };
    },
  },
  { outputFields: changedArticle },
);

builder.relayMutationField(
  'deleteArticle',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    description: 'Deletes an article with the reactions recorded from it and its authorships; the people and publisher stay.',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Article', input.id, async (tx, id) => [
        cascade('Reaction', await tx.reaction.count({ where: { articleId: id } })),
        cascade('Authorship', await tx.articleAuthor.count({ where: { articleId: id } })),
      ]),
  },
  deletePayload,
);
