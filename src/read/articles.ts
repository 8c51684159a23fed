// The SQL of articles: the filters and order of the articles list, and an article's byline.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import { type Condition, equals, filterCondition, type FilterRules, slugRule } from './conditions.js';
import type { Lookups } from './lookups.js';
import { asc, col, desc, type OrderKey } from './statements.js';

export interface ArticleListFilter {
  publisher?: string | null;
  series?: string | null;
}

/** The condition the articles list's arguments put on article rows. */
export function articleListFilter(args: ArticleListFilter, lookups: Lookups): Condition | undefined {
  const rules: FilterRules<ArticleListFilter> = {
    publisher: slugRule(lookups, 'Organisation', (publisher) => equals('publisherId', publisher)),
    series: (series) => (series ? equals('seriesName', series) : undefined),
  };
  return filterCondition(args, rules, '');
}

/** Latest first, the parts of a series in order. */
export const newestFirst = (): OrderKey[] => [desc('publishedOn', 'nulls last'), asc('seriesPart')];

/** Authors (at `row`) in byline order of the article at `article`. */
export const bylineOrder = (): OrderKey[] => [
  asc((row: Sql, article: Sql) => Prisma.sql`(SELECT o."position" FROM "ArticleAuthor" o WHERE o."articleId" = ${article} AND o."personId" = ${col(row, 'id')})`),
];
