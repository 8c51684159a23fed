// Reads an article (plain text, Markdown or HTML) into readable text made of blocks (title,
// headings, paragraphs, list items, quotes), with every character mapped back to the source, so
// evidence can be given as spans of the file the reviewer has. Emphasis and links are kept as
// marks: recaps often italicise or link a talk's title.
import { InvalidInputError } from '../errors.js';
import type { Span } from './text.js';

export const articleFormats = ['text', 'markdown', 'html'] as const;
export type ArticleFormat = (typeof articleFormats)[number];

export type BlockKind = 'title' | 'heading' | 'paragraph' | 'item' | 'quote';

export interface Block extends Span {
  kind: BlockKind;
  /** Heading level (1-6); 0 for other blocks. */
  level: number;
}

export interface Mark extends Span {
  kind: 'emphasis' | 'link';
  href?: string;
}

/** What the file says about itself outside its running text (HTML meta tags, Markdown front matter). */
export interface DeclaredMetadata {
  title?: string;
  authors?: string[];
  publishedOn?: string;
  url?: string;
  publisher?: string;
}

export interface ArticleDocument {
  format: ArticleFormat;
  source: string;
  /** Blocks separated by blank lines. */
  text: string;
  blocks: Block[];
  marks: Mark[];
  declared: DeclaredMetadata;
  /** The source span a span of `text` was read from. */
  toSource(span: Span): Span;
}

/** Articles are blog posts; anything this large is not one. */
export const MAX_ARTICLE_CHARS = 2_000_000;

export function detectArticleFormat(content: string, fileName?: string): ArticleFormat {
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === 'html' || extension === 'htm') return 'html';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  if (extension === 'txt') return 'text';
  const head = content.slice(0, 2000).trimStart();
  if (/^(?:<!doctype html|<html\b|<head\b|<body\b|<article\b)/i.test(head) || /<\/(?:p|div|h[1-6])>/i.test(head)) return 'html';
  if (/^---\r?\n[\s\S]*?\r?\n---/.test(head) || /^#{1,6} \S/m.test(head) || /\[[^\]\n]+\]\([^)\s]+\)/.test(head)) return 'markdown';
  return 'text';
}

export function readArticle(content: string, format: ArticleFormat = detectArticleFormat(content)): ArticleDocument {
  if (content.length > MAX_ARTICLE_CHARS) {
    throw new InvalidInputError(`The article has ${content.length} characters; at most ${MAX_ARTICLE_CHARS} can be read.`, 'text');
  }
  const builder = new TextBuilder(content);
  const declared: DeclaredMetadata = {};
  if (format === 'html') readHtml(content, builder, declared);
  else if (format === 'markdown') readMarkdown(content, builder, declared);
  else readPlainText(content, builder);
  return builder.document(format, declared);
}

interface MarkStart {
  at: number | null;
}

/**
 * Accumulates the readable text one character run at a time, remembering where in the source each
 * character came from. Whitespace collapses to one space inside a block; blocks are separated by
 * a blank line.
 */
class TextBuilder {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly blocks: Block[] = [];
  private readonly marks: Mark[] = [];
  private open: Block | null = null;
  private pendingSpace: number | null = null;
  private pendingBreak = false;
  private pendingMarks: MarkStart[] = [];

  constructor(private readonly source: string) {}

  /** Characters copied from source[sourceStart...], one to one. */
  copy(chars: string, sourceStart: number, kind: BlockKind, level = 0): void {
    for (let i = 0; i < chars.length; i++) this.char(chars[i], sourceStart + i, sourceStart + i + 1, kind, level);
  }

  /** Text standing for source[sourceStart, sourceEnd) (an entity, say). */
  mapped(chars: string, sourceStart: number, sourceEnd: number, kind: BlockKind, level = 0): void {
    for (const char of chars) this.char(char, sourceStart, sourceEnd, kind, level);
  }

  char(char: string, sourceStart: number, sourceEnd: number, kind: BlockKind, level = 0): void {
    if (/\s/.test(char) && char !== '\n') {
      if (this.open && this.pendingSpace === null) this.pendingSpace = sourceStart;
      return;
    }
    if (char === '\n') {
      if (this.open) this.pendingSpace ??= sourceStart;
      return;
    }
    if (!this.open) {
      if (this.blocks.length > 0) this.push('\n\n', sourceStart, sourceStart);
      this.open = { kind, level, start: this.text.length, end: this.text.length };
      this.blocks.push(this.open);
    } else if (this.pendingSpace !== null) {
      this.push(this.pendingBreak ? '\n' : ' ', this.pendingSpace, this.pendingSpace + 1);
    }
    this.pendingSpace = null;
    this.pendingBreak = false;
    for (const mark of this.pendingMarks) mark.at ??= this.text.length;
    this.pendingMarks = [];
    this.push(char, sourceStart, sourceEnd);
    this.open.end = this.text.length;
  }

