// Turning a recap article into reviewed reactions: the seed article (retold in our own words, and
// the original where ../shared/seeds has it) proposes exactly the seed's reactions, applying a reviewed proposal writes them once, a bad proposal writes nothing and
// names the item, and the matching rules (spelling variants, days, several talks per speaker)
// hold on small graphs made for each rule.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyProposal } from '../src/articles/apply.js';
import { ingestArticle } from '../src/articles/ingest.js';
import { ACCEPT_CONFIDENCE } from '../src/articles/mentions.js';
import type { ArticleProposal } from '../src/articles/proposal.js';
import { encodeGlobalId } from '../src/builder.js';
import type { DatasetInput } from '../src/dataset/format.js';
import { personSlug } from '../src/dataset/identity.js';
import { loadDataset } from '../src/db/load-dataset.js';
import { seedPath } from '../src/db/seed.js';
import { TalkgraphError } from '../src/errors.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { graphSnapshot } from './helpers/graphql.js';
import { seedArticleRetold, seedArticleSources } from './helpers/shared.js';

const seedDataset = () => JSON.parse(readFileSync(seedPath, 'utf8')) as DatasetInput;

/** The seed graph as it would be before anyone recorded the article's reactions. */
function seedWithoutReactions(): DatasetInput {
  const dataset = seedDataset();
  for (const article of dataset.articles ?? []) delete article.reactions;
  return dataset;
}

/** The sentence each text gives as evidence of Esmael Tahmasebi's highlight of the day. */
const dayHighlightSentence: Record<string, string> = {
  '000_e0d67380d69774e5.txt': 'This talk was nominated by our Cloud Engineer, Esmael Tahmasebi, as his highlight of the day.',
  'kubecon-eu-2020-day-four.txt':
    'This talk was picked by our Cloud Engineer, Esmael Tahmasebi, as his highlight of the day, for showing how a misconfigured cluster can be attacked even on a cloud provider.',
};

/** An item as a reviewer compares it: which talk, who, for whom, how. */
const gist = (proposal: ArticleProposal) =>
  proposal.items.map((item) => ({
    talk: `${item.talk.conference}/${item.talk.slug}`,
    person: item.reactor && personSlug(item.reactor.name),
    jobTitle: item.reactor?.jobTitle,
    organisation: item.reactor?.organisation,
    kind: item.kind,
    accepted: item.accepted,
  }));

async function refusal(run: Promise<unknown>): Promise<TalkgraphError> {
  const error = await run.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, 'expected the proposal to be refused').toBeInstanceOf(TalkgraphError);
  return error as TalkgraphError;
}

