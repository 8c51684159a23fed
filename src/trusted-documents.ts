// Trusted documents: operations a client may call by hash instead of sending their text. They come
// from the examples in schema/operations (hashed here, at start), the dashboard's manifest
// web/dist/persisted-documents.json when it has been built, and any manifest named in
// TALKGRAPH_TRUSTED_DOCUMENTS. A manifest is what graphql-codegen's client preset writes for
// persisted documents: a JSON object of hash → document text. Every document is parsed and
// validated against the schema when loaded, so a manifest that no longer fits the schema stops
// the start instead of failing one request at a time.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type DocumentNode, GraphQLError, parse, validate } from 'graphql';
import { TalkgraphError } from './errors.js';
import { schema } from './schema/index.js';

/** A manifest that cannot be used; the start stops with its message (the talkgraph command prints it as one line). */
export class TrustedDocumentsError extends TalkgraphError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export interface TrustedDocument {
  document: DocumentNode;
  /** Where it was read: a file of schema/operations or a manifest, relative to the project when inside it. */
  source: string;
  /** The text, exactly as the hash was computed from (for manifests: as the manifest holds it). */
  text: string;
}

const projectRoot = resolve(import.meta.dirname, '..');
export const operationsDir = resolve(projectRoot, 'schema/operations');
/** Written by the dashboard's build; loaded when it exists. */
export const webManifestFile = resolve(projectRoot, 'web/dist/persisted-documents.json');

/** The hash clients send: sha256 of the text, in hex, as graphql-codegen's client preset computes it. */
export const documentHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const shown = (file: string) => (file.startsWith(projectRoot) ? relative(projectRoot, file) : file);

/** hash → text of every example in schema/operations, in file order: the manifest `talkgraph operations` prints. */
export function builtInManifest(): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const file of readdirSync(operationsDir).filter((name) => name.endsWith('.graphql')).sort()) {
    const text = readFileSync(resolve(operationsDir, file), 'utf8');
    manifest[documentHash(text)] = text;
  }
  return manifest;
}

/** TALKGRAPH_TRUSTED_DOCUMENTS: manifest paths, comma-separated. */
export function trustedDocumentFilesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.TALKGRAPH_TRUSTED_DOCUMENTS ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
}

function readManifest(file: string): Record<string, string> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TrustedDocumentsError(`Trusted documents: cannot read the manifest ${shown(file)}: ${(error as Error).message}`);
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new TrustedDocumentsError(`Trusted documents: ${shown(file)} must be a JSON object of hash → document text (graphql-codegen's persisted documents).`);
  }
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string') throw new TrustedDocumentsError(`Trusted documents: in ${shown(file)}, the entry ${hash} is not a document text (a string).`);
  }
  return manifest as Record<string, string>;
}

/** The document, parsed and valid against the schema, or an Error naming where it came from. */
function checkedDocument(text: string, hash: string, source: string): DocumentNode {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    throw new TrustedDocumentsError(`Trusted documents: the document ${hash} in ${source} does not parse: ${(error as GraphQLError).message}`);
  }
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new TrustedDocumentsError(
      `Trusted documents: the document ${hash} in ${source} does not validate against the schema: ${errors.map((error) => error.message).join(' ')} ` +
        'Regenerate the manifest for the current schema, or remove the file.',
    );
  }
  return document;
}

/**
 * Reads, parses and validates every trusted document: the built-in examples, the dashboard's
 * manifest when present, then `extraFiles`. Throws, naming the file and hash, on a document that
 * does not validate or on one hash given two different texts.
 */
export function loadTrustedDocuments(extraFiles: readonly string[] = []): Map<string, TrustedDocument> {
  const documents = new Map<string, TrustedDocument>();
  const add = (hash: string, text: string, source: string) => {
    const known = documents.get(hash);
    if (known) {
      if (known.text !== text) throw new TrustedDocumentsError(`Trusted documents: the hash ${hash} names two different documents, in ${known.source} and ${source}.`);
      return;
    }
    documents.set(hash, { document: checkedDocument(text, hash, source), source, text });
  };
  for (const file of readdirSync(operationsDir).filter((name) => name.endsWith('.graphql')).sort()) {
    const path = resolve(operationsDir, file);
    const text = readFileSync(path, 'utf8');
    add(documentHash(text), text, shown(path));
  }
  const manifests = [...(existsSync(webManifestFile) ? [webManifestFile] : []), ...extraFiles.map((file) => resolve(file))];
  for (const file of manifests) {
    for (const [hash, text] of Object.entries(readManifest(file))) add(normaliseHash(hash), text, shown(file));
  }
  return documents;
}

/** Clients may send codegen's hash with an algorithm prefix ("sha256:…"); the manifests key it bare. */
export const normaliseHash = (hash: string) => hash.trim().replace(/^sha256:/i, '');

const loaded = new Map<string, Map<string, TrustedDocument>>();

/**
 * Every trusted document by hash: the built-in examples, the dashboard's manifest, and the
 * manifests of `extraFiles` (default: TALKGRAPH_TRUSTED_DOCUMENTS). Loaded and validated once per
 * list of files, then shared, so code that prepares documents at start can iterate the same map
 * the server answers from.
 */
export function trustedDocuments(extraFiles: readonly string[] = trustedDocumentFilesFromEnv()): Map<string, TrustedDocument> {
  const key = extraFiles.join('\0');
  let documents = loaded.get(key);
  if (!documents) loaded.set(key, (documents = loadTrustedDocuments(extraFiles)));
  return documents;
}
