// From talk mentions to reactions: which sentences speak about each talk, whose voice each
// sentence is in (a named colleague, or the authors as "I"/"we"), and the kind of reaction the
// words show, with the words that show it (the cue).
import type { reactionKinds } from '../dataset/format.js';
import type { Author } from './metadata.js';
import type { TalkMention } from './mentions.js';
import type { ArticleModel, Sentence } from './model.js';
import { type NamedReactor, reactorsIn } from './reactors.js';
import type { Span } from './text.js';

export type ReactionKind = (typeof reactionKinds)[number];

export interface Cue extends Span {
  kind: ReactionKind;
  text: string;
  /** Its place in the order of precedence: lower wins. */
  tier: number;
}

// Cue words, by kind, as recaps write them. Tiers are in order of precedence when one person's
// sentences about a talk hold several cues: an explicit "highlight of the day" beats a highlight,
// a critique beats a recommendation (a recommendation despite a critique is rare), and any
// judgement beats a takeaway. Positive cues do not count after a negation ("not my favourite").
const cues = (...phrases: string[]) => new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'i');
const OBJECT = '(?:me|us|him|her|them|everyone)';
const CUE_TIERS: Array<{ kind: ReactionKind; positive: boolean; pattern: RegExp }> = [
  {
    kind: 'DAY_HIGHLIGHT',
    positive: true,
    pattern: cues(
      '(?:highlight|pick|favou?rite|best\\s+(?:talk|session)|stand-?out|star)\\s+of\\s+(?:the|my|his|her|their|our|that)\\s+day',
      "day['’]s\\s+(?:highlight|favou?rite|best|pick|stand-?out)",
    ),
  },
  {
    kind: 'HIGHLIGHT',
    positive: true,
    pattern: cues(
      'highlights?',
      'stand-?outs?',
      'stood\\s+out',
      'favou?rites?',
      'top\\s+picks?',
      "(?:my|his|her|their|our|\\w+['’]s)\\s+(?:personal\\s+|first\\s+|top\\s+)?pick",
      'crowd-?pleaser',
      'pick\\s+of\\s+the\\s+(?:week|conference|event|congress)',
      'best\\s+(?:talk|session|keynote|presentation|thing)',
      `blew\\s+${OBJECT}\\s+away`,
      'blown\\s+away',
      'stole\\s+the\\s+show',
    ),
  },
  {
    kind: 'CRITIQUE',
    positive: false,
    pattern: cues(
      'disappoint\\w*',
      'underwhelm\\w*',
      'fell\\s+(?:flat|short)',
      'missed\\s+the\\s+mark',
      "(?:not|wasn['’]t|weren['’]t|less)\\s+(?:entirely\\s+|fully\\s+|quite\\s+|so\\s+)?(?:convinc\\w*|sold)",
      'unconvinc\\w*',
      '(?:too|overly)\\s+(?:shallow|basic|vague|salesy|high-level|rushed|dense|long|abstract|theoretical)',
      '(?:light|thin)\\s+on\\s+(?:depth|details?|substance|specifics|content)',
      'superficial',
      'hand-?wavy',
      '(?:sales|vendor|product)\\s+pitch',
      'critici[sz]\\w*',
      '(?:I|we|he|she|they)\\s+(?:strongly\\s+)?disagree\\w*',
      'disagree\\w*\\s+with\\s+(?:the|their|his|her|its|some|much)',
      'sceptical',
      'skeptical',
      'lacked',
      '(?:glossed|skipped)\\s+over',
      'hard\\s+to\\s+follow',
      'struggled\\s+to',
      'felt\\s+like\\s+an?\\s+(?:\\w+\\s+)?(?:pitch|advert|commercial|sales\\s+demo|product\\s+demo)',
      'overhyped',
      'wish(?:ed)?\\s+(?:they|the\\s+speakers?|he|she|it)\\s+had',
      'would\\s+have\\s+liked\\s+(?:more|less|a\\s+deeper)',
      'could\\s+have\\s+(?:gone\\s+deeper|been\\s+shorter)',
    ),
  },
  {
    kind: 'RECOMMENDATION',
    positive: true,
    pattern: cues(
      'recommend(?:s|ed|ing)?',
      '(?:my|his|her|their|our)\\s+recommendation',
      '(?:put|add)\\s+(?:it|the\\s+(?:recording|video|talk))\\s+(?:on|to)\\s+your\\s+(?:watch\\s*)?list',
      'worth\\s+(?:watching|a\\s+watch|a\\s+look|your\\s+time|catching|seeing)',
      'must[-\\s](?:watch|see)',
      '(?:go|do)\\s+(?:and\\s+)?watch',
      '(?:catch|watch)\\s+(?:the\\s+)?(?:recording|video|replay)',
      'check\\s+out\\s+the\\s+(?:recording|video|slides)',
      "don['’]t\\s+miss",
    ),
  },
  {
    kind: 'HIGHLIGHT',
    positive: true,
    pattern: cues(
      '(?:particularly|especially|really|most|extremely|very|super|genuinely|incredibly|seriously|truly)\\s+(?:interesting|impressive|inspiring|enjoyable|insightful|engaging|fascinating|useful|valuable|memorable|compelling|entertaining)',
      'loved',
      'enjoyed',
      'fascinating',
      'brilliant',
      'outstanding',
      'excellent',
      'superb',
    ),
  },
  {
    kind: 'TAKEAWAY',
    positive: true,
    pattern: cues(
      'take-?aways?',
      'learn(?:ed|t)',
      'lessons?',
      'took\\s+away',
      'came\\s+(?:away|home|back)\\s+with',
      'now\\s+understands?',
      'reali[sz]ed',
      'key\\s+(?:point|message|insight|idea)s?',
      'insights?',
      'eye-?opener',
      'food\\s+for\\s+thought',
      `(?:got|left)\\s+${OBJECT}\\s+thinking`,
      `made\\s+${OBJECT}\\s+(?:realise|realize|rethink|reconsider)`,
      `reminded\\s+${OBJECT}`,
    ),
  },
];

