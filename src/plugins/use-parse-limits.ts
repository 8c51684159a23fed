// Bounds on a document before graphql-js parses it. The parser descends recursively, so a
// megabyte of nested braces overflowed the stack (a 500 and a crash report); and every token costs
// time and memory before any other limit (depth, cost) can look at the document.
import type { Plugin } from 'graphql-yoga';
import { LimitExceededError } from '../errors.js';

export interface ParseLimitsOptions {
  /** Most tokens (names, punctuation, values) a document may hold. Default 10,000: the largest example operation has about 300. */
  maxTokens?: number;
  /** Deepest nesting of braces, brackets and parentheses, counted on the raw text. Default 64: a query 16 levels deep with nested arguments needs about 40. */
  maxNesting?: number;
}

/** The deepest nesting in `text`, ignoring strings and comments; stops counting once past `limit`. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (char === '"') {
      if (text.startsWith('"""', i)) {
        // A block string ends at the first """ that is not escaped as \""".
        let end = text.indexOf('"""', i + 3);
        while (end > 0 && text[end - 1] === '\\') end = text.indexOf('"""', end + 3);
        i = end < 0 ? text.length : end + 2;
      } else {
        for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      }
    } else if (char === '{' || char === '[' || char === '(') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === '}' || char === ']' || char === ')') {
      depth--;
    }
  }
  return deepest;
}

export function useParseLimits({ maxTokens = 10_000, maxNesting = 64 }: ParseLimitsOptions = {}): Plugin {
  return {
    onParse({ params, parseFn, setParseFn }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      if (nestingDepth(text, maxNesting) > maxNesting) {
        throw new LimitExceededError(`The document nests braces, brackets or parentheses more than ${maxNesting} levels deep; flatten it or split it into several queries.`);
      }
      setParseFn((source, options) => {
        try {
          return parseFn(source, { ...options, maxTokens });
        } catch (error) {
          if (error instanceof Error && /Document contains more tha[nt] \d+ tokens/.test(error.message)) {
            throw new LimitExceededError(`The document has more than ${maxTokens} tokens; send a shorter one (split it into several requests, or pass long lists as variables).`);
          }
          throw error;
        }
      });
    },
  };
}
