// The "reactions over time" chart of a page, for the reactions its filter names.
import { bucketLabel, type ReactionFilter, useReactionsOverTime } from '../time-series';
import { BarChart } from './chart';
import { Empty, Failure, Loading } from './ui';

export function ReactionsOverTime({ filter, subject }: { filter: ReactionFilter; subject: string }) {
  const { buckets, error } = useReactionsOverTime(filter);
  if (error) return <Failure error={error} />;
  if (!buckets) return <Loading what="reactions over time" />;
  if (buckets.length === 0) return <Empty>No reactions recorded yet.</Empty>;
  return (
    <BarChart
      data={buckets.map((bucket) => ({ label: bucketLabel(bucket), count: bucket.count }))}
      caption={`Reactions to ${subject}, by month of the article that recorded them (of the talk, when the article has no date).`}
      unit="Reactions"
    />
  );
}