  /** A line break that survives whitespace collapsing (HTML's <br>): bylines put a name and a role on two lines. */
  lineBreak(sourceStart: number): void {
    if (!this.open) return;
    this.pendingSpace ??= sourceStart;
    this.pendingBreak = true;
  }

  /** Ends the current block; the next character starts a new one. */
  breakBlock(): void {
    this.open = null;
    this.pendingSpace = null;
    this.pendingBreak = false;
  }

  /** The kind of the open block, for readers that only learn it later (setext headings). */
  retype(kind: BlockKind, level: number): void {
    if (this.open) Object.assign(this.open, { kind, level });
  }

  /** Starts a mark at the next character written; closeMark ends it after the last one. */
  openMark(): MarkStart {
    const start: MarkStart = { at: null };
    this.pendingMarks.push(start);
    return start;
  }

  closeMark(kind: Mark['kind'], start: MarkStart, href?: string): void {
    this.pendingMarks = this.pendingMarks.filter((pending) => pending !== start);
    const end = this.text.length;
    if (start.at !== null && end > start.at) this.marks.push({ kind, start: start.at, end, ...(href ? { href } : {}) });
  }

  private push(chars: string, sourceStart: number, sourceEnd: number) {
    this.text += chars;
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(sourceStart);
      this.ends.push(sourceEnd);
    }
  }

  document(format: ArticleFormat, declared: DeclaredMetadata): ArticleDocument {
    const { text, starts, ends, blocks, marks, source } = this;
    return {
      format,
      source,
      text,
      blocks,
      marks,
      declared,
      toSource: (span) =>
        span.end <= span.start
          ? { start: starts[span.start] ?? source.length, end: starts[span.start] ?? source.length }
          : { start: starts[span.start], end: ends[span.end - 1] },
    };
  }
}

// Plain text -------------------------------------------------------------------------------------

const MESSAGE_HEADER = /\S.*[,\s]\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*$/i;
const LIST_MARKER = /^[ \t]*(?:[-*+•–]|\d{1,3}[.)])[ \t]+/;

/**
 * Blank lines separate blocks; a line starting with a list marker is an item of its own. A
 * one-line block without a full stop at the end reads as a heading (the first one as the title).
 */
function readPlainText(source: string, builder: TextBuilder): void {
  const lines = splitLines(source);
  let blockLines: Line[] = [];
  const flush = () => {
    if (blockLines.length === 0) return;
    const item = LIST_MARKER.exec(blockLines[0].text);
    const kind: BlockKind = item ? 'item' : blockLines.length === 1 && looksLikeHeading(blockLines[0].text) ? 'heading' : 'paragraph';
    const first = item ? item[0].length : 0;
    blockLines.forEach((line, index) => {
      // "Lukas Brandt (Senior SRE), 11:52": a line ending in a clock time heads a chat message;
      // the message under it starts a sentence of its own.
      if (index > 0 && MESSAGE_HEADER.test(blockLines[index - 1].text)) builder.lineBreak(line.start - 1);
      if (index > 0) builder.char('\n', line.start - 1, line.start, kind);
      const skip = index === 0 ? first : 0;
      builder.copy(line.text.slice(skip), line.start + skip, kind, kind === 'heading' ? 2 : 0);
    });
    builder.breakBlock();
    blockLines = [];
  };
  for (const line of lines) {
    if (!line.text.trim()) flush();
    else {
      if (LIST_MARKER.test(line.text)) flush();
      blockLines.push(line);
    }
  }
  flush();
}

function looksLikeHeading(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > 140 || /[.,;:!]$/.test(trimmed)) return false;
  // "#CCC #38C3": a post's closing hashtags head nothing.
  if (/^#\S+(?:\s+#\S+)*$/.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= 16;
}

interface Line {
  text: string;
  start: number;
}

function splitLines(source: string, from = 0, to = source.length): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || source[i] === '\n') {
      const end = i > start && source[i - 1] === '\r' ? i - 1 : i;
      lines.push({ text: source.slice(start, end), start });
      start = i + 1;
    }
  }
  return lines;
}

// Markdown ---------------------------------------------------------------------------------------

