// Paths: how two entities are connected, as the shortest chains of talks, speaker and staff roles,
// reactions, topics and conferences between them (the search itself is src/read/paths.ts).
import { brandWithType } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { builder, decodeGlobalId, type Types } from '../builder.js';
import type { Context } from '../context.js';
import { InvalidIdError, InvalidInputError, LimitExceededError, NotFoundError } from '../errors.js';
import {
  DEFAULT_PATH_LIMITS,
  EDGE_KINDS,
  ENTITY_TYPES,
  type Entity,
  type EntityType,
  type FoundPath,
  type PathOutcome,
  type PathSearchResult,
  type PathStep,
  searchPaths,
} from '../read/paths.js';
import { withArticle } from './ids.js';
import { nodeTables } from './tables.js';

export const DEFAULT_MAX_HOPS = 6;
export const MAX_HOPS = 8;
export const MAX_PATHS = 20;
export const DEFAULT_TIME_BUDGET_MS = 2_000;
export const MAX_TIME_BUDGET_MS = 10_000;

const NodeInterface = builder.nodeInterfaceRef();

/** A node of a path, read through the request's reader: the paths of a level cost one statement per type. */
async function loadEntity(entity: Entity, context: Context, info: GraphQLResolveInfo) {
  const row = await context.read.byId<object>(nodeTables[entity.type], entity.id, info);
  if (!row) throw new Error(`${info.parentType.name}.${info.fieldName}: ${entity.type} ${entity.id} is gone.`);
  brandWithType<Types>(row, entity.type);
  return row;
}

const PathEdgeKind = builder.enumType('PathEdgeKind', {
  description: 'What an edge of a path stands for. Each reads from its source to its target.',
  values: {
    SPOKE_AT: { description: 'A person (source) spoke at a talk (target).' },
    REPRESENTED: { description: 'A talk (source) was given on behalf of an organisation (target) by one of its speakers.' },
    WORKS_AT: { description: 'A person (source) has a role at an organisation (target).' },
    REACTED_TO: { description: 'A person (source) reacted to a talk (target).' },
    COVERS: { description: 'A talk (source) covers a topic (target).' },
    PART_OF: { description: 'A talk (source) is part of a conference (target).' },
  } satisfies Record<(typeof EDGE_KINDS)[number], unknown>,
});

const PathDirection = builder.enumType('PathDirection', {
  description: 'Which way an edge reads along its path.',
  values: {
    FORWARD: { description: 'From the node before it in the path to the node after it (the earlier node is the source).' },
    BACKWARD: { description: 'From the node after it to the node before it (the later node is the source).' },
  } as const,
});

const PathSearchOutcome = builder.enumType('PathSearchOutcome', {
  description: 'How a path search ended.',
  values: {
    FOUND: { description: 'The paths are the shortest connections; every shortest connection was considered.' },
    NOT_CONNECTED: { description: 'Nothing connects the two, however many hops.' },
    HOP_LIMIT: { description: 'No connection of maxHops hops or fewer exists; a longer one may.' },
    TIME_BUDGET: { description: 'The time budget ran out first: no connection of hopsSearched hops or fewer exists; a longer one may.' },
    SIZE_LIMIT: {
      description:
        'A hop reached more of the graph than one search may read (a frontier or hop too large). Paths, if any, are shortest connections, but maybe not all of them; with none, no connection of fewer than hopsSearched hops exists.',
    },
  } satisfies Record<PathOutcome, unknown>,
});

interface PathEdgeValue {
  step: PathStep;
  before: Entity;
  after: Entity;
}

const PathEdge = builder.objectRef<PathEdgeValue>('PathEdge').implement({
  description: 'One edge of a path, between two consecutive nodes.',
  fields: (t) => ({
    kind: t.field({ type: PathEdgeKind, resolve: (edge) => edge.step.kind }),
    direction: t.field({ type: PathDirection, resolve: (edge) => (edge.step.forward ? 'FORWARD' : 'BACKWARD') }),
    source: t.field({
      type: NodeInterface,
      description: 'The node the edge reads from (see PathEdgeKind).',
      resolve: (edge, _args, context, info) => loadEntity(edge.step.forward ? edge.before : edge.after, context, info),
    }),
    target: t.field({
      type: NodeInterface,
      description: 'The node the edge reads to.',
      resolve: (edge, _args, context, info) => loadEntity(edge.step.forward ? edge.after : edge.before, context, info),
    }),
  }),
});

const Path = builder.objectRef<FoundPath>('Path').implement({
  description: 'A chain of nodes from one end of a search to the other, each joined to the next by an edge.',
  fields: (t) => ({
    length: t.int({ description: 'Hops: the number of edges.', resolve: (path) => path.steps.length }),
    nodes: t.field({
      type: [NodeInterface],
      description: 'From the search’s `from` to its `to`, both included.',
      resolve: (path, _args, context, info) => Promise.all(path.nodes.map((node) => loadEntity(node, context, info))),
    }),
    edges: t.field({
      type: [PathEdge],
      description: 'edges[i] joins nodes[i] and nodes[i + 1].',
      resolve: (path) => path.steps.map((step, index) => ({ step, before: path.nodes[index], after: path.nodes[index + 1] })),
    }),
  }),
});

interface PathSearchValue extends PathSearchResult {
  from: Entity;
  to: Entity;
  maxHops: number;
}

