// The peer in the benchmark: PostGraphile 5 (its Amber preset) serving the benchmark database over
// Node's http server, so talkgraph can be compared with a GraphQL server that compiles each
// operation to SQL. It is configured for the benchmark only: one database, the public schema,
// loopback, no watch mode, no GraphiQL, no schema files written anywhere. Four orders and one
// filter that talkgraph has and PostGraphile does not generate are added with PostGraphile's own
// plugin helpers (below), so the operations in ./*.graphql can ask for the same rows.
//   DATABASE_URL=postgresql://... PORT=4200 node --import tsx scripts/bench/postgraphile/server.ts
import './node-20.js';
import { createServer } from 'node:http';
import pg from 'pg';
import { TYPES } from 'postgraphile/@dataplan/pg';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { sql } from 'postgraphile/pg-sql2';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { addPgTableCondition, addPgTableOrderBy, jsonPgSmartTags, orderByAscDesc } from 'postgraphile/utils';
import { postgraphile } from 'postgraphile';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('PostGraphile peer: set DATABASE_URL to the benchmark database.');
  process.exit(1);
}

// As many connections as the load generator opens, and the session settings talkgraph and the
// reference use (src/db/client.ts), so all three ask the same planner; but not talkgraph's
// plan_cache_mode=force_generic_plan, which halves PostGraphile's small page (641 against 1,027
// req/s in one run): its statements do better planned for their values.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c jit=off -c random_page_cost=1.1' });

const publicTable = (tableName: string) => ({ schemaName: 'public', tableName });

/** Conference NEWEST in talkgraph: the start date descending with undated conferences last. */
const conferenceOrders = addPgTableOrderBy(publicTable('Conference'), () =>
  orderByAscDesc('STARTS_ON_NULLS_LAST', 'startsOn', { nulls: 'last' }),
);

/** OrganisationOrder MOST_TALKS: the talks a speaker gave for the organisation. */
const organisationOrders = addPgTableOrderBy(publicTable('Organisation'), () =>
  orderByAscDesc('TALK_COUNT', (queryBuilder) => ({
    fragment: sql`(select count(distinct s."talkId") from "TalkSpeaker" s where s."organisationId" = ${queryBuilder.alias}.id)`,
    codec: TYPES.bigint,
  })),
);

/** Reactions are listed oldest first in talkgraph; PostGraphile offers orders on indexed columns only. */
const reactionOrders = addPgTableOrderBy(publicTable('Reaction'), () => orderByAscDesc('CREATED_AT', 'createdAt'));

/**
 * Organisation.staff in talkgraph is ordered by the person's name; Person.affiliations puts roles
 * without a start date first, then the latest (PostgreSQL's default for DESC).
 */
const affiliationOrders = addPgTableOrderBy(publicTable('Affiliation'), () => ({
  ...orderByAscDesc('PERSON_NAME', (queryBuilder) => ({
    fragment: sql`(select p.name from "Person" p where p.id = ${queryBuilder.alias}."personId")`,
    codec: TYPES.text,
  })),
  ...orderByAscDesc('STARTED_ON', 'startedOn', { nullable: true }),
}));

/**
 * Prisma makes slugs unique with an index, not a constraint, and PostGraphile only reads
 * constraints: the tag gives it conferenceBySlug and organisationBySlug, like talkgraph's roots.
 */
const slugLookups = jsonPgSmartTags({
  version: 1,
  config: { class: { Conference: { tags: { unique: 'slug' } }, Organisation: { tags: { unique: 'slug' } } } },
});

/** talkgraph's reactions(filter: { kinds: [...] }); PostGraphile's conditions only test equality. */
const reactionKinds = addPgTableCondition(
  publicTable('Reaction'),
  'kindIn',
  (build) => ({
    description: 'Reactions of any of these kinds.',
    type: new build.graphql.GraphQLList(new build.graphql.GraphQLNonNull(build.graphql.GraphQLString)),
  }),
  (value, helpers) => {
    if (!Array.isArray(value)) return undefined;
    return helpers.sql`${helpers.sqlTableAlias}.kind::text = any(${helpers.sqlValueWithCodec(value, helpers.build.dataplanPg.listOfCodec(TYPES.text))})`;
  },
);

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [conferenceOrders, organisationOrders, affiliationOrders, reactionOrders, reactionKinds, slugLookups],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// Built before listening, so /ready means the schema is there.
await pgl.getSchema();
const handle = serv.createHandler();

const server = createServer((request, response) => {
  if (request.url === '/ready') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  handle(request, response, () => {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"POST /graphql"}]}');
  });
});
server.listen(Number(process.env.PORT ?? 4200), process.env.HOST ?? '127.0.0.1');

const stop = () => {
  server.close();
  server.closeIdleConnections();
  void Promise.resolve(pgl.release()).then(() => pool.end());
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
