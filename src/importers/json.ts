// JSON.parse with useful errors. V8's messages only sometimes give a position and never a line,
// so when JSON.parse fails, a small validating scanner finds the first error again and reports
// its line, column and the path of the value it was in.
import { formatPath } from '../dataset/format.js';
import { ImportError } from '../errors.js';

export function parseJson(content: string, file: string): unknown {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = locateSyntaxError(text) ?? { offset: 0, path: [], problem: (error as Error).message };
    const { line, column } = lineAndColumn(text, found.offset);
    const field = found.path.length ? formatPath(found.path) : undefined;
    throw new ImportError(file, `line ${line}, column ${column}`, field, `malformed JSON: ${found.problem}`);
  }
}

/** ["conferences", 0, "talks", 3, "title"] -> "conferences[0].talks[3].title". */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

interface SyntaxProblem {
  offset: number;
  path: Array<string | number>;
  problem: string;
}

class JsonSyntaxError extends Error {
  constructor(readonly found: SyntaxProblem) {
    super(found.problem);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function locateSyntaxError(text: string): SyntaxProblem | undefined {
  let pos = 0;
  const path: Array<string | number> = [];

  function fail(problem: string): never {
    throw new JsonSyntaxError({ offset: pos, path: [...path], problem });
  }
  const describe = (char: string | undefined) => (char === undefined ? 'the end of the file (is it truncated?)' : JSON.stringify(char));
  const skipWhitespace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };

  const string = (): string => {
    const start = pos++;
    for (;;) {
      const char = text[pos];
      if (char === '"') break;
      if (char === undefined) fail('a string is not closed with "');
      if (char < ' ') fail('a raw control character (line break or tab) in a string; write it as \\n or \\t');
      if (char === '\\') {
        const escaped = text[pos + 1];
        if (escaped === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)) : !'"\\/bfnrt'.includes(escaped ?? 'x')) {
          fail(`invalid escape sequence \\${escaped ?? ''}`);
        }
        pos += escaped === 'u' ? 6 : 2;
      } else pos++;
    }
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };

  const value = (): void => {
    skipWhitespace();
    const char = text[pos];
    if (char === '{') object();
    else if (char === '[') array();
    else if (char === '"') string();
    else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = pos;
      if (!NUMBER.exec(text)) fail('a malformed number');
      pos = NUMBER.lastIndex;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, pos));
      if (!literal) fail(`expected a value but found ${describe(char)}${char === "'" ? '; JSON strings use double quotes' : ''}`);
      pos += literal.length;
    }
  };

  const object = (): void => {
    pos++;
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] === '}') fail('a trailing comma before "}"');
      if (text[pos] !== '"') fail(`expected a "quoted" property name but found ${describe(text[pos])}`);
      const key = string();
      skipWhitespace();
      if (text[pos] !== ':') fail(`expected ":" after property name "${key}" but found ${describe(text[pos])}`);
      pos++;
      path.push(key);
      value();
      path.pop();
      skipWhitespace();
      if (text[pos] === ',') pos++;
      else if (text[pos] === '}') {
        pos++;
        return;
      } else fail(`expected "," or "}" after the value of "${key}" but found ${describe(text[pos])}`);
    }
  };

  const array = (): void => {
    pos++;
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    for (let index = 0; ; index++) {
      skipWhitespace();
      if (text[pos] === ']') fail('a trailing comma before "]"');
      path.push(index);
      value();
      path.pop();
      skipWhitespace();
      if (text[pos] === ',') pos++;
      else if (text[pos] === ']') {
        pos++;
        return;
      } else fail(`expected "," or "]" after array item ${index} but found ${describe(text[pos])}`);
    }
  };

  try {
    value();
    skipWhitespace();
    if (pos < text.length) fail(`unexpected ${describe(text[pos])} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error.found;
    if (error instanceof RangeError) return undefined; // nested too deeply for this scanner
    throw error;
  }
}
