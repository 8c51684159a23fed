// Recommendations on a talk: talks like it (shared topics, speakers, organisations and words) and
// talks highlighted by the people who highlighted it. Executed, each field is one statement for all
// the talks of its level (src/read/recommendations.ts), and the talks, topics, people and
// organisations in the answer are read through the reader like any other node; in a compiled
// operation, each is its query for one talk inside the operation's statement.
import { builder } from '../builder.js';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import { byId, byIds, perParent } from '../read/fields.js';
import { type CoHighlightedRow, coHighlightedStatement, HIGHLIGHT_KINDS, type SimilarRow, similarTalksStatement } from '../read/recommendations.js';
import { organisations, people, talks, topics } from './tables.js';

/** Most recommendations one field returns per talk. */
export const MAX_RECOMMENDATIONS = 20;

/** The number of recommendations asked for (5 by default), checked. */
function checkFirst(given: number | null | undefined): number {
  const first = given ?? 5;
  if (first < 0) throw new InvalidInputError(`first: ${first} is negative; ask for 0 to ${MAX_RECOMMENDATIONS}.`, 'first');
  if (first > MAX_RECOMMENDATIONS) {
    throw new LimitExceededError(`first: ${first} is more than the ${MAX_RECOMMENDATIONS} recommendations a talk returns; ask for at most ${MAX_RECOMMENDATIONS}.`, 'first');
  }
  return first;
}

const SimilarTalk = builder.objectRef<SimilarRow>('SimilarTalk').implement({
  description: 'A talk like another one, and why.',
  fields: (t) => ({
    talk: t.field({ type: 'Talk', ...byId(talks, 'talk') }),
    score: t.exposeFloat('score', {
      description:
        'How alike the two talks are; higher is more. Each shared topic, speaker or organisation adds ln 2 / ln(1 + n), n being the number of other talks it links (1 when it links just these two, 0.5 when three, less for hubs), half that for an organisation; shared words add 10 × ts_rank of the other talk’s text against the distinctive words of this one, when they share two or more that fewer than 100 talks use.',
    }),
    sharedTopics: t.field({ type: ['Topic'], description: 'Topics both talks cover.', ...byIds(topics, 'topics') }),
    sharedSpeakers: t.field({ type: ['Person'], description: 'People who spoke at both talks.', ...byIds(people, 'speakers') }),
    sharedOrganisations: t.field({
      type: ['Organisation'],
      description: 'Organisations of both talks’ speakers: represented on the talk, or where a speaker works.',
      ...byIds(organisations, 'organisations'),
    }),
    sharedWords: t.exposeStringList('words', {
      description: 'Distinctive words of the talk asked about that this talk’s title, subtitle or abstract also uses, spelt as the talk asked about spells them. The score counts them from two on.',
    }),
  }),
});

const CoHighlightedTalk = builder.objectRef<CoHighlightedRow>('CoHighlightedTalk').implement({
  description: 'A talk highlighted by people who also highlighted another talk.',
  fields: (t) => ({
    talk: t.field({ type: 'Talk', ...byId(talks, 'talk') }),
    count: t.exposeInt('count', { description: 'How many people highlighted both talks.' }),
    people: t.field({ type: ['Person'], description: 'The people who highlighted both talks.', ...byIds(people, 'people') }),
  }),
});

const highlightKinds = HIGHLIGHT_KINDS.join(', ');

builder.objectFields('Talk', (t) => ({
  similar: t.field({
    type: [SimilarTalk],
    description:
      'Talks like this one, at any conference, best first: those sharing its topics, speakers, their organisations and its distinctive words, each with what they share.',
    args: { first: t.arg.int({ defaultValue: 5, description: `How many (0 to ${MAX_RECOMMENDATIONS}).` }) },
    ...perParent<SimilarRow, { first?: number | null }>((parents, args) => similarTalksStatement(parents, checkFirst(args.first))),
  }),
  coHighlighted: t.field({
    type: [CoHighlightedTalk],
    description: `Other talks that people who highlighted this one (${highlightKinds}) also highlighted, those most of them did first.`,
    args: { first: t.arg.int({ defaultValue: 5, description: `How many (0 to ${MAX_RECOMMENDATIONS}).` }) },
    ...perParent<CoHighlightedRow, { first?: number | null }>((parents, args) => coHighlightedStatement(parents, checkFirst(args.first))),
  }),
}));
