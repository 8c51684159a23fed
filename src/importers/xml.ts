// A small, strict XML reader for schedule files. It builds a plain element tree and reports the
// first well-formedness error with its line and column. Its work is linear in the input: every
// character is looked at a bounded number of times, lines included, so a file written on one line
// costs what the same file costs on many.
//
// A reader that wants only some elements (a schedule's events) can take each one as it closes
// (`onElement`): the element then leaves the tree, so the whole document is never held as
// elements at once.
//
// Why not fast-xml-parser: it was 5-10x slower on the FOSDEM files (about 2.5 s for all 20
// against 0.3 s here), it accepts mismatched tags silently so a second validation pass is needed,
// and it does not give each element's line number, which our error messages need.
//
// What it supports: elements, attributes, text, CDATA, comments, processing instructions and a
// DOCTYPE without an internal subset. The five XML entities and numeric character references are
// decoded; any other `&name;` is kept as written (schedule files are sometimes sloppy, and HTML
// entities inside escaped HTML are decoded later by htmlToText). A DOCTYPE that declares entities
// is refused, so there is no entity expansion at all.
import { ImportError } from '../errors.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), entity-decoded; whitespace-only runs between child elements are dropped. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;

/**
 * Called for each element when its end tag is read, with the elements it is inside (root first);
 * returning true takes the element out of the tree.
 */
export type ElementHandler = (element: XmlElement, ancestors: readonly XmlElement[]) => boolean;

export function parseXml(content: string, file: string, onElement?: ElementHandler): XmlElement {
  const lines = new LineCounter(content);
  function fail(offset: number, field: string | undefined, problem: string): never {
    const { line, column } = lines.at(offset);
    throw new ImportError(file, `line ${line}, column ${column}`, field, `malformed XML: ${problem}`);
  }

  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  /** Per open element: whether it has had a child, taken out or not (whitespace after one is indentation). */
  const hadChild: boolean[] = [];
  let pos = content.charCodeAt(0) === 0xfeff ? 1 : 0;

  // Text between `from` and `to`. Indentation between elements is by far the most common text,
  // so whitespace is recognised without slicing it out first.
  const addText = (from: number, to: number) => {
    const parent = stack[stack.length - 1];
    const blank = isBlank(content, from, to);
    if (!parent) {
      if (!blank) fail(from, undefined, 'text outside the root element');
      return;
    }
    if (!blank || !hadChild[hadChild.length - 1]) parent.text += decodeXmlEntities(content.slice(from, to));
  };
  const close = (element: XmlElement) => {
    if (!onElement || stack.length === 0) return;
    if (onElement(element, stack)) stack[stack.length - 1].children.pop();
  };

  while (pos < content.length) {
    const lt = content.indexOf('<', pos);
    if (lt === -1) {
      addText(pos, content.length);
      break;
    }
    if (lt > pos) addText(pos, lt);
    pos = lt;

    if (content.startsWith('<!--', pos)) {
      pos = skipPast(content, pos, '-->', () => fail(pos, undefined, 'comment is not closed with -->'));
    } else if (content.startsWith('<![CDATA[', pos)) {
      const end = content.indexOf(']]>', pos);
      if (end === -1) fail(pos, undefined, 'CDATA section is not closed with ]]>');
      if (stack.length === 0) fail(pos, undefined, 'CDATA outside the root element');
      stack[stack.length - 1].text += content.slice(pos + 9, end);
      pos = end + 3;
    } else if (content.startsWith('<?', pos)) {
      pos = skipPast(content, pos, '?>', () => fail(pos, undefined, 'processing instruction is not closed with ?>'));
    } else if (content.startsWith('<!DOCTYPE', pos)) {
      const end = content.indexOf('>', pos);
      if (end === -1) fail(pos, undefined, 'DOCTYPE is not closed with >');
      if (content.slice(pos, end).includes('[')) fail(pos, undefined, 'a DOCTYPE with an internal subset (entity declarations) is not supported');
      pos = end + 1;
    } else if (content.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const name = NAME.exec(content)?.[0];
      if (!name) fail(pos, undefined, 'expected an element name after </');
      const end = content.indexOf('>', pos);
      if (end === -1 || content.slice(NAME.lastIndex, end).trim()) fail(pos, name, `closing tag </${name}> is not closed with >`);
      const open = stack.pop();
      hadChild.pop();
      if (!open) fail(pos, name, `closing tag </${name}> has no matching start tag`);
      if (open.name !== name) {
        fail(pos, open.name, `expected </${open.name}> (opened on line ${open.line}) but found </${name}>`);
      }
      pos = end + 1;
      close(open);
    } else {
      NAME.lastIndex = pos + 1;
      const name = NAME.exec(content)?.[0];
      if (!name) fail(pos, undefined, 'a "<" that does not start a tag; write &lt; for a literal "<"');
      const element: XmlElement = { name, attributes: {}, children: [], text: '', line: lines.at(pos).line };
      let cursor = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = cursor;
        const attribute = ATTRIBUTE.exec(content);
        if (!attribute) break;
        element.attributes[attribute[1]] = decodeXmlEntities(attribute[2] ?? attribute[3]);
        cursor = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = cursor;
      const end = TAG_END.exec(content);
      if (!end) fail(cursor, name, `start tag <${name}> has a malformed attribute or is not closed with >`);
      pos = TAG_END.lastIndex;

      const parent = stack[stack.length - 1];
      if (parent) {
        parent.children.push(element);
        hadChild[hadChild.length - 1] = true;
      } else if (roots.length > 0) fail(lt, name, `a second root element <${name}>; a document has exactly one`);
      else roots.push(element);
      if (end[1] === '/') close(element);
      else {
        stack.push(element);
        hadChild.push(false);
      }
    }
  }

  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(content.length, open.name, `the document ends inside <${open.name}> (opened on line ${open.line}); the file may be truncated`);
  }
  if (roots.length === 0) fail(0, undefined, 'no root element');
  return roots[0];
}

