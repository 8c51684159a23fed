// From talk mentions to reactions: which sentences speak about each talk, who is the subject of
// each clause (a named colleague, the authors as "I"/"we", a group such as "both of us", the
// speaker in a dialogue, or nobody in particular, in which case the voice of the paragraph, list
// item or article carries on), and what the clause says (stance.ts). A person who reacts is one
// whose clauses about a talk carry a cue; a person the text says was not there does not react.
import type { Author } from './metadata.js';
import type { TalkMention } from './mentions.js';
import type { ArticleModel, Sentence } from './model.js';
import { type NamedReactor, pronounAntecedent, type Reference, referencesIn } from './reactors.js';
import { type Cue, type ReactionKind, readStance, splitClauses, type Stance, TIER } from './stance.js';
import type { Span } from './text.js';

export type { Cue, ReactionKind } from './stance.js';

/** Who a clause is about, once pronouns and carried-over voices are resolved. */
type Voice = { people: NamedReactor[] } | { authors: true; singular: boolean };

interface ClauseReading extends Span {
  sentence: number;
  voice: Voice;
  /** The subject is written in the clause (a name, "I", "we", "both of us"), not carried over. */
  explicit: boolean;
  /** "none of us", "nobody from Acme": everyone the article speaks for. */
  everyone: boolean;
  stance: Stance;
}

const isAuthors = (voice: Voice): voice is { authors: true; singular: boolean } => 'authors' in voice;

const FIRST_SINGULAR = /(?<![\p{L}'’])(?:I|I['’]m|I['’]ve|I['’]d|I['’]ll|me|my|mine|myself)(?![\p{L}'’])/u;
const FIRST_PLURAL = /(?<![\p{L}'’])(?:we|We|we['’]re|we['’]ve|we['’]d|We['’]d|We['’]ve|We['’]re|us|our|Our|ours|ourselves)(?![\p{L}'’])/u;
const SUBJECT_PRONOUN = /(?<![\p{L}'’])(?:I|I['’]m|I['’]ve|I['’]d|we|We|we['’]re|we['’]ve|we['’]d|We['’]d|We['’]ve|We['’]re)(?![\p{L}'’])/u;
const GROUP = /(?<![\p{L}])(?:both\s+(?:of\s+us|hosts|authors|of\s+them)|we\s+both|(?:the|all)\s+(two|three|four|five|six|\d)\s+of\s+us|all\s+of\s+us|each\s+of\s+us)(?![\p{L}])/iu;
const EVERYONE_ABSENT = /(?<![\p{L}])(?:none|neither|nobody|no\s+one|no-one)(?:\s+(?:of\s+us|from\s+\S+))?(?![\p{L}])/iu;
const QUOTED = /“[^”]*”?|"[^"]*"?|«[^»]*»?|„[^“]*“?/g;
const NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6 };
const CHOICE = /\b(?:between|or|versus|vs)\b/i;
const CHOSEN = /\b(?:went\s+(?:with|for)|chose|picked|opted\s+for|settled\s+on)\b/i;
/** "Watch this one", "start with the VAP talk": advice to the reader, in the writer's own voice. */
const IMPERATIVE = /^\W*(?:watch|see|catch|start\s+with|begin\s+with|go\s+(?:and\s+)?(?:watch|see)|don['’]t\s+miss)\b/i;
const ATTENDING_QUESTION = /\b(?:make\s+it|see|attend|catch|go\s+to|get\s+to|get\s+into|manage)\b/i;

/** "Lukas Brandt (Senior SRE), 11:52": a chat message's header line, its writer's turn until the next one. */
const CHAT_HEADER = /^\s*([\p{Lu}][\p{L}'’-]*(?:\s+[\p{Lu}][\p{L}'’-]*){0,2})\s*(?:\([^)\n]{0,60}\))?\s*[,·-]?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*$/iu;

