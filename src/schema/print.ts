import { resolve } from 'node:path';
import { printSchema } from 'graphql';
import { datasetJsonSchema } from '../dataset/format.js';
import { schema } from './index.js';

export const schemaFile = resolve(import.meta.dirname, '../../schema/schema.graphql');
export const datasetSchemaFile = resolve(import.meta.dirname, '../../schema/talkgraph-dataset.schema.json');

export const sdl = () => `${printSchema(schema)}\n`;

export const datasetJsonSchemaText = () =>
  `${JSON.stringify(
    {
      $id: 'https://talkgraph.invalid/schema/talkgraph-dataset.schema.json',
      title: 'talkgraph dataset, version 1',
      description: 'Conferences, talks, people, organisations, topics, articles and reactions; see src/dataset/format.ts for the merge rules.',
      ...datasetJsonSchema(),
    },
    null,
    2,
  )}\n`;
