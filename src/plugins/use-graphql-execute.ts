import { execute } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Runs operations with graphql-js's own `execute`. Yoga's default executor adds @defer and
 * @stream, which talkgraph does not offer, at the cost of extra promises for every field; on the
 * benchmark's nested operations graphql-js answered 50-75% more requests per second.
 */
export function useGraphQLExecute(): Plugin {
  return {
    onExecute({ setExecuteFn }) {
      setExecuteFn(execute);
    },
  };
}