function isBlank(content: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const code = content.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return true;
}

function skipPast(content: string, from: number, terminator: string, onMissing: () => never): number {
  const end = content.indexOf(terminator, from);
  return end === -1 ? onMissing() : end + terminator.length;
}

const XML_ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(XML_ENTITY, (whole, named: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named];
    const code = decimal ? Number(decimal) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Maps offsets to line/column in one pass overall: offsets are asked for in increasing order, and
 * the next line break is remembered rather than searched for again, so a long line (or a file on
 * one line) is scanned once, not once per element on it.
 */
export class LineCounter {
  private line = 1;
  private lineStart = 0;
  private offset = 0;
  /** The first line break at or after lineStart; -1 when there is none. */
  private nextBreak: number;
  /** Characters compared while looking for line breaks: the work the counter has done. */
  scanned = 0;

  constructor(private readonly content: string) {
    this.nextBreak = this.find(0);
  }

  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) {
      // Only an error message asks for an earlier offset, once.
      this.line = 1;
      this.lineStart = 0;
      this.nextBreak = this.find(0);
    }
    while (this.nextBreak !== -1 && this.nextBreak < offset) {
      this.line++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.find(this.lineStart);
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private find(from: number): number {
    const found = this.content.indexOf('\n', from);
    this.scanned += (found === -1 ? this.content.length : found + 1) - from;
    return found;
  }
}

// Navigation helpers: schedule readers look up children by name a lot.

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Elements in a wrapper: nestedElements(event, 'persons', 'person') for event > persons > person. */
export function nestedElements(element: XmlElement, wrapper: string, name: string): XmlElement[] {
  const container = childElement(element, wrapper);
  return container ? childElements(container, name) : [];
}

/** The trimmed text of the named child, or undefined when the child is missing or empty. */
export function childText(element: XmlElement, name: string): string | undefined {
  const text = childElement(element, name)?.text.trim();
  return text ? text : undefined;
}
