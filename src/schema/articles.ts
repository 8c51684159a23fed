// Articles: the published sources reactions are recorded from, with their authors and publisher.
import type { z } from 'zod';
import { builder } from '../builder.js';
import { articleRecord } from '../dataset/format.js';
import { prisma } from '../db/prisma.js';
import {
  adminScopes,
  cascade,
  checked,
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
  slugOrFrom,
  writeScopes,
  writing,
} from './mutation-support.js';
import { Person } from './people.js';
import { reactionListArgs, reactionListQuery } from './reactions.js';

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
      args: reactionListArgs(t.arg),
      query: reactionListQuery,
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

/** The article a write changed, read again with the caller's selection so nested fields stay one query. */
const changedArticle = (t: PayloadFieldBuilder<{ articleId: number }>) => ({
  article: t.prismaField({
    type: Article,
    resolve: (query, changed) => prisma().article.findUniqueOrThrow({ ...query, where: { id: changed.articleId } }),
  }),
});

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
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const { publisherId, authorIds, ...fields } = fieldsOf(input);
      const data = articleData({ ...fields, slug: slugOrFrom(fields.slug, fields.title, 'title') });
      const authors = await existingIds('Person', authorIds, 'authorIds');
      const publisher = await existingIdIfGiven('Organisation', publisherId, 'publisherId');
      return writing(() =>
        prisma().$transaction(async (tx) => {
          const created = await tx.article.create({
            data: { ...data, slug: data.slug!, title: data.title!, publisherId: publisher },
            select: { id: true },
          });
          await tx.articleAuthor.createMany({ data: byline(created.id, authors) });
          return { articleId: created.id };
        }),
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
    authScopes: writeScopes,
    errors: { directResult: true },
    resolve: async (_root, { input }) => {
      const { id: globalId, publisherId, authorIds, ...fields } = fieldsOf(input);
      const data = articleData({ ...fields, title: notNull(fields.title, 'title'), slug: notNull(fields.slug, 'slug') });
      const id = await existingId('Article', globalId, 'id');
      const authorList = notNull(authorIds, 'authorIds');
      const authors = authorList && (await existingIds('Person', authorList, 'authorIds'));
      const publisher = await existingIdIfGiven('Organisation', publisherId, 'publisherId');
      await writing(() =>
        prisma().$transaction(async (tx) => {
          await tx.article.update({ where: { id }, data: { ...data, publisherId: publisher } });
          if (authors) {
            await tx.articleAuthor.deleteMany({ where: { articleId: id } });
            await tx.articleAuthor.createMany({ data: byline(id, authors) });
          }
        }),
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
    authScopes: adminScopes,
    errors: { directResult: true },
    description: 'Deletes an article with the reactions recorded from it and its authorships; the people and publisher stay.',
    resolve: (_root, { input }) =>
      deleteNode('Article', input.id, async (tx, id) => [
        cascade('Reaction', await tx.reaction.count({ where: { articleId: id } })),
        cascade('Authorship', await tx.articleAuthor.count({ where: { articleId: id } })),
      ]),
  },
  deletePayload,
);
