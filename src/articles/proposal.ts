// The proposal: what `talkgraph ingest-article` suggests and a reviewer edits before
// `talkgraph apply-proposal` writes it. It is JSON, versioned, and checked on the way back in:
// a hand-edited proposal with a typo fails with the item and field named.
//
// {
//   "format": "talkgraph-article-proposal", "version": 1,
//   "source":     how the file was read; evidence offsets refer to that file,
//   "conference": the conference whose programme was matched, and why it was chosen,
//   "article":    title, url, publishedOn, publisher, series, authors [{name, jobTitle, organisation}],
//   "items": [{
//     "talk":       {id (GraphQL global ID), slug, externalId, conference (slug), title},
//     "confidence": 0..1, "reasons": [why this talk],
//     "evidence":   [{start, end, text}]: spans of the file (UTF-16 offsets) and their words,
//     "reactor":    {name, jobTitle, organisation, basis: "named" | "author", said} or null,
//     "kind":       HIGHLIGHT | DAY_HIGHLIGHT | RECOMMENDATION | TAKEAWAY | CRITIQUE | MENTION,
//     "cue":        the words that show the kind, or null,
//     "accepted":   whether apply writes it (default: confident, with a reactor),
//     "summary":    null until the reviewer writes one, in their own words
//   }],
//   "unmatched":  [{text, span: {start, end}, why}]: talk-like mentions nothing was matched to
// }
import { z } from 'zod';
import { reactionKinds } from '../dataset/format.js';
import { articleFormats } from './reader.js';

export const PROPOSAL_FORMAT = 'talkgraph-article-proposal';
export const PROPOSAL_VERSION = 1;

const span = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) });
const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable();

export const proposalReactor = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(300),
  jobTitle: nullableText(300),
  organisation: nullableText(300),
  /** "named": the text names the person as reacting; "author": the article speaks as "I"/"we". */
  basis: z.enum(['named', 'author']),
  /** The words that make them the reactor. */
  said: z.string().max(1000),
});

export const proposalItem = z.strictObject({
  talk: z.strictObject({
    id: z.string().min(1),
    slug: z.string().min(1),
    externalId: z.string().nullable(),
    conference: z.string().min(1),
    title: z.string(),
  }),
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  evidence: z.array(span.extend({ text: z.string().max(5000) })).max(50),
  reactor: proposalReactor.nullable(),
  kind: z.enum(reactionKinds),
  cue: z.string().nullable(),
  accepted: z.boolean(),
  /** The reviewer's own words; the proposal never fills it in. */
  summary: z.string().max(5000).nullable(),
});

export const articleProposal = z.strictObject({
  format: z.literal(PROPOSAL_FORMAT, { error: `must be "${PROPOSAL_FORMAT}"` }),
  version: z.literal(PROPOSAL_VERSION, { error: `must be ${PROPOSAL_VERSION}; this talkgraph reads version ${PROPOSAL_VERSION}` }),
  source: z.strictObject({
    format: z.enum(articleFormats),
    file: z.string().nullable(),
    characters: z.number().int().min(0),
    /** FNV-1a of the text, to tell whether evidence offsets still point into the same file. */
    fingerprint: z.string(),
  }),
  conference: z.strictObject({ slug: z.string().min(1), name: z.string(), chosenBecause: z.string() }),
  article: z.strictObject({
    slug: z.string().min(1),
    title: z.string().trim().min(1, 'must not be empty').max(1000),
    url: z.string().nullable(),
    publishedOn: z.iso.date({ error: 'must be a date like 2020-08-21' }).nullable(),
    publisher: nullableText(300),
    series: z.strictObject({ name: nullableText(300), part: z.number().int().min(1).nullable(), parts: z.number().int().min(1).nullable() }).nullable(),
    authors: z.array(z.strictObject({ name: z.string().trim().min(1).max(300), jobTitle: nullableText(300), organisation: nullableText(300) })).max(100),
  }),
  items: z.array(proposalItem).max(10000),
  unmatched: z.array(z.strictObject({ text: z.string(), span, why: z.string() })),
});

export type ArticleProposal = z.output<typeof articleProposal>;
export type ProposalItem = z.output<typeof proposalItem>;
export type ProposalReactor = z.output<typeof proposalReactor>;

/** How messages name an item: its index, who, and which talk. */
export function describeItem(item: Pick<ProposalItem, 'reactor' | 'talk'>, index: number): string {
  return `items[${index}] (${item.reactor?.name ?? 'no reactor'} on "${item.talk.title}")`;
}
