import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { type LoadOptions, type LoadSummary, loadDataset } from './load-dataset.js';

/** The graph's first knowledge: the facts of Max Kelsen's KubeCon Europe 2020 "Day Four" article. */
export const seedPath = resolve(import.meta.dirname, '../../prisma/seed/talkgraph.seed.json');

export function seed(prisma: PrismaClient, options?: LoadOptions): Promise<LoadSummary> {
  return loadDataset(prisma, JSON.parse(readFileSync(seedPath, 'utf8')), { source: 'seed', ...options });
}
