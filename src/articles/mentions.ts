// Finding the talks an article talks about. Anchors are places in the text that point at talks:
// a link to the talk's page, its title (exact, or a heading or quoted phrase that paraphrases it),
// a speaker's name (with spelling variants). Anchors that could mean several talks are settled by
// the other anchors of the same section, then by the day the text gives, then by topic words; what
// stays ambiguous or unconfirmed is reported as unmatched, never guessed. Each talk's confidence
// combines its anchors and their support (organisation beside a speaker, day, topic words) as
// independent evidence: 1 - (1 - w1)(1 - w2)...
import { type ConferenceDays, type DayExpression, findDayExpressions, resolveDay } from './days.js';
import type { CandidateTalk, ConferenceCandidates } from './graph.js';
import { type ArticleModel, type Sentence, sentenceAt, spanText, tokensIn } from './model.js';
import { compareNames, isHandle, isNameWindow, NAME_PARTICLES, type NameMatch } from './names.js';
import { contentStems, editDistance, fold, isCapitalised, type Span, tokenize, words } from './text.js';
import { LIST_FURNITURE, LIST_LEAD, looksLikeTitle, mainTitle, NICKNAME_NOISE, stripHeadingLabels, titleVariants, titleWeight, trimSpan, WHEN_WORDS, withoutLabel } from './titles.js';

/** Talks at or above this confidence are accepted by default; the reviewer can change it. */
export const ACCEPT_CONFIDENCE = 0.55;
/** Talks below this are not proposed; their mentions are listed as unmatched. */
export const PROPOSE_CONFIDENCE = 0.35;

export interface TalkMention {
  talk: CandidateTalk;
  confidence: number;
  reasons: string[];
  /** Sentences with an anchor pointing at the talk, in text order. */
  anchorSentences: number[];
  /** Where the title or a speaker's name stands, for evidence. */
  anchorSpans: Span[];
  /** The anchors that are a title or a name as written, not the writer's own words about the talk. */
  nameSpans: Span[];
}

export interface UnmatchedMention {
  span: Span;
  why: string;
}

export interface SpeakerHit {
  span: Span;
  personId: number;
  name: string;
  quality: NameMatch;
}

type AnchorKind = 'link' | 'title' | 'phrase' | 'speaker';

interface Candidate {
  talk: number;
  weight: number;
  reason: string;
}

interface Anchor {
  kind: AnchorKind;
  span: Span;
  /** The words are a title or a name (quoted, emphasised, exact), not a description of the talk. */
  names?: boolean;
  sentence: Sentence;
  candidates: Candidate[];
  /** For speaker anchors: who, and how well the name matched. */
  speaker?: SpeakerHit;
}

const TALK_WORDS = /\b(?:talk|talks|session|sessions|keynote|keynotes|presentation|workshop|panel|lightning|tutorial|lecture|titled|entitled|called|devroom)\b/i;
const SESSION_CONTEXT =
  /\b(?:talks?|sessions?|keynotes?|presentations?|workshops?|panels?|lightning|tutorials?|lectures?|titled|entitled|called|devroom|track|schedule|programme|program|fahrplan|agenda|slot|see|saw|watch|watched|attend|attended|joined|missed)\b/i;
/**
 * "It is not part of the official programme", "one of the fringe events around the conference
 * rather than part of the official schedule", "OFF THE SCHEDULE": words saying that an event the
 * text names is not a session of the programme.
 */
const OFF_PROGRAMME =
  /\b(?:not|isn['’]t|wasn['’]t|never)\s+(?:\w+\s+){0,2}?(?:part\s+of|in|on)\s+(?:the\s+)?(?:official\s+)?(?:programme|program|schedule|agenda|fahrplan)\b|\brather\s+than\s+(?:part\s+of\s+)?(?:the\s+)?(?:official\s+)?(?:programme|program|schedule|agenda)\b|\b(?:fringe|side)\s+events?\b|\bunofficial\b|\b(?:off|outside)\s+the\s+(?:official\s+)?(?:schedule|programme|program|agenda)\b/i;
/** "NixOps4", "Rust2024": a coined project name with a version number in it. */
const VERSIONED_NAME = /^\p{Lu}\p{Ll}+\p{Lu}?[\p{L}]*\d+$/u;
const QUOTE_OPEN = '"“‘\'«„‚*_';
const QUOTE_CLOSE = '"”’\'»“‘*_';

interface TitleVariant {
  talk: number;
  keys: string[];
  kind: 'full' | 'main';
}

interface Person {
  id: number;
  name: string;
  keys: string[];
  talks: number[];
}

export class MentionFinder {
  private readonly talks: CandidateTalk[];
  private readonly days: ConferenceDays | null;
  private readonly titleIndex = new Map<string, TitleVariant[]>();
  private readonly titleStems: string[][];
  private readonly titleIdf = new Map<string, number>();
  private readonly titleIdfMax: number;
  private readonly stemTalks = new Map<string, number[]>();
  private readonly descriptionStems: Array<Set<string>>;
  private readonly descriptionIdf = new Map<string, number>();
  private readonly people = new Map<number, Person>();
  private readonly peopleByKey = new Map<string, Person[]>();
  private readonly peopleByJoinedKey = new Map<string, Person[]>();
  /** Speakers known by a handle ("neobrain", "th0mas"), by the handle as written. */
  private readonly peopleByHandle = new Map<string, Person>();
  private readonly talksByUrl = new Map<string, number>();
  /** Every run of two or three consecutive title words, to tell "Leveraging Internal Knowledge" from a person. */
  private readonly titleRuns = new Set<string>();

