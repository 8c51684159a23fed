// What GraphiQL opens with: every example of schema/operations in a tab of its own, the headline
// first, then the others by file name. Each example carries its variables as defaults, so a tab runs
// as it is. Yoga's bundled GraphiQL (served by us, no CDN) also has the explorer plugin, which builds
// a query by clicking through the schema.
//
// GraphiQL learns which operation the editor holds 100 ms after the editor changes (a debounced
// parse), so Run pressed right after switching tabs sent the new tab's document with the previous
// tab's operation name, and the server answered "Cannot infer operation". The page therefore runs
// a small script before GraphiQL that, when a request names an operation its own document does not
// define, names the document's first operation instead, as GraphiQL itself does once it has parsed.
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

/**
 * Runs in the page before GraphiQL: requests whose operationName is not an operation of their own
 * query are sent with the query's first operation's name. A request whose name matches is untouched.
 */
const operationNameGuard = `(() => {
  const send = window.fetch.bind(window);
  const operationNames = (query) => {
    // Block strings, strings and comments can hold words like "query X" that are not operations.
    const code = query.replace(/"""[\\s\\S]*?"""/g, ' ').replace(/"(?:[^"\\\\\\n]|\\\\.)*"/g, ' ').replace(/#[^\\n]*/g, ' ');
    return Array.from(code.matchAll(/(?:^|[{}\\s])(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)/g), (match) => match[1]);
  };
  window.fetch = (input, init) => {
    if (init && typeof init.body === 'string') {
      try {
        const body = JSON.parse(init.body);
        if (body && typeof body.query === 'string' && typeof body.operationName === 'string') {
          const names = operationNames(body.query);
          if (names.length > 0 && !names.includes(body.operationName)) {
            body.operationName = names[0];
            init = { ...init, body: JSON.stringify(body) };
          }
        }
      } catch {
        // Not a JSON GraphQL request: send it as it is.
      }
    }
    return send(input, init);
  };
})();`;

/** GraphiQL's page (Yoga's bundled assets) with the operation-name guard before GraphiQL's script. */
export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const page = renderGraphiQL(options);
  const root = '<div id="root"></div>';
  if (!page.includes(root)) throw new Error('GraphiQL\'s page has no <div id="root">: check the operation-name guard against this @graphql-yoga/render-graphiql');
  return page.replace(root, `${root}<script>${operationNameGuard}</script>`);
}