const PathSearch = builder.objectRef<PathSearchValue>('PathSearch').implement({
  description: 'The shortest connections between two entities, and how the search for them ended.',
  fields: (t) => ({
    from: t.field({ type: NodeInterface, resolve: (search, _args, context, info) => loadEntity(search.from, context, info) }),
    to: t.field({ type: NodeInterface, resolve: (search, _args, context, info) => loadEntity(search.to, context, info) }),
    outcome: t.field({ type: PathSearchOutcome, resolve: (search) => search.outcome }),
    length: t.int({
      nullable: true,
      description: 'Hops of the shortest connection; null when none was found.',
      resolve: (search) => search.length,
    }),
    paths: t.field({
      type: [Path],
      description: 'Shortest connections, at most `first`: those through people and talks before those through organisations, topics and conferences, which connect many more.',
      resolve: (search) => search.paths,
    }),
    totalCount: t.int({
      description: 'How many shortest connections there are (0 when none was found).',
      resolve: (search) => Math.min(search.totalCount, 2 ** 31 - 1),
    }),
    hopsSearched: t.int({
      description: 'Hops the search took from both ends together; each was one SQL statement.',
      resolve: (search) => search.hops,
    }),
    elapsedMs: t.int({ description: 'Time the search took, in milliseconds.', resolve: (search) => search.elapsedMs }),
    message: t.string({ description: 'The outcome in words.', resolve: describe }),
  }),
});

function describe(search: PathSearchValue): string {
  const hops = (n: number) => `${n} hop${n === 1 ? '' : 's'}`;
  const found = search.length === null ? '' : `${search.totalCount.toLocaleString('en')} shortest connection${search.totalCount === 1 ? '' : 's'} of ${hops(search.length)}`;
  switch (search.outcome) {
    case 'FOUND':
      return `Found ${found}.`;
    case 'NOT_CONNECTED':
      return 'Nothing connects the two.';
    case 'HOP_LIMIT':
      return `No connection of ${hops(search.maxHops)} or fewer; raise maxHops (at most ${MAX_HOPS}) to look further.`;
    case 'TIME_BUDGET':
      return `The search ran out of its time budget after ${search.elapsedMs} ms and ${hops(search.hops)}: there is no connection of ${hops(search.hops)} or fewer, and it could not look further.`;
    case 'SIZE_LIMIT':
      return found
        ? `Found ${found} among the edges read, but the last hop reached more of the graph than a search may read, so there may be more of that length.`
        : `After ${hops(search.hops)} the search reached more of the graph than it may read, without finding a connection: there is none of fewer than ${hops(search.hops)}.`;
  }
}

const entityTypes = new Set<string>(ENTITY_TYPES);

function entityOf(globalId: string, argument: string): Entity {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalId(globalId);
  } catch (error) {
    if (error instanceof InvalidIdError) throw new InvalidIdError(`${argument}: ${error.message}`, argument);
    throw error;
  }
  if (!entityTypes.has(decoded.typename)) {
    throw new InvalidIdError(
      `${argument}: paths connect people, organisations, talks, conferences and topics; "${globalId}" is the ID of ${withArticle(decoded.typename)}.`,
      argument,
    );
  }
  return { type: decoded.typename as EntityType, id: Number(decoded.id) };
}

function checkRange(argument: string, value: number, min: number, max: number) {
  if (value < min) throw new InvalidInputError(`${argument}: ${value} is less than ${min}; ask for ${min} to ${max}.`, argument);
  if (value > max) throw new LimitExceededError(`${argument}: ${value} is more than the ${max} a search allows; ask for ${min} to ${max}.`, argument);
}

builder.queryFields((t) => ({
  paths: t.field({
    type: PathSearch,
    description:
      'The shortest connections between two people, organisations, talks, conferences or topics, through speaker roles (and the organisations speakers represented), staff roles, reactions, topics and conferences. Searched from both ends at once, one SQL statement per hop.',
    args: {
      from: t.arg.id({ required: true, description: 'ID of a Person, Organisation, Talk, Conference or Topic.' }),
      to: t.arg.id({ required: true, description: 'ID of a Person, Organisation, Talk, Conference or Topic.' }),
      maxHops: t.arg.int({ defaultValue: DEFAULT_MAX_HOPS, description: `Longest connection to look for, in edges (1 to ${MAX_HOPS}).` }),
      first: t.arg.int({ defaultValue: 3, description: `How many shortest connections to return (0 to ${MAX_PATHS}).` }),
      timeBudgetMs: t.arg.int({
        defaultValue: DEFAULT_TIME_BUDGET_MS,
        description: `Time the search may take, in milliseconds (0 to ${MAX_TIME_BUDGET_MS}); checked before each hop. The outcome says when it ran out.`,
      }),
    },
    resolve: async (_root, args, context) => {
      const from = entityOf(String(args.from), 'from');
      const to = entityOf(String(args.to), 'to');
      const maxHops = args.maxHops ?? DEFAULT_MAX_HOPS;
      const first = args.first ?? 3;
      const timeBudgetMs = args.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
      checkRange('maxHops', maxHops, 1, MAX_HOPS);
      checkRange('first', first, 0, MAX_PATHS);
      checkRange('timeBudgetMs', timeBudgetMs, 0, MAX_TIME_BUDGET_MS);
      const result = await searchPaths(context.read, from, to, { ...DEFAULT_PATH_LIMITS, maxHops, first, timeBudgetMs });
      const [missing] = result.missing;
      if (missing) {
        const entity = missing === 'from' ? from : to;
        throw new NotFoundError(`${missing}: there is no ${entity.type} with the ID "${missing === 'from' ? args.from : args.to}".`, missing);
      }
      return { ...result, from, to, maxHops };
    },
  }),
}));
