// Every example in schema/operations runs against the seed, and its answer is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { exampleOperations, execute } from './helpers/graphql.js';

const prow = 'Going Beyond CI/CD With Prow';
const apt = 'Advanced Persistence Threats — The Future of Kubernetes Attacks';

const expectations: Record<string, (data: any) => void> = {
  'headline.graphql': (data) => {
    const { reactions } = data.organisation;
    expect(reactions.totalCount).toBe(2);
    const talks = reactions.edges.map((e: any) => ({
      title: e.node.talk.title,
      by: e.node.person.name,
      speakers: e.node.talk.speakers.map((s: any) => `${s.person.name} (${s.organisation.name})`),
    }));
    expect(talks).toEqual([
      { title: prow, by: 'Matthew Rose', speakers: ['Leo Di Donato (Sysdig)'] },
      { title: apt, by: 'Esmael Tahmasebi', speakers: ['Ian Coldwater (Salesforce)', 'Brad Geesaman (Darkbit)'] },
    ]);
    expect(reactions.edges[0].node.person.affiliations).toEqual([{ jobTitle: 'Machine Learning Engineer', organisation: { name: 'Max Kelsen' } }]);
    expect(reactions.edges.map((e: any) => e.node.source.title)).toEqual([
      'Max Kelsen Wraps Up KubeCon: Day Four',
      'Max Kelsen Wraps Up KubeCon: Day Four',
    ]);
  },
  'talk-reactions.graphql': (data) => {
    expect(data.talk.title).toBe(prow);
    expect(data.talk.reactions.totalCount).toBe(1);
    const [{ node }] = data.talk.reactions.edges;
    expect(node.kind).toBe('HIGHLIGHT');
    expect(node.person.name).toBe('Matthew Rose');
    expect(node.organisation.name).toBe('Max Kelsen');
    expect(node.source).toEqual({
      title: 'Max Kelsen Wraps Up KubeCon: Day Four',
      seriesPart: 4,
      authors: [{ name: 'Ruby Nguyen' }, { name: 'Jacob O’Farrell' }],
    });
  },
  'person-connections.graphql': (data) => {
    const person = data.person;
    expect(person.name).toBe('Ruby Nguyen');
    expect(person.affiliations).toEqual([{ jobTitle: 'Marketing Coordinator', organisation: { name: 'Max Kelsen', kind: 'CONSULTANCY' } }]);
    expect(person.talks.totalCount).toBe(0);
    expect(person.reactions.totalCount).toBe(0);
    expect(person.articles).toHaveLength(1);
    expect(person.articles[0].publisher.name).toBe('Max Kelsen');
    expect(person.articles[0].reactions.edges.map((e: any) => [e.node.person.name, e.node.kind, e.node.talk.title])).toEqual([
      ['Matthew Rose', 'HIGHLIGHT', prow],
      ['Esmael Tahmasebi', 'DAY_HIGHLIGHT', apt],
    ]);
  },
  'conference-dashboard.graphql': (data) => {
    const conference = data.conference;
    expect(conference).toMatchObject({ name: 'KubeCon + CloudNativeCon Europe 2020', startsOn: '2020-08-17', endsOn: '2020-08-20', format: 'VIRTUAL' });
    expect(conference.reactionCounts).toEqual([
      { kind: 'DAY_HIGHLIGHT', count: 1 },
      { kind: 'HIGHLIGHT', count: 1 },
    ]);
    expect(conference.talks.totalCount).toBe(2);
    expect(conference.talks.edges.map((e: any) => [e.node.title, e.node.reactions.totalCount])).toEqual([
      [apt, 1],
      [prow, 1],
    ]);
    expect(conference.organisations.totalCount).toBe(4);
    expect(conference.organisations.edges.map((e: any) => e.node.name)).toEqual(['Darkbit', 'Max Kelsen', 'Salesforce', 'Sysdig']);
  },
  'topic-talks.graphql': (data) => {
    expect(data.topic.name).toBe('Kubernetes security');
    expect(data.topic.talks.edges.map((e: any) => e.node.title)).toEqual([apt]);
    expect(data.topic.talks.edges[0].node.speakers.map((s: any) => s.organisation.name)).toEqual(['Salesforce', 'Darkbit']);
  },
};

describe.each(databaseKinds)('example operations on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  it('has an expectation for every example operation', () => {
    expect(exampleOperations().map((op) => op.file)).toEqual(Object.keys(expectations).sort());
  });

  for (const file of Object.keys(expectations).sort()) {
    it(`answers ${file}`, async () => {
      const operation = exampleOperations().find((op) => op.file === file)!;
      expectations[file](await execute(app, operation.source));
    });
  }
});
