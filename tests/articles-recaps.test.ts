// The article reader on hand-labelled recaps of real programmes (tests/fixtures/recaps): the
// figures `npm run bench:ingest` prints, held to a floor so a change that loses matches shows.
// Embedded database only: it imports four whole programmes, and the rules it exercises are the
// same on the server (tests/articles.test.ts runs on both).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProgrammes, precision, readLabels, recall, scoreText, sharedData, sum, type TextScore } from '../scripts/recap-evaluation.js';
import { createTestDatabase, type TestDatabase } from './helpers/databases.js';

describe.skipIf(!existsSync(resolve(sharedData, 'fosdem-schedules')))('hand-labelled recaps of KubeCon EU 2025/2026, FOSDEM 2025 and 38C3 (needs ../shared/data)', () => {
  let db: TestDatabase;
  const scores: TextScore[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('embedded');
    await importProgrammes(db.prisma);
    for (const text of readLabels()) scores.push(await scoreText(db.prisma, text));
  }, 300_000);
  afterAll(() => db?.dispose());

  // The sixth held-out round measures the reader on text no rule was written against; it has a
  // test of its own and is left out of the others.
  const written = () => scores.filter((score) => score.set !== 'held-out-6');

  it('tells which conference every text is about', () => {
    expect(written().map((score) => [score.file, score.conference.found])).toEqual(written().map((score) => [score.file, score.conference.expected]));
  });

  // The fourth and fifth held-out rounds are left out of the floors below: each measured the
  // reader on unseen text, and each has a test of its own.
  const seen = () => written().filter((score) => score.set !== 'held-out-4' && score.set !== 'held-out-5');

  it('matches the labelled talks with precision of at least 0.95 and recall of at least 0.95', () => {
    const talks = sum(seen().map((score) => score.talks));
    expect(precision(talks)).toBeGreaterThanOrEqual(0.95);
    expect(recall(talks)).toBeGreaterThanOrEqual(0.95);
  });

  it('finds who reacted, for whom and how with precision and recall of at least 0.9', () => {
    const reactions = sum(seen().map((score) => score.organisations));
    expect(precision(reactions), seen().flatMap((score) => score.extra).join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(recall(reactions), seen().flatMap((score) => score.missed).join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  // The third round was held out: on first run it scored reaction precision 0.72 and recall 0.82.
  // Its misses then taught rules (a lone "I" is no surname; "from X" names an employer; words
  // describing a talk right after its speaker describe that talk; a "who" clause goes on about
  // the person before it), so it is no longer unseen text; it is held to what it scores with
  // them, so a change that loses ground there shows.
  it('keeps the third held-out round at reaction precision and recall of 1', () => {
    const third = scores.filter((score) => score.set === 'held-out-3');
    const reactions = sum(third.map((score) => score.reactions));
    expect(precision(reactions), third.flatMap((score) => score.extra).join('\n')).toBeGreaterThanOrEqual(1);
    expect(recall(reactions), third.flatMap((score) => score.missed).join('\n')).toBeGreaterThanOrEqual(1);
  });

  // The fourth round was written and labelled with the reader frozen and scored once: talks P 0.93
  // R 0.87, reactions P 0.65 R 0.49, with organisation P 0.46 R 0.34. Those first-run figures are
  // its held-out measurement. The reader was then improved on its failures (bylines, chat
  // messages, signed notes, kiosk slots, kinds), so it is development text now, held to what it
  // scores after that.
  it('keeps the fourth round at what it scores after the rules were improved on it', () => {
    const fourth = scores.filter((score) => score.set === 'held-out-4');
    const talks = sum(fourth.map((score) => score.talks));
    const reactions = sum(fourth.map((score) => score.reactions));
    const organisations = sum(fourth.map((score) => score.organisations));
    expect(precision(talks)).toBeGreaterThanOrEqual(1);
    expect(recall(talks)).toBeGreaterThanOrEqual(0.93);
    expect(precision(reactions), fourth.flatMap((score) => score.extra).join('\n')).toBeGreaterThanOrEqual(1);
    expect(recall(reactions), fourth.flatMap((score) => score.missed).join('\n')).toBeGreaterThanOrEqual(1);
    expect(precision(organisations)).toBeGreaterThanOrEqual(1);
    expect(recall(organisations)).toBeGreaterThanOrEqual(1);
  });

  // The fifth round was written and labelled with the reader frozen, without reading the rules,
  // and scored once after the reader was improved on the fourth round: talks P 0.93 R 0.91,
  // reactions P 0.43 R 0.25, with organisation P 0.10 R 0.06, off-programme sessions 0 of 2. Those
  // first-run figures are its held-out measurement. The reader was then improved on its failures
  // (who "I" is from a masthead, a handle or a "Hosts:" line; a table's "Who went" column; people
  // introduced by "who works at"; a section headed by a person's name; events said to be off the
  // programme; headings that only paraphrase a title; advice to the reader; critique idioms), so it
  // is development text now, held to what it scores after that: 1.00 throughout.
  it('keeps the fifth round at what it scores after the rules were improved on it', () => {
    const fifth = scores.filter((score) => score.set === 'held-out-5');
    expect(fifth).toHaveLength(8);
    const talks = sum(fifth.map((score) => score.talks));
    const reactions = sum(fifth.map((score) => score.reactions));
    const organisations = sum(fifth.map((score) => score.organisations));
    expect(precision(talks)).toBeGreaterThanOrEqual(1);
    expect(recall(talks)).toBeGreaterThanOrEqual(1);
    expect(precision(reactions), fifth.flatMap((score) => score.extra).join('\n')).toBeGreaterThanOrEqual(1);
    expect(recall(reactions), fifth.flatMap((score) => score.missed).join('\n')).toBeGreaterThanOrEqual(1);
    expect(precision(organisations)).toBeGreaterThanOrEqual(1);
    expect(recall(organisations)).toBeGreaterThanOrEqual(1);
  });

  it('lists every labelled session that is not in the programme as unmatched', () => {
    const offProgramme = sum(written().map((score) => score.notInProgramme));
    expect(offProgramme.correct).toBe(offProgramme.expected);
  });

  // The sixth round was written and labelled with the reader frozen, after the rules learnt from
  // the fifth round, by someone who read neither the rules nor any round's failures, and scored
  // once: conference 7 of 8 texts, talks P 0.98 R 0.82, reactions P 0.40 R 0.11, with organisation
  // P 0.00 R 0.00, off-programme sessions 1 of 3. No rule has been written against it. It is held
  // to that first run (each floor the printed figure less the rounding), so a change that loses
  // ground on unseen text shows, and one that gains ground raises these floors.
  it('keeps the sixth, unseen round at least at its first-run figures', () => {
    const sixth = scores.filter((score) => score.set === 'held-out-6');
    expect(sixth).toHaveLength(8);
    expect(sixth.filter((score) => score.conference.found === score.conference.expected).length).toBeGreaterThanOrEqual(7);
    const talks = sum(sixth.map((score) => score.talks));
    const reactions = sum(sixth.map((score) => score.reactions));
    expect(precision(talks)).toBeGreaterThanOrEqual(0.975);
    expect(recall(talks)).toBeGreaterThanOrEqual(0.815);
    expect(precision(reactions)).toBeGreaterThanOrEqual(0.395);
    expect(recall(reactions)).toBeGreaterThanOrEqual(0.105);
    expect(sum(sixth.map((score) => score.notInProgramme)).correct).toBeGreaterThanOrEqual(1);
  });
});
