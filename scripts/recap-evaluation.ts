// Scoring the article reader against hand-labelled recaps (tests/fixtures/recaps/labels.json):
// which talks it matched, who it says reacted and how, and whether it reported the sessions that
// are not in the programme. Shared by `npm run bench:ingest` and the recap spec.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingestArticle } from '../src/articles/ingest.js';
import { ACCEPT_CONFIDENCE } from '../src/articles/mentions.js';
import type { ArticleProposal } from '../src/articles/proposal.js';
import { fold } from '../src/articles/text.js';
import { organisationSlug } from '../src/dataset/identity.js';
import { TalkgraphError } from '../src/errors.js';
import { importSchedule } from '../src/db/import.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';

export const recapsDir = resolve(import.meta.dirname, '../tests/fixtures/recaps');
export const sharedData = resolve(import.meta.dirname, '../../shared/data');

/** The programmes the recaps are about, with the zone for files that give local times without one. */
export const programmes = [
  { file: 'kubecon-eu-2025-sched/talks.jsonl', timeZone: 'Europe/London' },
  { file: 'kubecon-eu-2026-ics/kccnceu2026-all.ics' },
  { file: 'fosdem-schedules/fosdem-2025.xml' },
  { file: 'ccc-congress-schedules/38c3-schedule.xml' },
];

export interface LabelledReaction {
  talk: string;
  reactor: string;
  /** The organisation the person reacted for, as the text gives it; null when it gives none. */
  organisation: string | null;
  kind: string;
}

export interface LabelledText {
  file: string;
  /**
   * "development" and "development-2": the reader was improved while running on it; "held-out",
   * "held-out-2" and "held-out-3": written and labelled with the reader frozen, each round before
   * the reader was revised again; "held-out-4": written and labelled with the reader frozen, scored once,
   * then improved on; "held-out-5": written and labelled with the reader frozen, before it was improved on
   * the fourth round, scored once after that, then improved on too; "held-out-6": written and labelled
   * with the reader frozen, after the rules learnt from the fifth round, scored once.
   */
  set: 'development' | 'development-2' | 'held-out' | 'held-out-2' | 'held-out-3' | 'held-out-4' | 'held-out-5' | 'held-out-6';
  style: string;
  conference: string;
  reactions: LabelledReaction[];
  /** Talks the text names without anyone reacting: they should be matched, not proposed as reactions. */
  mentioned: string[];
  notInProgramme: string[];
}

export function readLabels(): LabelledText[] {
  return (JSON.parse(readFileSync(resolve(recapsDir, 'labels.json'), 'utf8')) as { texts: LabelledText[] }).texts;
}

