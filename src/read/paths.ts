// Shortest connections between two entities of the graph, found in the database: a breadth-first
// search from both ends, where each hop is one statement that expands the whole frontier of one
// side along every kind of edge at once. The side with the smaller frontier goes next, so a search
// between two people rarely has to walk through a conference of a thousand talks. Each side
// remembers, for every node it reached, all the edges it was reached by from the level before; when
// a hop reaches a node the other side already holds, every shortest connection runs through the
// nodes of that hop, and the paths are read off both sides' memories without another statement.
//
// Bounds: at most `maxHops` statements; a frontier of more than `maxFrontier` nodes, or a hop of more
// than `maxRows` edges, stops the search; so does the time budget, checked before each hop. The
// answer always says which of these ended it.
import type { Sql, SqlRunner } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';

export const ENTITY_TYPES = ['Person', 'Organisation', 'Talk', 'Conference', 'Topic'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const EDGE_KINDS = ['SPOKE_AT', 'REPRESENTED', 'WORKS_AT', 'REACTED_TO', 'COVERS', 'PART_OF'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface Entity {
  readonly type: EntityType;
  readonly id: number;
}

/** One kind of edge, as a table whose rows pair a `source` entity with a `target` entity. */
interface EdgeTable {
  kind: EdgeKind;
  source: EntityType;
  target: EntityType;
  table: string;
  sourceColumn: string;
  targetColumn: string;
}

// The direction of each edge is the one its name reads in: a person SPOKE_AT a talk, a talk
// REPRESENTED the organisation a speaker gave it for, a talk COVERS a topic and is PART_OF a conference.
const edgeTables: EdgeTable[] = [
  { kind: 'SPOKE_AT', source: 'Person', target: 'Talk', table: 'TalkSpeaker', sourceColumn: 'personId', targetColumn: 'talkId' },
  { kind: 'REPRESENTED', source: 'Talk', target: 'Organisation', table: 'TalkSpeaker', sourceColumn: 'talkId', targetColumn: 'organisationId' },
  { kind: 'WORKS_AT', source: 'Person', target: 'Organisation', table: 'Affiliation', sourceColumn: 'personId', targetColumn: 'organisationId' },
  { kind: 'REACTED_TO', source: 'Person', target: 'Talk', table: 'Reaction', sourceColumn: 'personId', targetColumn: 'talkId' },
  { kind: 'COVERS', source: 'Talk', target: 'Topic', table: '_TalkToTopic', sourceColumn: 'A', targetColumn: 'B' },
  { kind: 'PART_OF', source: 'Talk', target: 'Conference', table: 'Talk', sourceColumn: 'id', targetColumn: 'conferenceId' },
];

/** An edge table walked one way: from `near` (in the frontier) to `far`. `forward` when that is the edge's own direction. */
interface Branch {
  kind: EdgeKind;
  forward: boolean;
  near: EntityType;
  far: EntityType;
  nearColumn: string;
  farColumn: string;
  table: string;
}

const branches: Branch[] = edgeTables.flatMap((edge) => [
  { kind: edge.kind, forward: true, near: edge.source, far: edge.target, nearColumn: edge.sourceColumn, farColumn: edge.targetColumn, table: edge.table },
  { kind: edge.kind, forward: false, near: edge.target, far: edge.source, nearColumn: edge.targetColumn, farColumn: edge.sourceColumn, table: edge.table },
]);

const identifier = (name: string) => Prisma.raw(`"${name}"`);

export const entityKey = (entity: Entity) => `${entity.type}:${entity.id}`;

function byType(entities: Iterable<Entity>): Map<EntityType, number[]> {
  const ids = new Map<EntityType, number[]>();
  for (const { type, id } of entities) {
    const list = ids.get(type);
    if (list) list.push(id);
    else ids.set(type, [id]);
  }
  return ids;
}

/**
 * The statement for one hop: every edge from a node of `frontier` to a node that `seen` (this
 * side's nodes so far) does not hold, as rows (b: branch, near, far). Only the edge kinds that can
 * leave the frontier's types take part. At most `limit` rows.
 */
export function hopStatement(frontier: Iterable<Entity>, seen: Iterable<Entity>, limit: number): Sql {
  const from = byType(frontier);
  const known = byType(seen);
  const parts: Sql[] = [];
  branches.forEach((branch, index) => {
    const near = from.get(branch.near);
    if (!near) return;
    const e = Prisma.raw('e');
    const nearColumn = Prisma.sql`${e}.${identifier(branch.nearColumn)}`;
    const farColumn = Prisma.sql`${e}.${identifier(branch.farColumn)}`;
    const excluded = known.get(branch.far) ?? [];
    // NOT IN over a subquery is a hashed anti-join, however many nodes the side has seen. DISTINCT:
    // rows that pair the same two nodes (a person's several roles at one organisation, reactions of
    // several kinds to one talk) are one edge, so a path through them is listed and counted once.
    parts.push(Prisma.sql`SELECT DISTINCT ${index}::int AS b, ${nearColumn} AS near, ${farColumn} AS far
      FROM ${identifier(branch.table)} ${e}
      WHERE ${nearColumn} = ANY(${near}::int[]) AND ${farColumn} IS NOT NULL
        AND ${farColumn} NOT IN (SELECT unnest(${excluded}::int[]))`);
  });
  if (parts.length === 0) return Prisma.sql`SELECT NULL::int AS b, NULL::int AS near, NULL::int AS far WHERE false`;
  return Prisma.sql`SELECT b, near, far FROM (${Prisma.join(parts, ' UNION ALL ')}) hop LIMIT ${limit}`;
}

/** Which of `entities` exist, as one statement: rows (i) with the index of each entity that does. */
export function existenceStatement(entities: Entity[]): Sql {
  const parts = entities.map((entity, index) => Prisma.sql`SELECT ${index}::int AS i FROM ${identifier(entity.type)} WHERE "id" = ${entity.id}`);
  return Prisma.join(parts, ' UNION ALL ');
}

/** An edge by which a side reached a node: from `near` (one level closer to that side's end). */
interface Link {
  near: string;
  kind: EdgeKind;
  /** Whether the edge's own direction runs from `near` to the node it reached. */
  forward: boolean;
}

interface Visit {
  entity: Entity;
  depth: number;
  links: Link[];
}

interface Side {
  end: Entity;
  seen: Map<string, Visit>;
  frontier: Entity[];
  depth: number;
  /** Whether a hop from this side found an edge: the end exists (edges only join existing rows). */
  reachedOut: boolean;
}

export type PathOutcome = 'FOUND' | 'NOT_CONNECTED' | 'HOP_LIMIT' | 'TIME_BUDGET' | 'SIZE_LIMIT';

/** A step of a path: the edge between nodes[i] and nodes[i + 1]; `forward` when it reads from nodes[i] to nodes[i + 1]. */
export interface PathStep {
  kind: EdgeKind;
  forward: boolean;
}

export interface FoundPath {
  nodes: Entity[];
  steps: PathStep[];
}

export interface PathSearchResult {
  outcome: PathOutcome;
  /** Hops of the shortest connection, when one was found. */
  length: number | null;
  /** The best `first` shortest paths, most specific first. */
  paths: FoundPath[];
  /** How many shortest paths there are (among the edges the search read). */
  totalCount: number;
  /** Hops searched, both sides together: also the number of hop statements. */
  hops: number;
  elapsedMs: number;
  /** Ends that do not exist ('from', 'to'); the search result means nothing then. */
  missing: Array<'from' | 'to'>;
}

export interface PathSearchLimits {
  maxHops: number;
  first: number;
  timeBudgetMs: number;
  /** Largest frontier a hop may expand. */
  maxFrontier: number;
  /** Most edges one hop may read. */
  maxRows: number;
}

export const DEFAULT_PATH_LIMITS: Omit<PathSearchLimits, 'maxHops' | 'first' | 'timeBudgetMs'> = { maxFrontier: 10_000, maxRows: 100_000 };

// What a node costs a frontier: a conference leads to all its talks, an organisation or topic to
// many, a person or talk to a handful. Only the choice of side to expand depends on it.
const fanOut: Record<EntityType, number> = { Person: 1, Talk: 1, Organisation: 20, Topic: 20, Conference: 300 };

// Among paths of equal length, those through specific nodes come first: a co-speaker says more
// about how two people are connected than a shared conference of a thousand talks does.
const genericness: Record<EntityType, number> = { Person: 0, Talk: 0, Organisation: 1, Topic: 2, Conference: 3 };

const typeOrder = Object.fromEntries(ENTITY_TYPES.map((type, index) => [type, index])) as Record<EntityType, number>;

/** What the search runs its statements with: the request's reader, or a database's runner. */
export type StatementRunner = Pick<SqlRunner, 'query'>;

export async function searchPaths(sql: StatementRunner, from: Entity, to: Entity, limits: PathSearchLimits): Promise<PathSearchResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const side = (end: Entity): Side => ({ end, seen: new Map([[entityKey(end), { entity: end, depth: 0, links: [] }]]), frontier: [end], depth: 0, reachedOut: false });
  const forward = side(from);
  const backward = side(to);
  let hops = 0;

  const finish = async (outcome: PathOutcome, meeting: string[] = []): Promise<PathSearchResult> => {
    const missing = await missingEnds(sql, forward, backward);
    if (missing.length) return { outcome, length: null, paths: [], totalCount: 0, hops, elapsedMs: Math.round(elapsed()), missing };
    const found = meeting.length || entityKey(from) === entityKey(to) ? readPaths(forward, backward, meeting, limits.first) : { paths: [], totalCount: 0 };
    const length = found.paths.length ? found.paths[0].steps.length : null;
    return { outcome, length, ...found, hops, elapsedMs: Math.round(elapsed()), missing };
  };

  if (entityKey(from) === entityKey(to)) return finish('FOUND');

  for (;;) {
    if (hops >= limits.maxHops) return finish('HOP_LIMIT');
    if (elapsed() >= limits.timeBudgetMs) return finish('TIME_BUDGET');
    const near = weight(forward.frontier) <= weight(backward.frontier) ? forward : backward;
    const far = near === forward ? backward : forward;
    if (near.frontier.length > limits.maxFrontier) return finish('SIZE_LIMIT');

    const rows = await sql.query<{ b: number; near: number; far: number }>(
      hopStatement(near.frontier, [...near.seen.values()].map((visit) => visit.entity), limits.maxRows + 1),
    );
    hops++;
    const truncated = rows.length > limits.maxRows;
    if (rows.length) near.reachedOut = true;

    const reached = new Map<string, Visit>();
    for (const row of truncated ? rows.slice(0, limits.maxRows) : rows) {
      const branch = branches[row.b];
      const entity: Entity = { type: branch.far, id: row.far };
      const key = entityKey(entity);
      let visit = reached.get(key);
      if (!visit) reached.set(key, (visit = { entity, depth: near.depth + 1, links: [] }));
      visit.links.push({ near: entityKey({ type: branch.near, id: row.near }), kind: branch.kind, forward: branch.forward });
    }
    for (const [key, visit] of reached) near.seen.set(key, visit);
    near.frontier = [...reached.values()].map((visit) => visit.entity);
    near.depth++;

    const meeting = [...reached.keys()].filter((key) => far.seen.has(key));
    if (meeting.length) return finish(truncated ? 'SIZE_LIMIT' : 'FOUND', meeting);
    if (truncated) return finish('SIZE_LIMIT');
    // This side has reached everything connected to its end, and the other end is not among it.
    if (reached.size === 0) return finish('NOT_CONNECTED');
  }
}

const weight = (frontier: Entity[]) => frontier.reduce((sum, entity) => sum + fanOut[entity.type], 0);

/** The ends no hop has shown to exist, checked in one statement (only when a search did not get that far). */
async function missingEnds(sql: StatementRunner, forward: Side, backward: Side): Promise<Array<'from' | 'to'>> {
  const reachedByOther = (side: Side) => ((side === forward ? backward : forward).seen.get(entityKey(side.end))?.depth ?? 0) > 0;
  const unproven = ([['from', forward], ['to', backward]] as const).filter(([, side]) => !side.reachedOut && !reachedByOther(side));
  if (!unproven.length) return [];
  const existing = new Set((await sql.query<{ i: number }>(existenceStatement(unproven.map(([, side]) => side.end)))).map((row) => row.i));
  return unproven.filter((_, index) => !existing.has(index)).map(([name]) => name);
}

/** A way from a node one step towards the target: the edge and the node it leads to. */
interface Next {
  node: string;
  step: PathStep;
}

/**
 * The `first` best shortest paths through the meeting nodes, and how many there are. The nodes on
 * shortest paths form a layered graph from the source to the target; paths are taken best first
 * (fewest generic nodes, see `genericness`) by a best-first walk that knows each node's best
 * remaining cost exactly, so it never explores a path it does not return.
 */
function readPaths(forward: Side, backward: Side, meeting: string[], first: number): { paths: FoundPath[]; totalCount: number } {
  const source = entityKey(forward.end);
  const target = entityKey(backward.end);
  const entity = (key: string) => (forward.seen.get(key) ?? backward.seen.get(key))!.entity;
  const next = new Map<string, Next[]>();
  const add = (from: string, way: Next) => {
    const list = next.get(from);
    if (list) list.push(way);
    else next.set(from, [way]);
  };

  // Towards the target: the backward side's links already point that way.
  const backwardNodes = new Set<string>();
  const walkBackward = (key: string) => {
    if (backwardNodes.has(key)) return;
    backwardNodes.add(key);
    for (const link of backward.seen.get(key)!.links) {
      add(key, { node: link.near, step: { kind: link.kind, forward: !link.forward } });
      walkBackward(link.near);
    }
  };
  // From the source: the forward side's links point back to it, so each is added at its near end.
  const forwardNodes = new Set<string>();
  const walkForward = (key: string) => {
    if (forwardNodes.has(key)) return;
    forwardNodes.add(key);
    for (const link of forward.seen.get(key)!.links) {
      add(link.near, { node: key, step: { kind: link.kind, forward: link.forward } });
      walkForward(link.near);
    }
  };
  for (const key of meeting) {
    walkForward(key);
    walkBackward(key);
  }
  if (source === target) {
    return { paths: [{ nodes: [forward.end], steps: [] }], totalCount: 1 };
  }

  const penalty = (key: string) => (key === source || key === target ? 0 : genericness[entity(key).type]);
  // Best remaining cost and number of paths from each node to the target.
  const best = new Map<string, number>([[target, 0]]);
  const count = new Map<string, number>([[target, 1]]);
  const solve = (key: string): number => {
    const known = best.get(key);
    if (known !== undefined) return known;
    let cost = Infinity;
    let paths = 0;
    for (const way of next.get(key) ?? []) {
      cost = Math.min(cost, penalty(way.node) + solve(way.node));
      paths = Math.min(Number.MAX_SAFE_INTEGER, paths + count.get(way.node)!);
    }
    best.set(key, cost);
    count.set(key, paths);
    return cost;
  };
  solve(source);
  for (const ways of next.values()) {
    ways.sort((a, b) => {
      const ea = entity(a.node);
      const eb = entity(b.node);
      return (
        penalty(a.node) + best.get(a.node)! - (penalty(b.node) + best.get(b.node)!) ||
        typeOrder[ea.type] - typeOrder[eb.type] ||
        ea.id - eb.id ||
        EDGE_KINDS.indexOf(a.step.kind) - EDGE_KINDS.indexOf(b.step.kind)
      );
    });
  }

  // Partial paths by estimated total cost; among equals, the latest pushed first, so a path is
  // followed to its end before its siblings are tried.
  interface Partial {
    nodes: string[];
    steps: PathStep[];
    cost: number;
    estimate: number;
    order: number;
  }
  const queue: Partial[] = [];
  let pushed = 0;
  const push = (partial: Omit<Partial, 'order'>) => heapPush(queue, { ...partial, order: pushed++ }, before);
  const before = (a: Partial, b: Partial) => a.estimate - b.estimate || b.order - a.order;
  push({ nodes: [source], steps: [], cost: 0, estimate: best.get(source)! });
  const paths: FoundPath[] = [];
  while (queue.length && paths.length < first) {
    const partial = heapPop(queue, before)!;
    const last = partial.nodes[partial.nodes.length - 1];
    if (last === target) {
      paths.push({ nodes: partial.nodes.map(entity), steps: partial.steps });
      continue;
    }
    const ways = next.get(last) ?? [];
    for (let i = ways.length - 1; i >= 0; i--) {
      const way = ways[i];
      const cost = partial.cost + penalty(way.node);
      push({ nodes: [...partial.nodes, way.node], steps: [...partial.steps, way.step], cost, estimate: cost + best.get(way.node)! });
    }
  }
  return { paths, totalCount: count.get(source)! };
}

function heapPush<T>(heap: T[], item: T, before: (a: T, b: T) => number): void {
  heap.push(item);
  let index = heap.length - 1;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (before(heap[index], heap[parent]) >= 0) break;
    [heap[index], heap[parent]] = [heap[parent], heap[index]];
    index = parent;
  }
}

function heapPop<T>(heap: T[], before: (a: T, b: T) => number): T | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length && last !== undefined) {
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left], heap[smallest]) < 0) smallest = left;
      if (right < heap.length && before(heap[right], heap[smallest]) < 0) smallest = right;
      if (smallest === index) break;
      [heap[index], heap[smallest]] = [heap[smallest], heap[index]];
      index = smallest;
    }
  }
  return top;
}
