// The one SchemaBuilder and its plugin options. Types live in src/schema/<domain>.ts.
import SchemaBuilder from '@pothos/core';
import { getNullableType, isListType } from 'graphql';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Context } from './context.js';
import type { Affiliation, Article, Conference, Organisation, Person, Reaction, Talk, TalkSpeaker, Topic } from './generated/prisma/client.js';
import { ForbiddenError, InvalidIdError, LimitExceededError, TalkgraphError, UnauthenticatedError } from './errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './read/reader.js';
import type { HistogramBound } from './read/histogram.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };
/** Largest estimated cost a query may have: roughly, the most values it could return. */
export const QUERY_COST_LIMIT = 1_000_000;
/** The largest depth, breadth and estimated cost an operation may have. */
export const COMPLEXITY_LIMIT = { depth: 16, breadth: 200, complexity: QUERY_COST_LIMIT };

/** Types reachable through node(id:); a global ID naming anything else is rejected. */
export const nodeTypes = new Set(['Conference', 'Talk', 'Person', 'Organisation', 'Affiliation', 'Reaction', 'Article', 'Topic']);

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

/** Row ids are PostgreSQL integers: an ID naming a larger number can name nothing. */
const MAX_ROW_ID = 2 ** 31 - 1;

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const [typename, id] = decoded.split(':');
  if (
    !nodeTypes.has(typename) ||
    !/^[1-9]\d{0,9}$/.test(id ?? '') ||
    Number(id) > MAX_ROW_ID ||
    encodeGlobalId(typename, id) !== globalId
  ) {
    throw new InvalidIdError(`"${globalId}" is not a talkgraph ID; use the id field of a Conference, Talk, Person, Organisation, Affiliation, Reaction, Article or Topic.`);
  }
  return { typename, id };
}

export const builder = new SchemaBuilder<{
  Context: Context;
  /** The graph's object types by name, so modules can refer to each other's types without import cycles. */
  Objects: {
    Conference: Conference;
    Talk: Talk;
    Speaker: TalkSpeaker;
    Person: Person;
    Organisation: Organisation;
    Affiliation: Affiliation;
    Reaction: Reaction;
    Article: Article;
    Topic: Topic;
  };
  /** Every connection can carry its count; the reader fills it in when totalCount is selected. */
  Connection: { totalCount?: number };
  AuthScopes: { read: boolean; write: boolean; admin: boolean };
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    DateOrDateTime: { Input: HistogramBound; Output: never };
    ID: { Input: string; Output: string | number };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ComplexityPlugin, ErrorsPlugin, RelayPlugin],
  scopeAuth: {
    // A subscription is checked once, when it starts, not again for every event.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      read: ctx.viewer.scopes.has('read'),
      write: ctx.viewer.scopes.has('write'),
      admin: ctx.viewer.scopes.has('admin'),
    }),
    unauthorizedError: (_parent, context) =>
      context.viewer.tokenName === null
        ? new UnauthenticatedError('This operation needs an API token: send "Authorization: Bearer <token>".')
        : new ForbiddenError(`The token "${context.viewer.tokenName}" does not have a scope that allows this operation.`),
  },
  complexity: {
    // Cost estimates the most values a query can return: a connection multiplies what is below
    // it by its page size, a plain list (speakers, topics, affiliations: short by nature) by 5.
    fieldComplexity: (args, _context, field) => {
      // nodes(ids:) returns one value per ID, and what is selected below it once for each.
      if (Array.isArray(args.ids)) return { field: 1, multiplier: Math.max(args.ids.length, 1) };
      const page = args.first ?? args.last;
      if (field.args.some((arg) => arg.name === 'first')) {
        return { field: 1, multiplier: typeof page === 'number' ? page : DEFAULT_PAGE_SIZE };
      }
      const shortList = isListType(getNullableType(field.type)) && !/^(edges|nodes)$/.test(field.name);
      return { field: 1, multiplier: shortList ? 5 : 1 };
    },
    limit: COMPLEXITY_LIMIT,
    complexityError: (kind, result, info) =>
      new LimitExceededError(
        kind === 'Depth'
          ? `The query is ${result.depth} levels deep, more than the ${result.maxDepth} allowed; split it into several queries.`
          : kind === 'Breadth'
            ? `The query asks for ${result.breadth} fields, more than the ${result.maxBreadth} allowed; split it into several queries.`
            : `The query's estimated cost is ${result.complexity}, more than the ${result.maxComplexity} allowed; ask for smaller pages (first/last) or fewer nested lists.`,
        info.fieldName,
      ),
  },
  errors: {
    defaultTypes: [TalkgraphError],
  },
  relay: {
    clientMutationId: 'optional',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, id),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodesOnConnection: true,
    // node and nodes are defined in src/schema/nodes.ts, through the read path.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

