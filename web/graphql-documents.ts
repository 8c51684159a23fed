// Vite plugin for the dashboard's GraphQL documents. `import doc from './x.graphql'` gives the
// document's text and its id, "sha256:" + the hex sha256 of that exact text; the build writes every
// such document to persisted-documents.json (hash → text), the manifest the server loads to trust
// them. Each document is validated against schema/schema.graphql at build time, so a typo fails the
// build instead of a page. A subscription the schema does not have yet (the change feed may not be
// merged) is left out of the manifest and sent as text, and the page degrades without it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import type { Plugin } from 'vite';

export const MANIFEST_FILE = 'persisted-documents.json';

export interface DocumentsPluginOptions {
  /** The printed SDL the documents must validate against. */
  schemaFile: string;
}

export function graphqlDocuments({ schemaFile }: DocumentsPluginOptions): Plugin {
  let schema: GraphQLSchema | undefined;
  const manifest = new Map<string, string>();
  const schemaOf = () => (schema ??= buildSchema(readFileSync(schemaFile, 'utf8')));
  return {
    name: 'talkgraph-graphql-documents',
    buildStart() {
      schema = undefined;
      manifest.clear();
      this.addWatchFile(schemaFile);
    },
    load(id) {
      if (!id.endsWith('.graphql')) return null;
      const text = readFileSync(id, 'utf8');
      const document = parse(text);
      const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      const operation = operations[0];
      if (operations.length !== 1 || !operation.name) throw new Error(`${id}: a dashboard document holds exactly one named operation.`);
      const errors = validate(schemaOf(), document);
      const pendingSubscription = operation.operation === 'subscription' && !schemaOf().getSubscriptionType();
      if (errors.length > 0 && !pendingSubscription) {
        throw new Error(`${id} does not validate against ${schemaFile}: ${errors.map((error) => error.message).join(' ')}`);
      }
      const hash = createHash('sha256').update(text, 'utf8').digest('hex');
      // graphql-js 16 validates a subscription against a schema without Subscription as if it were fine.
      const trusted = errors.length === 0 && !pendingSubscription;
      if (trusted) manifest.set(hash, text);
      const exported = { name: operation.name.value, text, id: trusted ? `sha256:${hash}` : null };
      return { code: `export default ${JSON.stringify(exported)};`, map: null };
    },
    generateBundle() {
      const sorted = Object.fromEntries([...manifest.entries()].sort(([a], [b]) => a.localeCompare(b)));
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: `${JSON.stringify(sorted, null, 2)}\n` });
    },
  };
}
