// The article as matching sees it: tokens, sentences, and sections (a heading and the blocks up to
// the next one). A section's heading often names the talk its paragraphs are about.
import type { ArticleMetadata } from './metadata.js';
import type { ArticleDocument, Block } from './reader.js';
import { type Span, sentences as splitSentences, type Token, tokenize } from './text.js';

export interface Sentence extends Span {
  index: number;
  block: number;
  /** Index of the heading block that opens the section, or -1 before the first heading. */
  section: number;
}

export interface ArticleModel {
  doc: ArticleDocument;
  meta: ArticleMetadata;
  text: string;
  blocks: Block[];
  tokens: Token[];
  sentences: Sentence[];
  /** Sentences of each block, by block index. */
  blockSentences: number[][];
  /** Blocks that are not running text about talks: the title and the byline. */
  excludedBlocks: Set<number>;
}

export function buildModel(doc: ArticleDocument, meta: ArticleMetadata): ArticleModel {
  const sentences: Sentence[] = [];
  const blockSentences: number[][] = [];
  let section = -1;
  doc.blocks.forEach((block, index) => {
    if (block.kind === 'heading') section = index;
    blockSentences.push([]);
    const spans = block.kind === 'heading' || block.kind === 'title' ? [{ start: block.start, end: block.end }] : splitSentences(doc.text, block.start, block.end);
    for (const span of spans) {
      blockSentences[index].push(sentences.length);
      sentences.push({ ...span, index: sentences.length, block: index, section });
    }
  });
  const excludedBlocks = new Set([meta.titleBlock, meta.bylineBlock].filter((index): index is number => index !== null));
  return { doc, meta, text: doc.text, blocks: doc.blocks, tokens: tokenize(doc.text), sentences, blockSentences, excludedBlocks };
}

/** The sentence holding text position `at` (binary search over sentence starts). */
export function sentenceAt(model: ArticleModel, at: number): Sentence | undefined {
  const { sentences } = model;
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sentences[middle].end <= at) low = middle + 1;
    else if (sentences[middle].start > at) high = middle - 1;
    else return sentences[middle];
  }
  return undefined;
}

/** Index of the first token starting at or after `at`. */
export function tokenIndexAt(model: ArticleModel, at: number): number {
  const { tokens } = model;
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle].start < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Tokens inside a span. */
export function tokensIn(model: ArticleModel, span: Span): Token[] {
  const out: Token[] = [];
  for (let index = tokenIndexAt(model, span.start); index < model.tokens.length && model.tokens[index].end <= span.end; index++) {
    out.push(model.tokens[index]);
  }
  return out;
}

export function spanText(model: ArticleModel, span: Span): string {
  return model.text.slice(span.start, span.end);
}
