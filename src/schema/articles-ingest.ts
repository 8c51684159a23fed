// Reactions from recap articles, for API clients: proposeReactions reads an article and returns
// the proposal (nothing is written); applyProposal writes a reviewed proposal's accepted items in
// one transaction. The same pipeline as `talkgraph ingest-article` and `apply-proposal`
// (src/articles). Plain object types only: the proposal is not stored, and what applying writes is
// reachable afterwards through the article's global ID.
import { applyProposal } from '../articles/apply.js';
import { ingestArticle } from '../articles/ingest.js';
import { type ArticleProposal, PROPOSAL_FORMAT, PROPOSAL_VERSION, type ProposalItem } from '../articles/proposal.js';
import { articleFormats } from '../articles/reader.js';
import { builder, encodeGlobalId } from '../builder.js';
import { type EntityCounts, type LoadedEntity, loadedEntities } from '../db/load-dataset.js';
import { InvalidInputError } from '../errors.js';
import { ReactionKindEnum } from './enums.js';
import { EvidenceSpan } from './reactions.js';
import { writes } from './mutation-support.js';

const ArticleFormatEnum = builder.enumType('ArticleFormat', {
  description: 'How an article is written.',
  values: {
    TEXT: { value: 'text', description: 'Plain text: blank lines between paragraphs.' },
    MARKDOWN: { value: 'markdown', description: 'Markdown, with optional front matter.' },
    HTML: { value: 'html', description: 'An HTML page or fragment.' },
  } satisfies Record<string, { value: (typeof articleFormats)[number]; description: string }>,
});

const ReactorBasisEnum = builder.enumType('ReactorBasis', {
  description: 'Why the proposal names this person as the one who reacted.',
  values: {
    NAMED: { value: 'named', description: 'The text names them as attending, nominating or reacting.' },
    AUTHOR: { value: 'author', description: 'An author: the text speaks as "I" or "we", or of the author by name.' },
  },
});

type Span = { start: number; end: number };

const TextSpan = builder.objectRef<Span>('TextSpan').implement({
  description: 'A span of the article as sent: UTF-16 offsets, end exclusive.',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end') }),
});


const ProposedTalk = builder.objectRef<ProposalItem['talk']>('ProposedTalk').implement({
  description: 'The talk an article speaks about, as matched in the conference programme.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The Talk’s global ID.' }),
    slug: t.exposeString('slug'),
    externalId: t.exposeString('externalId', { nullable: true }),
    conference: t.exposeString('conference', { description: 'The conference’s slug.' }),
    title: t.exposeString('title'),
  }),
});

const ProposedReactor = builder.objectRef<NonNullable<ProposalItem['reactor']>>('ProposedReactor').implement({
  description: 'Who reacted, with the role the article gives them.',
  fields: (t) => ({
    name: t.exposeString('name'),
    jobTitle: t.exposeString('jobTitle', { nullable: true }),
    organisation: t.exposeString('organisation', { nullable: true, description: 'The organisation they reacted as a member of.' }),
    basis: t.field({ type: ReactorBasisEnum, resolve: (reactor) => reactor.basis }),
    said: t.exposeString('said', { description: 'The words that make them the reactor.' }),
  }),
});

const ProposedReaction = builder.objectRef<ProposalItem>('ProposedReaction').implement({
  description: 'One reaction the article records, for a reviewer to accept, reject or correct.',
  fields: (t) => ({
    talk: t.field({ type: ProposedTalk, resolve: (item) => item.talk }),
    confidence: t.exposeFloat('confidence', { description: 'How sure the match to the talk is, from 0 to 1.' }),
    reasons: t.exposeStringList('reasons'),
    evidence: t.field({ type: [EvidenceSpan], resolve: (item) => item.evidence }),
    reactor: t.field({ type: ProposedReactor, nullable: true, resolve: (item) => item.reactor }),
    kind: t.field({ type: ReactionKindEnum, resolve: (item) => item.kind }),
    cue: t.exposeString('cue', { nullable: true, description: 'The words that show the kind.' }),
    accepted: t.exposeBoolean('accepted', { description: 'Whether applying writes it; true by default when confident and with a reactor.' }),
    summary: t.exposeString('summary', { nullable: true, description: 'Always null here: the reviewer writes it, in their own words.' }),
  }),
});

const UnmatchedMention = builder.objectRef<ArticleProposal['unmatched'][number]>('UnmatchedMention').implement({
  description: 'Words that read like a talk or a speaker but match nothing in the programme.',
  fields: (t) => ({
    text: t.exposeString('text'),
    span: t.field({ type: TextSpan, resolve: (entry) => entry.span }),
    why: t.exposeString('why'),
  }),
});

const ProposedAuthor = builder.objectRef<ArticleProposal['article']['authors'][number]>('ProposedAuthor').implement({
  description: 'An author from the byline.',
  fields: (t) => ({
    name: t.exposeString('name'),
    jobTitle: t.exposeString('jobTitle', { nullable: true }),
    organisation: t.exposeString('organisation', { nullable: true }),
  }),
});

