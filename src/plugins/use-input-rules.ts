// Rules on argument values that hold for every field, checked before an operation runs, so a
// refused request changes nothing and the caller reads what to change instead of "Unexpected
// error." Each argument is read as the field will see it (literals and variables alike) and
// walked through its input type:
// - no string may hold a NUL character: PostgreSQL text cannot store one, and the driver's error
//   used to surface as an unexpected failure;
// - a `search` is bounded in length and words, since each word is a condition on every row;
// - a `timeZone` must be an IANA zone, by the rule the importers apply;
// - an input with both `seriesPart` and `seriesParts` must not put the part past the count.
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type OperationDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getArgumentValues,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isListType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { InvalidInputError, LimitExceededError } from '../errors.js';
import { isValidTimeZone } from '../importers/common.js';

/** Longest `search` text, in characters. */
export const MAX_SEARCH_LENGTH = 200;
/** Most words in one `search`. */
export const MAX_SEARCH_TERMS = 16;

export interface InputRulesOptions {
  /** Default MAX_SEARCH_LENGTH (200). */
  maxSearchLength?: number;
  /** Default MAX_SEARCH_TERMS (16). */
  maxSearchTerms?: number;
}

interface Rules {
  maxSearchLength: number;
  maxSearchTerms: number;
}

/** IANA names are short words joined by slashes; anything else is refused before Intl sees (and caches) it. */
const zoneShape = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

function checkString(value: string, name: string, path: string, rules: Rules): void {
  const nul = value.indexOf('\0');
  if (nul >= 0) {
    throw new InvalidInputError(`${path}: the text holds a NUL character (\\u0000) at position ${nul}; remove it, text in talkgraph cannot contain one.`, path);
  }
  if (name === 'search') {
    if (value.length > rules.maxSearchLength) {
      throw new LimitExceededError(`${path}: the search is ${value.length} characters long, more than the ${rules.maxSearchLength} allowed; search for fewer, more telling words.`, path);
    }
    const terms = value.split(/\s+/).filter(Boolean).length;
    if (terms > rules.maxSearchTerms) {
      throw new LimitExceededError(`${path}: the search has ${terms} words, more than the ${rules.maxSearchTerms} allowed; search for fewer, more telling words.`, path);
    }
  }
  if (name === 'timeZone' && value !== '' && !(zoneShape.test(value) && isValidTimeZone(value))) {
    throw new InvalidInputError(`${path}: "${value.slice(0, 64)}" is not an IANA time zone; use a name such as Europe/Brussels or America/New_York.`, path);
  }
}

function checkObject(value: Record<string, unknown>, path: string): void {
  const { seriesPart, seriesParts } = value;
  if (typeof seriesPart === 'number' && typeof seriesParts === 'number' && seriesPart > seriesParts) {
    throw new InvalidInputError(`${path}.seriesPart: part ${seriesPart} of a series of ${seriesParts} parts cannot be; make seriesPart at most seriesParts.`, `${path}.seriesPart`);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, name: string, path: string, rules: Rules): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, index) => checkValue(item, nullable.ofType, name, `${path}.${index}`, rules));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    const object = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(fields)) checkValue(object[key], field.type, key, `${path}.${key}`, rules);
    checkObject(object, path);
    return;
  }
  if (typeof value === 'string') checkString(value, name, path, rules);
}

/** Checks every argument of every field the operation selects; throws the first rule broken. */
export function checkInputRules(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  rules: Rules,
): void {
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
  // Variables that do not fit their types are execute's to report, with its own message.
  if (variables.errors) return;
  checkArguments(schema, document, operation, variables.coerced, rules);
}

/** The same check for an operation whose variables are already coerced (an early answer has them). */
export function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  coerced: Record<string, unknown>,
  rules: Rules,
): void {
  for (const { field, node } of argumentSites(schema, document, operation)) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, coerced);
    } catch {
      continue; // A value execute will refuse anyway (a bad scalar, a missing variable).
    }
    for (const argument of field.args) checkValue(values[argument.name], argument.type, argument.name, argument.name, rules);
  }
}

type ArgumentSite = { field: GraphQLField<unknown, unknown>; node: FieldNode };

const sitesByDocument = new WeakMap<DocumentNode, WeakMap<OperationDefinitionNode, ArgumentSite[]>>();

/**
 * The fields of an operation (and of the fragments it may spread) that take arguments, with their
 * definitions: found once per document, so a repeated request checks its values without walking
 * the document again.
 */
function argumentSites(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentSite[] {
  let byOperation = sitesByDocument.get(document);
  if (!byOperation) sitesByDocument.set(document, (byOperation = new WeakMap()));
  let sites = byOperation.get(operation);
  if (sites) return sites;
  const found: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (field && node.arguments?.length) found.push({ field, node });
      },
      // Directive arguments (@include(if:)) are booleans: nothing to check.
      Directive: () => false,
    }),
  );
  byOperation.set(operation, (sites = found));
  return sites;
}

export function useInputRules({ maxSearchLength = MAX_SEARCH_LENGTH, maxSearchTerms = MAX_SEARCH_TERMS }: InputRulesOptions = {}): Plugin {
  const rules = { maxSearchLength, maxSearchTerms };
  return {
    onExecute({ args }) {
      checkInputRules(args.schema, args.document, args.variableValues as Record<string, unknown> | undefined, args.operationName, rules);
    },
  };
}
