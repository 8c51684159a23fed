// Introspection off, for everyone or for some callers (anonymous ones when reads need a token).
// Refusing __schema and __type is not enough: graphql-js answers a misspelt field, argument or
// enum value with "Did you mean …?", which spells out the schema one guess at a time. For a caller
// who may not introspect, those suggestions are cut from every error.
import { type ASTVisitor, type ExecutionResult, getNamedType, GraphQLError, isIntrospectionType, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface IntrospectionRefusal {
  message: string;
  /** extensions.code of the error. */
  code: string;
}

export interface DisableIntrospectionOptions {
  /**
   * Why this request may not introspect, or undefined when it may. Default: nobody may, with
   * graphql-js's message ("GraphQL introspection has been disabled …") and code INVALID_INPUT.
   */
  refusalFor?: (request: Request) => IntrospectionRefusal | undefined;
}

const disabled: IntrospectionRefusal = { message: 'GraphQL introspection has been disabled', code: 'INVALID_INPUT' };

const suggestion = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(suggestion, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** One validation rule per refusal: Yoga caches validation by the names of the rules that ran. */
function refusingRule(refusal: IntrospectionRefusal, name: string) {
  const rule = (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      const type = getNamedType(context.getType());
      if (type && isIntrospectionType(type)) {
        context.reportError(
          new GraphQLError(`${refusal.message}, but the query asks for "${node.name.value}".`, { nodes: node, extensions: { code: refusal.code } }),
        );
      }
    },
  });
  Object.defineProperty(rule, 'name', { value: name });
  return rule;
}

export function useDisableIntrospection({ refusalFor = () => disabled }: DisableIntrospectionOptions = {}): Plugin {
  const rules = new Map<IntrospectionRefusal, ReturnType<typeof refusingRule>>();
  const ruleFor = (refusal: IntrospectionRefusal) => {
    let rule = rules.get(refusal);
    if (!rule) rules.set(refusal, (rule = refusingRule(refusal, `NoIntrospection${rules.size}`)));
    return rule;
  };
  const refused = (request: Request | undefined) => (request ? refusalFor(request) : disabled);
  return {
    onValidate({ addValidationRule, context }) {
      const refusal = refused((context as { request?: Request }).request);
      if (!refusal) return;
      addValidationRule(ruleFor(refusal));
      return ({ result, setResult }) => {
        if (result.length > 0) setResult(result.map(withoutSuggestions));
      };
    },
    onExecute({ args }) {
      if (!refused((args.contextValue as { request?: Request }).request)) return;
      return {
        onExecuteDone({ result, setResult }) {
          const single = result as ExecutionResult;
          if (Symbol.asyncIterator in result || !single.errors?.length) return;
          setResult({ ...single, errors: single.errors.map(withoutSuggestions) });
        },
      };
    },
  };
}
