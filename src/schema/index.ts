// Loads every schema module (each registers its types on the builder) and builds the schema.
import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.js';
import { describeFromModels } from './model-docs.js';
import { allTables } from './tables.js';
import './errors.js';
import './enums.js';
import './conferences.js';
import './talks/index.js';
import './talks/mutations.js';
import './people.js';
import './organisations.js';
import './reactions.js';
import './articles.js';
import './articles-ingest.js';
import './topics.js';
import './imports.js';
import './paths.js';
import './recommendations.js';
import './nodes.js';
import './search.js';
import './identity.js';
import './subscriptions.js';

export const schema = lexicographicSortSchema(describeFromModels(builder.toSchema(), allTables));
