import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetJsonSchemaText, datasetSchemaFile, schemaFile, sdl } from '../src/schema/print.js';

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