describe.each(databaseKinds)('recap articles on %s PostgreSQL', (kind) => {
  for (const source of seedArticleSources) describe.skipIf(source.missing)(source.name, () => {
    let db: TestDatabase;
    let proposal: ArticleProposal;
    let seedArticle: string;
    beforeAll(async () => {
      seedArticle = readFileSync(source.path, 'utf8');
      db = await createTestDatabase(kind);
      await loadDataset(db.prisma, seedWithoutReactions());
      proposal = await ingestArticle(db.prisma, seedArticle, { fileName: basename(source.path) });
    });
    afterAll(() => db?.dispose());

    it("proposes exactly the seed's two reactions and the two authors with their roles, and nothing else", () => {
      expect(proposal.conference.slug).toBe('kubecon-cloudnativecon-europe-2020');
      expect(proposal.article).toMatchObject({
        slug: 'max-kelsen-wraps-up-kubecon-day-four',
        title: 'Max Kelsen Wraps Up KubeCon: Day Four',
        publisher: 'Max Kelsen',
        series: { name: 'Max Kelsen Wraps Up KubeCon', part: 4, parts: 4 },
        authors: [
          { name: 'Ruby Nguyen', jobTitle: 'Marketing Coordinator', organisation: 'Max Kelsen' },
          { name: 'Jacob O’Farrell', jobTitle: 'Technical Delivery Lead', organisation: 'Max Kelsen' },
        ],
      });
      const seedReactions = seedDataset().articles![0].reactions!.map((reaction) => ({
        talk: reaction.talk,
        person: reaction.person,
        organisation: reaction.organisation,
        kind: reaction.kind,
      }));
      const proposed = gist(proposal).map(({ talk, person, organisation, kind }) => ({
        talk,
        person,
        organisation: organisation === 'Max Kelsen' ? 'max-kelsen' : organisation,
        kind,
      }));
      expect(proposed).toEqual(seedReactions);
      expect(gist(proposal).map(({ person, jobTitle, accepted }) => ({ person, jobTitle, accepted }))).toEqual([
        { person: 'matthew-rose', jobTitle: 'Machine Learning Engineer', accepted: true },
        { person: 'esmael-tahmasebi', jobTitle: 'Cloud Engineer', accepted: true },
      ]);
      expect(proposal.unmatched).toEqual([]);
    });

    it('says why, with the cue, and gives evidence as spans of the file', () => {
      const [prow, apt] = proposal.items;
      expect(prow.cue).toMatch(/particularly interesting/);
      expect(apt.cue).toMatch(/highlight of the day/);
      expect(prow.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/heading gives its title/), expect.stringMatching(/Sysdig is named beside Leo Di Donato/)]));
      expect(apt.reasons.join('\n')).toMatch(/names its speaker Ian Coldwater/);
      expect(apt.reactor).toMatchObject({ basis: 'named', said: 'our Cloud Engineer, Esmael Tahmasebi' });
      expect(prow.talk.id).toMatch(/^[A-Za-z0-9_-]+$/);
      for (const item of proposal.items) {
        expect(item.confidence).toBeGreaterThanOrEqual(0.9);
        expect(item.summary).toBeNull();
        for (const span of item.evidence) expect(seedArticle.slice(span.start, span.end)).toBe(span.text);
      }
      expect(apt.evidence.map((span) => span.text)).toContain(dayHighlightSentence[basename(source.path)]);
    });
  });

  describe('applying a reviewed proposal', () => {
    let db: TestDatabase;
    let reviewed: ArticleProposal;
    beforeEach(async () => {
      db = await createTestDatabase(kind);
      await loadDataset(db.prisma, seedWithoutReactions());
      reviewed = await ingestArticle(db.prisma, readFileSync(seedArticleRetold, 'utf8'));
      reviewed.items[0].summary = 'Saw how Prow automates the contribution workflow he once met as a first-time contributor.';
      reviewed.items[1].summary = 'Picked it for showing how misconfigured clusters get attacked, even on a cloud provider.';
    });
    afterEach(() => db?.dispose());

    it('writes the reactions with their evidence, once: applying it again changes nothing', async () => {
      const first = await applyProposal(db.prisma, reviewed);
      expect(first).toMatchObject({ article: 'max-kelsen-wraps-up-kubecon-day-four', applied: 2, skipped: 0 });
      expect(first.summary.reactions).toEqual({ created: 2, updated: 0, unchanged: 0, removed: 0 });
      expect(first.summary.people).toMatchObject({ created: 0, updated: 0 });
      const reactions = await db.prisma.reaction.findMany({
        orderBy: { person: { slug: 'asc' } },
        select: { kind: true, summary: true, evidence: true, person: { select: { slug: true } }, organisation: { select: { slug: true } }, talk: { select: { slug: true } }, article: { select: { slug: true } } },
      });
      expect(reactions.map(({ kind, person, organisation, talk, article }) => ({ kind, person: person.slug, organisation: organisation?.slug, talk: talk.slug, article: article.slug }))).toEqual([
        { kind: 'DAY_HIGHLIGHT', person: 'esmael-tahmasebi', organisation: 'max-kelsen', talk: 'advanced-persistence-threats-the-future-of-kubernetes-attacks', article: 'max-kelsen-wraps-up-kubecon-day-four' },
        { kind: 'HIGHLIGHT', person: 'matthew-rose', organisation: 'max-kelsen', talk: 'going-beyond-ci-cd-with-prow', article: 'max-kelsen-wraps-up-kubecon-day-four' },
      ]);
      expect(reactions[0].summary).toBe(reviewed.items[1].summary);
      expect(reactions[0].evidence).toEqual(reviewed.items[1].evidence.map(({ start, end, text }) => expect.objectContaining({ start, end, text })));

      const before = await graphSnapshot(db.prisma);
      const second = await applyProposal(db.prisma, reviewed);
      for (const counts of Object.values(second.summary)) expect(counts).toMatchObject({ created: 0, updated: 0, removed: 0 });
      expect(await graphSnapshot(db.prisma)).toEqual(before);
    });

    it('adds the people, roles, publisher and article a new article brings', async () => {
      const article = `Notes from KubeCon Europe 2020

By Priya Raman, Platform Engineer at Northwind Labs

On the last day I watched "Going Beyond CI/CD With Prow" by Leo Di Donato from Sysdig. I would recommend it to any maintainer drowning in pull requests.`;
      const proposal = await ingestArticle(db.prisma, article, { url: 'https://northwind.example/kubecon-2020', publishedOn: '2020-08-24' });
      expect(gist(proposal)).toEqual([
        {
          talk: 'kubecon-cloudnativecon-europe-2020/going-beyond-ci-cd-with-prow',
          person: 'priya-raman',
          jobTitle: 'Platform Engineer',
          organisation: 'Northwind Labs',
          kind: 'RECOMMENDATION',
          accepted: true,
        },
      ]);
      proposal.items[0].summary = 'Recommends it to maintainers who review many pull requests.';
      const result = await applyProposal(db.prisma, proposal);
      expect(result.summary.articles.created).toBe(1);
      const stored = await db.prisma.article.findUniqueOrThrow({
        where: { slug: 'notes-from-kubecon-europe-2020' },
        select: { url: true, publishedOn: true, publisher: { select: { name: true } }, authors: { select: { person: { select: { name: true, affiliations: { select: { jobTitle: true, organisation: { select: { slug: true } } } } } } } } },
      });
      expect(stored).toEqual({
        url: 'https://northwind.example/kubecon-2020',
        publishedOn: new Date('2020-08-24T00:00:00Z'),
        publisher: { name: 'Northwind Labs' },
        authors: [{ person: { name: 'Priya Raman', affiliations: [{ jobTitle: 'Platform Engineer', organisation: { slug: 'northwind-labs' } }] } }],
      });
    });

    it('refuses a proposal with an accepted item that has no summary, naming every such item, and writes nothing', async () => {
      reviewed.items[1].summary = null;
      reviewed.items[0].summary = '  ';
      const before = await graphSnapshot(db.prisma);
      const error = await refusal(applyProposal(db.prisma, reviewed));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe('items[0].summary');
      expect(error.message).toContain('items[0] (Matthew Rose on "Going Beyond CI/CD With Prow") is accepted but has no summary');
      expect(error.message).toContain('items[1] (Esmael Tahmasebi on "Advanced Persistence Threats — The Future of Kubernetes Attacks") is accepted but has no summary');
      expect(await graphSnapshot(db.prisma)).toEqual(before);
    });

    it('writes only accepted items, and nothing at all when one accepted item fails', async () => {
      reviewed.items[0].accepted = false;
      reviewed.items[0].summary = null;
      const partial = await applyProposal(db.prisma, reviewed);
      expect(partial).toMatchObject({ applied: 1, skipped: 1 });
      expect(await db.prisma.reaction.count()).toBe(1);

      const before = await graphSnapshot(db.prisma);
      reviewed.items[0].accepted = true;
      reviewed.items[0].summary = 'Now accepted.';
      reviewed.items[0].talk = { ...reviewed.items[0].talk, id: encodeGlobalId('Talk', 999999), slug: 'no-such-talk' };
      const error = await refusal(applyProposal(db.prisma, reviewed));
      expect(error.field).toBe('items[0].talk');
      expect(error.message).toMatch(/^items\[0\] \(Matthew Rose on "Going Beyond CI\/CD With Prow"\): no talk with id/);
      expect(await graphSnapshot(db.prisma)).toEqual(before);
    });

    it('refuses a proposal that breaks its format or the dataset rules, naming the item and field', async () => {
      const before = await graphSnapshot(db.prisma);
      const badKind = structuredClone(reviewed) as unknown as { items: Array<Record<string, unknown>> };
      badKind.items[1].kind = 'LOVED_IT';
      const kindError = await refusal(applyProposal(db.prisma, badKind));
      expect(kindError.field).toBe('items[1].kind');
      expect(kindError.message).toMatch(/^items\[1\] \(Esmael Tahmasebi on "Advanced Persistence Threats/);

      const noReactor = structuredClone(reviewed);
      noReactor.items[0].reactor = null;
      expect((await refusal(applyProposal(db.prisma, noReactor))).message).toContain('items[0] (no reactor on "Going Beyond CI/CD With Prow") is accepted but has no reactor');

      const twice = structuredClone(reviewed);
      twice.items.push({ ...twice.items[0] });
      expect((await refusal(applyProposal(db.prisma, twice))).message).toContain('items[2] (Matthew Rose on "Going Beyond CI/CD With Prow") repeats items[0]');

      const longSummary = structuredClone(reviewed);
      longSummary.items[1].reactor!.organisation = 'x'.repeat(400);
      const organisationError = await refusal(applyProposal(db.prisma, longSummary));
      expect(organisationError.field).toBe('items[1].reactor.organisation');

      const wrongFormat = await refusal(applyProposal(db.prisma, { ...reviewed, format: 'talkgraph' }));
      expect(wrongFormat.message).toBe('format: must be "talkgraph-article-proposal"');
      expect(await graphSnapshot(db.prisma)).toEqual(before);
    });
  });

  describe('matching rules on small programmes', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      await loadDataset(db.prisma, demoSummit);
    });
    afterAll(() => db?.dispose());

    const ingest = (text: string) => ingestArticle(db.prisma, text, { conference: 'demo-summit-2030' });
    /** The talks matched, and whether confidently enough to be accepted (whatever the text says of them). */
    const talksOf = (proposal: ArticleProposal) => proposal.items.map((item) => [item.talk.slug, item.confidence >= ACCEPT_CONFIDENCE]);

    it.each([
      ['a dropped letter', 'Anabelle Frost'],
      ['a doubled letter', 'Annabellle Frost'],
      ['two swapped letters', 'Annabelle Forst'],
    ])('matches a speaker name with %s when the organisation confirms it', async (_case, written) => {
      const proposal = await ingest(`Notes\n\nBy Sam Lee\n\nI liked how ${written} from Keyline explained signing releases.`);
      expect(talksOf(proposal)).toEqual([['securing-supply-chains-with-sigstore', true]]);
      expect(proposal.items[0].reasons[0]).toBe(`names its speaker Annabelle Frost (written "${written}", a spelling variant)`);
      expect(proposal.items[0].reasons[1]).toBe('the organisation Keyline is named beside Annabelle Frost');
    });

    it('matches a spelling variant confirmed by the day, and does not accept one that nothing confirms', async () => {
      const onDay = await ingest('Notes\n\nBy Sam Lee\n\nOn the last day Annabelle Forst talked to a full room.');
      expect(talksOf(onDay)).toEqual([['securing-supply-chains-with-sigstore', true]]);
      expect(onDay.items[0].reasons).toContain('the text puts it on day 3 ("last day"), as the programme does');
      const alone = await ingest('Notes\n\nBy Sam Lee\n\nAnnabelle Forst was in the hallway.');
      expect(alone.items.filter((item) => item.confidence >= ACCEPT_CONFIDENCE)).toEqual([]);
      expect(alone.unmatched.map((entry) => entry.text)).toEqual(['Annabelle Forst']);
      expect(alone.unmatched[0].why).toMatch(/nothing else confirms it/);
    });

    it('matches a surname written joined or split', async () => {
      for (const written of ['Marco Vanhouten', 'Marco Van Houten', 'Marco van Houten']) {
        const proposal = await ingest(`Recap\n\nBy Sam Lee\n\n${written} from Tulip Networks showed a daemon rewritten in Rust.`);
        expect(talksOf(proposal), written).toEqual([['rust-for-network-daemons', true]]);
      }
    });

    it('tells a speaker’s talks apart by the day, resolved against the conference dates', async () => {
      const secondDay = await ingest('Recap\n\nBy Sam Lee\n\nOn the second day Katarzyna Wójcik from Acme Cloud was on stage again.');
      expect(talksOf(secondDay)).toEqual([['scaling-postgres-on-kubernetes', true]]);
      expect(secondDay.items[0].reasons.join('\n')).toMatch(/day 2 \("second day"\)/);
      const tuesday = await ingest('Recap\n\nBy Sam Lee\n\nOn Tuesday Katarzyna Wojcik from Acme Cloud opened the track.');
      expect(talksOf(tuesday)).toEqual([['observability-for-batch-jobs', true]]);
      const byDate = await ingest('Recap\n\nBy Sam Lee\n\nKatarzyna Wójcik (Acme Cloud), 15 May: standing room only.');
      expect(talksOf(byDate)).toEqual([['scaling-postgres-on-kubernetes', true]]);
    });

    it('tells a speaker’s talks apart by topic words, and reports the speaker when nothing says which', async () => {
      const topical = await ingest('Recap\n\nBy Sam Lee\n\nKatarzyna Wójcik showed how she traces batch jobs and alerts on their metrics with OpenTelemetry.');
      expect(talksOf(topical)).toEqual([['observability-for-batch-jobs', true]]);
      const unclear = await ingest('Recap\n\nBy Sam Lee\n\nKatarzyna Wójcik was as good as ever.');
      expect(unclear.items).toEqual([]);
      expect(unclear.unmatched).toEqual([
        expect.objectContaining({ text: 'Katarzyna Wójcik', why: expect.stringMatching(/^Katarzyna Wójcik gave 2 talks here and neither the day nor the topic words say which/) }),
      ]);
    });

    it('lists a talk that is not in the programme as unmatched instead of forcing it onto another', async () => {
      const proposal = await ingest('Recap\n\nBy Sam Lee\n\nI also sat in on "Scaling Postgres on Bare Metal Mainframes" by Dana Scully.\n\nThe "Scaling Postgres on Kubernetes" talk was my favourite.');
      expect(talksOf(proposal)).toEqual([['scaling-postgres-on-kubernetes', true]]);
      expect(proposal.items[0]).toMatchObject({ kind: 'HIGHLIGHT', reactor: { name: 'Sam Lee', basis: 'author' } });
      expect(proposal.unmatched.map((entry) => entry.text)).toContain('Scaling Postgres on Bare Metal Mainframes');
    });

    it('finds who reacted and how: named colleagues with their roles, the authors for "I" and "we"', async () => {
      const proposal = await ingest(`# Demo Summit, day by day

**Authors:** Sam Lee and Ada Byrne, Northwind Labs

## Batch observability
Katarzyna Wójcik's "Observability for Batch Jobs" was nominated by our Data Engineer, Tariq Aziz, as his highlight of the day.

## Sigstore
Annabelle Frost from Keyline went through signing. We highly recommend watching the recording.

## Rust
Marco Van Houten (Tulip Networks) rewrote a daemon in Rust. Honestly, it was too basic for us and the demo fell flat.`);
      expect(gist(proposal)).toEqual([
        { talk: 'demo-summit-2030/observability-for-batch-jobs', person: 'tariq-aziz', jobTitle: 'Data Engineer', organisation: 'Northwind Labs', kind: 'DAY_HIGHLIGHT', accepted: true },
        { talk: 'demo-summit-2030/securing-supply-chains-with-sigstore', person: 'sam-lee', jobTitle: null, organisation: 'Northwind Labs', kind: 'RECOMMENDATION', accepted: true },
        { talk: 'demo-summit-2030/securing-supply-chains-with-sigstore', person: 'ada-byrne', jobTitle: null, organisation: 'Northwind Labs', kind: 'RECOMMENDATION', accepted: true },
        { talk: 'demo-summit-2030/rust-for-network-daemons', person: 'sam-lee', jobTitle: null, organisation: 'Northwind Labs', kind: 'CRITIQUE', accepted: true },
        { talk: 'demo-summit-2030/rust-for-network-daemons', person: 'ada-byrne', jobTitle: null, organisation: 'Northwind Labs', kind: 'CRITIQUE', accepted: true },
      ]);
      expect(proposal.items.map((item) => item.cue)).toEqual([
        'as his highlight of the day',
        'We highly recommend watching',
        'We highly recommend watching',
        'it was too basic for',
        'it was too basic for',
      ]);
      expect(proposal.items[0].reactor).toMatchObject({ basis: 'named', said: 'our Data Engineer, Tariq Aziz' });
      expect(proposal.items[1].reactor).toMatchObject({ basis: 'author' });
    });

    /** Who reacted to which talk, how, for whom, and whether apply would write it. */
    const reactions = (proposal: ArticleProposal) =>
      proposal.items.map((item) => [item.talk.slug, item.reactor?.name ?? null, item.reactor?.organisation ?? null, item.kind, item.accepted]);

    it('gives an interview answer to the person answering, and a question to nobody', async () => {
      const proposal = await ingest(`# Two questions for Rosa Imhof

*Interview by Sam Lee for the Northwind Labs blog*

Rosa Imhof, database engineer at Keyline, spent the whole summit in the storage track.

**Sam: Which session should our readers look up?**

Rosa: Katarzyna Wójcik on scaling Postgres on Kubernetes. Anyone running replicas in a cluster should watch it.

**Sam: Did you catch Annabelle Frost on Sigstore?**

Rosa: No, I was on a call that afternoon. People told me it went well.`);
      expect(reactions(proposal)).toEqual([
        ['scaling-postgres-on-kubernetes', 'Rosa Imhof', 'Keyline', 'RECOMMENDATION', true],
        ['securing-supply-chains-with-sigstore', null, null, 'MENTION', false],
      ]);
      expect(proposal.article).toMatchObject({ publisher: 'Northwind Labs', authors: [{ name: 'Sam Lee', jobTitle: null, organisation: 'Northwind Labs' }] });
      expect(proposal.items[1].reasons.join('\n')).toMatch(/Rosa Imhof did not attend it/);
    });

    it('proposes no reaction for a talk everyone missed, could not get into or chose against', async () => {
      const proposal = await ingest(`Recap

By Sam Lee and Ada Byrne, Northwind Labs

Tricky slot after lunch: Annabelle Frost on Sigstore or Marco Van Houten on Rust daemons. We went with Marco, and the DHCP rewrite was great fun.

We hoped to hear Katarzyna Wójcik on batch observability, but the room was full long before we got there.`);
      expect(reactions(proposal)).toEqual([
        ['securing-supply-chains-with-sigstore', null, null, 'MENTION', false],
        ['rust-for-network-daemons', 'Sam Lee', 'Northwind Labs', 'HIGHLIGHT', true],
        ['rust-for-network-daemons', 'Ada Byrne', 'Northwind Labs', 'HIGHLIGHT', true],
        ['observability-for-batch-jobs', null, null, 'MENTION', false],
      ]);
    });

    it('reads a group as its members, a guest with their own organisation, and "Ann" as Ann even beside an Annika', async () => {
      const proposal = await ingest(`# Demo Summit notes

**Authors:** Sam Lee and Ada Byrne, Northwind Labs

Our friend Jo Park from Tulip Networks came along this year.

- Katarzyna Wójcik's "Observability for Batch Jobs": Jo Park found it too shallow for anyone who already traces their jobs.
- Annabelle Frost on signing releases: Annika Berg, our release manager, thought it was the best session of the summit. Ann Kowal, our QA lead, learned how keyless signing works.
- "Rust for Network Daemons" was a favourite of both of us.`);
      expect(reactions(proposal)).toEqual([
        ['observability-for-batch-jobs', 'Jo Park', 'Tulip Networks', 'CRITIQUE', true],
        ['securing-supply-chains-with-sigstore', 'Annika Berg', 'Northwind Labs', 'HIGHLIGHT', true],
        ['securing-supply-chains-with-sigstore', 'Ann Kowal', 'Northwind Labs', 'TAKEAWAY', true],
        ['rust-for-network-daemons', 'Sam Lee', 'Northwind Labs', 'HIGHLIGHT', true],
        ['rust-for-network-daemons', 'Ada Byrne', 'Northwind Labs', 'HIGHLIGHT', true],
      ]);
    });

    it('takes a place in a ranked list as a highlight, and the kind from the words where the list says more', async () => {
      const proposal = await ingest(`---
title: Our three best talks of Demo Summit
author: Sam Lee
---

# Our three best talks of Demo Summit

## 3. Rust for Network Daemons

A DHCP daemon rewritten in Rust, and we are trying the same with ours.

## 2. Scaling Postgres on Kubernetes

Katarzyna Wójcik on operators and storage classes.

## 1. Securing Supply Chains With Sigstore

Annabelle Frost made keyless signing look easy. If you ship releases, it is worth an hour of your week.`);
      expect(reactions(proposal).map(([talk, person, , kind]) => [talk, person, kind])).toEqual([
        ['rust-for-network-daemons', 'Sam Lee', 'HIGHLIGHT'],
        ['scaling-postgres-on-kubernetes', 'Sam Lee', 'HIGHLIGHT'],
        ['securing-supply-chains-with-sigstore', 'Sam Lee', 'HIGHLIGHT'],
      ]);
      expect(proposal.items[0].cue).toBe('three best, number 3');
    });

    it('reads a post signed at the end, and criticism in the words of a non-native writer', async () => {
      const proposal = await ingest(`Demo Summit 2030

Hello all, short report from me. I go to Katarzyna Wójcik talk about the batch jobs observability. Honestly it was not so usefull for me, to much slides about tools.

Then Annabelle Frost about Sigstore, I recomend it for every team who make releases.

Greetings
Piotr Zielinski`);
      expect(proposal.article.authors).toEqual([{ name: 'Piotr Zielinski', jobTitle: null, organisation: null }]);
      expect(reactions(proposal).map(([talk, person, , kind]) => [talk, person, kind])).toEqual([
        ['observability-for-batch-jobs', 'Piotr Zielinski', 'CRITIQUE'],
        ['securing-supply-chains-with-sigstore', 'Piotr Zielinski', 'RECOMMENDATION'],
      ]);
    });
  });
});

