// node(id:) and nodes(ids:): any entity by its global ID, read through the same planner as every
// other field, so `node(id:) { ... on Talk { conference { name } } }` is one statement.
import { brandWithType } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { builder, type Types } from '../builder.js';
import type { Context } from '../context.js';
import { LimitExceededError } from '../errors.js';
import type { FieldRead, Table } from '../read/plan.js';
import { nodeTables } from './tables.js';

/** nodes(ids:) takes at most this many IDs: each may cost a row, and a request must stay small. */
export const MAX_NODE_IDS = 100;

const NodeInterface = builder.nodeInterfaceRef();

/** What a compiled operation reads for node and nodes: the row of each ID in its type's table. */
const byGlobalId = { read: { kind: 'node', tables: nodeTables, maxIds: MAX_NODE_IDS } satisfies FieldRead };

/** Any node by its type and database id, read with the field's selection and branded for the Node interface. */
export async function loadNode(id: { typename: string; id: string | number }, context: Context, info: GraphQLResolveInfo) {
  const table: Table<object> = nodeTables[id.typename as keyof typeof nodeTables];
  const row = await context.read.byId(table, Number(id.id), info);
  // The Node interface resolves a row's type from this brand.
  if (row) brandWithType<Types>(row, table.type as keyof typeof nodeTables);
  return row;
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeInterface,
    nullable: true,
    description: 'Any entity by its ID.',
    args: { id: t.arg.globalID({ required: true }) },
    extensions: byGlobalId,
    resolve: (_root, args, context, info) => loadNode(args.id, context, info),
  }),
  nodes: t.field({
    type: [NodeInterface],
    nullable: { list: false, items: true },
    description: `Entities by their IDs, in the order given; null where an ID names nothing. At most ${MAX_NODE_IDS} IDs.`,
    args: { ids: t.arg.globalIDList({ required: true }) },
    extensions: byGlobalId,
    resolve: (_root, args, context, info) => {
      if (args.ids.length > MAX_NODE_IDS) {
        throw new LimitExceededError(`ids: ${args.ids.length} IDs is more than the ${MAX_NODE_IDS} one request may ask for; split them over several requests.`, 'ids');
      }
      return Promise.all(args.ids.map((id) => loadNode(id, context, info)));
    },
  }),
}));
