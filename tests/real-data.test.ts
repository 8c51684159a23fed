// The real programmes in ../shared/data (present in CI, maybe not in a user's clone): each imports
// without errors, and importing it again changes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSchedule } from '../src/db/import.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';

const data = resolve(import.meta.dirname, '../../shared/data');

const files: Array<[path: string, talks: number, organisations: number]> = [
  ['fosdem-schedules/fosdem-2020.xml', 872, 0],
  ['ccc-congress-schedules/38c3-schedule.xml', 1007, 0],
  ['ccc-congress-schedules/39c3-schedule-draft-20251206.xml', 215, 0],
  ['c3voc-json-samples/frab-camp2019.json', 79, 0],
  ['c3voc-json-samples/pretalx-rc3-2020.json', 48, 0],
  ['kubecon-eu-2026-ics/kccnceu2026-all.ics', 564, 302],
];

describe.skipIf(!existsSync(data)).each(databaseKinds)('real programmes on %s PostgreSQL (needs ../shared/data)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it.each(files)('%s imports, and re-imports as a no-op', async (path, talks, organisations) => {
    const content = readFileSync(resolve(data, path), 'utf8');
    const first = await importSchedule(db.prisma, content, { file: path });
    expect(first.summary.talks.created).toBe(talks);
    expect(first.summary.organisations.created).toBe(organisations);
    const again = await importSchedule(db.prisma, content, { file: path });
    for (const [entity, counts] of Object.entries(again.summary)) {
      expect({ entity, ...counts }).toMatchObject({ entity, created: 0, updated: 0, removed: 0 });
    }
    expect(again.summary.talks.unchanged).toBe(talks);
  });

  it('answers a question across the imported KubeCon programme', async () => {
    const talks = await db.prisma.talk.count({
      where: { conference: { slug: 'kubecon-cloudnativecon-europe-2026' }, speakers: { some: { organisation: { slug: 'google' } } } },
    });
    expect(talks).toBeGreaterThan(5);
  });
});