const NEGATION = /\b(?:not|never|hardly|no)\b[^.,;:]*$|n['’]t\s+(?:\w+\s+){0,2}$/i;

/** The strongest cue in a sentence, or null. */
export function cueIn(text: string, sentence: Span): Cue | null {
  const words = text.slice(sentence.start, sentence.end);
  for (const [tier, { kind, positive, pattern }] of CUE_TIERS.entries()) {
    for (const match of words.matchAll(new RegExp(pattern.source, 'gi'))) {
      const before = words.slice(Math.max(0, match.index! - 30), match.index);
      if (positive && NEGATION.test(before)) continue;
      const span = widen(words, match.index!, match.index! + match[0].length);
      return { kind, tier, start: sentence.start + span.start, end: sentence.start + span.end, text: words.slice(span.start, span.end) };
    }
  }
  return null;
}

/** The cue with up to two words before and one after, within its clause, so it reads on its own. */
function widen(text: string, start: number, end: number): Span {
  const left = /(?<![\p{L}\p{N}’'])(?:[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)?[ \t]+){0,2}$/u.exec(text.slice(Math.max(0, start - 40), start));
  const right = /^(?:[ \t]+[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)?(?![\p{L}\p{N}’']))?/u.exec(text.slice(end, end + 40));
  return { start: start - (left?.[0].length ?? 0), end: end + (right?.[0].length ?? 0) };
}

export type Voice = { kind: 'named'; reactors: NamedReactor[] } | { kind: 'author'; singular: boolean } | { kind: 'narrator' };

const namedIn = (voice: Voice): NamedReactor[] => (voice.kind === 'named' ? voice.reactors : []);

const FIRST_PERSON_SINGULAR = /(?:^|[^\p{L}])(?:I|I['’]m|I['’]ve|I['’]d|me|my|mine)(?![\p{L}])/u;
const FIRST_PERSON_PLURAL = /\b(?:we|we['’]re|we['’]ve|we['’]d|us|our|ours)\b/i;

/** Whose words each sentence carries. */
export function voices(model: ArticleModel, reactors: NamedReactor[], speakerSpans: Span[]): Voice[] {
  const out: Voice[] = [];
  const lastPerson: { value: NamedReactor | 'speaker' | null } = { value: null };
  let section = Number.NaN;
  let block = -1;
  let itemReactor: NamedReactor | null = null;
  for (const sentence of model.sentences) {
    // "he" and "she" look back within a section, and never into another list item.
    const newBlock = sentence.block !== block;
    const item = model.blocks[sentence.block].kind === 'item';
    if (sentence.section !== section || (newBlock && item)) lastPerson.value = null;
    if (newBlock) itemReactor = null;
    section = sentence.section;
    block = sentence.block;
    const named = reactorsIn(sentence, model, reactors, speakerSpans, lastPerson);
    const text = model.text.slice(sentence.start, sentence.end);
    // In a note that names one person ("- Jana Wolff: ..."), the note's other sentences are hers.
    if (item && named.length === 1) itemReactor ??= named[0];
    if (named.length > 0) out.push({ kind: 'named', reactors: named });
    else if (FIRST_PERSON_SINGULAR.test(text)) out.push({ kind: 'author', singular: true });
    else if (FIRST_PERSON_PLURAL.test(text)) out.push({ kind: 'author', singular: false });
    else if (itemReactor) out.push({ kind: 'named', reactors: [itemReactor] });
    else out.push({ kind: 'narrator' });
  }
  return out;
}

const REFERS_BACK = /\b(?:this|that|the|their|his|her|its)\s+(?:talk|session|presentation|keynote|workshop|panel|demo|speakers?|lecture|presenters?)\b|\b(?:they|he|she|it)\b/i;

/**
 * The sentences about each mentioned talk. A sentence with an anchor is about its talk(s); the
 * sentences after it in the same block follow it; a block without anchors under a heading that
 * names a talk is about that talk until another talk is anchored in the section; otherwise a
 * block continues the previous talk only when it refers back ("this talk", "they", "he").
 */
export function sentencesPerMention(model: ArticleModel, mentions: TalkMention[]): Array<Set<number>> {
  const assigned = mentions.map(() => new Set<number>());
  const anchored = new Map<number, number[]>();
  mentions.forEach((mention, index) => {
    for (const sentence of mention.anchorSentences) anchored.set(sentence, [...(anchored.get(sentence) ?? []), index]);
  });
  let section = Number.NaN;
  let headingTalks: number[] = [];
  let otherSinceHeading = false;
  let current: number[] = [];
  let block = -1;
  let blockAnchored = false;
  for (const sentence of model.sentences) {
    if (sentence.section !== section) {
      section = sentence.section;
      headingTalks = section >= 0 ? model.blockSentences[section].flatMap((s) => anchored.get(s) ?? []) : [];
      otherSinceHeading = false;
      current = [];
    }
    if (sentence.block !== block) {
      block = sentence.block;
      blockAnchored = false;
    }
    if (model.excludedBlocks.has(sentence.block)) continue;
    const here = anchored.get(sentence.index);
    if (here) {
      current = here;
      blockAnchored = true;
      if (here.some((talk) => !headingTalks.includes(talk))) otherSinceHeading = true;
    } else if (!blockAnchored) {
      // A list item is its own note: it never continues the talk of the item before it.
      const item = model.blocks[sentence.block].kind === 'item';
      if (headingTalks.length > 0 && !otherSinceHeading) current = headingTalks;
      else if (item || !(current.length > 0 && refersBack(model, sentence, current, mentions))) current = [];
    }
    for (const talk of current) assigned[talk].add(sentence.index);
  }
  return assigned;
}

function refersBack(model: ArticleModel, sentence: Sentence, talks: number[], mentions: TalkMention[]): boolean {
  const text = model.text.slice(sentence.start, sentence.end);
  if (REFERS_BACK.test(text)) return true;
  const names = new Set(talks.flatMap((talk) => mentions[talk].talk.speakers.flatMap((speaker) => speaker.name.split(/\s+/))));
  return [...names].some((name) => name.length >= 3 && new RegExp(`(?<![\\p{L}])${escape(name)}(?![\\p{L}])`, 'u').test(text));
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface DraftReaction {
  mention: TalkMention;
  reactor: { name: string; jobTitle: string | null; organisation: string | null; basis: 'named' | 'author'; said: string } | null;
  kind: ReactionKind;
  cue: Cue | null;
  evidence: Span[];
  notes: string[];
  /** True when the reactor is a guess the reviewer must check ("I" in a post with several authors). */
  unsure: boolean;
}

/** One reaction per talk and reactor: named people where the text names them, else the authors. */
export function draftReactions(
  model: ArticleModel,
  mentions: TalkMention[],
  reactors: NamedReactor[],
  authors: Author[],
  speakerSpans: Span[],
): DraftReaction[] {
  const perMention = sentencesPerMention(model, mentions);
  const voiceOf = voices(model, reactors, speakerSpans);
  const drafts: DraftReaction[] = [];
  mentions.forEach((mention, index) => {
    const sentences = [...perMention[index]].sort((a, b) => a - b);
    const anchorEvidence = mention.anchorSentences.slice(0, 2).map((s) => model.sentences[s]);
    const named = [...new Set(sentences.flatMap((s) => namedIn(voiceOf[s])))];
    const authorSentences = sentences.filter((s) => voiceOf[s].kind !== 'named');
    const authorCue = bestCue(model, authorSentences);
    if (named.length > 0) {
      for (const reactor of named) {
        const own = sentences.filter((s) => namedIn(voiceOf[s]).includes(reactor));
        const cue = bestCue(model, own);
        const notes: string[] = [];
        if (authorCue) {
          notes.push(
            `the article's own voice also says "${authorCue.text}" (${authorCue.kind}) about this talk; it stays with ${reactor.name}'s reaction, because the authors are recorded only for talks no colleague is named for`,
          );
        }
        drafts.push({
          mention,
          reactor: { name: reactor.name, jobTitle: reactor.jobTitle, organisation: reactor.organisation, basis: reactor.author ? 'author' : 'named', said: reactor.said },
          kind: cue?.kind ?? 'MENTION',
          cue,
          evidence: evidenceSpans([...anchorEvidence, model.sentences[own[0]], ...(cue ? [cue.sentence] : [])]),
          notes,
          unsure: false,
        });
      }
      return;
    }
    const singular = authorSentences.some((s) => {
      const voice = voiceOf[s];
      return voice.kind === 'author' && voice.singular;
    });
    const evidence = evidenceSpans([...anchorEvidence, ...(authorCue ? [authorCue.sentence] : [])]);
    const voiceSentence = authorSentences.find((s) => voiceOf[s].kind === 'author');
    const said = voiceSentence !== undefined ? firstPersonWords(model, model.sentences[voiceSentence]) : 'the article, in its own voice';
    const people = singular && authors.length > 1 ? authors.slice(0, 1) : authors;
    if (people.length === 0) {
      drafts.push({ mention, reactor: null, kind: authorCue?.kind ?? 'MENTION', cue: authorCue, evidence, notes: [], unsure: true });
      return;
    }
    for (const author of people) {
      drafts.push({
        mention,
        reactor: { name: author.name, jobTitle: author.jobTitle, organisation: author.organisation, basis: 'author', said },
        kind: authorCue?.kind ?? 'MENTION',
        cue: authorCue,
        evidence,
        notes: singular && authors.length > 1 ? [`the text says "I" and has ${authors.length} authors; check which of them it is`] : [],
        unsure: singular && authors.length > 1,
      });
    }
  });
  return drafts;
}

/** The strongest cue among these sentences, with the sentence it stands in (for evidence). */
function bestCue(model: ArticleModel, sentences: number[]): (Cue & { sentence: Sentence }) | null {
  let best: (Cue & { sentence: Sentence }) | null = null;
  let bestTier = Infinity;
  for (const s of sentences) {
    const cue = cueIn(model.text, model.sentences[s]);
    if (cue && cue.tier < bestTier) {
      best = { ...cue, sentence: model.sentences[s] };
      bestTier = cue.tier;
    }
  }
  return best;
}

/** The first-person words of a sentence with a little context: "favourite of both of us", "I'd recommend watching". */
function firstPersonWords(model: ArticleModel, sentence: Span): string {
  const text = model.text.slice(sentence.start, sentence.end);
  const match = /(?:[\p{L}’'-]+\s+){0,3}(?<![\p{L}])(?:I|I['’]d|I['’]m|we|We|We['’]d|we['’]d|our|Our|my|My|us)(?![\p{L}])(?:\s+[\p{L}’'-]+){0,3}/u.exec(text);
  return match ? match[0].trim() : text.slice(0, 60);
}

/** Whole sentences, merged, in text order, at most four. */
function evidenceSpans(spans: Span[]): Span[] {
  const sorted = spans
    .filter(Boolean)
    .map((span) => ({ start: span.start, end: span.end }))
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged.slice(0, 4);
}
