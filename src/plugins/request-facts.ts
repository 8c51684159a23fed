// What the request log and the metrics say about a GraphQL request: its operation and the codes of
// its errors, read the same way by both.
import { type DocumentNode, type ExecutionResult, getOperationAST } from 'graphql';

export interface OperationFacts {
  /** The operation's name as the client wrote it, when it is a plain GraphQL name; else undefined. */
  name?: string;
  type: 'query' | 'mutation' | 'subscription';
}

const graphqlName = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

export function operationFacts(document: DocumentNode, operationName?: string | null): OperationFacts | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const name = operation.name?.value;
  return { name: name && graphqlName.test(name) ? name : undefined, type: operation.operation };
}

/** Each error's extensions.code, or UNEXPECTED for a masked one; codes that are not plain words become OTHER. */
export function errorCodes(result: ExecutionResult | ExecutionResult[] | AsyncIterable<unknown>): string[] {
  if (Symbol.asyncIterator in result) return [];
  const results: ExecutionResult[] = Array.isArray(result) ? result : [result];
  return results.flatMap((each) =>
    (each.errors ?? []).map((error) => {
      const code = error.extensions?.code;
      if (code === undefined) return 'UNEXPECTED';
      return typeof code === 'string' && /^[A-Z][A-Z_]{0,39}$/.test(code) ? code : 'OTHER';
    }),
  );
}

const earlyAnswers = new WeakMap<Request, OperationFacts>();

/** Says that a request was answered as it arrived (src/plugins/use-compiled-operations.ts), by this operation. */
export function answeredEarly(request: Request, facts: OperationFacts): void {
  earlyAnswers.set(request, facts);
}

/** The operation that answered a request as it arrived, for the plugins that never saw it parsed. */
export function earlyAnswer(request: Request): OperationFacts | undefined {
  return earlyAnswers.get(request);
}