/** Three days from Tuesday 14 May 2030; one speaker with a talk on each of the first two days. */
const demoSummit: DatasetInput = {
  format: 'talkgraph',
  version: 1,
  organisations: [
    { slug: 'acme-cloud', name: 'Acme Cloud' },
    { slug: 'keyline', name: 'Keyline' },
    { slug: 'tulip-networks', name: 'Tulip Networks' },
  ],
  people: [
    { slug: 'katarzyna-wojcik', name: 'Katarzyna Wójcik' },
    { slug: 'annabelle-frost', name: 'Annabelle Frost' },
    { slug: 'marco-van-houten', name: 'Marco Van Houten' },
  ],
  conferences: [
    {
      slug: 'demo-summit-2030',
      name: 'Demo Summit 2030',
      year: 2030,
      startsOn: '2030-05-14',
      endsOn: '2030-05-16',
      timeZone: 'Europe/Amsterdam',
      talks: [
        {
          slug: 'observability-for-batch-jobs',
          externalId: 'DS-1',
          title: 'Observability for Batch Jobs',
          abstract: 'Tracing batch jobs end to end with OpenTelemetry, and alerting on their metrics before a nightly run fails.',
          startsAt: '2030-05-14T09:00:00Z',
          speakers: [{ person: 'katarzyna-wojcik', organisation: 'acme-cloud' }],
        },
        {
          slug: 'scaling-postgres-on-kubernetes',
          externalId: 'DS-2',
          title: 'Scaling Postgres on Kubernetes',
          abstract: 'Operators, replicas and storage classes for running PostgreSQL clusters in production.',
          startsAt: '2030-05-15T09:00:00Z',
          speakers: [{ person: 'katarzyna-wojcik', organisation: 'acme-cloud' }],
        },
        {
          slug: 'rust-for-network-daemons',
          externalId: 'DS-3',
          title: 'Rust for Network Daemons',
          abstract: 'Rewriting a DHCP daemon in Rust.',
          day: 2,
          speakers: [{ person: 'marco-van-houten', organisation: 'tulip-networks' }],
        },
        {
          slug: 'securing-supply-chains-with-sigstore',
          externalId: 'DS-4',
          title: 'Securing Supply Chains With Sigstore',
          abstract: 'Keyless signing of release artefacts and verifying them at deploy time.',
          day: 3,
          speakers: [{ person: 'annabelle-frost', organisation: 'keyline' }],
        },
      ],
    },
  ],
};