const ProposedSeries = builder.objectRef<NonNullable<ArticleProposal['article']['series']>>('ProposedSeries').implement({
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    part: t.exposeInt('part', { nullable: true }),
    parts: t.exposeInt('parts', { nullable: true }),
  }),
});

const ProposedArticle = builder.objectRef<ArticleProposal['article']>('ProposedArticle').implement({
  description: 'The article itself, as it will be stored.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    url: t.exposeString('url', { nullable: true }),
    publishedOn: t.exposeString('publishedOn', { nullable: true, description: 'YYYY-MM-DD.' }),
    publisher: t.exposeString('publisher', { nullable: true }),
    series: t.field({ type: ProposedSeries, nullable: true, resolve: (article) => article.series }),
    authors: t.field({ type: [ProposedAuthor], resolve: (article) => article.authors }),
  }),
});

const ReactionProposal = builder.objectRef<ArticleProposal>('ReactionProposal').implement({
  description: 'What an article says about talks, proposed for review: nothing is written until applyProposal.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    conference: t.string({ description: 'Slug of the conference whose programme was matched.', resolve: (proposal) => proposal.conference.slug }),
    conferenceChosenBecause: t.string({ resolve: (proposal) => proposal.conference.chosenBecause }),
    article: t.field({ type: ProposedArticle, resolve: (proposal) => proposal.article }),
    items: t.field({ type: [ProposedReaction], resolve: (proposal) => proposal.items }),
    unmatched: t.field({ type: [UnmatchedMention], resolve: (proposal) => proposal.unmatched }),
    fingerprint: t.string({ description: 'FNV-1a of the text, to tell later whether evidence offsets still fit it.', resolve: (proposal) => proposal.source.fingerprint }),
    json: t.string({
      description: 'The whole proposal as JSON, as `talkgraph ingest-article --json` prints it; applyProposal also takes it (proposalJson).',
      resolve: (proposal) => JSON.stringify(proposal),
    }),
  }),
});

builder.relayMutationField(
  'proposeReactions',
  {
    inputFields: (t) => ({
      text: t.string({ required: true, description: 'The article: plain text, Markdown or HTML.' }),
      format: t.field({ type: ArticleFormatEnum, description: 'Leave out to tell it from the content.' }),
      conference: t.string({ description: 'Slug of the conference it is about; inferred from the text when left out.' }),
      publishedOn: t.field({ type: 'Date', description: 'Overrides the date the article declares.' }),
      url: t.string({ description: 'Where the article is published.' }),
    }),
  },
  {
    ...writes,
    description: 'Reads a recap article and proposes the reactions it records, for review. Writes nothing.',
    resolve: async (_root, { input }, { prisma }) => ({
      proposal: await ingestArticle(prisma, input.text, {
        format: input.format ?? undefined,
        conference: input.conference ?? undefined,
        publishedOn: input.publishedOn ? input.publishedOn.toISOString().slice(0, 10) : undefined,
        url: input.url ?? undefined,
      }),
    }),
  },
  { outputFields: (t) => ({ proposal: t.field({ type: ReactionProposal, resolve: (payload) => payload.proposal }) }) },
);

// Input: the proposal as the client received it, with its review (accepted, summary, corrected reactor).

const TalkRefInput = builder.inputType('ProposedTalkInput', {
  fields: (t) => ({
    id: t.string({ required: true, description: 'The Talk’s global ID.' }),
    slug: t.string({ required: true }),
    conference: t.string({ required: true }),
    externalId: t.string(),
    title: t.string({ required: true }),
  }),
});

const ReactorInput = builder.inputType('ProposedReactorInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    jobTitle: t.string(),
    organisation: t.string(),
    basis: t.field({ type: ReactorBasisEnum, required: true }),
    said: t.string(),
  }),
});

const EvidenceInput = builder.inputType('EvidenceSpanInput', {
  fields: (t) => ({ start: t.int({ required: true }), end: t.int({ required: true }), text: t.string({ required: true }) }),
});

const ReactionInput = builder.inputType('ProposedReactionInput', {
  fields: (t) => ({
    talk: t.field({ type: TalkRefInput, required: true }),
    reactor: t.field({ type: ReactorInput }),
    kind: t.field({ type: ReactionKindEnum, required: true }),
    accepted: t.boolean({ required: true }),
    summary: t.string({ description: 'Required for accepted items: why they reacted so, in the reviewer’s words.' }),
    evidence: t.field({ type: [EvidenceInput] }),
    confidence: t.float(),
    reasons: t.stringList(),
    cue: t.string(),
  }),
});

const AuthorInput = builder.inputType('ProposedAuthorInput', {
  fields: (t) => ({ name: t.string({ required: true }), jobTitle: t.string(), organisation: t.string() }),
});

const SeriesInput = builder.inputType('ProposedSeriesInput', {
  fields: (t) => ({ name: t.string(), part: t.int(), parts: t.int() }),
});

