// The Prisma client resolvers use. It is bound once, when the app is built (src/yoga.ts), and
// imported by resolvers rather than carried in the GraphQL context: the client's type is large
// and keeping it out of the context keeps type-checking fast.
import type { PrismaClient } from '../generated/prisma/client.js';

let bound: PrismaClient | undefined;

export function bindPrisma(client: PrismaClient): void {
  bound = client;
}

export function prisma(): PrismaClient {
  if (!bound) throw new Error('No database is bound: build the app with createApp({ database }) first.');
  return bound;
}
