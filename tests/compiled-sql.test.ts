// The SQL each example and benchmark operation compiles to is stored beside it; these compare,
// without a database, so a change of plan shows in review. `npm run sql:print` rewrites them.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileOperation, operationShape, planKey } from '../src/read/compile.js';
import { compiledOperationFiles } from '../src/read/compiled-sql.js';
import { schema } from '../src/schema/index.js';

const files = compiledOperationFiles(schema);

describe('the SQL operations compile to', () => {
  it.each(files.map((file) => [basename(file.operation), file] as const))('%s matches its stored .sql (run npm run sql:print)', (_name, file) => {
    expect(existsSync(file.sqlFile), `${file.sqlFile} is missing`).toBe(true);
    expect(readFileSync(file.sqlFile, 'utf8')).toBe(file.sql);
  });

  it('compiles the headline, the three benchmark shapes and the dashboards with facets and histograms to one statement each', () => {
    const oneStatement = files.filter((file) => file.sql.includes(' as one statement.')).map((file) => basename(file.operation));
    expect(oneStatement).toEqual(
      expect.arrayContaining([
        'headline.graphql',
        'five-conferences.graphql',
        'organisation-staff.graphql',
        'conference-page.graphql',
        'conference-dashboard.graphql',
        'activity-over-time.graphql',
        'talks-by-track.graphql',
        'facets.graphql',
      ]),
    );
  });

  it('says which field keeps an operation from compiling', () => {
    const path = files.find((file) => basename(file.operation) === 'path.graphql')!;
    expect(path.sql).toMatch(/runs through GraphQL execution.*Query\.paths is not compiled/);
  });

  it('takes a lookup slug and a page size from variables as parameters, and a filter value as part of the plan', () => {
    const document = parse('query ($slug: String!, $first: Int, $kinds: [ReactionKind!]) { organisation(slug: $slug) { reactions(first: $first, filter: { kinds: $kinds }) { nodes { kind } } } }');
    const shape = operationShape(schema, document)!;
    expect([...shape.slots].sort()).toEqual(['first', 'slug']);
    const highlights = { slug: 'max-kelsen', first: 5, kinds: ['HIGHLIGHT'] };
    expect(planKey(shape, highlights)).toBe(planKey(shape, { ...highlights, slug: 'sysdig', first: 50 }));
    expect(planKey(shape, highlights)).not.toBe(planKey(shape, { ...highlights, kinds: ['CRITIQUE'] }));
    expect(planKey(shape, highlights)).not.toBe(planKey(shape, { ...highlights, first: null }));
    const plan = compileOperation(schema, shape, highlights, 100);
    if (!('statement' in plan)) throw new Error(plan.refused);
    expect(plan.statement.values).toContainEqual(['HIGHLIGHT']);
    expect(plan.statement.values).not.toContain('max-kelsen');
  });

  it('refuses page sizes out of range and mutations, leaving them to execution and its errors', () => {
    const tooLarge = operationShape(schema, parse('{ talks(first: 101) { nodes { title } } }'))!;
    expect(compileOperation(schema, tooLarge, {}, 100)).toEqual({ refused: expect.stringContaining('first') });
    const mutation = operationShape(schema, parse('mutation { deleteTopic(input: { id: "x" }) { __typename } }'))!;
    expect(compileOperation(schema, mutation, {}, 100)).toEqual({ refused: 'a mutation' });
    // A probe that reads no table is answered by execution, with no statement at all.
    expect(compileOperation(schema, operationShape(schema, parse('{ __typename }'))!, {}, 100)).toEqual({ refused: 'nothing to read' });
    expect(compileOperation(schema, operationShape(schema, parse('{ __typename conference(slug: "x") { name } }'))!, {}, 100)).not.toHaveProperty('refused');
  });
});
