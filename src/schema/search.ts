// One search across the graph: talks by full-text search of their title, subtitle and abstract
// (ranked, with a snippet around the matched words), and people, organisations, conferences,
// topics and articles by their names (trigram word similarity, so misspellings still find them).
// One statement finds the hits of every type, best first; the hits' nodes are then read with the
// caller's selection, one statement per type present.
import { builder } from '../builder.js';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import { MAX_PAGE_SIZE } from '../read/reader.js';
import { searchStatement, searchText, type SearchTypeName, type Snippet, snippet } from '../read/search.js';
import { loadNode } from './nodes.js';

/** The node type of each kind of hit. */
const searchTypes = {
  TALK: { typename: 'Talk' },
  PERSON: { typename: 'Person' },
  ORGANISATION: { typename: 'Organisation' },
  CONFERENCE: { typename: 'Conference' },
  TOPIC: { typename: 'Topic' },
  ARTICLE: { typename: 'Article' },
} as const satisfies Record<SearchTypeName, { typename: string }>;

const SearchType = builder.enumType('SearchType', {
  description: 'What a search hit is.',
  values: {
    TALK: { description: 'A talk, found by the words of its title, subtitle or abstract.' },
    PERSON: { description: 'A person, found by name.' },
    ORGANISATION: { description: 'An organisation, found by name.' },
    CONFERENCE: { description: 'A conference, found by name.' },
    TOPIC: { description: 'A topic, found by name.' },
    ARTICLE: { description: 'An article, found by title.' },
  } as const,
});

interface Hit {
  type: SearchTypeName;
  id: number;
  score: number;
  snippet: Snippet;
}

const TextRange = builder.objectRef<Snippet['highlights'][number]>('TextRange').implement({
  description: 'A stretch of a text: its start and length, in UTF-16 code units (JavaScript string indexes).',
  fields: (t) => ({ start: t.exposeInt('start'), length: t.exposeInt('length') }),
});

const SnippetType = builder.objectRef<Snippet>('Snippet').implement({
  description: 'A short text around what matched, and where the matched words are in it.',
  fields: (t) => ({
    text: t.exposeString('text'),
    highlights: t.field({ type: [TextRange], resolve: (value) => value.highlights }),
  }),
});

const SearchHit = builder.objectRef<Hit>('SearchHit').implement({
  description: 'One thing a search found.',
  fields: (t) => ({
    type: t.field({ type: SearchType, resolve: (hit) => hit.type }),
    score: t.exposeFloat('score', {
      description:
        'How well it matches, from 0 to 1: a name by the word similarity of the query’s words to it; a talk with every word from 0.5 up by text rank, one with only some words below 0.25.',
    }),
    snippet: t.field({ type: SnippetType, resolve: (hit) => hit.snippet }),
    node: t.field({
      type: builder.nodeInterfaceRef(),
      resolve: async (hit, _args, context, info) => {
        const node = await loadNode({ typename: searchTypes[hit.type].typename, id: hit.id }, context, info);
        if (!node) throw new Error(`The ${hit.type} a search just found is gone.`);
        return node;
      },
    }),
  }),
});

/** Words of `name` close to a word of the query (sharing most of their letter triples), to highlight. */
function nameSnippet(name: string, text: string): Snippet {
  const grams = (word: string) => {
    const padded = `  ${word.toLowerCase()} `;
    return new Set(Array.from({ length: padded.length - 2 }, (_, i) => padded.slice(i, i + 3)));
  };
  const queryWords = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(grams);
  const highlights: Snippet['highlights'] = [];
  for (const match of name.matchAll(/[\p{L}\p{N}]+/gu)) {
    const mine = grams(match[0]);
    const close = queryWords.some((theirs) => {
      const shared = [...mine].filter((gram) => theirs.has(gram)).length;
      return shared / Math.max(mine.size, theirs.size) >= 0.4;
    });
    if (close) highlights.push({ start: match.index, length: match[0].length });
  }
  return { text: name, highlights };
}

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHit],
    description:
      'Searches talks (full text, web-search syntax: words, "a phrase", or, -excluded; words match as words) and the names of people, organisations, conferences, topics and articles (close misspellings match too). Best hits first.',
    args: {
      query: t.arg.string({ required: true }),
      types: t.arg({ type: [SearchType], description: 'Only these kinds of hit; default all.' }),
      first: t.arg.int({ defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` }),
    },
    resolve: async (_root, args, context) => {
      const text = searchText(args.query, 'query');
      const first = args.first ?? 20;
      if (first < 1) throw new InvalidInputError(`first: ask for at least one hit (got ${first}).`, 'first');
      if (first > MAX_PAGE_SIZE) throw new LimitExceededError(`first: ${first} is more than the ${MAX_PAGE_SIZE} hits a search returns.`, 'first');
      const types = (args.types?.length ? [...new Set(args.types)] : Object.keys(searchTypes)) as SearchTypeName[];
      const statement = searchStatement(types, text, first);
      const rows = await context.read.query<{ type: SearchTypeName; id: number; score: number; text: string }>(statement);
      return rows.map((row) => ({
        type: row.type,
        id: row.id,
        score: Math.round(row.score * 10_000) / 10_000,
        snippet: row.type === 'TALK' ? snippet(row.text) : nameSnippet(row.text, text),
      }));
    },
  }),
);
