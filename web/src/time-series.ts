// "Reactions over time" for the charts: the reaction list's histogram, a month a bucket (empty
// months included), in the conference's time zone when the list is one conference's.
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
  reactions: { totalCount: number; histogram: Array<{ start: string; end: string; count: number }> };
}

/** The histogram's buckets as dates. */
export function bucketsOf(answer: Answer): Bucket[] {
  return answer.reactions.histogram.map(({ start, end, count }) => ({ start: new Date(start), end: new Date(end), count }));
}

/**
 * A bucket's month, e.g. 2020-08. Read at the bucket's middle: a month that starts at midnight in
 * a zone east of UTC starts on the last day of the month before in UTC.
 */
export const bucketLabel = (bucket: Bucket) => new Date((bucket.start.getTime() + bucket.end.getTime()) / 2).toISOString().slice(0, 7);

export function useReactionsOverTime(filter: ReactionFilter) {
  const { data, error, loading } = useQuery<Answer>(reactionsOverTime, { ...filter });
  return { buckets: data ? bucketsOf(data) : undefined, total: data?.reactions.totalCount, error, loading };
}
