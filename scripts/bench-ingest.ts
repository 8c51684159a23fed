// Benchmark: imports the programmes the recap texts are about (KubeCon EU 2025 and 2026, FOSDEM
// 2025, 38C3) into a fresh embedded database, ingests every text of tests/fixtures/recaps without
// naming its conference, and prints precision and recall against the hand-written labels: talk
// matching, reactions (talk, person, kind), and sessions reported as not in the programme.
//   npm run bench:ingest              the table
//   npm run bench:ingest -- --verbose also what was proposed and missed per text
//   npm run bench:ingest -- --verbose --without-held-out-details  the same, the third round only in the totals
// Columns: talks matched; reactions as (talk, reactor, kind); the same with the reactor's organisation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrations.js';
import { type Counts, importProgrammes, precision, readLabels, recall, scoreText, sum, type TextScore } from './recap-evaluation.js';

const verbose = process.argv.includes('--verbose');
// Leaves out the third round's lines, to read the older texts' failures without the held-out ones.
const quiet = process.argv.includes('--without-held-out-details');
const scratch = mkdtempSync(join(tmpdir(), 'talkgraph-bench-ingest-'));
const db = await openDatabase({ kind: 'embedded', dataDir: scratch });
const pct = (value: number) => value.toFixed(2);
const cell = (c: Counts) => `${pct(precision(c))} ${pct(recall(c))}`.padEnd(11);

try {
  await migrate(db);
  console.log(`${db.label}; Node ${process.version}`);
  await importProgrammes(db.prisma, console.log);
  const scores: TextScore[] = [];
  for (const text of readLabels()) scores.push(await scoreText(db.prisma, text));

  const marks: Record<TextScore['set'], string> = { development: ' ', 'development-2': '-', 'held-out': '*', 'held-out-2': '+', 'held-out-3': '#', 'held-out-4': '%', 'held-out-5': '&', 'held-out-6': '@' };
  console.log('\nprecision and recall per text (P R); - marks the second batch of development texts, *, +, #, %, & and @ the first, second, third, fourth, fifth and sixth round of held-out texts:');
  console.log(`${'text'.padEnd(40)} ${'conference'.padEnd(11)} ${'talks'.padEnd(11)} ${'reactions'.padEnd(11)} ${'+ org.'.padEnd(11)} ${'not in prog.'.padEnd(12)} ms`);
  for (const score of scores) {
    if (quiet && score.set === 'held-out-3') continue;
    const conference = score.conference.found === score.conference.expected ? 'right' : 'WRONG';
    console.log(
      `${`${marks[score.set]}${score.file}`.padEnd(40)} ${conference.padEnd(11)} ${cell(score.talks)} ${cell(score.reactions)} ${cell(score.organisations)} ${`${score.notInProgramme.correct}/${score.notInProgramme.expected}`.padEnd(12)} ${score.milliseconds.toFixed(0)}`,
    );
    if (verbose) {
      for (const key of score.extra) console.log(`    proposed, not labelled: ${key}`);
      for (const key of score.missed) console.log(`    labelled, not proposed: ${key}`);
      for (const entry of score.proposal.unmatched) console.log(`    unmatched: "${entry.text}": ${entry.why}`);
    }
  }
  // Micro-averaged: every labelled and proposed item counts once, whichever text it is in.
  const overall = (label: string, subset: TextScore[]) => {
    const talks = sum(subset.map((s) => s.talks));
    const reactions = sum(subset.map((s) => s.reactions));
    const organisations = sum(subset.map((s) => s.organisations));
    const missing = sum(subset.map((s) => s.notInProgramme));
    const conferences = subset.filter((s) => s.conference.found === s.conference.expected).length;
    console.log(
      `${label.padEnd(40)} ${`${conferences}/${subset.length}`.padEnd(11)} ${cell(talks)} ${cell(reactions)} ${cell(organisations)} ${`${missing.correct}/${missing.expected}`.padEnd(12)}`,
    );
    return { talks, reactions, missing };
  };
  console.log('');
  const older = ['development', 'held-out', 'held-out-2'];
  overall('development texts', scores.filter((s) => s.set === 'development'));
  overall('held-out texts, first round', scores.filter((s) => s.set === 'held-out'));
  overall('held-out texts, second round', scores.filter((s) => s.set === 'held-out-2'));
  overall('the 15 texts of the first rounds', scores.filter((s) => older.includes(s.set)));
  overall('development texts, second batch', scores.filter((s) => s.set === 'development-2'));
  overall('held-out texts, third round', scores.filter((s) => s.set === 'held-out-3'));
  overall('held-out texts, fourth round', scores.filter((s) => s.set === 'held-out-4'));
  overall('held-out texts, fifth round', scores.filter((s) => s.set === 'held-out-5'));
  overall('held-out texts, sixth round', scores.filter((s) => s.set === 'held-out-6'));
  const { talks, reactions, missing } = overall('all texts', scores);
  console.log(
    `\nall texts: talks ${talks.correct} of ${talks.predicted} proposed are right, ${talks.correct} of ${talks.expected} labelled were found; ` +
      `reactions ${reactions.correct} of ${reactions.predicted} right, ${reactions.correct} of ${reactions.expected} found; ` +
      `${missing.predicted} mentions listed as unmatched, ${missing.correct} of the ${missing.expected} labelled off-programme sessions among them.`,
  );
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}