  constructor(
    private readonly model: ArticleModel,
    private readonly graph: ConferenceCandidates,
  ) {
    this.talks = graph.talks;
    this.days = graph.days;
    this.talks.forEach((talk, index) => {
      for (const variant of titleVariants(talk.title)) {
        const entry = { talk: index, ...variant };
        const list = this.titleIndex.get(variant.keys[0]) ?? [];
        list.push(entry);
        this.titleIndex.set(variant.keys[0], list);
      }
      for (const url of talk.urls) this.talksByUrl.set(normaliseUrl(url), index);
      const titleKeys = words(talk.title);
      for (let k = 0; k + 1 < titleKeys.length; k++) {
        this.titleRuns.add(titleKeys.slice(k, k + 2).join(' '));
        if (k + 2 < titleKeys.length) this.titleRuns.add(titleKeys.slice(k, k + 3).join(' '));
        // "No Pain No Drain": a four-word title reads like a name with a particle as well.
        if (k + 3 < titleKeys.length) this.titleRuns.add(titleKeys.slice(k, k + 4).join(' '));
      }
      for (const speaker of talk.speakers) {
        let person = this.people.get(speaker.personId);
        if (!person) {
          // 'Sean "xobs" Cross', 'Luca Di Bartolomeo (cyanpencil)': recaps write the name without the nickname.
          const plain = speaker.name.replace(/\s*["“”„«»][^"“”„«»]*["“”„«»]\s*|\s*\([^)]*\)\s*/g, ' ').trim() || speaker.name;
          person = { id: speaker.personId, name: speaker.name, keys: tokenize(plain).map((t) => t.key), talks: [] };
          this.people.set(person.id, person);
          if (person.keys.length >= 2) {
            for (const key of person.keys) if (key.length >= 2 && !NAME_PARTICLES.has(key)) push(this.peopleByKey, key, person);
            push(this.peopleByJoinedKey, person.keys.join(''), person);
          } else if (isHandle(speaker.name)) this.peopleByHandle.set(speaker.name, person);
        }
        if (!person.talks.includes(index)) person.talks.push(index);
      }
    });
    this.titleStems = this.talks.map((talk) => [...new Set(contentStems(withoutLabel(talk.title)))]);
    const titleDf = new Map<string, number>();
    this.titleStems.forEach((stems, index) => {
      for (const s of stems) {
        titleDf.set(s, (titleDf.get(s) ?? 0) + 1);
        push(this.stemTalks, s, index);
      }
    });
    const n = Math.max(1, this.talks.length);
    for (const [s, df] of titleDf) this.titleIdf.set(s, Math.log(1 + n / df));
    this.titleIdfMax = Math.log(1 + n);
    this.descriptionStems = this.talks.map((talk) => new Set(contentStems(`${talk.title}\n${talk.description}`)));
    const descriptionDf = new Map<string, number>();
    for (const stems of this.descriptionStems) for (const s of stems) descriptionDf.set(s, (descriptionDf.get(s) ?? 0) + 1);
    for (const [s, df] of descriptionDf) this.descriptionIdf.set(s, Math.log(n / df));
  }

  /** Whether these words stand in a title of the programme (so are not a person's name). */
  inTitles(name: string): boolean {
    const keys = words(name);
    return keys.length >= 2 && keys.length <= 4 && this.titleRuns.has(keys.join(' '));
  }

  /** Every speaker of the conference named in the text, with the match quality. Overlapping candidates keep the best. */
  speakerHits(): SpeakerHit[] {
    const { tokens, text } = this.model;
    const found: SpeakerHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!isCapitalised(tokens[i].raw) || this.excluded(tokens[i].start)) continue;
      for (let length = 4; length >= 1; length--) {
        const window = tokens.slice(i, i + length);
        if (window.length < length || !isNameWindow(window, text)) continue;
        const keys = window.map((token) => token.key);
        const best = this.bestPerson(keys);
        if (best) found.push({ span: { start: window[0].start, end: window[length - 1].end }, personId: best.person.id, name: best.person.name, quality: best.quality });
      }
    }
    for (const token of tokens) {
      const person = this.peopleByHandle.get(token.raw.replace(/['’]s$/, ''));
      if (person && !this.excluded(token.start)) {
        found.push({ span: { start: token.start, end: token.start + person.name.length }, personId: person.id, name: person.name, quality: 'exact' });
      }
    }
    const rank = { exact: 3, joined: 2, variant: 1 };
    found.sort((a, b) => rank[b.quality] - rank[a.quality] || b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start);
    const chosen: SpeakerHit[] = [];
    for (const hit of found) {
      if (!chosen.some((other) => other.span.start < hit.span.end && hit.span.start < other.span.end)) chosen.push(hit);
    }
    return chosen.sort((a, b) => a.span.start - b.span.start);
  }

  private bestPerson(keys: string[]): { person: Person; quality: NameMatch } | null {
    const candidates = new Set<Person>();
    for (const key of keys) for (const person of this.peopleByKey.get(key) ?? []) candidates.add(person);
    for (const person of this.peopleByJoinedKey.get(keys.join('')) ?? []) candidates.add(person);
    let best: { person: Person; quality: NameMatch } | null = null;
    const rank = { exact: 3, joined: 2, variant: 1 };
    for (const person of candidates) {
      const quality = compareNames(keys, person.keys);
      if (quality && (!best || rank[quality] > rank[best.quality])) best = { person, quality };
    }
    return best;
  }

  private excluded(at: number): boolean {
    const sentence = sentenceAt(this.model, at);
    return sentence === undefined || this.model.excludedBlocks.has(sentence.block);
  }

  /**
   * Resolves the anchors into talk mentions. `speakers` are the speaker hits that name speakers
   * (hits the reactor finder claimed as the article's own people are left out by the caller).
   */
  find(speakers: SpeakerHit[]): { mentions: TalkMention[]; unmatched: UnmatchedMention[] } {
    const anchors = [
      ...this.linkAnchors(),
      ...this.titleAnchors(),
      ...this.phraseAnchors(),
      ...this.nicknameAnchors(),
      ...this.firstNameAnchors(),
      ...speakers.map((hit) => this.speakerAnchor(hit)),
    ].filter(
      (anchor): anchor is Anchor => anchor !== null,
    );
    // An event the text says is not in the programme is reported, and never matched to a talk whose title it resembles.
    const unmatched: UnmatchedMention[] = this.offProgramme().map((span) => ({
      span,
      why: 'The text says this is not part of the programme; it is not matched to a talk of it.',
    }));
    const offProgramme = unmatched.map((entry) => entry.span);
    for (let index = anchors.length - 1; index >= 0; index--) {
      if (offProgramme.some((span) => span.start < anchors[index].span.end && anchors[index].span.start < span.end)) anchors.splice(index, 1);
    }
    const resolved = new Map<number, Array<{ anchor: Anchor; candidate: Candidate }>>();
    for (const anchor of anchors) {
      const candidates = this.settle(anchor, anchors);
      if (candidates.length === 1) push(resolved, candidates[0].talk, { anchor, candidate: candidates[0] });
      else if (candidates.length > 1) unmatched.push({ span: anchor.span, why: this.ambiguity(anchor, candidates) });
    }

    this.dropDescriptionsOfNamedTalks(resolved);
    this.dropBareHeadings(resolved);
    const mentions: TalkMention[] = [];
    for (const [talkIndex, found] of resolved) {
      const mention = this.score(talkIndex, found);
      if (mention.confidence >= PROPOSE_CONFIDENCE) mentions.push(mention);
      else {
        const first = found.sort((a, b) => a.anchor.span.start - b.anchor.span.start)[0].anchor;
        unmatched.push({
          span: first.span,
          why: `Points weakly at "${this.talks[talkIndex].title}" (confidence ${mention.confidence.toFixed(2)}): ${mention.reasons.join('; ')}; nothing else confirms it.`,
        });
      }
    }
    for (const mention of mentions) this.namedAgain(mention);
    mentions.sort((a, b) => a.anchorSpans[0].start - b.anchorSpans[0].start);
    const covered = mentions.flatMap((mention) => mention.anchorSentences);
    unmatched.push(...this.unmatchedPhrases(anchors, covered), ...this.unknownSpeakers(speakers));
    return { mentions, unmatched: dedupe(unmatched) };
  }

  /**
   * The names of events a block says are not in the programme (or that stand under a heading that
   * says so): its quoted names, and its runs of two or more capitalised words after "the" ("went
   * straight to the Self-Hosted Fringe Evening").
   */
  private offProgramme(): Span[] {
    const { blocks, text } = this.model;
    const out: Span[] = [];
    for (const [index, block] of blocks.entries()) {
      if (this.model.excludedBlocks.has(index) || block.kind === 'heading' || block.kind === 'title') continue;
      const section = sentenceAt(this.model, block.start)?.section ?? -1;
      const said = OFF_PROGRAMME.test(spanText(this.model, block)) || (section >= 0 && OFF_PROGRAMME.test(spanText(this.model, blocks[section])));
      if (!said) continue;
      const body = spanText(this.model, block);
      const names = /(?:“([^”\n]{4,120})”|"([^"\n]{4,120})"|(?<![\p{L}])the\s+((?:\p{Lu}[\p{L}\p{N}'’-]*)(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)+))/gu;
      for (const match of body.matchAll(names)) {
        const inner = match[1] ?? match[2] ?? match[3];
        const start = block.start + match.index! + match[0].indexOf(inner);
        if (!match[3] || looksLikeTitle(inner)) out.push({ start, end: start + inner.length });
      }
    }
    return out;
  }

  /**
   * A talk found only because a heading paraphrases its title: the heading names it when the
   * section under it is about it, which its body shows by repeating a word of the title ("gRPC,
   * five years on" over "the gRPC retrospective from Torq"). "Ines on cert-manager" over a
   * paragraph that names another talk's speakers heads that talk; "NEXT STEPS" over a to-do list
   * heads no talk at all.
   */
  private dropBareHeadings(resolved: Map<number, Array<{ anchor: Anchor; candidate: Candidate }>>): void {
    const inHeading = (anchor: Anchor) => anchor.kind === 'phrase' && !anchor.names && this.model.blocks[anchor.sentence.block].kind === 'heading';
    for (const [talk, found] of [...resolved]) {
      if (!found.every(({ anchor }) => inHeading(anchor))) continue;
      const heading = found[0].anchor.sentence.block;
      const other = [...resolved].some(([id, entries]) => id !== talk && entries.some(({ anchor }) => anchor.sentence.section === heading && !inHeading(anchor)));
      const body = new Set(contentStems(this.sectionBody(heading)));
      if (other || !this.titleStems[talk].some((s) => body.has(s))) resolved.delete(talk);
    }
  }

  /** The text of the blocks under a heading, up to the next heading. */
  private sectionBody(heading: number): string {
    const { blocks } = this.model;
    let end = heading + 1;
    while (end < blocks.length && blocks[end].kind !== 'heading') end++;
    return blocks.slice(heading + 1, end).map((block) => spanText(this.model, block)).join('\n');
  }

  /**
   * "He was less happy with Attack Mining on the third night": a talk found by its speaker or full
   * title is named again by the capitalised words before its subtitle, however short; those
   * sentences are about it too.
   */
  private namedAgain(mention: TalkMention): void {
    const main = mainTitle(mention.talk.title);
    const keys = main ? words(main) : [];
    if (keys.length < 2) return;
    const { tokens } = this.model;
    for (let i = 0; i + keys.length <= tokens.length; i++) {
      const run = tokens.slice(i, i + keys.length);
      if (!run.every((token, k) => token.key === keys[k] && (isCapitalised(token.raw) || /^\d/.test(token.raw))) || this.excluded(run[0].start)) continue;
      const span = { start: run[0].start, end: run[run.length - 1].end };
      if (mention.anchorSpans.some((other) => other.start < span.end && span.start < other.end)) continue;
      const sentence = sentenceAt(this.model, span.start)!;
      mention.anchorSpans.push(span);
      mention.nameSpans.push(span);
      if (!mention.anchorSentences.includes(sentence.index)) mention.anchorSentences = [...mention.anchorSentences, sentence.index].sort((a, b) => a - b);
    }
  }

  /**
   * "Nicole van der Hoeven's Asimov talk about observability for AI": words describing a talk
   * right after its speaker or title describe that talk, not another whose title shares them. A
   * talk found only through such words is dropped.
   */
  private dropDescriptionsOfNamedTalks(resolved: Map<number, Array<{ anchor: Anchor; candidate: Candidate }>>): void {
    const naming = [...resolved].flatMap(([talk, found]) => found.filter(({ anchor }) => anchor.kind !== 'phrase' || anchor.names).map(({ anchor }) => ({ talk, anchor })));
    for (const [talk, found] of [...resolved]) {
      const described = found.every(
        ({ anchor }) =>
          anchor.kind === 'phrase' &&
          !anchor.names &&
          naming.some((other) => other.talk !== talk && other.anchor.sentence.index === anchor.sentence.index && other.anchor.span.end <= anchor.span.start && anchor.span.start - other.anchor.span.end <= 40),
      );
      if (described) resolved.delete(talk);
    }
  }

  // Anchors ---------------------------------------------------------------------------------------

  private linkAnchors(): Anchor[] {
    const anchors: Anchor[] = [];
    for (const mark of this.model.doc.marks) {
      if (mark.kind !== 'link' || !mark.href || this.excluded(mark.start)) continue;
      const href = normaliseUrl(mark.href);
      let talk = this.talksByUrl.get(href);
      if (talk === undefined) {
        const id = /\/event\/([^/]+)/.exec(mark.href)?.[1];
        if (id) talk = this.talks.findIndex((candidate) => candidate.externalId === id);
      }
      if (talk === undefined || talk < 0) continue;
      anchors.push({
        kind: 'link',
        span: mark,
        sentence: sentenceAt(this.model, mark.start)!,
        candidates: [{ talk, weight: 0.95, reason: `links to the talk's page (${mark.href})` }],
      });
    }
    return anchors;
  }

  /** The title's words in a row, in one block: quoted, as a heading, or in running text. */
  private titleAnchors(): Anchor[] {
    const { tokens } = this.model;
    const anchors: Anchor[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const variants = this.titleIndex.get(tokens[i].key);
      if (!variants || this.excluded(tokens[i].start)) continue;
      const byText = new Map<string, TitleVariant[]>();
      for (const variant of variants) {
        if (!variant.keys.every((key, k) => tokens[i + k]?.key === key)) continue;
        push(byText, `${variant.kind}:${variant.keys.join(' ')}`, variant);
      }
      for (const [, same] of byText) {
        const { keys, kind } = same[0];
        const span = { start: tokens[i].start, end: tokens[i + keys.length - 1].end };
        const sentence = sentenceAt(this.model, span.start)!;
        if (sentenceAt(this.model, span.end - 1)?.block !== sentence.block) continue;
        const where = this.placement(span, sentence);
        // A one-word name stands for its talk only as a heading or a quoted title, or, weakly, as a
        // versioned project name written as the title writes it ("for NixOps4 after lunch").
        const versioned = keys.length === 1 && where === 'running' && same.length === 1 && VERSIONED_NAME.test(tokens[i].raw) && this.talks[same[0].talk].title.startsWith(tokens[i].raw);
        if (keys.length === 1 && where === 'running' && !versioned) continue;
        const talkWord = TALK_WORDS.test(spanText(this.model, sentence));
        // "None of us got into Security Nightmares": a title written with its own capitals in
        // the middle of a sentence is used as a name, not as everyday words.
        const capitalised = where === 'running' && keys.length >= 2 && span.start > sentence.start && tokensIn(this.model, span).every((token) => isCapitalised(token.raw) || /^\d/.test(token.raw));
        const weight = versioned ? 0.45 : Math.max(titleWeight(kind, where, keys.length, talkWord), capitalised ? 0.6 : 0);
        const quoted = `"${spanText(this.model, span)}"`;
        const how =
          where === 'heading'
            ? `a heading gives its title ${quoted}`
            : where === 'quoted'
              ? `the text quotes its title ${quoted}`
              : capitalised
                ? `its title ${quoted} appears in the text, capitalised as a name`
                : `its title ${quoted} appears in the text`;
        anchors.push({
          kind: 'title',
          span,
          names: true,
          sentence,
          candidates: same.map((variant) => ({ talk: variant.talk, weight, reason: kind === 'main' ? `${how} (the part before its subtitle)` : how })),
        });
      }
    }
    return anchors;
  }

  private placement(span: Span, sentence: Sentence): 'heading' | 'quoted' | 'running' {
    const block = this.model.blocks[sentence.block];
    if (block.kind === 'heading' || block.kind === 'title') {
      // "4. WireViz": the heading's number orders the list and is not part of what it names.
      const blockTokens = tokensIn(this.model, stripHeadingLabels(this.model.text, block)).length;
      const spanTokens = tokensIn(this.model, span).length;
      if (spanTokens >= 0.6 * blockTokens) return 'heading';
    }
    const text = this.model.text;
    if (block.kind === 'item' && text.slice(block.start, block.end).includes('\n')) {
      // A table cell that holds the title and nothing else names the talk as a heading does.
      const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
      const lineEnd = text.indexOf('\n', span.end);
      const line = { start: Math.max(lineStart, block.start), end: lineEnd < 0 || lineEnd > block.end ? block.end : lineEnd };
      if (tokensIn(this.model, span).length >= 0.8 * tokensIn(this.model, line).length) return 'heading';
    }
    if (QUOTE_OPEN.includes(text[span.start - 1] ?? '') && QUOTE_CLOSE.includes(text[span.end] ?? '')) return 'quoted';
    if (this.model.doc.marks.some((mark) => mark.start <= span.start + 1 && mark.end >= span.end - 1 && mark.end - mark.start <= span.end - span.start + 4)) return 'quoted';
    return 'running';
  }

  /** Headings, quoted or emphasised phrases, list-item leads and "a talk on ..." phrases compared with every title. */
  private phraseAnchors(): Anchor[] {
    const anchors: Anchor[] = [];
    for (const phrase of this.phrases()) {
      const ranked = this.rankTitles(phrase.span);
      if (ranked.length === 0 || ranked[0].score < 0.45) continue;
      const close = ranked.filter((entry) => entry.score >= ranked[0].score - 0.08);
      // A quoted or emphasised title claims to be the title: it must be nearly the same to count,
      // while a heading or "a talk on ..." only paraphrases one.
      const claimed = phrase.claimsTitle;
      if (claimed && ranked[0].score < 0.85 && !this.nearlyTheTitle(phrase.span, ranked[0].talk)) continue;
      const weight = claimed ? 0.9 : Math.min(0.9, 0.25 + 0.65 * ranked[0].score);
      const sentence = sentenceAt(this.model, phrase.span.start)!;
      anchors.push({
        kind: 'phrase',
        span: phrase.span,
        names: claimed,
        sentence,
        candidates: close.map((entry) => ({
          talk: entry.talk,
          weight,
          reason: `${phrase.what} "${spanText(this.model, phrase.span)}" matches its title "${this.talks[entry.talk].title}" (word overlap ${entry.score.toFixed(2)})`,
        })),
      });
    }
    return anchors;
  }

  /** A quoted title a few typos away from this talk's title (or its part before the subtitle). */
  private nearlyTheTitle(span: Span, talk: number): boolean {
    const written = words(spanText(this.model, span)).join(' ');
    return titleVariants(this.talks[talk].title).some((variant) => {
      const title = variant.keys.join(' ');
      const allowed = Math.floor(Math.min(written.length, title.length) * 0.12);
      return allowed >= 1 && editDistance(written, title, allowed) <= allowed;
    });
  }

  /**
   * "the tractor talk", "Lennart's TPM session": a word or two that only a few titles contain.
   * Common title words ("Kubernetes", "Rust") say nothing, so the words must be rare.
   */
  private nicknameAnchors(): Anchor[] {
    const anchors: Anchor[] = [];
    // A line may open with the nickname and no article: chat messages and notes drop it ("Helm 4
    // maintainers session. honestly a bit disappointing"). The words stand on one line, and a
    // word ending a sentence ("their upkeep. The GNSS talk") is not one of them.
    const pattern =
      /(?:^|\b(?:the|this|that|their|his|her|[\p{L}]+['’]s)[ \t]+)((?:[\p{L}\p{N}](?:[\p{L}\p{N}.+/-]*[\p{L}\p{N}+])?[ \t]+){0,2}?[\p{L}\p{N}](?:[\p{L}\p{N}.+/-]*[\p{L}\p{N}+])?)[ \t]+(?:talk|session|keynote|presentation|workshop|demo|lecture|(guide|walkthrough|retrospective|tutorial|panel|deep[ -]dive))\b/gimu;
    for (const match of this.model.text.matchAll(pattern)) {
      const start = match.index! + match[0].indexOf(match[1]);
      const span = { start, end: start + match[1].length };
      if (this.excluded(start) || /^(?:kind|sort|type)\s+of\b/i.test(match[1])) continue;
      // "the hardening guide": a head noun that is a word of titles ("A Hardening Guide for …") counts with the words before it.
      const stems = [...new Set(contentStems(match[2] ? `${match[1]} ${match[2]}` : match[1]))].filter((s) => !NICKNAME_NOISE.has(s));
      // A rare word of the title must be there; the writer's own words ("roadmap" for "The Road
      // To Strimzi 1.0") may be missing as long as most of the weight is the title's.
      const rare = stems.filter((s) => (this.stemTalks.get(s)?.length ?? 0) > 0 && this.stemTalks.get(s)!.length <= 3);
      if (rare.length === 0) continue;
      const weightOf = (s: string) => this.titleIdf.get(s) ?? this.titleIdfMax * 0.5;
      const total = stems.reduce((sum, s) => sum + weightOf(s), 0);
      const scored = [...new Set(rare.flatMap((s) => this.stemTalks.get(s) ?? []))]
        .map((talk) => ({ talk, score: stems.filter((s) => this.titleStems[talk].includes(s)).reduce((sum, s) => sum + weightOf(s), 0) / total }))
        .filter((entry) => entry.score >= 0.6)
        .sort((a, b) => b.score - a.score);
      const talks = scored.filter((entry) => entry.score >= scored[0]?.score - 0.05).map((entry) => entry.talk);
      if (talks.length === 0) continue;
      const weight = talks.length === 1 ? 0.5 : 0.4;
      const words = spanText(this.model, span);
      anchors.push({
        kind: 'phrase',
        span,
        sentence: sentenceAt(this.model, start)!,
        candidates: talks.map((talk) => ({
          talk,
          weight,
          reason: `the text calls it "${match[0].trim()}", and ${talks.length === 1 ? 'only its title has' : `${talks.length} titles have`} "${words}"`,
        })),
      });
    }
    return anchors;
  }

  /**
   * "Madhav and Marek explained ...": two first names that are the first names of two speakers of
   * one talk, and of no other pair. Weak alone; the words around it have to back it up.
   */
  private firstNameAnchors(): Anchor[] {
    const anchors: Anchor[] = [];
    const firstNames = this.talks.map((talk) => new Set(talk.speakers.map((speaker) => tokenize(speaker.name)[0]?.key).filter(Boolean)));
    for (const match of this.model.text.matchAll(/(?<![\p{L}])(\p{Lu}[\p{L}’'-]+)\s+(?:and|&)\s+(\p{Lu}[\p{L}’'-]+)(?![\p{L}])/gu)) {
      if (this.excluded(match.index!)) continue;
      const [a, b] = [tokenize(match[1])[0]?.key, tokenize(match[2])[0]?.key];
      if (!a || !b || a === b) continue;
      const talks = firstNames.flatMap((names, talk) => (names.has(a) && names.has(b) ? [talk] : []));
      if (talks.length !== 1) continue;
      const span = { start: match.index!, end: match.index! + match[0].length };
      anchors.push({
        kind: 'phrase',
        span,
        sentence: sentenceAt(this.model, span.start)!,
        candidates: [{ talk: talks[0], weight: 0.45, reason: `"${match[0]}" are the first names of two of its speakers, and of no other talk's` }],
      });
    }
    return anchors;
  }

  /** Weighted word overlap (F1 of IDF-weighted precision and recall) of a phrase with each title, best first. */
  private rankTitles(span: Span): Array<{ talk: number; score: number }> {
    const stems = [...new Set(tokensIn(this.model, span).map((t) => t.key).flatMap((key) => contentStems(key)))];
    if (stems.length < 2 || stems.every((s) => WHEN_WORDS.has(s))) return [];
    const phraseWeight = stems.reduce((sum, s) => sum + (this.titleIdf.get(s) ?? this.titleIdfMax * 0.5), 0);
    const scores = new Map<number, number>();
    for (const s of stems) for (const talk of this.stemTalks.get(s) ?? []) scores.set(talk, (scores.get(talk) ?? 0) + this.titleIdf.get(s)!);
    const ranked: Array<{ talk: number; score: number }> = [];
    for (const [talk, shared] of scores) {
      const titleWeight = this.titleStems[talk].reduce((sum, s) => sum + this.titleIdf.get(s)!, 0);
      const precision = shared / phraseWeight;
      const recall = shared / titleWeight;
      ranked.push({ talk, score: (2 * precision * recall) / (precision + recall) });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }

  private *phrases(): Generator<{ span: Span; what: string; talkLike: boolean; claimsTitle: boolean }> {
    const { text, blocks } = this.model;
    for (const [index, block] of blocks.entries()) {
      if (this.model.excludedBlocks.has(index)) continue;
      if (block.kind === 'heading') {
        const inner = trimSpan(text, stripHeadingLabels(text, block));
        // "Day 2", "Saturday, 1 February": a heading that only dates what follows names no talk.
        const undated = inner ? findDayExpressions(text, inner.start, inner.end).reduce((rest, day) => rest.replace(day.text, ' '), spanText(this.model, inner)) : '';
        if (inner && !LIST_FURNITURE.test(spanText(this.model, inner)) && /[\p{L}\p{N}]{3,}/u.test(undated.replace(/\b(?:and|the|of|on|at)\b/gi, ''))) yield { span: inner, what: 'the heading', talkLike: false, claimsTitle: false };
      }
      if (block.kind === 'item') {
        // A table row's first cell, or the words before ":", " - " or "by Name" in a bullet.
        const itemText = text.slice(block.start, block.end);
        const lead = itemText.includes('\n') ? /^([^\n]{8,160})\n/.exec(itemText) : /^(.{8,160}?)(?:\s*[:—–]\s|\s+-\s|\s+by\s+\p{Lu})/u.exec(itemText);
        if (lead) yield { span: { start: block.start, end: block.start + lead[1].length }, what: 'the list item', talkLike: true, claimsTitle: false };
      }
      const blockText = text.slice(block.start, block.end);
      for (const quoted of blockText.matchAll(/(?<![\p{L}\p{N}])(?:“([^”\n]{4,200})”|"([^"\n]{4,200})"|‘([^’\n]{4,200}?)’(?![\p{L}])|'([^'\n]{4,200}?)'(?![\p{L}])|«\s?([^»\n]{4,200}?)\s?»|„([^“\n]{4,200})“)/gu)) {
        const inner = quoted.slice(1).find((group) => group !== undefined)!;
        const start = block.start + quoted.index! + quoted[0].indexOf(inner);
        yield { span: { start, end: start + inner.length }, what: 'the quoted title', talkLike: true, claimsTitle: true };
      }
      for (const introduced of blockText.matchAll(
        /\b(?:talk|session|keynote|presentation|workshop|lecture|panel)\s+(?:on|about|titled|entitled|called|named)\s+([^.,;!?()“”"]{6,120}?)(?=\s+(?:by|from|with|at|where|which|that|and\s+(?:it|he|she|they))\b|[.,;!?()“”"]|$)/giu,
      )) {
        const inner = introduced[1].trimEnd();
        const start = block.start + introduced.index! + introduced[0].lastIndexOf(inner);
        yield { span: { start, end: start + inner.length }, what: 'the phrase', talkLike: true, claimsTitle: false };
      }
    }
    for (const [index, block] of blocks.entries()) {
      if (this.model.excludedBlocks.has(index) || block.kind === 'heading' || block.kind === 'title') continue;
      const blockText = text.slice(block.start, block.end);
      const lead = LIST_LEAD.exec(blockText);
      if (lead) {
        const start = block.start + lead.index + lead[0].lastIndexOf(lead[1]);
        yield { span: { start, end: start + lead[1].length }, what: 'the phrase', talkLike: true, claimsTitle: false };
      }
      // "Both hosts on how Spotify's control plane cut cross-zone traffic", "she enjoyed the beer
      // recommendation system built on pgvector": a talk described by its subject, not its title.
      for (const described of blockText.matchAll(
        /(?:^|[\s(])(?:on|about)\s+(?:how|why|what|the\s+way)\s+([^.;!?()“”"]{8,160}?)(?=[.;!?()“”"]|$)|(?:^|[\s(])(?:on|about)\s+(\p{Ll}+ing\s+[^.;!?()“”"]{6,160}?)(?=[.;!?()“”"]|$)|\b(?:enjoyed|loved|liked|saw|caught|attended|watched|went\s+to|sat\s+(?:through|in\s+on)|joined|missed|skipped|recommends?|recommended)\s+((?:the|a|an)\s+[^.,;:!?()“”"]{6,120}?)(?=\s+(?:by|from|with|at|where|which|that|and|but|because|as|when|while)\b|[.,;:!?()“”"]|$)/giu,
      )) {
        const inner = (described[1] ?? described[2] ?? described[3]).trimEnd();
        const start = block.start + described.index! + described[0].lastIndexOf(inner);
        yield { span: { start, end: start + inner.length }, what: 'the description', talkLike: false, claimsTitle: false };
      }
    }
    for (const mark of this.model.doc.marks) {
      if (!this.excluded(mark.start)) {
        yield { span: mark, what: mark.kind === 'link' ? 'the link text' : 'the emphasised title', talkLike: true, claimsTitle: mark.kind === 'emphasis' };
      }
    }
  }

  private speakerAnchor(hit: SpeakerHit): Anchor {
    const person = this.people.get(hit.personId)!;
    const weight = hit.quality === 'exact' ? 0.55 : hit.quality === 'joined' ? 0.5 : 0.35;
    const written = spanText(this.model, hit.span);
    const how =
      hit.quality === 'exact'
        ? `names its speaker ${person.name}`
        : hit.quality === 'joined'
          ? `names its speaker ${person.name} (written "${written}", joined or split differently)`
          : `names its speaker ${person.name} (written "${written}", a spelling variant)`;
    return {
      kind: 'speaker',
      span: hit.span,
      names: true,
      sentence: sentenceAt(this.model, hit.span.start)!,
      speaker: hit,
      candidates: person.talks.map((talk) => ({ talk, weight, reason: how })),
    };
  }

  // Settling ambiguity ----------------------------------------------------------------------------

  /** Narrows an anchor's candidates: other anchors in the same section, then the day, then topic words. */
  private settle(anchor: Anchor, all: Anchor[]): Candidate[] {
    let candidates = anchor.candidates;
    if (candidates.length <= 1) return candidates;
    // Other anchors of the same section (a title, a co-speaker) say which talk is meant; the same
    // person named again says nothing new.
    const neighbours = all.filter(
      (other) =>
        other !== anchor &&
        other.sentence.section === anchor.sentence.section &&
        !(other.speaker && anchor.speaker && other.speaker.personId === anchor.speaker.personId),
    );
    const supported = candidates.filter((candidate) => neighbours.some((other) => other.candidates.some((c) => c.talk === candidate.talk)));
    if (supported.length >= 1) candidates = supported;
    if (candidates.length <= 1) return candidates;
    // "the gRPC retrospective from Torq": the organisation of one candidate's speakers.
    const sentenceKeys = new Set(tokensIn(this.model, anchor.sentence).map((token) => token.key));
    const fromOrganisation = candidates.filter((candidate) =>
      this.talks[candidate.talk].speakers.some((speaker) => {
        const first = speaker.organisation?.name.split(/[^\p{L}\p{N}]+/u).find((word) => word.length >= 3 && !/^(?:the|inc|llc|ltd|gmbh)$/i.test(word));
        return first !== undefined && sentenceKeys.has(fold(first));
      }),
    );
    if (fromOrganisation.length >= 1 && fromOrganisation.length < candidates.length) {
      candidates = fromOrganisation.map((c) => ({ ...c, reason: `${c.reason}, and the text names its speaker's organisation` }));
      if (candidates.length <= 1) return candidates;
    }
    const day = this.dayInScope(anchor.sentence);
    if (day) {
      const onDay = candidates.filter((candidate) => this.talks[candidate.talk].day === day.day);
      if (onDay.length >= 1) candidates = onDay.map((c) => ({ ...c, reason: `${c.reason}, and the text puts it on day ${day.day} ("${day.expression.text}")` }));
      if (candidates.length <= 1) return candidates;
    }
    // "the Valkey session about running it at very large scale": a word of the sentence that only
    // some candidates' titles have ("Scaling Valkey …: Kubernetes at XL Scale") says which.
    const around = new Set(contentStems(spanText(this.model, anchor.sentence).replace(spanText(this.model, anchor.span), ' ')));
    const shared = (s: string) => candidates.every((candidate) => this.titleStems[candidate.talk].includes(s));
    const worded = candidates.filter((candidate) => this.titleStems[candidate.talk].some((s) => around.has(s) && !shared(s)));
    if (worded.length === 1) return [{ ...worded[0], reason: `${worded[0].reason}; the words around it are in its title` }];
    const topical = candidates
      .map((candidate) => ({ candidate, score: this.topicScore(candidate.talk, anchor.sentence) }))
      .sort((a, b) => b.score - a.score);
    if (topical[0].score >= 1.5 && topical[0].score >= 2 * (topical[1]?.score ?? 0)) {
      const best = topical[0].candidate;
      return [{ ...best, reason: `${best.reason}; of their talks, the words around it fit this one best` }];
    }
    return candidates;
  }

  private ambiguity(anchor: Anchor, candidates: Candidate[]): string {
    const titles = candidates.slice(0, 5).map((c) => `"${this.talks[c.talk].title}" (${this.talks[c.talk].slug})`).join(', ');
    const more = candidates.length > 5 ? ` and ${candidates.length - 5} more` : '';
    if (anchor.kind === 'speaker') {
      return `${anchor.speaker!.name} gave ${candidates.length} talks here and neither the day nor the topic words say which: ${titles}${more}.`;
    }
    return `Fits ${candidates.length} talks equally well and nothing in the text settles it: ${titles}${more}.`;
  }

  /** The day the text gives for this place: the sentence's own, else its block's, else its heading's, else the article title's. */
  dayInScope(sentence: Sentence): { day: number; expression: DayExpression } | null {
    if (!this.days) return null;
    const { blocks, text, meta } = this.model;
    const scopes: Span[] = [sentence, blocks[sentence.block]];
    if (sentence.section >= 0) scopes.push(blocks[sentence.section]);
    if (meta.titleBlock !== null) scopes.push(blocks[meta.titleBlock]);
    for (const scope of scopes) {
      const resolved = findDayExpressions(text, scope.start, scope.end)
        .map((expression) => ({ expression, day: resolveDay(expression, this.days!) }))
        .filter((entry): entry is { expression: DayExpression; day: number } => entry.day !== null);
      const distinct = new Set(resolved.map((entry) => entry.day));
      if (distinct.size === 1) return resolved[0];
      if (distinct.size > 1) return null;
    }
    return null;
  }

  /** IDF-weighted count of the content words a talk's title and abstract share with the anchor's block. */
  private topicScore(talk: number, sentence: Sentence): number {
    const block = this.model.blocks[sentence.block];
    const section = sentence.section >= 0 ? this.model.blocks[sentence.section] : null;
    const stems = new Set(contentStems(spanText(this.model, block) + (section ? `\n${spanText(this.model, section)}` : '')));
    let score = 0;
    for (const s of stems) if (this.descriptionStems[talk].has(s)) score += this.descriptionIdf.get(s) ?? 0;
    return score;
  }

  // Scoring ---------------------------------------------------------------------------------------

  private score(talkIndex: number, found: Array<{ anchor: Anchor; candidate: Candidate }>): TalkMention {
    const talk = this.talks[talkIndex];
    found.sort((a, b) => a.anchor.span.start - b.anchor.span.start);
    const evidence: Array<{ weight: number; reason: string }> = [];
    const strongest = (kinds: AnchorKind[]) =>
      found.filter((f) => kinds.includes(f.anchor.kind)).sort((a, b) => b.candidate.weight - a.candidate.weight)[0];
    const link = strongest(['link']);
    if (link) evidence.push({ weight: link.candidate.weight, reason: link.candidate.reason });
    const title = strongest(['title', 'phrase']);
    if (title) evidence.push({ weight: title.candidate.weight, reason: title.candidate.reason });

    const speakerAnchors = found.filter((f) => f.anchor.kind === 'speaker');
    const named = new Map<number, { anchor: Anchor; candidate: Candidate }>();
    for (const entry of speakerAnchors) {
      const known = named.get(entry.anchor.speaker!.personId);
      if (!known || entry.candidate.weight > known.candidate.weight) named.set(entry.anchor.speaker!.personId, entry);
    }
    let confirmed = Boolean(link || title);
    for (const { anchor, candidate } of named.values()) {
      evidence.push({ weight: candidate.weight, reason: candidate.reason });
      const organisation = this.organisationBeside(talk, anchor);
      if (organisation) {
        evidence.push({ weight: 0.35, reason: `the organisation ${organisation} is named beside ${anchor.speaker!.name}` });
        confirmed = true;
      }
      if (anchor.speaker!.quality === 'exact') confirmed = true;
    }
    if (named.size >= 2) confirmed = true;

    const anchorSentences = [...new Set(found.map((f) => f.anchor.sentence.index))].sort((a, b) => a - b);
    const first = this.model.sentences[anchorSentences[0]];
    const day = this.dayInScope(first);
    let factor = 1;
    if (day && talk.day !== null) {
      if (day.day === talk.day) {
        evidence.push({ weight: 0.3, reason: `the text puts it on day ${day.day} ("${day.expression.text}"), as the programme does` });
        confirmed = true;
      } else {
        factor = 0.6;
        evidence.push({ weight: 0, reason: `but the text says day ${day.day} ("${day.expression.text}") and the programme has day ${talk.day}` });
      }
    }
    // Words around the mention back up an anchor that is a name or a paraphrase. An exact title
    // needs no help, and a quoted title that differs from this one (weight under 0.4) gets none.
    if (!link && (!title || (title.candidate.weight >= 0.4 && title.candidate.weight < 0.6))) {
      const topic = this.topicScore(talkIndex, first);
      if (topic >= 3) {
        evidence.push({ weight: Math.min(0.3, topic / 40), reason: `the surrounding words fit its abstract (topic score ${topic.toFixed(1)})` });
        if (topic >= 6) confirmed = true;
      }
    }
    const confidence = confirmed
      ? factor * (1 - evidence.reduce((rest, e) => rest * (1 - e.weight), 1))
      : Math.min(PROPOSE_CONFIDENCE - 0.01, factor * (1 - evidence.reduce((rest, e) => rest * (1 - e.weight), 1)));
    const reasons = evidence.map((e) => e.reason);
    if (!confirmed) reasons.push('a spelling variant alone is not enough: no organisation, day or title confirms it');
    return {
      talk,
      confidence: Math.round(confidence * 100) / 100,
      reasons,
      anchorSentences,
      anchorSpans: found.map((f) => f.anchor.span),
      nameSpans: found.filter((f) => f.anchor.names).map((f) => f.anchor.span),
    };
  }

  /** The organisation the speaker represented at this talk, when the anchor's sentence names it. */
  private organisationBeside(talk: CandidateTalk, anchor: Anchor): string | null {
    const speaker = talk.speakers.find((s) => s.personId === anchor.speaker!.personId);
    if (!speaker?.organisation) return null;
    const organisation = words(speaker.organisation.name).filter((key) => !/^(?:inc|llc|ltd|gmbh|corp|the)$/.test(key));
    if (organisation.length === 0) return null;
    const around = tokensIn(this.model, anchor.sentence).map((t) => t.key);
    for (let i = 0; i + organisation.length <= around.length; i++) {
      if (organisation.every((key, k) => around[i + k] === key)) return speaker.organisation.name;
    }
    return null;
  }

  // Unmatched -------------------------------------------------------------------------------------

  /** Quoted, emphasised or introduced titles that point at no talk. */
  private unmatchedPhrases(anchors: Anchor[], coveredSentences: number[]): UnmatchedMention[] {
    const out: UnmatchedMention[] = [];
    const covered = new Set(coveredSentences);
    for (const phrase of this.phrases()) {
      if (!phrase.talkLike) continue;
      const phraseText = spanText(this.model, phrase.span);
      const sentence = sentenceAt(this.model, phrase.span.start);
      if (!sentence || covered.has(sentence.index)) continue;
      if (anchors.some((anchor) => anchor.span.start < phrase.span.end && phrase.span.start < anchor.span.end)) continue;
      // A quoted title-cased phrase is a talk title only in a sentence about sessions; elsewhere it
      // is a button label or a slogan ("Download on the App Store").
      const introduced = TALK_WORDS.test(this.model.text.slice(Math.max(sentence.start, phrase.span.start - 60), phrase.span.start));
      const sentenceText = spanText(this.model, sentence);
      const aboutSessions = SESSION_CONTEXT.test(sentenceText) || /\bby\s+\p{Lu}/u.test(sentenceText);
      if (!introduced && !(looksLikeTitle(phraseText) && aboutSessions)) continue;
      const ranked = this.rankTitles(phrase.span);
      const closest = ranked[0] && ranked[0].score >= 0.25 ? ` The closest title is "${this.talks[ranked[0].talk].title}" (overlap ${ranked[0].score.toFixed(2)}), too far to be it.` : '';
      out.push({ span: phrase.span, why: `Reads like a talk title, but no talk of ${this.graph.conference.name} has it.${closest}` });
    }
    return out;
  }

  /** "a talk by Jane Smith", "Jane Smith from Acme showed ...": a speaker the programme does not have. */
  private unknownSpeakers(hits: SpeakerHit[]): UnmatchedMention[] {
    const out: UnmatchedMention[] = [];
    const name = String.raw`(\p{Lu}[\p{L}’'-]+(?:\s+(?:(?:de|di|da|van|von|der|den|du|le|la|del)\s+)*\p{Lu}[\p{L}’'-]+){1,3})`;
    const patterns = [
      new RegExp(String.raw`\b(?:talk|session|keynote|presentation|workshop|lecture|panel|demo)\b[^.!?]{0,80}?\bby\s+${name}`, 'gu'),
      new RegExp(
        String.raw`${name}(?:\s*\([^)]{1,60}\)|\s+(?:from|of|at)\s+\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,3})?\s+(?:gave|presented|showed|explained|demonstrated|demoed|talked|spoke|walked\s+us|shared|introduced)\b`,
        'gu',
      ),
    ];
    const { text } = this.model;
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const person = match[1];
        const at = match.index! + match[0].indexOf(person);
        const span = { start: at, end: at + person.length };
        if (this.excluded(span.start) || hits.some((hit) => hit.span.start < span.end && span.start < hit.span.end)) continue;
        if (!/\s/.test(person) || tokenize(person).length < 2) continue;
        if (/^(?:The|This|That|Our|My|We|It|He|She|They|Day|Then|Later|After|Finally)\b/.test(person)) continue;
        out.push({ span, why: `Names ${person} as giving a talk, but nobody of that name speaks at ${this.graph.conference.name}.` });
      }
    }
    return out;
  }
}

// Helpers -----------------------------------------------------------------------------------------

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

function dedupe(items: UnmatchedMention[]): UnmatchedMention[] {
  const out: UnmatchedMention[] = [];
  for (const item of items.sort((a, b) => a.span.start - b.span.start)) {
    if (!out.some((other) => other.span.start < item.span.end && item.span.start < other.span.end)) out.push(item);
  }
  return out;
}
