// proposeReactions and applyProposal: the article pipeline for API clients with a write token, on
// the seed article retold in our own words (and the original where ../shared/seeds has it).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../src/builder.js';
import type { DatasetInput } from '../src/dataset/format.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { seedPath } from '../src/db/seed.js';
import { createApp, type App } from '../src/yoga.js';
import { recording } from './helpers/statements.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError, graphSnapshot, mutate, mutationError } from './helpers/graphql.js';
import { seedArticleRetold, seedArticleSources } from './helpers/shared.js';

const article = readFileSync(seedArticleRetold, 'utf8');
const writer = 'writer-token-0123456789';
const reader = 'reader-token-0123456789';

const proposalSelection = `{
  proposal {
    version conference conferenceChosenBecause fingerprint json
    article { slug title publisher series { name part parts } authors { name jobTitle organisation } }
    items {
      talk { id slug externalId conference title }
      confidence reasons cue kind accepted summary
      evidence { start end text }
      reactor { name jobTitle organisation basis said }
    }
    unmatched { text why span { start end } }
  }
}`;

describe.each(databaseKinds)('article mutations on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const seed = JSON.parse(readFileSync(seedPath, 'utf8')) as DatasetInput;
    for (const entry of seed.articles ?? []) delete entry.reactions;
    await loadDataset(db.prisma, seed);
    app = createApp({
      database: db,
      logging: false,
      tokens: [
        { name: 'editor', scopes: ['write'], secret: writer },
        { name: 'viewer', scopes: ['read'], secret: reader },
      ],
    });
  });
  afterAll(() => db?.dispose());

  for (const source of seedArticleSources) it.skipIf(source.missing)(`proposes the reactions of ${source.name} as plain values and writes nothing`, async () => {
    const before = await graphSnapshot(db.prisma);
    const text = readFileSync(source.path, 'utf8');
    const { proposal } = await mutate(app, 'proposeReactions', { text, publishedOn: '2020-08-21' }, { selection: proposalSelection, token: writer });
    expect(proposal.conference).toBe('kubecon-cloudnativecon-europe-2020');
    expect(proposal.article.authors).toEqual([
      { name: 'Ruby Nguyen', jobTitle: 'Marketing Coordinator', organisation: 'Max Kelsen' },
      { name: 'Jacob O’Farrell', jobTitle: 'Technical Delivery Lead', organisation: 'Max Kelsen' },
    ]);
    expect(proposal.items.map((item: any) => [item.talk.slug, item.reactor.name, item.reactor.basis, item.kind, item.accepted, item.summary])).toEqual([
      ['going-beyond-ci-cd-with-prow', 'Matthew Rose', 'NAMED', 'HIGHLIGHT', true, null],
      ['advanced-persistence-threats-the-future-of-kubernetes-attacks', 'Esmael Tahmasebi', 'NAMED', 'DAY_HIGHLIGHT', true, null],
    ]);
    expect(decodeGlobalId(proposal.items[0].talk.id).typename).toBe('Talk');
    expect(JSON.parse(proposal.json).items).toHaveLength(2);
    expect(proposal.unmatched).toEqual([]);
    expect(await graphSnapshot(db.prisma)).toEqual(before);
  });

  it('applies a reviewed proposal given as typed input, returns counts and the article ID, and changes nothing the second time', async () => {
    const { proposal } = await mutate(app, 'proposeReactions', { text: article }, { selection: proposalSelection, token: writer });
    const reviewed = {
      conference: proposal.conference,
      article: { ...proposal.article },
      items: proposal.items.map((item: any, index: number) => ({ ...item, summary: `Reviewed summary ${index + 1}.` })),
    };
    const selection = '{ articleId applied skipped counts { entity created updated unchanged removed } }';
    const first = await mutate(app, 'applyProposal', { proposal: reviewed }, { selection, token: writer });
    expect(first).toMatchObject({ applied: 2, skipped: 0 });
    expect(first.counts.find((c: any) => c.entity === 'reactions')).toEqual({ entity: 'reactions', created: 2, updated: 0, unchanged: 0, removed: 0 });
    expect(decodeGlobalId(first.articleId).typename).toBe('Article');
    // The reactions keep the words of the article they were read from.
    const withEvidence = 'query ($id: ID!) { node(id: $id) { ... on Article { reactions { nodes { person { name } evidence { start end text } } } } } }';
    const read = await recording(db, () => execute(app, withEvidence, { variables: { id: first.articleId } }));
    const { node } = read.result;
    // Read in one statement, evidence spans included, as execution reads them field by field.
    expect(read.statements).toHaveLength(1);
    expect(await execute(createApp({ database: db, logging: false, compiledOperations: false }), withEvidence, { variables: { id: first.articleId } })).toEqual(read.result);
    const esmael = node.reactions.nodes.find((r: any) => r.person.name === 'Esmael Tahmasebi');
    expect(esmael.evidence.length).toBeGreaterThan(0);
    for (const span of esmael.evidence) expect(article.slice(span.start, span.end).replace(/\s+/g, ' ')).toContain(span.text.replace(/\s+/g, ' ').slice(0, 20));
    expect(esmael.evidence.map((span: any) => span.text).join(' ')).toContain('highlight of the day');
    const snapshot = await graphSnapshot(db.prisma);
    const again = await mutate(app, 'applyProposal', { proposalJson: JSON.stringify({ ...JSON.parse(proposal.json), items: JSON.parse(proposal.json).items.map((item: any, index: number) => ({ ...item, summary: `Reviewed summary ${index + 1}.` })) }) }, { selection, token: writer });
    expect(again.counts.every((c: any) => c.created + c.updated + c.removed === 0)).toBe(true);
    expect(await graphSnapshot(db.prisma)).toEqual(snapshot);
  });

  it('answers a bad proposal with a user error naming the item, and needs a write token', async () => {
    const { proposal } = await mutate(app, 'proposeReactions', { text: article }, { selection: proposalSelection, token: writer });
    const error = await mutationError(app, 'applyProposal', { proposalJson: proposal.json }, { token: writer });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'items[0].summary' });
    expect(error.message).toContain('items[1] (Esmael Tahmasebi on "Advanced Persistence Threats — The Future of Kubernetes Attacks") is accepted but has no summary');
    expect(await mutationError(app, 'applyProposal', {}, { token: writer })).toMatchObject({ code: 'INVALID_INPUT', field: 'input.proposal' });
    expect(await mutationError(app, 'proposeReactions', { text: article, conference: 'no-such-conference' }, { token: writer })).toMatchObject({ code: 'NOT_FOUND', field: 'conference' });
    const forbidden = await expectError(app, 'mutation { proposeReactions(input: { text: "x" }) { __typename } }', { token: reader });
    expect(forbidden.code).toBe('FORBIDDEN');
  });
});