export async function importProgrammes(prisma: PrismaClient, log: (line: string) => void = () => {}): Promise<void> {
  for (const { file, timeZone } of programmes) {
    const path = resolve(sharedData, file);
    const started = performance.now();
    const { summary } = await importSchedule(prisma, readFileSync(path, 'utf8'), { file: path, timeZone });
    log(`  imported ${file}: ${summary.talks.created + summary.talks.unchanged + summary.talks.updated} talks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

export interface Counts {
  predicted: number;
  expected: number;
  correct: number;
}

export interface TextScore {
  file: string;
  set: LabelledText['set'];
  conference: { expected: string; found: string };
  talks: Counts;
  /** (talk, reactor, kind) */
  reactions: Counts;
  /** (talk, reactor, organisation, kind) */
  organisations: Counts;
  notInProgramme: Counts;
  /** What was predicted and not labelled, and labelled and not predicted, for reading. */
  extra: string[];
  missed: string[];
  proposal: ArticleProposal;
  milliseconds: number;
}

const folded = (value: string | null) => (value === null ? '-' : fold(value).replace(/\s+/g, ' '));
const reactionKey = (talk: string, reactor: string | null, kind: string) => `${talk} | ${folded(reactor)} | ${kind}`;
const organisationKey = (talk: string, reactor: string | null, organisation: string | null, kind: string) =>
  `${talk} | ${folded(reactor)} | ${organisation === null ? '-' : organisationSlug(organisation)} | ${kind}`;

/**
 * A talk counts as predicted when the proposal matches it with at least the accepting
 * confidence; a reaction is the (talk, reactor, kind) of an accepted item: what apply-proposal
 * writes when the reviewer changes nothing. Items left for the reviewer to decide (nobody named,
 * a bare mention, "I" in a post with several authors) say the talk is there, not who reacted.
 */
export async function scoreText(prisma: PrismaClient, text: LabelledText): Promise<TextScore> {
  const content = readFileSync(resolve(recapsDir, text.file), 'utf8');
  const started = performance.now();
  let proposal: ArticleProposal;
  try {
    proposal = await ingestArticle(prisma, content, { fileName: text.file });
  } catch (error) {
    // A text the reader cannot place at a conference is refused; it scores as a text in which
    // nothing was found (the command would ask for --conference).
    if (!(error instanceof TalkgraphError && error.extensions.field === 'conference')) throw error;
    proposal = { conference: { slug: '(none)' }, items: [], unmatched: [] } as unknown as ArticleProposal;
  }
  const milliseconds = performance.now() - started;
  const confident = proposal.items.filter((item) => item.confidence >= ACCEPT_CONFIDENCE);
  const reactions = confident.filter((item) => item.accepted && item.reactor !== null);
  const talkOf = (item: ArticleProposal['items'][number]) => item.talk.externalId ?? item.talk.slug;
  const predictedTalks = new Set(confident.map(talkOf));
  const expectedTalks = new Set([...text.reactions.map((reaction) => reaction.talk), ...text.mentioned]);
  const predictedReactions = new Set(reactions.map((item) => reactionKey(talkOf(item), item.reactor?.name ?? null, item.kind)));
  const expectedReactions = new Set(text.reactions.map((reaction) => reactionKey(reaction.talk, reaction.reactor, reaction.kind)));
  const predictedOrganisations = new Set(
    reactions.map((item) => organisationKey(talkOf(item), item.reactor?.name ?? null, item.reactor?.organisation ?? null, item.kind)),
  );
  const expectedOrganisations = new Set(text.reactions.map((reaction) => organisationKey(reaction.talk, reaction.reactor, reaction.organisation, reaction.kind)));
  const unmatchedTexts = proposal.unmatched.map((entry) => fold(entry.text));
  const found = text.notInProgramme.filter((title) => unmatchedTexts.some((entry) => entry.includes(fold(title)) || fold(title).includes(entry)));
  const intersect = (a: Set<string>, b: Set<string>) => [...a].filter((value) => b.has(value)).length;
  return {
    file: text.file,
    set: text.set,
    conference: { expected: text.conference, found: proposal.conference.slug },
    talks: { predicted: predictedTalks.size, expected: expectedTalks.size, correct: intersect(predictedTalks, expectedTalks) },
    reactions: { predicted: predictedReactions.size, expected: expectedReactions.size, correct: intersect(predictedReactions, expectedReactions) },
    organisations: { predicted: predictedOrganisations.size, expected: expectedOrganisations.size, correct: intersect(predictedOrganisations, expectedOrganisations) },
    notInProgramme: { predicted: proposal.unmatched.length, expected: text.notInProgramme.length, correct: found.length },
    extra: [
      ...[...predictedTalks].filter((talk) => !expectedTalks.has(talk)).map((talk) => `talk ${talk}`),
      ...[...predictedOrganisations].filter((key) => !expectedOrganisations.has(key)),
    ],
    missed: [
      ...[...expectedTalks].filter((talk) => !predictedTalks.has(talk)).map((talk) => `talk ${talk}`),
      ...[...expectedOrganisations].filter((key) => !predictedOrganisations.has(key)),
    ],
    proposal,
    milliseconds,
  };
}

export const precision = (c: Counts) => (c.predicted === 0 ? (c.expected === 0 ? 1 : 0) : c.correct / c.predicted);
export const recall = (c: Counts) => (c.expected === 0 ? 1 : c.correct / c.expected);

export function sum(counts: Counts[]): Counts {
  return counts.reduce((total, c) => ({ predicted: total.predicted + c.predicted, expected: total.expected + c.expected, correct: total.correct + c.correct }), {
    predicted: 0,
    expected: 0,
    correct: 0,
  });
}
