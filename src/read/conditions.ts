// Conditions on rows, the one way every filter in the API is written: a condition is SQL once it
// knows the alias of the rows it is about. They combine with all / any / not, reach related rows
// with some / every / none, and bound values with a range. A filter input (TalkFilter,
// ReactionFilter, ...) is compiled by filterCondition from rules, one per input field, with AND,
// OR and NOT handled once for all of them. The rules live with their domain: ./talks.ts,
// ./reactions.ts.
import type { Sql } from '../db/sql.js';
import { InvalidInputError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Lookups } from './lookups.js';
import { col, containsWord } from './statements.js';

/** A condition on the rows at `row` (an alias). Slugs and aliases are settled when it is made, not each time it is written. */
export type Condition = (row: Sql) => Sql;

const always: Condition = () => Prisma.sql`true`;
const never: Condition = () => Prisma.sql`false`;

/** Every condition holds; undefined (no condition) when none is given. */
export function all(conditions: ReadonlyArray<Condition | undefined>): Condition | undefined {
  const given = conditions.filter((condition): condition is Condition => condition !== undefined);
  if (given.length === 0) return undefined;
  if (given.length === 1) return given[0];
  return (row) => Prisma.join(given.map((condition) => condition(row)), ' AND ');
}

/** At least one condition holds; false when none is given. */
export function any(conditions: ReadonlyArray<Condition>): Condition {
  if (conditions.length === 0) return never;
  return (row) => Prisma.sql`(${Prisma.join(conditions.map((condition) => condition(row)), ' OR ')})`;
}

/** The condition does not hold (no condition: no row). */
export function not(condition: Condition | undefined): Condition {
  const negated = condition ?? always;
  return (row) => Prisma.sql`NOT (${negated(row)})`;
}

/** `column` equals `value`. */
export const equals =
  (column: string, value: unknown): Condition =>
  (row) =>
    Prisma.sql`${col(row, column)} = ${value}`;

/** `column` contains `word`, whatever its case. */
export const containsWordOf =
  (column: string, word: string): Condition =>
  (row) =>
    containsWord([col(row, column)], word);

/** `column` is one of `values` (the SQL of ids, or of looked-up slugs); none: no row. */
export function oneOf(column: string, values: readonly Sql[]): Condition {
  if (values.length === 0) return never;
  return (row) => Prisma.sql`${col(row, column)} IN (${Prisma.join(values, ', ')})`;
}

/** `column` is any of `values`, bound as one array of the SQL type `arrayType` (e.g. `"TalkKind"[]`). */
export function inArray(column: string, values: readonly unknown[], arrayType?: string): Condition {
  const cast = arrayType ? Prisma.raw(`::text[]::${arrayType}`) : Prisma.raw('::text[]');
  return (row) => Prisma.sql`${col(row, column)} = ANY(${values}${cast})`;
}

/** Whole numbers from `from` to `to`, both included; either end may be open. */
export interface IntRangeInput {
  from?: number | null;
  to?: number | null;
}

/** The value `of` the row lies in `range`; refused when its ends are the wrong way round. */
export function inRange(of: (row: Sql) => Sql, range: IntRangeInput, path: string): Condition | undefined {
  const { from, to } = range;
  if (from != null && to != null && to < from) throw new InvalidInputError(`${path}: "to" (${to}) is before "from" (${from}).`, path);
  return all([
    from != null ? (row) => Prisma.sql`${of(row)} >= ${from}` : undefined,
    to != null ? (row) => Prisma.sql`${of(row)} <= ${to}` : undefined,
  ]);
}

/** Rows related to a row: `from(alias, row)` is `FROM <table> <alias> WHERE <alias> belongs to row`. */
export type Related = (alias: Sql, row: Sql) => Sql;

/** Conditions on related rows: at least one matches (some), all do (every; true when there are none), none does. */
export interface Quantified<Filter> {
  some?: Filter | null;
  every?: Filter | null;
  none?: Filter | null;
}

