// "Reactions over time" for the charts. Until the reaction lists have `histogram(interval:,
// timeZone:, from:, to:)` (buckets { start end count }, empty ones included), the series is built
// from the yearly facets that exist (facets { years { year count } }), years without reactions
// filled in. Switching to the histogram is one edit here and in graphql/reactions-over-time.graphql.
import { useQuery } from './use-query';
import reactionsOverTime from './graphql/reactions-over-time.graphql';

export interface Bucket {
  start: Date;
  end: Date;
  count: number;
}

export interface ReactionFilter {
  conference?: string;
  organisation?: string;
  person?: string;
  talk?: string;
}

interface Answer {
  reactions: { totalCount: number; facets: { years: Array<{ year: number; count: number }> } };
}

/** Yearly buckets from the facet: every year from the first to the last, empty ones with 0. */
export function bucketsOf(answer: Answer): Bucket[] {
  const years = answer.reactions.facets.years;
  if (years.length === 0) return [];
  const counts = new Map(years.map(({ year, count }) => [year, count]));
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const buckets: Bucket[] = [];
  for (let year = first; year <= last; year += 1) {
    buckets.push({ start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)), count: counts.get(year) ?? 0 });
  }
  return buckets;
}

/** How a bucket is labelled on the chart: a year while the buckets are years. */
export const bucketLabel = (bucket: Bucket) => String(bucket.start.getUTCFullYear());

export function useReactionsOverTime(filter: ReactionFilter) {
  const { data, error, loading } = useQuery<Answer>(reactionsOverTime, { ...filter });
  return { buckets: data ? bucketsOf(data) : undefined, total: data?.reactions.totalCount, error, loading };
}
