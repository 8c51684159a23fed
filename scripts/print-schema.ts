// Writes schema/schema.graphql (the SDL, sorted) and schema/talkgraph-dataset.schema.json (the
// dataset format's JSON Schema). Run with `npm run schema:print`; a test fails when they are stale.
import { writeFileSync } from 'node:fs';
import { datasetJsonSchemaText, schemaFile, datasetSchemaFile, sdl } from '../src/schema/print.js';

writeFileSync(schemaFile, sdl());
writeFileSync(datasetSchemaFile, datasetJsonSchemaText());
console.log(`Wrote ${schemaFile} and ${datasetSchemaFile}`);
