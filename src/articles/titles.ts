// Talk titles as recaps write them: without the programme's label ("Keynote:"), or only the part
// before the subtitle; and the shapes of text that look like titles (headings, quoted phrases).
import { type Span, stem, words } from './text.js';

/** Labels Sched and others put before a title; a recap quoting the title leaves them out. */
export const TITLE_LABEL =
  /^(?:(?:sponsored\s+)?keynote|panel(?:\s+discussion)?|(?:project\s+)?lightning\s+talk|tutorial|workshop|bof|birds\s+of\s+a\s+feather|cloud\s+native\s+theater|cloud\s+native\s+university|learning\s+lounge|maintainer\s+track|contribfest|demo)\s*[:|]\s*/i;

/** Words before "talk" that describe it rather than name its subject ("the opening keynote", "the last session"). */
export const NICKNAME_NOISE = new Set(
  [
    'opening', 'closing', 'first', 'second', 'third', 'last', 'final', 'next', 'other', 'same', 'whole', 'great', 'good', 'best', 'short',
    'long', 'lightning', 'main', 'morning', 'afternoon', 'evening', 'day', 'sponsored', 'previous', 'following', 'monday', 'tuesday',
    'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  ].map(stem),
);

/**
 * Words of when, not of what: "on Wednesday afternoon" after "talk" dates it. A phrase made of
 * them names no talk, even where a programme has a slot titled "Kiosks | Wednesday Afternoon".
 */
export const WHEN_WORDS = new Set(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'morning', 'afternoon', 'evening', 'night', 'today', 'yesterday', 'tomorrow'].map(stem),
);

/** "WireViz", "KiCad", "OpenFlexure": a capitalised word with a capital inside it. */
const COINED_NAME = /^\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*$/u;

/**
 * Headings that order a list or a newsletter rather than name a talk: "Honourable mention",
 * "Bonus", "Runners-up", "Other news".
 */
export const LIST_FURNITURE =
  /^\s*(?:an?\s+|the\s+)?(?:honou?rable\s+mentions?|bonus(?:\s+(?:round|track|pick))?|runners?[- ]ups?|also[- ]rans?|the\s+rest|and\s+the\s+rest|(?:in\s+)?other\s+(?:\p{L}+\s+)?news|more\s+news|news|announcements|housekeeping)\s*[:.!]?\s*$/iu;

/** "Honourable mention: the observability adventure game, …": a list's closing label, then the talk it adds. */
export const LIST_LEAD = /^\s*(?:an?\s+)?(?:honou?rable\s+mentions?|bonus(?:\s+pick)?|runners?[- ]ups?)\s*[:—–-]\s*([^.,;:!?()“”"]{6,120}?)(?=\s*[.,;!?()“”"]|$)/iu;

/** The title without the labels a programme puts in front of it. */
export function withoutLabel(title: string): string {
  let current = title.trim();
  for (let stripped = current.replace(TITLE_LABEL, ''); stripped !== current && stripped.length > 0; stripped = current.replace(TITLE_LABEL, '')) {
    current = stripped;
  }
  return current;
}

/** The title as a recap would quote it: whole, without a programme label, and its main part before a subtitle. */
/** The part of a title before its subtitle ("Attack Mining" of "Attack Mining: How to use …"), if it has one. */
export function mainTitle(title: string): string | null {
  const unlabelled = withoutLabel(title);
  return /^(.+?)\s*(?::|\s[—–-]\s|\s\|\s)\s*\S/.exec(unlabelled)?.[1] ?? /^(.+?[?!])\s+\S/.exec(unlabelled)?.[1] ?? null;
}

export function titleVariants(title: string): Array<{ keys: string[]; kind: 'full' | 'main' }> {
  const out: Array<{ keys: string[]; kind: 'full' | 'main' }> = [];
  const seen = new Set<string>();
  const add = (text: string, kind: 'full' | 'main') => {
    const keys = words(text);
    if (keys.length === 0 || seen.has(keys.join(' '))) return;
    seen.add(keys.join(' '));
    out.push({ keys, kind });
  };
  add(title, 'full');
  const unlabelled = withoutLabel(title);
  add(unlabelled, 'full');
  const main = mainTitle(title);
  if (main) {
    const mainKeys = words(main);
    if (mainKeys.length >= 3 || (mainKeys.length === 2 && main.length >= 14)) add(main, 'main');
    // "WireViz - Beautiful wiring documentation": a coined one-word name (a capital inside the
    // word) before the subtitle is what a recap's heading calls the talk. Only headings and
    // quotes use it (see the title anchors).
    else if (mainKeys.length === 1 && COINED_NAME.test(main.trim())) add(main, 'main');
  }
  return out;
}

export function titleWeight(kind: 'full' | 'main', where: 'heading' | 'quoted' | 'running', length: number, talkWord: boolean): number {
  if (kind === 'full') {
    if (where !== 'running') return length >= 2 ? 0.92 : 0.6;
    if (length >= 4) return 0.85;
    if (length === 3) return talkWord ? 0.8 : 0.5;
    return talkWord ? 0.55 : 0.25;
  }
  if (where !== 'running') return length >= 3 ? 0.8 : 0.6;
  if (length >= 4) return talkWord ? 0.7 : 0.55;
  return talkWord ? 0.5 : 0.25;
}

export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /[\s\p{P}]/u.test(text[start]) && !/["“‘(]/.test(text[start])) start++;
  while (end > start && /[\s:–—-]/.test(text[end - 1])) end--;
  return end - start >= 4 ? { start, end } : null;
}

/** A heading without "Day 2:", "Talk 3 -", "#4." in front and without a trailing "(Speaker Name)". */
export function stripHeadingLabels(text: string, block: Span): Span {
  const heading = text.slice(block.start, block.end);
  const label = /^(?:(?:day|talk|session|part|no\.?|#)\s*\w+\s*[:.–—-]\s*|\d+[.)]\s*)/i.exec(heading);
  const start = block.start + (label ? label[0].length : 0);
  const trailing = /\s*\([^)]*\)\s*$/.exec(heading);
  const end = trailing && block.start + trailing.index > start ? block.start + trailing.index : block.end;
  return { start, end };
}

/** Three or more words, most of them capitalised: how titles look when quoted. */
export function looksLikeTitle(phrase: string): boolean {
  const all = phrase.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (all.length < 3) return false;
  const capitalised = all.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised >= Math.ceil(all.length * 0.6);
}
