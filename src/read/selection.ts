// What an operation asks of a type: the fields under a field node, with fragments spread, type
// conditions applied and @skip/@include honoured, the way graphql-js collects them for execution.
// The planner (./plan.ts) reads these to decide columns, joins and whether a page or a count is needed.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** The parts of GraphQLResolveInfo that selections depend on; constant for one execution. */
export type OperationInfo = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

/** Field name -> every field node that selects it (aliases included), in document order. */
export type FieldSelection = Map<string, FieldNode[]>;

/** The fields `nodes` select on an object type, grouped by field name rather than response key. */
export function fieldsOn(operation: OperationInfo, type: GraphQLObjectType, nodes: readonly FieldNode[]): FieldSelection {
  const fields: FieldSelection = new Map();
  for (const node of nodes) {
    if (node.selectionSet) collect(operation, type, node.selectionSet, fields, new Set());
  }
  return fields;
}

/** The field nodes of `name` under `nodes` (e.g. `edges` under a connection field). */
export function subfields(operation: OperationInfo, type: GraphQLObjectType, nodes: readonly FieldNode[], name: string): FieldNode[] {
  return fieldsOn(operation, type, nodes).get(name) ?? [];
}

function collect(
  operation: OperationInfo,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: FieldSelection,
  visitedFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(operation, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const list = fields.get(selection.name.value);
        if (list) list.push(selection);
        else fields.set(selection.name.value, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (!selection.typeCondition || applies(operation.schema, selection.typeCondition.name.value, type)) {
          collect(operation, type, selection.selectionSet, fields, visitedFragments);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (visitedFragments.has(name)) break;
        visitedFragments.add(name);
        const fragment: FragmentDefinitionNode | undefined = operation.fragments[name];
        if (fragment && applies(operation.schema, fragment.typeCondition.name.value, type)) {
          collect(operation, type, fragment.selectionSet, fields, visitedFragments);
        }
        break;
      }
    }
  }
}

export function included(operation: OperationInfo, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, operation.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, operation.variableValues)?.if !== false;
}

export function applies(schema: GraphQLSchema, condition: string, type: GraphQLObjectType): boolean {
  if (condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}
