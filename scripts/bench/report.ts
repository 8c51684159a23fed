// Plain console output in markdown tables, so a run can be pasted into the README or an issue.
import type { LoadResult, RequestCost } from './runner.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Three significant figures or so: 1,234 / 123 / 12.3 / 1.23. */
export function figure(value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const count = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en-US') : figure(value));
const pair = (a: string, b: string) => `${a} / ${b}`;
const failures = (result: LoadResult) => (result.failures > 0 ? ` (${result.failures} failed)` : '');

export interface ServerRow {
  operation: string;
  talkgraph: LoadResult & { rssMiB: number };
  reference: LoadResult & { rssMiB: number };
  talkgraphCost: RequestCost;
  referenceCost: RequestCost;
}

export function serverTable(rows: ServerRow[]): string {
  return table(
    [
      'operation',
      'talkgraph req/s',
      'p50 ms',
      'p99 ms',
      'reference req/s',
      'p50 ms',
      'p99 ms',
      'ratio',
      'p99 ratio',
      'statements/req (tg / ref)',
      'rows/req (tg / ref)',
      'kB/req (tg / ref)',
      'RSS after MiB (tg / ref)',
    ],
    rows.map((row) => [
      row.operation,
      figure(row.talkgraph.requestsPerSecond) + failures(row.talkgraph),
      figure(row.talkgraph.p50),
      figure(row.talkgraph.p99),
      figure(row.reference.requestsPerSecond) + failures(row.reference),
      figure(row.reference.p50),
      figure(row.reference.p99),
      (row.talkgraph.requestsPerSecond / row.reference.requestsPerSecond).toFixed(2),
      (row.talkgraph.p99 / row.reference.p99).toFixed(1),
      pair(count(row.talkgraphCost.statements), count(row.referenceCost.statements)),
      pair(count(row.talkgraphCost.rows), count(row.referenceCost.rows)),
      pair(figure(row.talkgraphCost.kB), figure(row.referenceCost.kB)),
      pair(figure(row.talkgraph.rssMiB), figure(row.reference.rssMiB)),
    ]),
  );
}

export interface EmbeddedRow {
  operation: string;
  result: LoadResult & { rssMiB: number };
}

export function embeddedTable(rows: EmbeddedRow[]): string {
  return table(
    ['operation', 'talkgraph req/s', 'p50 ms', 'p99 ms', 'RSS after MiB'],
    rows.map(({ operation, result }) => [
      operation,
      figure(result.requestsPerSecond) + failures(result),
      figure(result.p50),
      figure(result.p99),
      figure(result.rssMiB),
    ]),
  );
}

export function coldStartTable(rows: Array<{ data: string; times: number[]; median: number }>): string {
  return table(
    ['embedded data', 'spawn to first 200 from /ready, median', 'every start'],
    rows.map((row) => [row.data, `${(row.median / 1000).toFixed(2)} s`, row.times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')]),
  );
}

/** Requests per second of every measured run, to judge how noisy the machine was. */
export function spread(label: string, result: LoadResult): string {
  const runs = result.everyRun;
  const low = Math.min(...runs);
  const high = Math.max(...runs);
  const span = low > 0 ? ` (spread ${(((high - low) / low) * 100).toFixed(0)}%)` : '';
  const responses = `, ${result.fewestResponses} responses or more per run, ${result.seconds.toFixed(0)} s in all`;
  const cut = result.complete ? '' : '; stopped by --limit before every run was complete';
  const warmup = result.warmupFailures > 0 ? `; ${result.warmupFailures} requests failed during the warm-up` : '';
  return `${label} req/s per run ${runs.map(figure).join(', ')}${span}${responses}${cut}${warmup}`;
}

export interface PeerRow {
  operation: string;
  talkgraph: LoadResult;
  postgraphile: LoadResult;
  reference: LoadResult;
  talkgraphCost: RequestCost;
  postgraphileCost: RequestCost;
}

/** talkgraph beside PostGraphile, each as a fraction of the hand-written SQL's throughput. */
export function peerTable(rows: PeerRow[]): string {
  const throughput = (result: LoadResult) => `${figure(result.requestsPerSecond)} (${figure(result.p99)})${failures(result)}`;
  return table(
    [
      'operation',
      'talkgraph req/s (p99 ms)',
      'PostGraphile req/s (p99 ms)',
      'SQL req/s (p99 ms)',
      'talkgraph/SQL',
      'PostGraphile/SQL',
      'statements/req (tg / PostGraphile)',
    ],
    rows.map((row) => [
      row.operation,
      throughput(row.talkgraph),
      throughput(row.postgraphile),
      throughput(row.reference),
      (row.talkgraph.requestsPerSecond / row.reference.requestsPerSecond).toFixed(2),
      (row.postgraphile.requestsPerSecond / row.reference.requestsPerSecond).toFixed(2),
      pair(count(row.talkgraphCost.statements), count(row.postgraphileCost.statements)),
    ]),
  );
}
