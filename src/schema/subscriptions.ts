// Live updates: subscriptions fed by the change feed (src/db/changes.ts), served by Yoga over
// server-sent events (and over WebSocket by src/server.ts). Each event names what changed; the
// entities in it are read through the read path when the event is sent, with the same rules as a
// query. A process serves a bounded number of subscriptions, each with a bounded queue: a client
// that stops reading is dropped once its queue is full, without holding up the others.
import { builder, encodeGlobalId } from '../builder.js';
import type { Context } from '../context.js';
import type { Change, ChangeFeed, ChangeKind, ChangedRow, FeedSignal } from '../db/changes.js';
import { LimitExceededError, NotFoundError } from '../errors.js';
import type { ReactionKind } from '../generated/prisma/enums.js';
import type { Reader } from '../read/reader.js';
import { ReactionKindEnum } from './enums.js';
import { conferences, reactions } from './tables.js';

export interface SubscriptionLimits {
  /** Subscriptions one process serves at once; the next is refused with LIMIT_EXCEEDED. Default 1000. */
  maxSubscriptions?: number;
  /** Events a subscription may have waiting for its client; past it, the client is dropped. Default 100. */
  queueSize?: number;
}

/** Events carry what the first event after a lost feed connection must say. */
interface Missed {
  missedChanges: boolean;
}

/**
 * The subscriptions of one process: opens each on the process's change feed, counts them against
 * the limit, and gives each event a new reader, so rows are read fresh for every event rather than
 * from the batches of the subscription's first one.
 */
export class LiveUpdates {
  private active = 0;
  private readonly enders = new Set<() => void>();
  /** Subscriptions dropped because their client did not read its events. */
  dropped = 0;
  readonly maxSubscriptions: number;
  readonly queueSize: number;

  constructor(
    private readonly feed: () => ChangeFeed,
    private readonly newReader: () => Reader,
    limits: SubscriptionLimits = {},
  ) {
    this.maxSubscriptions = limits.maxSubscriptions ?? 1000;
    this.queueSize = limits.queueSize ?? 100;
  }

  get subscriptions(): number {
    return this.active;
  }

  /** Completes every subscription (a server shutting down), so their requests end. */
  closeAll(): void {
    for (const end of [...this.enders]) end();
  }