/** CommonMark's block structure as far as recaps use it: headings, lists, quotes, fences, front matter. */
function readMarkdown(source: string, builder: TextBuilder, declared: DeclaredMetadata): void {
  let lines = splitLines(source);
  if (lines[0]?.text === '---') {
    const close = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)$/.test(line.text));
    if (close > 0) {
      readFrontMatter(lines.slice(1, close).map((line) => line.text), declared);
      lines = lines.slice(close + 1);
    }
  }
  let kind: BlockKind | null = null;
  let level = 0;
  let fence: string | null = null;
  const close = () => {
    builder.breakBlock();
    kind = null;
  };
  for (const line of lines) {
    const text = line.text;
    if (fence) {
      if (text.trim().startsWith(fence)) fence = null;
      continue;
    }
    const fenceOpen = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (fenceOpen) {
      close();
      fence = fenceOpen[1];
      continue;
    }
    if (!text.trim()) {
      close();
      continue;
    }
    const atx = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/.exec(text);
    if (atx) {
      close();
      const contentStart = line.start + text.indexOf(atx[2], atx[1].length);
      inline(source, contentStart, contentStart + atx[2].length, builder, 'heading', atx[1].length);
      close();
      continue;
    }
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(text);
    if (setext && kind === 'paragraph') {
      builder.retype('heading', setext[1][0] === '=' ? 1 : 2);
      close();
      continue;
    }
    if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(text)) {
      close();
      continue;
    }
    // A table row is an item whose cells stand on lines of their own; the separator row is markup.
    const row = /^\s*\|(.*)\|\s*$/.exec(text);
    if (row) {
      close();
      if (/^[\s|:-]+$/.test(text)) continue;
      let at = line.start + text.indexOf('|') + 1;
      for (const [index, cell] of row[1].split('|').entries()) {
        if (index > 0) builder.lineBreak(at - 1);
        inline(source, at, at + cell.length, builder, 'item');
        at += cell.length + 1;
      }
      builder.breakBlock();
      continue;
    }
    const quote = /^ {0,3}>[ \t]?/.exec(text);
    if (quote) {
      if (kind !== 'quote') close();
      kind = 'quote';
      builder.char('\n', line.start, line.start, 'quote');
      inline(source, line.start + quote[0].length, line.start + text.length, builder, 'quote');
      continue;
    }
    const item = LIST_MARKER.exec(text);
    if (item) {
      close();
      kind = 'item';
      inline(source, line.start + item[0].length, line.start + text.length, builder, 'item');
      continue;
    }
    if (kind === null) {
      kind = 'paragraph';
      level = 0;
    }
    builder.char('\n', line.start, line.start, kind);
    inline(source, line.start, line.start + text.length, builder, kind, level);
  }
  builder.breakBlock();
}

