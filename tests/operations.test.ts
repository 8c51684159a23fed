// Every example in schema/operations runs, as a client would send it (with its default
// variables), against the seed and the real programmes of ../shared/data (FOSDEM 2024-2026,
// KubeCon EU 2025 and 2026), and its answer is checked. The figures about real programmes were
// computed independently from the source files (scripts noted beside each).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/yoga.js';
import { createProgrammesDatabase, createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
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
    expect(conference.talks.edges.map((e: any) => [e.node.title, e.node.reactions.totalCount, e.count])).toEqual([
      [apt, 1, 1],
      [prow, 1, 1],
    ]);
    // The seed knows the day of one of the two talks (the fourth, of the "Day Four" article).
    expect(conference.talks.facets.days).toEqual([{ day: 4, count: 1 }]);
    expect(conference.talks.facets.kinds).toEqual([{ kind: 'TALK', count: 2 }]);
    expect(conference.organisations.totalCount).toBe(4);
    // MOST_TALKS: the three speakers' companies gave one talk each at this conference; Max Kelsen none.
    expect(conference.organisations.edges.map((e: any) => [e.node.name, e.count])).toEqual([
      ['Darkbit', 1],
      ['Salesforce', 1],
      ['Sysdig', 1],
      ['Max Kelsen', 0],
    ]);
    // The series over the years: the seed's two talks of 2020, and the 2025 and 2026 programmes
    // (543 and 564 talks, as the real-data import specs count them).
    expect(data.series.facets.years).toEqual([
      { year: 2020, count: 2 },
      { year: 2025, count: 543 },
      { year: 2026, count: 564 },
    ]);
    expect(data.series.totalCount).toBe(2 + 543 + 564);
  },
  'talks-by-track.graphql': (data) => {
    // Independently: FOSDEM 2025's XML, events whose title, subtitle or abstract (else description)
    // holds the word "rust" (not inside another word, not in an e-mail address or a URL).
    const { talks } = data;
    expect(talks.totalCount).toBe(46);
    expect(talks.facets.tracks[0]).toEqual({ value: 'Rust', count: 12 });
    const fours = talks.facets.tracks.slice(1, 5).map((t: any) => [t.value, t.count]);
    expect(fours.sort()).toEqual([
      ['Containers', 3],
      ['Kernel', 3],
      ['Matrix.org Foundation and Community', 3],
      ['WebAssembly', 3],
    ]);
    expect(talks.facets.tracks.slice(5).every((t: any) => t.count === 2)).toBe(true);
    expect(talks.nodes).toHaveLength(10);
    // Ranked by relevance: the word in the title weighs most, and 18 titles have it.
    for (const talk of talks.nodes) expect(talk.title).toMatch(/\brust\b/i);
  },
  'top-organisations.graphql': (data) => {
    // Independently: the speaker suffixes of the KubeCon EU 2026 iCalendar SUMMARY lines (one talk's "RedHat" is Red Hat).
    const ranked = data.organisations.edges.map((e: any) => [e.node.name, e.count]);
    expect(ranked.slice(0, 4)).toEqual([
      ['Red Hat', 54],
      ['Google', 34],
      ['Microsoft', 17],
      ['NVIDIA', 14],
    ]);
    const counts = ranked.map(([, count]: [string, number]) => count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(ranked).toContainEqual(['SUSE', 8]);
  },
  'regular-speakers.graphql': (data) => {
    // Independently: person names of FOSDEM 2024, 2025 and 2026 (NFC, spaces collapsed, any case).
    const { people } = data;
    expect(people.totalCount).toBe(82);
    const ranked = people.edges.map((e: any) => [e.node.name, e.count]);
    expect(ranked.slice(0, 5)).toEqual([
      ['Alexander Bokovoy', 8],
      ['Alexios Zavras (zvr)', 7],
      ['Lennart Poettering', 7],
      ['Michael Meeks', 7],
      ['Miguel Duarte', 7],
    ]);
    for (const edge of people.edges) {
      const years = edge.node.conferences.edges.map((c: any) => c.node.name);
      expect(years).toEqual(expect.arrayContaining(['FOSDEM 2024', 'FOSDEM 2025', 'FOSDEM 2026']));
      const atThem = edge.node.conferences.edges.filter((c: any) => /^FOSDEM 202[456]$/.test(c.node.name));
      expect(atThem.reduce((sum: number, c: any) => sum + c.count, 0)).toBe(edge.count);
    }
  },
  'search.graphql': (data) => {
    const hits = data.search;
    expect(hits.length).toBeGreaterThan(3);
    const scores = hits.map((hit: any) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The person, found by name; the talks, by the words of their text.
    expect(hits).toContainEqual(expect.objectContaining({ type: 'PERSON', node: expect.objectContaining({ name: 'Lennart Poettering' }) }));
    // The person named exactly comes first, then talks that hold the words; a name that only
    // resembles one of them ("EPAM Systems" for "systemd") does not push a talk out.
    expect(hits.map((hit: any) => hit.type)).toEqual(['PERSON', ...hits.slice(1).map(() => 'TALK')]);
    for (const hit of hits.filter((h: any) => h.type === 'TALK')) {
      const marked = hit.snippet.highlights.map((h: any) => hit.snippet.text.slice(h.start, h.start + h.length).toLowerCase());
      expect(marked.length).toBeGreaterThan(0);
      for (const word of marked) expect(['poettering', 'systemd']).toContain(word);
    }
  },
  'path.graphql': (data) => {
    // From the seed: Matthew Rose works at Max Kelsen, like Esmael Tahmasebi, who highlighted the
    // talk; Matthew highlighted the Prow talk, which shares its topic Kubernetes and its conference
    // with it. Nothing in the real programmes joins them in three hops or fewer.
    const { paths } = data;
    expect(paths).toMatchObject({ outcome: 'FOUND', length: 3, totalCount: 3, message: 'Found 3 shortest connections of 3 hops.' });
    const spelt = paths.paths.map((path: any) =>
      path.nodes.map((node: any, i: number) => {
        const edge = path.edges[i];
        const name = node.name ?? node.title;
        return edge ? `${name} ${edge.direction === 'FORWARD' ? `-${edge.kind}>` : `<${edge.kind}-`} ` : name;
      }).join(''),
    );
    expect(spelt).toEqual([
      `Matthew Rose -WORKS_AT> Max Kelsen <WORKS_AT- Esmael Tahmasebi -REACTED_TO> ${apt}`,
      `Matthew Rose -REACTED_TO> ${prow} -COVERS> Kubernetes <COVERS- ${apt}`,
      `Matthew Rose -REACTED_TO> ${prow} -PART_OF> KubeCon + CloudNativeCon Europe 2020 <PART_OF- ${apt}`,
    ]);
  },
  'similar-talks.graphql': (data) => {
    // From the seed: the Prow talk shares only its topic Kubernetes with the other talk, which no
    // other talk covers (one link to one talk scores 1); nobody who highlighted it highlighted another.
    // With the real programmes, talks that share its words come too (ranked by ts_rank, not asserted).
    const { title, similar, coHighlighted } = data.node;
    expect(title).toBe(prow);
    expect(similar).toContainEqual(
      expect.objectContaining({
        score: 1,
        talk: { title: apt, conference: { name: 'KubeCon + CloudNativeCon Europe 2020' } },
        sharedTopics: [{ name: 'Kubernetes' }],
        sharedSpeakers: [],
        sharedOrganisations: [],
      }),
    );
    for (const row of similar) expect(row.sharedTopics.length + row.sharedSpeakers.length + row.sharedOrganisations.length + row.sharedWords.length).toBeGreaterThan(0);
    const scores = similar.map((row: any) => row.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(similar.map((row: any) => row.talk.title)).not.toContain(prow);
    expect(coHighlighted).toEqual([]);
  },
  'activity-over-time.graphql': (data) => {
    // Independently: the <date> elements of fosdem-2026.xml, all at +01:00, by their day (484 and 399).
    expect(data.conference).toMatchObject({ name: 'FOSDEM 2026', timeZone: 'Europe/Brussels' });
    expect(data.conference.talks.histogram).toEqual([
      { start: '2026-01-30T23:00:00.000Z', end: '2026-01-31T23:00:00.000Z', count: 484 },
      { start: '2026-01-31T23:00:00.000Z', end: '2026-02-01T23:00:00.000Z', count: 399 },
    ]);
    expect(data.conference.talks.totalCount).toBe(883);
    // The seed's article has no date, so Max Kelsen's two reactions sit in the week they were recorded.
    const weeks = data.organisation.reactions.histogram;
    expect(weeks).toHaveLength(1);
    expect(weeks[0].count).toBe(2);
    expect(new Date(Date.parse(weeks[0].start) + 10 * 3600_000).toISOString()).toMatch(/T00:00:00.000Z$/);
    expect(new Date(Date.parse(weeks[0].start) + 10 * 3600_000).getUTCDay()).toBe(1);
    expect(Date.parse(weeks[0].end) - Date.parse(weeks[0].start)).toBe(7 * 86_400_000);
  },
  'topic-talks.graphql': (data) => {
    expect(data.topic.name).toBe('Kubernetes security');
    expect(data.topic.talks.edges.map((e: any) => e.node.title)).toEqual([apt]);
    expect(data.topic.talks.edges[0].node.speakers.map((s: any) => s.organisation.name)).toEqual(['Salesforce', 'Darkbit']);
  },
};

/** Examples whose questions are about the real programmes; without ../shared/data they are skipped. */
const aboutProgrammes = new Set(['activity-over-time.graphql', 'conference-dashboard.graphql', 'talks-by-track.graphql', 'top-organisations.graphql', 'regular-speakers.graphql', 'search.graphql']);

describe.each(databaseKinds)('example operations on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  let withProgrammes = false;
  beforeAll(async () => {
    const programmes = await createProgrammesDatabase(kind);
    withProgrammes = programmes !== null;
    db = programmes ?? (await createSeededDatabase(kind));
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  it('has an expectation for every example operation', () => {
    expect(exampleOperations().map((op) => op.file)).toEqual(Object.keys(expectations).sort());
  });

  for (const file of Object.keys(expectations).sort()) {
    it(`answers ${file}${aboutProgrammes.has(file) ? ' (needs ../shared/data)' : ''}`, async ({ skip }) => {
      if (aboutProgrammes.has(file) && !withProgrammes) skip('needs the real programmes of ../shared/data');
      const operation = exampleOperations().find((op) => op.file === file)!;
      expectations[file](await execute(app, operation.source));
    });
  }
});
