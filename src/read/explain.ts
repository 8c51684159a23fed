// How much a statement read: PostgreSQL's own count of the table rows each scan visited, from
// EXPLAIN ANALYZE. The wire shows what a statement returned; this shows what it cost inside the
// database, which is where a page that sorts a whole table would show.
import type { SqlRunner } from '../db/sql.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Table rows visited by each table's scans: rows kept plus rows filtered out, over all loops. */
export function rowsReadByTable(plan: PlanNode): Record<string, number> {
  const read: Record<string, number> = {};
  const visit = (node: PlanNode) => {
    if (node['Relation Name']) {
      const loops = node['Actual Loops'] ?? 1;
      const rows = (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
      read[node['Relation Name']] = (read[node['Relation Name']] ?? 0) + Math.round(rows * loops);
    }
    node.Plans?.forEach(visit);
  };
  visit(plan);
  return read;
}

/** Runs `text` again under EXPLAIN ANALYZE and returns the rows it read per table, and its plan as text. */
export async function explainStatement(sql: SqlRunner, text: string, values: readonly unknown[]) {
  const [json] = await sql.run<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
  const document = json['QUERY PLAN'];
  const [{ Plan }] = typeof document === 'string' ? (JSON.parse(document) as Array<{ Plan: PlanNode }>) : document;
  const lines = await sql.run<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${text}`, values);
  return { rowsRead: rowsReadByTable(Plan), plan: lines.map((line) => line['QUERY PLAN']).join('\n') };
}