function readFrontMatter(lines: string[], declared: DeclaredMetadata): void {
  for (const [index, line] of lines.entries()) {
    const field = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!field) continue;
    const key = field[1].toLowerCase();
    const value = field[2].trim().replace(/^["']|["']$/g, '');
    if (key === 'title' && value) declared.title = value;
    else if ((key === 'date' || key === 'published' || key === 'publishedon') && /^\d{4}-\d{2}-\d{2}/.test(value)) declared.publishedOn = value.slice(0, 10);
    else if ((key === 'url' || key === 'canonical') && /^https?:\/\//.test(value)) declared.url = value;
    else if (key === 'publisher' && value) declared.publisher = value;
    else if (key === 'author' || key === 'authors') {
      const listed = value.replace(/^\[|\]$/g, '');
      const items = listed
        ? listed.split(/\s*,\s*(?=\S)/).map((name) => name.replace(/^["']|["']$/g, ''))
        : lines.slice(index + 1).map((next) => /^\s+-\s+(.+)$/.exec(next)?.[1]).filter((name): name is string => Boolean(name));
      if (items.length > 0) declared.authors = items;
    }
  }
}

/** Inline Markdown: emphasis and code markers go, links keep their text (and become marks), escapes resolve. */
function inline(source: string, from: number, to: number, builder: TextBuilder, kind: BlockKind, level = 0): void {
  const emphasis: Array<{ delimiter: string; start: MarkStart }> = [];
  let i = from;
  while (i < to) {
    const char = source[i];
    if (char === '\\' && i + 1 < to && /[!-/:-@[-`{-~]/.test(source[i + 1])) {
      builder.copy(source[i + 1], i + 1, kind, level);
      i += 2;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(source.slice(i, to))![0];
      const closeAt = source.indexOf(run, i + run.length);
      if (closeAt > 0 && closeAt < to) {
        builder.copy(source.slice(i + run.length, closeAt), i + run.length, kind, level);
        i = closeAt + run.length;
        continue;
      }
    }
    if (char === '[' || (char === '!' && source[i + 1] === '[')) {
      const image = char === '!';
      const link = /^!?\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/.exec(source.slice(i, to));
      if (link) {
        const textStart = i + (image ? 2 : 1);
        if (!image) {
          const start = builder.openMark();
          inline(source, textStart, textStart + link[1].length, builder, kind, level);
          builder.closeMark('link', start, link[2]);
        }
        i += link[0].length;
        continue;
      }
    }
    if (char === '<') {
      const autolink = /^<(https?:\/\/[^>\s]+)>/.exec(source.slice(i, to));
      if (autolink) {
        builder.copy(autolink[1], i + 1, kind, level);
        i += autolink[0].length;
        continue;
      }
      const tag = /^<\/?[a-zA-Z][^<>]*>/.exec(source.slice(i, to));
      if (tag) {
        i += tag[0].length;
        continue;
      }
    }
    if (char === '&') {
      const entity = ENTITY.exec(source.slice(i, Math.min(to, i + 12)));
      if (entity) {
        builder.mapped(decodeEntity(entity[0]), i, i + entity[0].length, kind, level);
        i += entity[0].length;
        continue;
      }
    }
    if (char === '*' || char === '_' || char === '~') {
      const run = new RegExp(`^\\${char}+`).exec(source.slice(i, to))![0];
      const before = i > from ? source[i - 1] : ' ';
      const after = i + run.length < to ? source[i + run.length] : ' ';
      // An underscore inside a word (snake_case, "Samuel_77") is a letter, not emphasis.
      const intraword = char === '_' && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after);
      const opens = !/\s/.test(after) && !intraword;
      const closes = !/\s/.test(before) && !intraword;
      const open = emphasis.findLastIndex((entry) => entry.delimiter === run);
      if (closes && open >= 0) {
        builder.closeMark('emphasis', emphasis[open].start);
        emphasis.splice(open);
        i += run.length;
        continue;
      }
      if (opens && (char !== '~' || run.length === 2) && source.indexOf(run, i + run.length) > 0 && source.indexOf(run, i + run.length) < to) {
        emphasis.push({ delimiter: run, start: builder.openMark() });
        i += run.length;
        continue;
      }
    }
    builder.char(char, i, i + 1, kind, level);
    i++;
  }
}

// HTML -------------------------------------------------------------------------------------------

const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', hellip: '…',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«',
  raquo: '»', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', times: '×', shy: '',
  zwj: '', zwnj: '', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', aacute: 'á', agrave: 'à', acirc: 'â', auml: 'ä',
  aring: 'å', iacute: 'í', iuml: 'ï', oacute: 'ó', ocirc: 'ô', ouml: 'ö', oslash: 'ø', uacute: 'ú', uuml: 'ü',
  ccedil: 'ç', ntilde: 'ñ', szlig: 'ß', Eacute: 'É', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', Oslash: 'Ø', Aring: 'Å',
};

function decodeEntity(entity: string): string {
  const match = ENTITY.exec(entity);
  if (!match) return entity;
  if (match[3]) return NAMED_ENTITIES[match[3]] ?? NAMED_ENTITIES[match[3].toLowerCase()] ?? entity;
  const code = match[1] ? Number(match[1]) : parseInt(match[2], 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

function decodeText(value: string): string {
  return value.replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, decodeEntity);
}

/** Elements whose content is never article text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'canvas', 'object', 'select', 'button', 'nav', 'form', 'aside', 'footer', 'head']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const EMPHASIS = new Set(['em', 'i', 'cite', 'strong', 'b', 'q', 'u']);
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/;

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes);
  return match ? decodeText(match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * A tag-soup reader, enough for blog posts: it never builds a tree, so unclosed <p> and <li>
 * (which HTML allows) and stray end tags cannot derail it. Blocks follow block-level elements;
 * the page's <title>, author, date, canonical URL and site name become declared metadata.
 */
function readHtml(source: string, builder: TextBuilder, declared: DeclaredMetadata): void {
  const open: string[] = [];
  const inlineMarks: Array<{ name: string; start: MarkStart; href?: string }> = [];
  let skipping: string | null = null;
  let skipDepth = 0;
  let pre = 0;
  let headTitle: string | undefined;
  const context = (): { kind: BlockKind; level: number } => {
    for (let index = open.length - 1; index >= 0; index--) {
      const name = open[index];
      if (/^h[1-6]$/.test(name)) return { kind: 'heading', level: Number(name[1]) };
      if (name === 'li' || name === 'dt' || name === 'dd' || name === 'tr') return { kind: 'item', level: 0 };
      if (name === 'blockquote') return { kind: 'quote', level: 0 };
    }
    return { kind: 'paragraph', level: 0 };
  };
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i && !skipping) {
      const { kind, level } = context();
      for (let at = i; at < textEnd; ) {
        if (source[at] === '&') {
          const entity = ENTITY.exec(source.slice(at, at + 40));
          if (entity) {
            builder.mapped(decodeEntity(entity[0]), at, at + entity[0].length, kind, level);
            at += entity[0].length;
            continue;
          }
        }
        builder.char(pre > 0 && source[at] === '\n' ? '\n' : source[at], at, at + 1, kind, level);
        at++;
      }
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    if (source[i + 1] === '!' || source[i + 1] === '?') {
      const end = source.indexOf('>', i);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    const tag = TAG.exec(source.slice(i, i + 4000));
    if (!tag) {
      if (!skipping) builder.char('<', i, i + 1, context().kind, context().level);
      i++;
      continue;
    }
    i += tag[0].length;
    const closing = tag[1] === '/';
    const name = tag[2].toLowerCase();
    const attributes = tag[3];

    if (name === 'title' && !closing) {
      const end = source.toLowerCase().indexOf('</title', i);
      headTitle = decodeText(source.slice(i, end < 0 ? source.length : end)).replace(/\s+/g, ' ').trim();
      i = end < 0 ? source.length : source.indexOf('>', end) + 1;
      continue;
    }
    if (name === 'meta') readMetaTag(attributes, declared);
    if (name === 'link' && /\bcanonical\b/i.test(attribute(attributes, 'rel') ?? '')) declared.url ??= attribute(attributes, 'href');
    if (name === 'time' && !closing) declared.publishedOn ??= /^\d{4}-\d{2}-\d{2}/.exec(attribute(attributes, 'datetime') ?? '')?.[0];

    if (skipping) {
      if (name === skipping) skipDepth += closing ? -1 : tag[4] ? 0 : 1;
      if (skipDepth === 0) skipping = null;
      continue;
    }
    if (SKIPPED.has(name) && !closing) {
      skipping = name;
      skipDepth = 1;
      continue;
    }
    if (name === 'br') {
      builder.lineBreak(i - tag[0].length);
      continue;
    }
    // A table row is an item whose cells stand on lines of their own, as in Markdown: the row says
    // who went to which talk and what they made of it.
    const cell = (name === 'td' || name === 'th') && open.includes('tr');
    if (cell) builder.lineBreak(i - tag[0].length);
    else if (BLOCK.has(name)) builder.breakBlock();
    if (name === 'pre') pre += closing ? -1 : 1;
    if (VOID.has(name) || tag[4]) continue;
    if (closing) {
      const index = open.lastIndexOf(name);
      if (index >= 0) open.splice(index);
      const markIndex = inlineMarks.findLastIndex((mark) => mark.name === name);
      if (markIndex >= 0) {
        const mark = inlineMarks[markIndex];
        builder.closeMark(name === 'a' ? 'link' : 'emphasis', mark.start, mark.href);
        inlineMarks.splice(markIndex);
      }
      if (BLOCK.has(name) && !cell) builder.breakBlock();
    } else {
      // A new <p> or <li> closes an unclosed one of its kind, as browsers do.
      if (name === 'p' || name === 'li') {
        const index = open.lastIndexOf(name);
        if (index >= 0 && !open.slice(index + 1).some((inner) => inner === 'ul' || inner === 'ol')) open.splice(index);
      }
      open.push(name);
      if (name === 'a' || EMPHASIS.has(name)) {
        inlineMarks.push({ name, start: builder.openMark(), href: name === 'a' ? attribute(attributes, 'href') : undefined });
      }
    }
  }
  builder.breakBlock();
  declared.title ??= headTitle;
}

function readMetaTag(attributes: string, declared: DeclaredMetadata): void {
  const key = (attribute(attributes, 'property') ?? attribute(attributes, 'name') ?? '').toLowerCase();
  const content = attribute(attributes, 'content')?.trim();
  if (!content) return;
  if (key === 'og:title') declared.title ??= content;
  else if (key === 'author' || key === 'article:author') {
    if (!/^https?:/.test(content)) declared.authors = [...(declared.authors ?? []), ...content.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean)];
  } else if (key === 'article:published_time' || key === 'date' || key === 'dc.date') {
    declared.publishedOn ??= /^\d{4}-\d{2}-\d{2}/.exec(content)?.[0];
  } else if (key === 'og:url') declared.url ??= content;
  else if (key === 'og:site_name') declared.publisher ??= content;
}
