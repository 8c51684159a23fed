// Recommendations on a talk: talks like it (shared topics, speakers, organisations and words) and
// talks highlighted by the people who highlighted it. Each field is one statement for all the talks
// of its level (src/read/recommendations.ts); the talks, topics, people and organisations in the
// answer are read through the reader like any other node.
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import { byParent } from '../read/fields.js';
import type { Table } from '../read/plan.js';
import { type CoHighlightedRow, coHighlightedStatement, HIGHLIGHT_KINDS, type SimilarRow, similarTalksStatement } from '../read/recommendations.js';
import { organisations, people, talks, topics } from './tables.js';

/** Most recommendations one field returns per talk. */
export const MAX_RECOMMENDATIONS = 20;

function checkFirst(first: number) {
  if (first < 0) throw new InvalidInputError(`first: ${first} is negative; ask for 0 to ${MAX_RECOMMENDATIONS}.`, 'first');
  if (first > MAX_RECOMMENDATIONS) {
    throw new LimitExceededError(`first: ${first} is more than the ${MAX_RECOMMENDATIONS} recommendations a talk returns; ask for at most ${MAX_RECOMMENDATIONS}.`, 'first');
  }
}

async function load<T>(table: Table<T>, id: number, context: Context, info: GraphQLResolveInfo): Promise<T> {
  const row = await context.read.byId(table, id, info);
  if (!row) throw new Error(`${info.parentType.name}.${info.fieldName}: ${table.type} ${id} is gone.`);
  return row;
}

const loadAll = <T>(table: Table<T>, ids: number[], context: Context, info: GraphQLResolveInfo) =>
  Promise.all(ids.map((id) => load(table, id, context, info)));

const SimilarTalk = builder.objectRef<SimilarRow>('SimilarTalk').implement({
  description: 'A talk like another one, and why.',
  fields: (t) => ({
    talk: t.field({ type: 'Talk', resolve: (row, _args, context, info) => load(talks, row.talk, context, info) }),
    score: t.float({
      description:
        'How alike the two talks are; higher is more. Each shared topic, speaker or organisation adds ln 2 / ln(1 + n), n being the number of other talks it links (1 when it links just these two, 0.5 when three, less for hubs), half that for an organisation; shared words add 10 × ts_rank of the other talk’s text against the distinctive words of this one, when they share two or more that fewer than 100 talks use.',
      resolve: (row) => Math.round(row.score * 1000) / 1000,
    }),
    sharedTopics: t.field({ type: ['Topic'], description: 'Topics both talks cover.', resolve: (row, _args, context, info) => loadAll(topics, row.topics, context, info) }),
    sharedSpeakers: t.field({ type: ['Person'], description: 'People who spoke at both talks.', resolve: (row, _args, context, info) => loadAll(people, row.speakers, context, info) }),
    sharedOrganisations: t.field({
      type: ['Organisation'],
      description: 'Organisations of both talks’ speakers: represented on the talk, or where a speaker works.',
      resolve: (row, _args, context, info) => loadAll(organisations, row.organisations, context, info),
    }),
    sharedWords: t.stringList({
      description: 'Distinctive words of the talk asked about that this talk’s title, subtitle or abstract also uses, spelt as the talk asked about spells them. The score counts them from two on.',
      resolve: (row) => row.words,
    }),
  }),
});

interface CoHighlightedValue extends CoHighlightedRow {
  $parent: number;
}

const CoHighlightedTalk = builder.objectRef<CoHighlightedValue>('CoHighlightedTalk').implement({
  description: 'A talk highlighted by people who also highlighted another talk.',
  fields: (t) => ({
    talk: t.field({ type: 'Talk', resolve: (row, _args, context, info) => load(talks, row.talk, context, info) }),
    count: t.int({ description: 'How many people highlighted both talks.', resolve: (row) => row.people.length }),
    people: t.field({ type: ['Person'], description: 'The people who highlighted both talks.', resolve: (row, _args, context, info) => loadAll(people, row.people, context, info) }),
  }),
});

const highlightKinds = HIGHLIGHT_KINDS.join(', ');

builder.objectFields('Talk', (t) => ({
  similar: t.field({
    type: [SimilarTalk],
    description:
      'Talks like this one, at any conference, best first: those sharing its topics, speakers, their organisations and its distinctive words, each with what they share.',
    args: { first: t.arg.int({ defaultValue: 5, description: `How many (0 to ${MAX_RECOMMENDATIONS}).` }) },
    ...byParent,
    resolve: (talk, args, context, info) => {
      const first = args.first ?? 5;
      checkFirst(first);
      return context.read.grouped(info, talk.id, (ids) => similarTalksStatement(ids, first), (rows: SimilarRow[]) => rows);
    },
  }),
  coHighlighted: t.field({
    type: [CoHighlightedTalk],
    description: `Other talks that people who highlighted this one (${highlightKinds}) also highlighted, those most of them did first.`,
    args: { first: t.arg.int({ defaultValue: 5, description: `How many (0 to ${MAX_RECOMMENDATIONS}).` }) },
    ...byParent,
    resolve: (talk, args, context, info) => {
      const first = args.first ?? 5;
      checkFirst(first);
      return context.read.grouped(info, talk.id, (ids) => coHighlightedStatement(ids, first), (rows: CoHighlightedValue[]) => rows);
    },
  }),
}));
