// Per-request DataLoaders for aggregates plugin-prisma cannot fold into its queries: one query per
// batch of parents instead of one per parent.
import DataLoader from 'dataloader';
import { prisma } from '../db/prisma.js';

export interface Loaders {
  conferenceTracks: DataLoader<number, string[]>;
  conferenceReactionCounts: DataLoader<number, Array<{ kind: string; count: number }>>;
}

export function createLoaders(): Loaders {
  return {
    conferenceTracks: new DataLoader(async (conferenceIds) => {
      const rows = await prisma().talk.findMany({
        where: { conferenceId: { in: [...conferenceIds] }, track: { not: null } },
        distinct: ['conferenceId', 'track'],
        select: { conferenceId: true, track: true },
        orderBy: [{ conferenceId: 'asc' }, { track: 'asc' }],
      });
      return conferenceIds.map((id) => rows.filter((row) => row.conferenceId === id).map((row) => row.track!));
    }),
    conferenceReactionCounts: new DataLoader(async (conferenceIds) => {
      const rows = await prisma().reaction.findMany({
        where: { talk: { conferenceId: { in: [...conferenceIds] } } },
        select: { kind: true, talk: { select: { conferenceId: true } } },
      });
      return conferenceIds.map((id) => {
        const counts = new Map<string, number>();
        for (const row of rows) if (row.talk.conferenceId === id) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
        return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
      });
    }),
  };
}