/** The builder's type parameters, for helpers that take Pothos field and argument builders. */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

// Every root read needs the read scope, which anonymous callers have unless reads are closed (openReads).
builder.queryType({ description: 'Entry points into the graph. Every entity is also reachable through node(id:).', authScopes: { read: true } });
// Every write needs at least the write scope, even one that forgot to say so; fields add admin.
builder.mutationType({
  description: 'Writes. Each needs an API token whose scope allows it: write to create, update and link; admin to delete and import.',
  authScopes: { write: true },
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds, across all pages.',
    resolve: (connection) => {
      if (connection.totalCount === undefined) throw new Error('totalCount was resolved without being read.');
      return connection.totalCount;
    },
  }),
);

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string with a zone, e.g. 2020-08-20T14:00:00.000Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => parseInstant(value),
});

builder.scalarType('Date', {
  description: 'A calendar date, e.g. 2020-08-17.',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: (value) => parseDay(value),
});

// JavaScript's Date rolls impossible days over (2020-02-30 becomes March 1) and accepts year 0 and
// times without a zone (read in the server's zone); PostgreSQL has no year 0. So inputs are read
// field by field and each part is checked before a Date is made.
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** What is wrong with a year, month and day, or undefined when they name a day. */
function calendarProblem(year: number, month: number, day: number): string | undefined {
  if (year < 1) return 'there is no year 0; years start at 0001';
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${monthNames[month - 1]} ${year} has ${days} days`;
  return undefined;
}

function showInput(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function parseDay(value: unknown): Date {
  const match = typeof value === 'string' ? dayPattern.exec(value) : null;
  const problem = match ? calendarProblem(Number(match[1]), Number(match[2]), Number(match[3])) : 'use YYYY-MM-DD, e.g. 2020-08-17';
  if (problem) throw new TalkgraphError('INVALID_INPUT', `"${showInput(value)}" is not a date: ${problem}.`);
  return new Date(`${value}T00:00:00Z`);
}

export function parseInstant(value: unknown): Date {
  const match = typeof value === 'string' ? instantPattern.exec(value) : null;
  const fail = (problem: string) => new TalkgraphError('INVALID_INPUT', `"${showInput(value)}" is not a date-time: ${problem}.`);
  if (!match) throw fail('use ISO 8601 with a zone, e.g. 2020-08-20T14:00:00Z or 2020-08-20T16:00:00+02:00');
  const [, year, month, day, hour, minute, second = '00', zone] = match;
  if (!zone) throw fail('it has no zone, so it could be any of 24 instants; add Z for UTC or an offset such as +02:00');
  const problem = calendarProblem(Number(year), Number(month), Number(day));
  if (problem) throw fail(problem);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) throw fail(`${hour}:${minute}:${second} is not a time of day`);
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 18 || Number(zone.slice(4, 6)) > 59)) throw fail(`${zone} is not a zone offset; offsets go from -18:00 to +18:00`);
  const date = new Date(value as string);
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) throw fail('in UTC it falls outside the years 0001 to 9999');
  return date;
}
