import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/builder.js';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError, request } from './helpers/graphql.js';

describe.each(databaseKinds)('the graph API on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  describe('global IDs', () => {
    it('fetch any entity through node and nodes, and round-trip its id', async () => {
      const { person } = await execute(app, '{ person(slug: "leo-di-donato") { id name } }');
      const { talk } = await execute(app, '{ talk(conference: "kubecon-cloudnativecon-europe-2020", slug: "going-beyond-ci-cd-with-prow") { id } }');
      const data = await execute(
        app,
        `query ($ids: [ID!]!, $id: ID!) {
          node(id: $id) { __typename id ... on Person { name } }
          nodes(ids: $ids) { __typename ... on Person { slug } ... on Talk { title } }
        }`,
        { variables: { id: person.id, ids: [talk.id, person.id] } },
      );
      expect(data.node).toEqual({ __typename: 'Person', id: person.id, name: 'Leo Di Donato' });
      expect(data.nodes).toEqual([
        { __typename: 'Talk', title: 'Going Beyond CI/CD With Prow' },
        { __typename: 'Person', slug: 'leo-di-donato' },
      ]);
    });

    it('reject malformed and foreign IDs with INVALID_ID, and return null for deleted entities', async () => {
      for (const id of ['not-an-id', encodeGlobalId('User', 1), encodeGlobalId('Talk', 'abc'), Buffer.from('Talk:1').toString('hex')]) {
        const error = await expectError(app, 'query ($id: ID!) { node(id: $id) { id } }', { variables: { id } });
        expect(error.code).toBe('INVALID_ID');
        expect(error.message).toContain('is not a talkgraph ID');
      }
      const gone = await execute(app, 'query ($id: ID!) { node(id: $id) { id } }', { variables: { id: encodeGlobalId('Talk', 999999) } });
      expect(gone.node).toBeNull();
    });

    it('fetch a role through node and nodes by the id Affiliation already gives, and return null for a role that does not exist', async () => {
      const { person } = await execute(app, '{ person(slug: "esmael-tahmasebi") { roles { id jobTitle organisation { slug } } } }');
      const [role] = person.roles;
      expect(role).toMatchObject({ jobTitle: 'Cloud Engineer', organisation: { slug: 'max-kelsen' } });
      // The ID is the one updateRole and removeRole have always taken.
      const stored = await db.prisma.affiliation.findFirstOrThrow({ where: { person: { slug: 'esmael-tahmasebi' } }, select: { id: true } });
      expect(role.id).toBe(encodeGlobalId('Affiliation', stored.id));
      const missing = encodeGlobalId('Affiliation', 999999);
      const data = await execute(
        app,
        `query ($id: ID!, $ids: [ID!]!) {
          node(id: $id) { __typename id ... on Affiliation { jobTitle person { slug } organisation { name } } }
          nodes(ids: $ids) { __typename id ... on Affiliation { jobTitle } ... on Person { slug } }
        }`,
        { variables: { id: role.id, ids: [missing, role.id, encodeGlobalId('Person', 999999)] } },
      );
      expect(data.node).toEqual({
        __typename: 'Affiliation',
        id: role.id,
        jobTitle: 'Cloud Engineer',
        person: { slug: 'esmael-tahmasebi' },
        organisation: { name: 'Max Kelsen' },
      });
      expect(data.nodes).toEqual([null, { __typename: 'Affiliation', id: role.id, jobTitle: 'Cloud Engineer' }, null]);
      const gone = await execute(app, 'query ($id: ID!) { node(id: $id) { id } }', { variables: { id: missing } });
      expect(gone.node).toBeNull();
    });

    it('reject an ID of the wrong type where a talk is expected', async () => {
      const { person } = await execute(app, '{ person(slug: "leo-di-donato") { id } }');
      const error = await expectError(app, 'query ($id: ID!) { reactions(filter: { talk: $id }) { totalCount } }', { variables: { id: person.id } });
      expect(error.code).toBe('INVALID_ID');
      expect(error.message).toBe('filter.talk must be the ID of a Talk, but it is the ID of a Person.');
    });
  });

  describe('traversal', () => {
    it('goes from an organisation to its staff, their reactions, the talks and back to the conference', async () => {
      const { organisation } = await execute(
        app,
        `{ organisation(slug: "max-kelsen") {
            staff { totalCount edges { node { jobTitle person { name reactions { edges { node { talk { title conference { slug } } } } } } } } }
            articles { totalCount edges { node { title authors { name } } } }
        } }`,
      );
      expect(organisation.staff.totalCount).toBe(4);
      const withReactions = organisation.staff.edges
        .filter((e: any) => e.node.person.reactions.edges.length > 0)
        .map((e: any) => [e.node.person.name, e.node.person.reactions.edges[0].node.talk.title]);
      expect(withReactions).toEqual([
        ['Esmael Tahmasebi', 'Advanced Persistence Threats — The Future of Kubernetes Attacks'],
        ['Matthew Rose', 'Going Beyond CI/CD With Prow'],
      ]);
      expect(organisation.articles.edges[0].node.authors.map((a: any) => a.name)).toEqual(['Ruby Nguyen', 'Jacob O’Farrell']);
    });

    it('goes from a speaker to the talks they gave for their company and the talk’s topics', async () => {
      const { organisation } = await execute(
        app,
        '{ organisation(slug: "sysdig") { talks { totalCount nodes { title topics { slug } speakers { person { slug } } } } } }',
      );
      expect(organisation.talks.totalCount).toBe(1);
      expect(organisation.talks.nodes[0]).toEqual({
        title: 'Going Beyond CI/CD With Prow',
        topics: [{ slug: 'ci-cd' }, { slug: 'kubernetes' }, { slug: 'open-source-contribution' }, { slug: 'prow' }],
        speakers: [{ person: { slug: 'leo-di-donato' } }],
      });
    });

    it('lists the organisations present at a conference by how they took part', async () => {
      const { conference } = await execute(
        app,
        `{ conference(slug: "kubecon-cloudnativecon-europe-2020") {
            speaking: organisations(presence: SPEAKING) { nodes { slug } }
            reacting: organisations(presence: REACTING) { nodes { slug } }
        } }`,
      );
      expect(conference.speaking.nodes.map((o: any) => o.slug)).toEqual(['darkbit', 'salesforce', 'sysdig']);
      expect(conference.reacting.nodes.map((o: any) => o.slug)).toEqual(['max-kelsen']);
    });
  });

  describe('filters and pages', () => {
    const titles = async (filter: Record<string, unknown>) =>
      (await execute(app, 'query ($filter: TalkFilter) { talks(filter: $filter, orderBy: TITLE) { totalCount nodes { title } } }', { variables: { filter } })).talks;

    it('filter talks by text, topic, speaker, organisation, day and reactions', async () => {
      const apt = 'Advanced Persistence Threats — The Future of Kubernetes Attacks';
      const prow = 'Going Beyond CI/CD With Prow';
      expect((await titles({ search: 'kubelet WEBHOOKS' })).nodes).toEqual([{ title: apt }]);
      expect((await titles({ topic: 'prow' })).nodes).toEqual([{ title: prow }]);
      expect((await titles({ speaker: 'brad-geesaman' })).nodes).toEqual([{ title: apt }]);
      expect((await titles({ organisation: 'sysdig' })).nodes).toEqual([{ title: prow }]);
      expect((await titles({ day: 4 })).nodes).toEqual([{ title: prow }]);
      expect((await titles({ kinds: ['KEYNOTE'] })).totalCount).toBe(0);
      expect((await titles({ reactedTo: { organisation: 'max-kelsen', kinds: ['HIGHLIGHT', 'DAY_HIGHLIGHT'] } })).nodes).toEqual([{ title: apt }, { title: prow }]);
      expect((await titles({ reactedTo: { kinds: ['DAY_HIGHLIGHT'] } })).nodes).toEqual([{ title: apt }]);
      // A slug that names nothing is a mistake to report, not an empty answer.
      const unknown = await expectError(app, '{ talks(filter: { conference: "no-such-conference" }) { totalCount } }');
      expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('filter.conference: no conference has the slug "no-such-conference"') });
    });

    it('page forwards and backwards with cursors', async () => {
      const first = await execute(app, '{ people(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }');
      expect(first.people.totalCount).toBe(7);
      expect(first.people.nodes.map((p: any) => p.name)).toEqual(['Brad Geesaman', 'Esmael Tahmasebi', 'Ian Coldwater']);
      expect(first.people.pageInfo.hasNextPage).toBe(true);
      const next = await execute(app, 'query ($after: String) { people(first: 3, after: $after) { pageInfo { hasPreviousPage startCursor } nodes { name } } }', {
        variables: { after: first.people.pageInfo.endCursor },
      });
      expect(next.people.nodes.map((p: any) => p.name)).toEqual(['Jacob O’Farrell', 'Leo Di Donato', 'Matthew Rose']);
      const back = await execute(app, 'query ($before: String) { people(last: 2, before: $before) { nodes { name } } }', {
        variables: { before: next.people.pageInfo.startCursor },
      });
      expect(back.people.nodes.map((p: any) => p.name)).toEqual(['Esmael Tahmasebi', 'Ian Coldwater']);
    });

    it('refuse a page larger than the maximum with a message that says what to ask for', async () => {
      const error = await expectError(app, 'query ($n: Int) { talks(first: $n) { totalCount } }', { variables: { n: 101 } });
      expect(error.code).toBe('LIMIT_EXCEEDED');
      expect(error.message).toBe('first: 101 is more than the 100 items a page can hold; ask for at most 100 and page with after/before.');
      const nested = await expectError(app, '{ conferences { nodes { talks(last: 1000) { totalCount } } } }');
      expect(nested.code).toBe('LIMIT_EXCEEDED');
    });
  });

  describe('safety', () => {
    it('refuses queries deeper than the limit', async () => {
      const deep = `{ talks(first: 1) { nodes { conference { talks(first: 1) { nodes { conference { talks(first: 1) { nodes { conference { talks(first: 1) { nodes { conference { talks(first: 1) { nodes { conference { talks(first: 1) { nodes { title } } } } } } } } } } } } } } } } } }`;
      const error = await expectError(app, deep);
      expect(error.code).toBe('LIMIT_EXCEEDED');
      expect(error.message).toMatch(/^The query is \d+ levels deep, more than the 16 allowed/);
    });

    it('refuses queries whose estimated cost is too high', async () => {
      const costly = `{ talks(first: 100) { nodes { reactions(first: 100) { nodes { talk { reactions(first: 100) { nodes { person { reactions(first: 100) { nodes { kind } } } } } } } } } } }`;
      const error = await expectError(app, costly);
      expect(error.code).toBe('LIMIT_EXCEEDED');
      expect(error.message).toMatch(/^The query's estimated cost is \d+, more than the 1000000 allowed/);
    });

    it('rejects a cross-site simple request (CSRF) but serves JSON clients', async () => {
      const response = await app.fetch('http://talkgraph.test/graphql?query=%7B__typename%7D', { method: 'GET' });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('could come from another site');
      const allowed = await app.fetch('http://talkgraph.test/graphql?query=%7B__typename%7D', {
        method: 'GET',
        headers: { 'x-graphql-yoga-csrf': '1' },
      });
      expect(await allowed.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('answers a body of a type it does not read with 415 and an error naming the types it reads', async () => {
      const response = await app.fetch('http://talkgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/xml; charset=utf-8' },
        body: '<query>{ __typename }</query>',
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = await response.json();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(body.errors[0].message).toContain('"application/xml" is not read');
      expect(body.errors[0].message).toContain('Send the operation as application/json');
      expect(body.errors[0].message).toContain('multipart/form-data');
      const json = await app.fetch('http://talkgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('masks unexpected errors but keeps user errors readable', async () => {
      const error = await expectError(app, '{ talks(first: 1, after: "garbage") { totalCount } }');
      expect(error.message).not.toContain('prisma');
      expect(error.code).toBeDefined();
    });

    it('answers introspection by default, and not when it is switched off', async () => {
      const open = await request(app, '{ __schema { queryType { name } } }');
      expect(open.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const closed = createApp({ database: db, logging: false, introspection: false });
      const error = await expectError(closed, '{ __schema { queryType { name } } }');
      expect(error.message).toContain('introspection has been disabled');
    });

    it('reports liveness and readiness', async () => {
      expect((await app.fetch('http://talkgraph.test/health')).status).toBe(200);
      expect((await app.fetch('http://talkgraph.test/ready')).status).toBe(200);
    });
  });
});