/**
 * The conditions a Quantified input puts on a row, through the related rows of `related`, each
 * matched by `match` (a filter's condition); `prefix` names the aliases the subqueries get.
 */
export function quantified<Filter>(
  condition: Quantified<Filter> | null | undefined,
  related: Related,
  match: (filter: Filter) => Condition | undefined,
  lookups: Lookups,
  prefix: string,
): Condition | undefined {
  if (!condition) return undefined;
  const exists = (filter: Filter, negate: boolean): Condition => {
    const alias = lookups.alias(prefix);
    const matched = (match(filter) ?? always)(alias);
    return (row) => Prisma.sql`EXISTS (SELECT 1 ${related(alias, row)} AND ${negate ? Prisma.sql`NOT (${matched})` : matched})`;
  };
  return all([
    condition.some ? exists(condition.some, false) : undefined,
    condition.none ? not(exists(condition.none, false)) : undefined,
    condition.every ? not(exists(condition.every, true)) : undefined,
  ]);
}

/**
 * The rule of a filter field that names a row of `table` by its slug: `build` gets the row's id
 * (looked up in the statement, NOT_FOUND naming the field when no row has it). An empty slug narrows
 * nothing, as if the field were not given.
 */
export const slugRule =
  (lookups: Lookups, table: Parameters<Lookups['id']>[0], build: (id: Sql) => Condition) =>
  (slug: string, path: string): Condition | undefined =>
    slug ? build(lookups.id(table, slug, path)) : undefined;

/** A filter input's boolean combinators. */
export interface Combinable<Filter> {
  AND?: Filter[] | null;
  OR?: Filter[] | null;
  NOT?: Filter | null;
}

/**
 * How each field of a filter narrows rows: given the field's value (never null), the path that
 * names it in errors, and the whole filter (for rules that depend on another field), a condition,
 * or undefined when it narrows nothing. Rules run in the order they are listed.
 */
export type FilterRules<Filter> = {
  [Field in Exclude<keyof Filter, keyof Combinable<unknown>>]-?: (value: NonNullable<Filter[Field]>, path: string, filter: Filter) => Condition | undefined;
};

/**
 * The condition a filter input puts on its rows: every given field's, with AND, OR and NOT when
 * the input has them; undefined when it filters nothing. `path` names the input in errors ("" for
 * a field's own arguments, which errors name alone).
 */
export function filterCondition<Filter extends object>(filter: Filter | null | undefined, rules: FilterRules<Filter>, path: string): Condition | undefined {
  if (!filter) return undefined;
  const parts: Array<Condition | undefined> = [];
  const { AND, OR, NOT } = filter as Combinable<Filter>;
  AND?.forEach((each, index) => parts.push(filterCondition(each, rules, `${path}.AND[${index}]`) ?? always));
  if (OR) parts.push(any(OR.map((each, index) => filterCondition(each, rules, `${path}.OR[${index}]`) ?? always)));
  if (NOT) parts.push(not(filterCondition(NOT, rules, `${path}.NOT`)));
  for (const field of Object.keys(rules) as Array<keyof FilterRules<Filter>>) {
    const value = filter[field as keyof Filter];
    if (value === null || value === undefined) continue;
    const fieldPath = path ? `${path}.${String(field)}` : String(field);
    parts.push((rules[field] as (value: unknown, path: string, filter: Filter) => Condition | undefined)(value, fieldPath, filter));
  }
  return all(parts);
}

/** A talk by its conference's slug and its own slug (slugs are unique within a conference). */
export function talkBySlugs(row: Sql, args: { conference: string; slug: string }): Sql {
  return Prisma.sql`${col(row, 'slug')} = ${args.slug} AND ${col(row, 'conferenceId')} = (SELECT "id" FROM "Conference" WHERE "slug" = ${args.conference})`;
}
