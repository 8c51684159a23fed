// What GraphiQL opens with: every example of schema/operations in a tab of its own, the headline
// first, then the others by file name. Each example carries its variables as defaults, so a tab runs
// as it is. Yoga's bundled GraphiQL (served by us, no CDN) also has the explorer plugin, which builds
// a query by clicking through the schema.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GraphiQLOptions } from 'graphql-yoga';

const operationsDir = resolve(import.meta.dirname, '../schema/operations');
const HEADLINE = 'headline.graphql';

/** The example operations, headline first. */
export function exampleOperations(): Array<{ file: string; query: string }> {
  const files = readdirSync(operationsDir)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => Number(b === HEADLINE) - Number(a === HEADLINE) || a.localeCompare(b));
  return files.map((file) => ({ file, query: readFileSync(resolve(operationsDir, file), 'utf8') }));
}

let options: GraphiQLOptions | undefined;

/** Yoga's GraphiQL options, read from the files when a browser first asks for GraphiQL. */
export function graphiqlOptions(): GraphiQLOptions {
  if (!options) {
    const examples = exampleOperations();
    options = {
      title: 'talkgraph',
      defaultQuery: examples[0]?.query,
      defaultTabs: examples.map((example) => ({ query: example.query })),
    };
  }
  return options;
}