/** "Yasmin:", "Q:", "A:": a sentence that opens one person's turn in an interview or a transcript. */
function turnSpeaker(model: ArticleModel, sentence: Span, reactors: NamedReactor[], authors: NamedReactor[]): NamedReactor | 'authors' | null {
  const lead =
    /^\s*([\p{Lu}][\p{L}'’-]*(?:\s+[\p{Lu}][\p{L}'’-]*){0,2})\s*:\s/u.exec(model.text.slice(sentence.start, Math.min(sentence.end, sentence.start + 60))) ??
    CHAT_HEADER.exec(model.text.slice(sentence.start, sentence.end));
  if (!lead) return null;
  const name = lead[1].toLowerCase();
  if (name === 'q') return 'authors';
  if (name === 'a') return reactors.find((reactor) => !reactor.author && !reactor.tentative) ?? reactors.find((reactor) => !reactor.author) ?? null;
  const everyone = [...reactors, ...authors];
  return everyone.find((person) => person.name.toLowerCase() === name || person.first === name || person.last === name) ?? null;
}

/**
 * "## Kenan: one yes, one no", "### Yusuf's picks", "## Ines on cert-manager": a section headed
 * by a person's name is that person's notes; a clause there without a subject of its own is theirs.
 */
function sectionOwner(model: ArticleModel, section: number, reactors: NamedReactor[]): NamedReactor | null {
  if (section < 0) return null;
  const heading = model.text.slice(model.blocks[section].start, model.blocks[section].end);
  const lead = /^\s*([\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+)?)(?:['’]s\s+(?:picks?|highlights?|favou?rites?|notes|take|verdict|day|week)\b|\s*:\s|\s+on\s)/u.exec(heading);
  if (!lead) return null;
  const name = lead[1].toLowerCase();
  const matches = reactors.filter((person) => person.name.toLowerCase() === name || person.first === name || person.last === name);
  return matches.length === 1 ? matches[0] : null;
}

/**
 * "… the first thing we will trial in March. — Hedda": a note signed at its end with a name (a
 * reactor's first name, surname or full name) is that person's; its "I" is theirs.
 */
function signer(model: ArticleModel, block: Span, reactors: NamedReactor[]): NamedReactor | null {
  const signed = /\s(?:—|–|--?)\s*([\p{Lu}][\p{L}'’-]+(?:\s+[\p{Lu}][\p{L}'’-]+){0,2})\s*$/u.exec(model.text.slice(block.start, block.end));
  if (!signed) return null;
  const name = signed[1].toLowerCase();
  const matches = reactors.filter((person) => person.name.toLowerCase() === name || person.first === name || person.last === name);
  return matches.length === 1 ? matches[0] : null;
}

/** The voice of every clause of the article, in order, with what each clause says. */
function readClauses(model: ArticleModel, reactors: NamedReactor[], speakerSpans: Span[], hidden: Span[]): ClauseReading[][] {
  const authorsAsPeople = reactors.filter((reactor) => reactor.author);
  const out: ClauseReading[][] = model.sentences.map(() => []);
  const lastPerson: { value: NamedReactor | 'speaker' | null } = { value: null };
  let lastGroup: NamedReactor[] | null = null;
  let lastSubject: NamedReactor | null = null;
  let section = Number.NaN;
  let block = -1;
  let carried: NamedReactor[] | null = null;
  let turn: NamedReactor | 'authors' | null = null;
  let sectionPerson: NamedReactor | null = null;
  // The last question asked in an interview, which the next turn answers.
  type Question = { by: NamedReactor | 'authors'; asked: Cue[]; attendance: boolean };
  let question: Question | null = null;
  for (const sentence of model.sentences) {
    if (model.excludedBlocks.has(sentence.block)) continue;
    const newBlock = sentence.block !== block;
    const item = model.blocks[sentence.block].kind === 'item';
    if (sentence.section !== section) {
      lastPerson.value = null;
      lastGroup = null;
      lastSubject = null;
      sectionPerson = sectionOwner(model, sentence.section, reactors);
    } else if (newBlock && item) {
      // A new note starts without the speakers of the last one; "she" there is the last person
      // the notes were about.
      lastPerson.value = lastSubject;
      lastGroup = null;
    }
    const opens = turnSpeaker(model, sentence, reactors, authorsAsPeople);
    if (newBlock) carried = null;
    if (newBlock || opens) turn = opens ?? (newBlock ? signer(model, model.blocks[sentence.block], reactors) : turn);
    const answering: Question | null = opens && question && question.by !== opens ? question : null;
    if (opens || (newBlock && !opens)) question = answering ? null : question;
    section = sentence.section;
    block = sentence.block;
    let previous: { voice: Voice; explicit: boolean } | null = null;
    for (const [index, clause] of splitClauses(model.text, sentence).entries()) {
      const stance = readStance(model.text, clause, hidden, sentence.end);
      const words = model.text.slice(clause.start, clause.end);
      if (stance.question && turn) question = { by: turn, asked: stance.asked, attendance: ATTENDING_QUESTION.test(words) };
      const opening = answering && index <= 1 && model.text.slice(sentence.start, clause.start).replace(/^\s*[\p{L}'’ -]{1,40}:?\s*$/u, '') === '';
      if (opening && answering) {
        // "Did you make it to …?" "No, …": the answer says they were not there; "What was your
        // favourite?" "The fax one": the answer is what was asked for.
        if (answering.attendance && /^\s*no\b/iu.test(words) && !stance.absence) {
          stance.absence = { kind: 'MENTION', tier: TIER.frame, reading: 'not attended', start: clause.start, end: clause.end, text: words.slice(0, 40) };
        }
        if (!/^\s*no\b/iu.test(words)) stance.cues.push(...answering.asked.map((cue: Cue) => ({ ...cue, reading: `asked for: ${cue.reading}` })));
      }
      const refs = referencesIn(clause, model, reactors, speakerSpans);
      // "I" inside quotation marks is the person quoted, who the clause before names.
      const own = words.replace(QUOTED, (quoted) => ' '.repeat(quoted.length));
      let voice: Voice | null = null;
      let explicit = true;
      const everyone = EVERYONE_ABSENT.test(words) && Boolean(stance.absence);
      const group = GROUP.exec(words);
      const people = [...new Set(refs.flatMap((ref) => (typeof ref.who === 'object' ? [ref.who] : [])))];
      if (group) {
        const count = group[1] ? (NUMBERS[group[1].toLowerCase()] ?? Number(group[1])) : 2;
        const others = reactors.filter((reactor) => !reactor.author);
        const members = group[0].toLowerCase().startsWith('each') || /all\s+of\s+us/i.test(group[0]) ? [...authorsAsPeople, ...others] : [...authorsAsPeople, ...others].slice(0, count);
        voice = members.length > 0 ? { people: members } : { authors: true, singular: false };
      } else if (people.length > 0) {
        voice = { people };
      } else if (previous && /^\s*who\s/i.test(words)) {
        // "My colleague Tamsin Hale, who leads our ML team, … came back raving": a relative
        // clause goes on about the person before it; its "our" only says whose team.
        voice = previous.voice;
        explicit = previous.explicit;
      } else {
        const pronoun = refs.find((ref) => ref.who === 'pronoun');
        const antecedent: NamedReactor | 'speaker' | null = pronoun ? pronounAntecedent(refs, pronoun, lastPerson.value) : null;
        if (antecedent && antecedent !== 'speaker') voice = { people: [antecedent] };
        // "Yusra spent the afternoon with Nicolas and Antoine, who showed … What she took away is
        // that our dashboards …": when "she" could be a speaker named on the way, and no "I" or
        // "we" is the subject, she is the colleague the paragraph is about ("our" is only whose).
        else if (antecedent === 'speaker' && lastSubject && !SUBJECT_PRONOUN.test(own)) voice = { people: [lastSubject] };
        else if (FIRST_SINGULAR.test(own) || FIRST_PLURAL.test(own)) {
          const singular = FIRST_SINGULAR.test(own);
          if (turn === 'authors' || turn === null) voice = { authors: true, singular };
          else voice = { people: [turn] };
        } else if (/(?<![\p{L}])(?:they|them|their)(?![\p{L}])/iu.test(words) && lastGroup && !refs.some((ref) => ref.who === 'speaker')) {
          voice = { people: lastGroup };
        }
      }
      // "For clients: start with the VAP talk": advice with no one else speaking is the writer's.
      if (!voice && !turn && !carried && !sectionPerson && IMPERATIVE.test(words)) voice = { authors: true, singular: false };
      if (!voice && previous) {
        voice = previous.voice;
        explicit = previous.explicit;
      }
      if (!voice) {
        explicit = false;
        if (turn === 'authors') voice = { authors: true, singular: false };
        else if (turn) voice = { people: [turn] };
        else if (carried) voice = { people: carried };
        else if (sectionPerson) voice = { people: [sectionPerson] };
        else voice = { authors: true, singular: false };
      }
      // "sat through Axel Stefanini's introduction. What he brought home …": the speaker named as
      // the owner of the talk is not whom "he" goes on to mean.
      const owner = (ref: Reference) =>
        speakerSpans.some((span) => span.start === ref.at && /['’]s(?![\p{L}])/u.test(model.text.slice(span.end - 2, span.end + 3)));
      const named = refs.filter((ref) => ref.who !== 'pronoun' && !(ref.who === 'speaker' && owner(ref)));
      if (named.length > 0) lastPerson.value = named[named.length - 1].who as NamedReactor | 'speaker';
      if (!isAuthors(voice) && explicit) {
        carried = voice.people;
        if (voice.people.length === 1) lastSubject = voice.people[0];
        if (voice.people.length > 1) lastGroup = voice.people;
      }
      previous = { voice, explicit };
      out[sentence.index].push({ ...clause, sentence: sentence.index, voice, explicit, everyone, stance });
    }
  }
  return out;
}

/**
 * The sentences about each mentioned talk. A sentence with an anchor is about its talk(s); the
 * sentences after it in the same block follow it; a block without anchors under a heading that
 * names a talk is about that talk until another talk is anchored in the section; an answer in an
 * interview is about the talks of the question before it; otherwise a block continues the
 * previous talk only when it refers back ("this talk", "they", "he").
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
  let questionTalks: number[] = [];
  for (const sentence of model.sentences) {
    if (sentence.section !== section) {
      section = sentence.section;
      headingTalks = section >= 0 ? model.blockSentences[section].flatMap((s) => anchored.get(s) ?? []) : [];
      otherSinceHeading = false;
      current = [];
    }
    if (sentence.block !== block) {
      const previousText = block >= 0 ? model.text.slice(model.blocks[block].start, model.blocks[block].end) : '';
      const previousTalks = block >= 0 ? [...new Set(model.blockSentences[block].flatMap((s) => anchored.get(s) ?? []))] : [];
      questionTalks = /\?\s*$/.test(previousText.trimEnd()) && /^\s*\S[^\n:]{0,40}:\s/.test(previousText) ? previousTalks : [];
      block = sentence.block;
      blockAnchored = false;
    }
    if (model.excludedBlocks.has(sentence.block)) continue;
    const here = anchored.get(sentence.index);
    if (here) {
      current = here;
      blockAnchored = true;
      if (here.some((talk) => !headingTalks.includes(talk))) otherSinceHeading = true;
    } else if (current.length > 1) {
      // After "A or B", a sentence that names only B's speakers is about B.
      const named = current.filter((talk) => namesSpeakerOf(model, sentence, mentions[talk]));
      if (named.length > 0 && named.length < current.length) current = named;
    }
    if (!here && !blockAnchored) {
      // A list item is its own note: it never continues the talk of the item before it.
      const item = model.blocks[sentence.block].kind === 'item';
      if (questionTalks.length > 0) current = questionTalks;
      else if (headingTalks.length > 0 && !otherSinceHeading) current = headingTalks;
      else if (item || !(current.length > 0 && refersBack(model, sentence, current, mentions))) current = [];
    }
    for (const talk of current) assigned[talk].add(sentence.index);
  }
  return assigned;
}

const REFERS_BACK = /\b(?:this|that|the|their|his|her|its)\s+(?:talk|session|presentation|keynote|workshop|panel|demo|speakers?|lecture|presenters?)\b|\b(?:they|he|she|it)\b/i;

function namesSpeakerOf(model: ArticleModel, sentence: Sentence, mention: TalkMention): boolean {
  const text = model.text.slice(sentence.start, sentence.end);
  const names = mention.talk.speakers.flatMap((speaker) => speaker.name.split(/\s+/)).filter((name) => name.length >= 3);
  return names.some((name) => new RegExp(`(?<![\\p{L}])${escape(name)}(?![\\p{L}])`, 'u').test(text));
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

// Framing ----------------------------------------------------------------------------------------

interface Frame {
  kind: ReactionKind;
  /** "top 5": a numbered place in the list is the authors' explicit choice. */
  ranked: boolean;
  text: string;
}

const RANKED = /\b(?:top\s+(?:\d+|three|five|seven|ten)|(?:\d+|three|five|seven|ten)\s+(?:best|favou?rite|top)|best\s+(?:\d+|three|five|ten))\b/i;
const FAVOURED = /\b(?:favou?rites?|highlights?|picks?|picked|best|standouts?|must-(?:see|watch))\b/i;
const LEARNT = /\b(?:takeaways?|lessons|learn(?:ed|t)|took\s+home|brought\s+(?:back|home)|stuck\s+with)\b/i;

function frameOf(text: string): Frame | null {
  const ranked = RANKED.exec(text);
  if (ranked) return { kind: 'HIGHLIGHT', ranked: true, text: ranked[0] };
  const favoured = FAVOURED.exec(text);
  if (favoured) return { kind: 'HIGHLIGHT', ranked: false, text: favoured[0] };
  const learnt = LEARNT.exec(text);
  if (learnt) return { kind: 'TAKEAWAY', ranked: false, text: learnt[0] };
  return null;
}

/** The framing a talk's first anchor stands under: its section heading's, else the article title's. */
function framing(model: ArticleModel, mention: TalkMention): { frame: Frame; where: string } | null {
  const first = model.sentences[mention.anchorSentences[0]];
  if (!first) return null;
  if (first.section >= 0 && first.section !== first.block) {
    const heading = model.blocks[first.section];
    const frame = frameOf(model.text.slice(heading.start, heading.end));
    if (frame) return { frame, where: 'the heading' };
  }
  const title = model.meta.titleBlock !== null ? model.text.slice(model.blocks[model.meta.titleBlock].start, model.blocks[model.meta.titleBlock].end) : model.meta.title;
  const frame = frameOf(title);
  return frame ? { frame, where: 'the title' } : null;
}

/** "5. Day-2 Reality Check", "#1 The AZ-aware metrics talk": the place a ranked list gives a talk. */
function rankOf(model: ArticleModel, mention: TalkMention): string | null {
  for (const s of mention.anchorSentences) {
    const block = model.blocks[model.sentences[s].block];
    const text = model.text.slice(block.start, block.end);
    const rank = /^\s*(?:#\s*|no\.?\s*|number\s+)?(\d{1,2})[.):]?\s/i.exec(text);
    if (rank && (block.kind === 'heading' || block.kind === 'item')) return rank[1];
    if (block.kind === 'item') {
      // An ordered list's numbers are markup the reader drops; the file still has them.
      const start = model.doc.toSource(block).start;
      const marker = /(?:^|\n)[ \t]*(\d{1,2})[.)][ \t]*[*_]*$/.exec(model.doc.source.slice(Math.max(0, start - 12), start));
      if (marker) return marker[1];
    }
  }
  return null;
}

// Drafting ---------------------------------------------------------------------------------------

export interface DraftReaction {
  mention: TalkMention;
  reactor: { name: string; jobTitle: string | null; organisation: string | null; basis: 'named' | 'author'; said: string } | null;
  kind: ReactionKind;
  cue: Cue | null;
  evidence: Span[];
  notes: string[];
  /** True when the reactor is a guess the reviewer must check ("I" in a post with several authors), or nobody reacted. */
  unsure: boolean;
  /** The text names the talk but says nobody it speaks for reacted to it (missed, skipped, only asked about). */
  declined?: boolean;
}

interface Heard {
  /** Whether any of their clauses about the talk says something rather than asks. */
  asserts: boolean;
  cues: Array<Cue & { sentence: number; explicit: boolean }>;
  absence: Array<Cue & { sentence: number }>;
  sentences: number[];
  singular: boolean;
}

const heard = (): Heard => ({ asserts: false, cues: [], absence: [], sentences: [], singular: false });

/** One reaction per talk and person who reacted: named people where the text names them, the authors where they speak. */
export function draftReactions(
  model: ArticleModel,
  mentions: TalkMention[],
  reactors: NamedReactor[],
  authors: Author[],
  speakerSpans: Span[],
  hidden: Span[] = [],
): DraftReaction[] {
  const perMention = sentencesPerMention(model, mentions);
  const titles = [...hidden, ...mentions.flatMap((mention) => mention.nameSpans), ...speakerSpans];
  const clauses = readClauses(model, reactors, speakerSpans, titles);
  // In a sentence that names several talks, each clause is about the talks it names, or those of
  // the clause before it: "We skipped A, but B was excellent; we'd send anyone to it."
  const split = new Map<ClauseReading, Set<number>>();
  const clauseTalks = (s: number, clause: ClauseReading): Set<number> => {
    if (!split.has(clause)) {
      const here = mentions.map((mention, talk) => ({ mention, talk })).filter(({ mention }) => mention.anchorSentences.includes(s));
      let current = new Set(mentions.map((_, talk) => talk));
      for (const other of clauses[s]) {
        const named = here.filter(({ mention }) => mention.anchorSpans.some((span) => span.start < other.end && other.start < span.end)).map(({ talk }) => talk);
        if (here.length > 1 && named.length > 0) current = new Set(named);
        split.set(other, current);
      }
    }
    return split.get(clause)!;
  };
  const drafts: DraftReaction[] = [];
  mentions.forEach((mention, index) => {
    const sentences = [...perMention[index]].sort((a, b) => a - b);
    const anchorSet = new Set(mention.anchorSentences);
    const byPerson = new Map<NamedReactor, Heard>();
    const byAuthors = heard();
    const everyoneAbsent: Array<Cue & { sentence: number }> = [];
    for (const s of sentences) {
      for (const clause of clauses[s]) {
        if (!clauseTalks(s, clause).has(index)) continue;
        const target = isAuthors(clause.voice) ? [byAuthors] : clause.voice.people.map((person) => byPerson.get(person) ?? byPerson.set(person, heard()).get(person)!);
        for (const entry of target) {
          if (!entry.sentences.includes(s)) entry.sentences.push(s);
          if (!clause.stance.question) entry.asserts = true;
          if (isAuthors(clause.voice) && clause.voice.singular) entry.singular = true;
          for (const cue of clause.stance.cues) entry.cues.push({ ...cue, sentence: s, explicit: clause.explicit && anchorSet.has(s) && speaksForItself(model, clause) });
          if (clause.stance.absence) entry.absence.push({ ...clause.stance.absence, sentence: s });
        }
        if (clause.everyone && clause.stance.absence) everyoneAbsent.push({ ...clause.stance.absence, sentence: s });
      }
    }
    for (const absence of chosenInstead(model, mention, mentions, sentences)) byAuthors.absence.push(absence);
    const frame = framing(model, mention);
    const rank = frame?.frame.ranked ? rankOf(model, mention) : null;
    if (rank && frame) {
      const first = model.sentences[mention.anchorSentences[0]];
      byAuthors.cues.push({ kind: 'HIGHLIGHT', tier: TIER.chosen, reading: `ranked ${rank} in ${frame.where}`, start: first.start, end: first.end, text: `${frame.frame.text}, number ${rank}`, sentence: first.index, explicit: false });
    }
    const decide = (entry: Heard) => {
      const cue = best(entry.cues);
      const absent = [...entry.absence, ...everyoneAbsent][0];
      if (absent && (!cue || cue.tier >= TIER.frame)) return { absent };
      if (cue) return { cue };
      if (frame) {
        const first = model.sentences[mention.anchorSentences[0]];
        return { cue: { kind: frame.frame.kind, tier: TIER.frame, reading: `framed by ${frame.where}`, start: first.start, end: first.end, text: frame.frame.text, sentence: first.index, explicit: false } };
      }
      return {};
    };
    // A sole author who is also spoken of by name ("Mira: chips under the microscope", then "My
    // favourite talk ..."): their "I" and their name are one person.
    const soleAuthor = authors.length === 1 ? [...byPerson.keys()].find((person) => person.author && person.name === authors[0].name) : undefined;
    if (soleAuthor && byAuthors.sentences.length > 0) {
      const entry = byPerson.get(soleAuthor)!;
      entry.asserts ||= byAuthors.asserts;
      entry.cues.push(...byAuthors.cues);
      entry.absence.push(...byAuthors.absence);
      entry.sentences = [...new Set([...entry.sentences, ...byAuthors.sentences])].sort((a, b) => a - b);
      Object.assign(byAuthors, heard());
    }
    const anchorEvidence = mention.anchorSentences.slice(0, 2).map((s) => model.sentences[s]);
    const absentees: Array<{ who: string; absent: Cue & { sentence: number } }> = [];
    const people = [...byPerson.entries()];
    let named = 0;
    for (const [person, entry] of people) {
      // Someone who only asks about a talk (an interviewer) has not reacted to it, and someone
      // merely named reacts only where the text says so.
      if (!entry.asserts) continue;
      const { cue, absent } = decide(entry);
      if (person.tentative && !absent && (!cue || cue.tier >= TIER.frame)) continue;
      named++;
      if (absent) {
        absentees.push({ who: person.name, absent });
        continue;
      }
      drafts.push({
        mention,
        reactor: { name: person.name, jobTitle: person.jobTitle, organisation: person.organisation, basis: person.author ? 'author' : 'named', said: person.said },
        kind: cue?.kind ?? 'MENTION',
        cue: cue ?? null,
        evidence: evidenceSpans([...anchorEvidence, model.sentences[entry.sentences[0]], ...(cue ? [model.sentences[cue.sentence]] : [])]),
        notes: cue ? [`${cue.reading}: "${cue.text}"`] : [],
        unsure: false,
      });
    }
    // The authors' own voice: for every talk nobody else is named for, and beside named
    // colleagues only where the authors themselves say something about it ("we", "I") in a
    // sentence that names the talk.
    const authorCue = decide(byAuthors);
    const speakForThemselves = byAuthors.cues.some((cue) => cue.explicit);
    const withNamed = named > 0;
    const authorsReact = !authorCue.absent && (byAuthors.asserts || byAuthors.sentences.length === 0) && (!withNamed || (speakForThemselves && authorCue.cue !== undefined));
    const namedAuthors = new Set(people.filter(([person]) => person.author).map(([person]) => person.name));
    if (authorsReact && (byAuthors.sentences.length > 0 || !withNamed)) {
      const cue = withNamed ? best(byAuthors.cues.filter((c) => c.explicit)) : authorCue.cue;
      const voiceSentence = byAuthors.sentences.find((s) => clauses[s].some((clause) => isAuthors(clause.voice) && clause.explicit));
      const said = voiceSentence !== undefined ? firstPersonWords(model, model.sentences[voiceSentence]) : 'the article, in its own voice';
      const singular = byAuthors.singular && authors.length > 1;
      const chosen = (singular ? authors.slice(0, 1) : authors).filter((author) => !namedAuthors.has(author.name));
      const evidence = evidenceSpans([...anchorEvidence, ...(cue ? [model.sentences[cue.sentence]] : [])]);
      const notes = cue ? [`${cue.reading}: "${cue.text}"`] : [];
      if (withNamed && cue) notes.push('the authors say this themselves, beside the colleagues named for this talk');
      if (authors.length === 0 && !withNamed) {
        drafts.push({ mention, reactor: null, kind: cue?.kind ?? 'MENTION', cue: cue ?? null, evidence, notes, unsure: true });
      }
      for (const author of chosen) {
        drafts.push({
          mention,
          reactor: { name: author.name, jobTitle: author.jobTitle, organisation: author.organisation, basis: 'author', said },
          kind: cue?.kind ?? 'MENTION',
          cue: cue ?? null,
          evidence,
          notes: singular ? [...notes, `the text says "I" and has ${authors.length} authors; check which of them it is`] : notes,
          unsure: singular,
        });
      }
    } else if (authorCue.absent) {
      absentees.push({ who: authors.length > 0 ? authors.map((author) => author.name).join(' and ') : 'the authors', absent: authorCue.absent });
    }
    if (!drafts.some((draft) => draft.mention === mention)) {
      // Named, but nobody here reacted to it: the reviewer sees the talk, nothing is applied.
      const notes = absentees.map(({ who, absent }) => `the text says ${who} did not attend it: "${absent.text}"`);
      drafts.push({
        mention,
        reactor: null,
        kind: 'MENTION',
        cue: null,
        evidence: evidenceSpans([...anchorEvidence, ...absentees.map(({ absent }) => model.sentences[absent.sentence])]),
        notes: notes.length > 0 ? notes : ['the text names this talk, but nobody it speaks for reacted to it'],
        unsure: true,
        declined: true,
      });
    }
  });
  return drafts;
}

/**
 * Whether the authors speak for themselves in this clause: "I" or "we" is its subject ("the
 * clearest explanation we have heard"), or it advises the reader ("start with the VAP talk"). "Our final stand-out presentation was …, nominated by
 * our Cloud Engineer" only frames a colleague's pick.
 */
function speaksForItself(model: ArticleModel, clause: ClauseReading): boolean {
  if (!isAuthors(clause.voice)) return true;
  const words = model.text.slice(clause.start, clause.end);
  return SUBJECT_PRONOUN.test(words) || IMPERATIVE.test(words);
}

/**
 * "Tough choice between A and B. I went with B", "A or B? We went with Marco": the talk not
 * chosen was not attended. The one chosen is anchored, or named by a speaker's first name or
 * surname, in the sentence that says so.
 */
function chosenInstead(model: ArticleModel, mention: TalkMention, mentions: TalkMention[], sentences: number[]): Array<Cue & { sentence: number }> {
  const out: Array<Cue & { sentence: number }> = [];
  for (const s of mention.anchorSentences) {
    const sentence = model.sentences[s];
    const text = model.text.slice(sentence.start, sentence.end);
    const choice = CHOICE.exec(text);
    const rivals = mentions.filter((other) => other !== mention && other.anchorSentences.includes(s));
    if (!choice || rivals.length === 0) continue;
    const names = (other: TalkMention) => other.talk.speakers.flatMap((speaker) => speaker.name.split(/\s+/)).filter((name) => name.length >= 3);
    for (let next = s; next < Math.min(model.sentences.length, s + 3); next++) {
      if (model.sentences[next].block !== sentence.block) break;
      const nextText = model.text.slice(model.sentences[next].start, model.sentences[next].end);
      const chose = CHOSEN.exec(nextText);
      if (!chose) continue;
      const after = nextText.slice(chose.index);
      // Named again by an anchor, a speaker's name, or the words it was called in the choice ("the Delta Chat talk").
      const calls = (other: TalkMention) => [
        ...names(other),
        ...other.anchorSpans.filter((span) => span.start >= sentence.start && span.end <= sentence.end).map((span) => model.text.slice(span.start, span.end)),
      ];
      const named = (other: TalkMention) =>
        (next !== s && other.anchorSentences.includes(next)) || calls(other).some((name) => new RegExp(`(?<![\\p{L}])${escape(name)}(?![\\p{L}])`, 'iu').test(after));
      if (rivals.some(named) && !named(mention)) {
        out.push({ kind: 'MENTION', tier: TIER.frame, reading: 'not chosen', start: sentence.start + choice.index, end: model.sentences[next].start + chose.index + chose[0].length, text: `${choice[0]} … ${chose[0]}`, sentence: s });
      }
      break;
    }
  }
  return sentences.length > 0 ? out : [];
}

function best<T extends Cue>(cues: T[]): T | undefined {
  return [...cues].sort((a, b) => a.tier - b.tier || a.start - b.start)[0];
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