const ArticleInput = builder.inputType('ProposedArticleInput', {
  fields: (t) => ({
    slug: t.string({ required: true }),
    title: t.string({ required: true }),
    url: t.string(),
    publishedOn: t.string({ description: 'YYYY-MM-DD.' }),
    publisher: t.string(),
    series: t.field({ type: SeriesInput }),
    authors: t.field({ type: [AuthorInput], required: true }),
  }),
});

const ProposalInput = builder.inputType('ReactionProposalInput', {
  description: 'A reviewed proposal: the fields of ReactionProposal that applying needs.',
  fields: (t) => ({
    conference: t.string({ required: true }),
    article: t.field({ type: ArticleInput, required: true }),
    items: t.field({ type: [ReactionInput], required: true }),
  }),
});

const AppliedCounts = builder.objectRef<EntityCounts & { entity: LoadedEntity }>('AppliedEntityCounts').implement({
  description: 'What applying did to one kind of record.',
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'e.g. reactions, people, articles.' }),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    removed: t.exposeInt('removed'),
  }),
});

type ReviewedInput = typeof ProposalInput.$inferInput;

/** The typed input as a proposal; fields the review does not need get neutral values. */
function fromInput(input: ReviewedInput): ArticleProposal {
  return {
    format: PROPOSAL_FORMAT,
    version: PROPOSAL_VERSION,
    source: { format: 'text', file: null, characters: 0, fingerprint: '' },
    conference: { slug: input.conference, name: input.conference, chosenBecause: 'given by the caller' },
    article: {
      slug: input.article.slug,
      title: input.article.title,
      url: input.article.url ?? null,
      publishedOn: input.article.publishedOn ?? null,
      publisher: input.article.publisher ?? null,
      series: input.article.series ? { name: input.article.series.name ?? null, part: input.article.series.part ?? null, parts: input.article.series.parts ?? null } : null,
      authors: input.article.authors.map((author) => ({ name: author.name, jobTitle: author.jobTitle ?? null, organisation: author.organisation ?? null })),
    },
    items: input.items.map((item) => ({
      talk: { ...item.talk, externalId: item.talk.externalId ?? null },
      confidence: item.confidence ?? 1,
      reasons: item.reasons ?? [],
      evidence: item.evidence ?? [],
      reactor: item.reactor
        ? { name: item.reactor.name, jobTitle: item.reactor.jobTitle ?? null, organisation: item.reactor.organisation ?? null, basis: item.reactor.basis, said: item.reactor.said ?? '' }
        : null,
      kind: item.kind,
      cue: item.cue ?? null,
      accepted: item.accepted,
      summary: item.summary ?? null,
    })),
    unmatched: [],
  };
}

builder.relayMutationField(
  'applyProposal',
  {
    inputFields: (t) => ({
      proposal: t.field({ type: ProposalInput, description: 'The reviewed proposal, as typed input.' }),
      proposalJson: t.string({ description: 'Or the reviewed proposal as JSON text (ReactionProposal.json, edited).' }),
    }),
  },
  {
    ...writes,
    description:
      'Writes the accepted items of a reviewed proposal in one transaction: the article with its authors and publisher, the people who reacted with their roles, and the reactions with their evidence. Applying it again changes nothing; a proposal with a problem writes nothing and the error names the item.',
    resolve: async (_root, { input }, { prisma }) => {
      const given = [input.proposal, input.proposalJson].filter((value) => value != null).length;
      if (given !== 1) {
        throw new InvalidInputError('Give the proposal once: either proposal (typed) or proposalJson (text).', 'input.proposal');
      }
      let proposal: unknown;
      if (input.proposalJson != null) {
        try {
          proposal = JSON.parse(input.proposalJson);
        } catch (error) {
          throw new InvalidInputError(`input.proposalJson is not JSON: ${(error as Error).message}`, 'input.proposalJson');
        }
      } else proposal = fromInput(input.proposal!);
      const result = await applyProposal(prisma, proposal);
      const article = await prisma.article.findUniqueOrThrow({ where: { slug: result.article }, select: { id: true } });
      return { ...result, articleId: encodeGlobalId('Article', article.id) };
    },
  },
  {
    outputFields: (t) => ({
      articleId: t.exposeID('articleId', { description: 'The Article’s global ID: its reactions, authors and publisher are reachable from it.' }),
      applied: t.exposeInt('applied', { description: 'Accepted items written or found already in place.' }),
      skipped: t.exposeInt('skipped', { description: 'Items left out because they are not accepted.' }),
      counts: t.field({
        type: [AppliedCounts],
        description: 'Per kind of record, in load order; kinds the proposal does not touch are left out.',
        resolve: (result) =>
          loadedEntities
            .map((entity) => ({ entity, ...result.summary[entity] }))
            .filter((c) => c.created + c.updated + c.unchanged + c.removed > 0),
      }),
    }),
  },
);