  /** Events for one subscription: `select` turns each change into this subscription's events (often none). */
  async open<Event extends object>(context: Context, select: (change: Change) => Event[]): Promise<AsyncIterableIterator<Event & Missed>> {
    if (this.active >= this.maxSubscriptions) {
      throw new LimitExceededError(
        `This server already serves ${this.maxSubscriptions} subscriptions, its limit (TALKGRAPH_MAX_SUBSCRIPTIONS); subscribe again later or through another replica.`,
      );
    }
    this.active++;
    const feed = this.feed();
    try {
      await feed.ready;
    } catch (error) {
      this.active--;
      throw error;
    }
    const queue: Array<Event & Missed> = [];
    let waiting: ((result: IteratorResult<Event & Missed>) => void) | undefined;
    let missed = false;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.active--;
      this.enders.delete(end);
      unsubscribe();
      queue.length = 0;
      waiting?.({ done: true, value: undefined });
      waiting = undefined;
    };
    const deliver = (event: Event & Missed) => {
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        context.read = this.newReader();
        resolve({ done: false, value: event });
      } else if (queue.length >= this.queueSize) {
        // The client has stopped reading: drop it rather than buffer without end. Its stream
        // completes; a client that comes back subscribes again and reloads.
        this.dropped++;
        end();
      } else queue.push(event);
    };
    const unsubscribe = feed.subscribe((signal: FeedSignal) => {
      if (signal.type === 'reconnected') {
        missed = true;
        return;
      }
      for (const event of select(signal.change)) {
        if (ended) return;
        deliver({ ...event, missedChanges: missed });
        missed = false;
      }
    });
    this.enders.add(end);
    const iterator: AsyncIterableIterator<Event & Missed> = {
      next: () => {
        if (queue.length > 0) {
          context.read = this.newReader();
          return Promise.resolve({ done: false, value: queue.shift()! });
        }
        if (ended) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        end();
        return Promise.resolve({ done: true, value: undefined });
      },
      throw: (error: unknown) => {
        end();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

function live(context: Context): LiveUpdates {
  if (!context.live) throw new Error('Subscriptions need the app to be created with live updates.');
  return context.live;
}

const ChangeKindEnum = builder.enumType('ChangeKind', {
  description: 'What happened to an entity.',
  values: {
    CREATED: { description: 'It was added to the graph.' },
    UPDATED: { description: 'Its fields or links changed.' },
    DELETED: { description: 'It was removed from the graph.' },
  } as const,
});

const missedChangesField = {
  description:
    "True on the first event after the feed's connection to the database was lost and restored: changes may have been missed, so reload.",
};

interface ReactionEvent extends Missed {
  change: ChangeKind;
  id: number;
}

const ReactionChange = builder.objectRef<ReactionEvent>('ReactionChange').implement({
  description: 'A reaction that was recorded, changed or removed.',
  fields: (t) => ({
    change: t.field({ type: ChangeKindEnum, resolve: (event) => event.change }),
    reactionId: t.id({ description: 'The Reaction’s global ID.', resolve: (event) => encodeGlobalId('Reaction', event.id) }),
    reaction: t.field({
      type: 'Reaction',
      nullable: true,
      description: 'The reaction as it is now; null once deleted.',
      resolve: (event, _args, context, info) => (event.change === 'DELETED' ? null : context.read.byId(reactions, event.id, info)),
    }),
    missedChanges: t.boolean({ ...missedChangesField, resolve: (event) => event.missedChanges }),
  }),
});

interface TalksEvent extends Missed {
  change: ChangeKind;
  conferenceId: number | null;
  talkIds: number[];
}

const TalksChange = builder.objectRef<TalksEvent>('TalksChange').implement({
  description: 'Talks of one conference that were created, changed or removed together.',
  fields: (t) => ({
    conference: t.field({
      type: 'Conference',
      nullable: true,
      description: 'Their conference; null when it was deleted with them.',
      resolve: (event, _args, context, info) => (event.conferenceId === null ? null : context.read.byId(conferences, event.conferenceId, info)),
    }),
    talkIds: t.idList({ description: 'The talks’ global IDs.', resolve: (event) => event.talkIds.map((id) => encodeGlobalId('Talk', id)) }),
    change: t.field({ type: ChangeKindEnum, resolve: (event) => event.change }),
    missedChanges: t.boolean({ ...missedChangesField, resolve: (event) => event.missedChanges }),
  }),
});

interface GraphEvent extends Missed {
  source: string;
  conferenceIds: number[];
  at: Date;
}

const GraphChange = builder.objectRef<GraphEvent>('GraphChange').implement({
  description: 'An import or an applied article proposal changed the graph.',
  fields: (t) => ({
    source: t.string({ description: '"import", "proposal" or "seed".', resolve: (event) => event.source }),
    conferences: t.field({
      type: ['Conference'],
      description: 'The conferences whose talks or reactions it changed.',
      resolve: async (event, _args, context, info) =>
        (await Promise.all(event.conferenceIds.map((id) => context.read.byId(conferences, id, info)))).filter((row) => row !== null),
    }),
    at: t.field({ type: 'DateTime', description: 'When the change was written.', resolve: (event) => event.at }),
    missedChanges: t.boolean({ ...missedChangesField, resolve: (event) => event.missedChanges }),
  }),
});

interface ReactionFeedFilterInput {
  organisation?: string | null;
  conference?: string | null;
  kinds?: ReactionKind[] | null;
}

const ReactionFeedFilter = builder.inputRef<ReactionFeedFilterInput>('ReactionFeedFilter').implement({
  description: 'Which reactions to hear about; all given conditions must hold.',
  fields: (t) => ({
    organisation: t.string({ description: 'Slug of the organisation the person reacted as a member of.' }),
    conference: t.string({ description: 'Slug of the conference of the talk reacted to.' }),
    kinds: t.field({ type: [ReactionKindEnum], description: 'Any of these kinds.' }),
  }),
});

/** A slug's id, or NOT_FOUND naming the argument: a filter that can never match is a mistake. */
async function slugId(context: Context, model: 'organisation' | 'conference', slug: string, field: string): Promise<number> {
  const found = await (model === 'organisation'
    ? context.prisma.organisation.findUnique({ where: { slug }, select: { id: true } })
    : context.prisma.conference.findUnique({ where: { slug }, select: { id: true } }));
  if (!found) throw new NotFoundError(`${field}: no ${model} with slug "${slug}".`, field);
  return found.id;
}

const rowsOf = (change: Change, type: ChangedRow['type']) => change.rows.filter((row) => row.type === type);

builder.subscriptionType({
  description: 'Live updates, over server-sent events (Accept: text/event-stream) or WebSocket (graphql-ws) at /graphql.',
  authScopes: { read: true },
});

builder.subscriptionFields((t) => ({
  reactionRecorded: t.field({
    type: ReactionChange,
    description: 'A reaction was recorded, changed or removed (by a mutation, an import or an applied article).',
    args: { filter: t.arg({ type: ReactionFeedFilter }) },
    subscribe: async (_root, { filter }, context) => {
      const organisationId = filter?.organisation ? await slugId(context, 'organisation', filter.organisation, 'filter.organisation') : undefined;
      const conferenceId = filter?.conference ? await slugId(context, 'conference', filter.conference, 'filter.conference') : undefined;
      const kinds = filter?.kinds?.length ? new Set<string>(filter.kinds) : undefined;
      return live(context).open<ReactionEvent>(context, (change) =>
        rowsOf(change, 'Reaction')
          .filter(
            (row) =>
              (organisationId === undefined || row.organisationId === organisationId) &&
              (conferenceId === undefined || row.conferenceId === conferenceId) &&
              (kinds === undefined || kinds.has(row.kind ?? '')),
          )
          .map((row) => ({ change: row.change, id: row.id, missedChanges: false })),
      );
    },
    resolve: (event) => event,
  }),
  talksChanged: t.field({
    type: TalksChange,
    description: 'Talks of a conference (or of any, without the argument) were created, changed or removed.',
    args: { conference: t.arg.string({ description: 'Slug of the conference.' }) },
    subscribe: async (_root, args, context) => {
      const conferenceId = args.conference ? await slugId(context, 'conference', args.conference, 'conference') : undefined;
      return live(context).open<TalksEvent>(context, (change) => {
        const groups = new Map<string, TalksEvent>();
        for (const row of rowsOf(change, 'Talk')) {
          if (conferenceId !== undefined && row.conferenceId !== conferenceId) continue;
          const key = `${row.conferenceId}:${row.change}`;
          const group = groups.get(key) ?? { change: row.change, conferenceId: row.conferenceId ?? null, talkIds: [], missedChanges: false };
          group.talkIds.push(row.id);
          groups.set(key, group);
        }
        // A deleted conference is gone: its events say so with a null conference.
        const deleted = new Set(rowsOf(change, 'Conference').filter((row) => row.change === 'DELETED').map((row) => row.id));
        return [...groups.values()].map((group) => (group.conferenceId !== null && deleted.has(group.conferenceId) ? { ...group, conferenceId: null } : group));
      });
    },
    resolve: (event) => event,
  }),
  graphChanged: t.field({
    type: GraphChange,
    description: 'An import or an applied article proposal changed the graph.',
    subscribe: (_root, _args, context) =>
      live(context).open<GraphEvent>(context, (change) =>
        change.graph ? [{ source: change.source, conferenceIds: change.graph.conferenceIds, at: new Date(change.at ?? Date.now()), missedChanges: false }] : [],
      ),
    resolve: (event) => event,
  }),
}));
