import { readFileSync } from 'node:fs';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { declarationProblems } from '../src/read/registry.js';
import { schema } from '../src/schema/index.js';
import { datasetJsonSchemaText, datasetSchemaFile, schemaFile, sdl } from '../src/schema/print.js';
import { formatChanges, lastRelease, packageVersion, readAcceptedChanges, schemaChanges, withAccepted } from '../src/schema/releases.js';

describe('checked-in schema files', () => {
  it('schema/schema.graphql matches the schema the code builds (run npm run schema:print)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(sdl());
  });

  it('schema/talkgraph-dataset.schema.json matches the dataset format (run npm run schema:print)', () => {
    expect(readFileSync(datasetSchemaFile, 'utf8')).toBe(datasetJsonSchemaText());
  });

  it('exposes every entity as a Relay node with a slug lookup and a root connection', () => {
    const text = sdl();
    for (const [type, lookup, list] of [
      ['Conference', 'conference(slug: String!): Conference', 'conferences('],
      ['Talk', 'talk(conference: String!, slug: String!): Talk', 'talks('],
      ['Person', 'person(slug: String!): Person', 'people('],
      ['Organisation', 'organisation(slug: String!): Organisation', 'organisations('],
      ['Article', 'article(slug: String!): Article', 'articles('],
      ['Topic', 'topic(slug: String!): Topic', 'topics('],
      ['Reaction', null, 'reactions('],
    ] as const) {
      expect(text).toContain(`type ${type} implements Node {`);
      if (lookup) expect(text).toContain(`  ${lookup}\n`);
      expect(text).toMatch(new RegExp(`type Query \\{[^}]*\\n  ${list.replace('(', '\\(')}`, 's'));
    }
  });
});

describe('schema changes against the last release (npm run schema:check)', () => {
  it('breaks nothing since the last release that was not accepted in schema/accepted-changes.json', async () => {
    const changes = await schemaChanges(sdl(), lastRelease(), readAcceptedChanges());
    expect(changes.breaking.map((change) => change.message), formatChanges(changes)).toEqual([]);
    expect(changes.stale, 'accepted changes that no longer happen').toEqual([]);
  });

  it("records the last release at or below package.json's version", () => {
    const [release, current] = [lastRelease().version, packageVersion()].map((version) => version.split('.').map(Number));
    expect(release[0] * 1e6 + release[1] * 1e3 + release[2]).toBeLessThanOrEqual(current[0] * 1e6 + current[1] * 1e3 + current[2]);
  });

  it('fails on a removed field until it is accepted against that release; an added field is safe, a new enum value dangerous', async () => {
    const release = lastRelease();
    // A release that had one field more than the code: the code removed it.
    const older = { ...release, sdl: release.sdl.replace('type Conference implements Node {\n', 'type Conference implements Node {\n  retiredField: String\n') };
    expect(older.sdl).not.toBe(release.sdl);
    const changes = await schemaChanges(sdl(), older);
    expect(changes.breaking.map((change) => [change.path, change.message])).toEqual([
      ['Conference.retiredField', "Field 'retiredField' was removed from object type 'Conference'"],
    ]);
    expect(formatChanges(changes)).toMatch(/Breaking, not accepted \(1\):\n  - Field 'retiredField' was removed/);

    const accepted = withAccepted(changes, 'replaced by Conference.name');
    expect(accepted.accepted).toEqual([{ message: changes.breaking[0].message, path: 'Conference.retiredField', reason: 'replaced by Conference.name' }]);
    const again = await schemaChanges(sdl(), older, accepted);
    expect(again.breaking).toEqual([]);
    expect(again.accepted.map((change) => change.path)).toEqual(['Conference.retiredField']);
    // Accepted against another release, it does not count.
    expect((await schemaChanges(sdl(), { ...older, version: '0.0.1' }, accepted)).breaking).toHaveLength(1);

    const newer = older.sdl.replace('enum ConferenceFormat {\n', 'enum ConferenceFormat {\n  HOLOGRAM\n');
    const forward = await schemaChanges(newer, release);
    expect(forward.breaking).toEqual([]);
    expect(forward.safe.map((change) => change.path)).toContain('Conference.retiredField');
    expect(forward.dangerous.map((change) => change.path)).toEqual(['ConferenceFormat.HOLOGRAM']);
  });
});

describe('read declarations', () => {
  it('name only tables and columns of the Prisma data model', () => {
    expect(declarationProblems(schema)).toEqual([]);
  });

  it('report a column or table the data model does not have', () => {
    const conference = new GraphQLObjectType({ name: 'Conference', fields: { name: { type: GraphQLString, extensions: { pothosExposedField: 'name' } } } });
    const talk = new GraphQLObjectType({
      name: 'Talk',
      fields: {
        titel: { type: GraphQLString, extensions: { pothosExposedField: 'titel' } },
        conference: { type: conference, extensions: { read: { kind: 'join', table: { name: 'Conference', type: 'Conference' }, foreignKey: 'conferenceID', nullable: false } } },
        notes: { type: conference, extensions: { read: { kind: 'join', table: { name: 'Note', type: 'Note' }, foreignKey: 'noteId', nullable: true } } },
      },
    });
    const query = new GraphQLObjectType({
      name: 'Query',
      fields: { talk: { type: talk, extensions: { read: { kind: 'find', table: { name: 'Talk', type: 'Talk' }, where: () => undefined } } } },
    });
    expect(declarationProblems(new GraphQLSchema({ query }))).toEqual([
      'Talk.notes: no model Note',
      'Talk.titel: Talk has no column titel',
      'Talk.conference: Talk has no column conferenceID',
      'Talk.notes: Talk has no column noteId',
      'Talk.notes: returns Conference but reads Note rows, which become Note',
    ]);
  });
});
