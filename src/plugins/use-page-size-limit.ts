import type { Plugin } from 'graphql-yoga';
import { type DocumentNode, Kind, visit } from 'graphql';
import { LimitExceededError } from '../errors.js';

export interface PageSizeLimitOptions {
  /** Largest `first` or `last` a connection accepts. Default 100. */
  maxPageSize?: number;
}

/**
 * Rejects a request asking a connection for more than `maxPageSize` items, before it runs. Pothos
 * would silently clamp the page instead, and a client that asked for 500 rows deserves to know it
 * got 100.
 */
export function usePageSizeLimit({ maxPageSize = 100 }: PageSizeLimitOptions = {}): Plugin {
  return {
    onExecute({ args }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      visit(args.document as DocumentNode, {
        Argument(node) {
          if (node.name.value !== 'first' && node.name.value !== 'last') return;
          const value =
            node.value.kind === Kind.INT
              ? Number(node.value.value)
              : node.value.kind === Kind.VARIABLE
                ? variables[node.value.name.value]
                : undefined;
          if (typeof value === 'number' && value > maxPageSize) {
            throw new LimitExceededError(
              `${node.name.value}: ${value} is more than the ${maxPageSize} items a page can hold; ask for at most ${maxPageSize} and page with after/before.`,
              node.name.value,
            );
          }
        },
      });
    },
  };
}
