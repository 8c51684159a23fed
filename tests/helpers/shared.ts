// Files from ../shared (beside the clone in this team's layout and in CI, not in a user's clone),
// and the words a spec puts in its name when it skips for want of them. .ci/run fails when a test
// whose name carries NEEDS_SHARED was skipped, so CI cannot lose these specs without a sign.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const sharedDir = resolve(import.meta.dirname, '../../../shared');
export const sharedDataDir = resolve(sharedDir, 'data');
export const sharedSeedArticle = resolve(sharedDir, 'seeds/000_e0d67380d69774e5.txt');

/** What every skip reason about ../shared starts with; scripts/check-shared-specs.mjs looks for it. */
export const NEEDS_SHARED = '(needs ../shared';
export const needsSharedData = `${NEEDS_SHARED}/data)`;
export const needsSharedSeeds = `${NEEDS_SHARED}/seeds)`;

export const hasSharedData = existsSync(sharedDataDir);

/** The seed article's facts retold in our own words: what the article specs run on everywhere. */
export const seedArticleRetold = resolve(import.meta.dirname, '../fixtures/articles/kubecon-eu-2020-day-four.txt');

export interface ArticleSource {
  /** For test names: which text, and why it may be skipped. */
  name: string;
  path: string;
  missing: boolean;
}

/** The retold seed article (always there) and the original in ../shared/seeds (where it is). */
export const seedArticleSources: ArticleSource[] = [
  { name: 'the seed article retold in tests/fixtures', path: seedArticleRetold, missing: false },
  { name: `the seed article of ../shared/seeds ${needsSharedSeeds}`, path: sharedSeedArticle, missing: !existsSync(sharedSeedArticle) },
];
