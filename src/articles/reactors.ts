// Who reacted: people the article names as attending, nominating or reacting ("our Cloud
// Engineer, Esmael Tahmasebi", "Max Kelsen Machine Learning Engineer, Matthew Rose", "Priya
// Shah, our platform lead, loved ..."), with the job title and organisation the text gives, and
// where later sentences refer to them again (first name, short form, he or she).
import type { SpeakerHit } from './mentions.js';
import { type ArticleModel, sentenceAt, tokensIn } from './model.js';
import { isGuest, isRelation, isRoleNoun, looksLikeJobTitle, looksLikePersonName, NAME_PARTICLES } from './names.js';
import { readStance, splitClauses } from './stance.js';
import { fold, isCapitalised, type Span, type Token, tokenize } from './text.js';

export interface NamedReactor {
  name: string;
  jobTitle: string | null;
  organisation: string | null;
  /** The words that name them as reacting, e.g. "nominated by our Cloud Engineer, Esmael Tahmasebi". */
  said: string;
  /** Where their full name stands in the text. */
  spans: Span[];
  /** Lower-cased first name and surname, for later references. */
  first: string;
  last: string;
  /** One of the article's authors, spoken of in the third person ("Arjun's verdict"). */
  author?: boolean;
  /** Named without a role or a verb of reacting: reacts only where a clause about a talk says so. */
  tentative?: boolean;
}

export interface ReactorContext {
  publisher: string | null;
  /** Organisation of the sole author, for "my colleague". */
  authorOrganisation: string | null;
  /** Organisation names the article mentions that the graph knows, plus the publisher's and authors'. */
  organisations: string[];
  /** Whether the article speaks as "we"/"our": named staff in such a recap belong to the publisher. */
  companyVoice: boolean;
  /** Whether words are part of a talk title in the programme ("Leveraging Internal Knowledge"). */
  inTitles?: (name: string) => boolean;
}

const REACTION_VERB =
  /^\s*(?:,\s*)?(?:(?:also|really|particularly|especially|who|had|has|personally|definitely)\s+)*(?:attended|loved|enjoyed|liked|found|thought|felt|picked|chose|nominated|recommends|recommended|highlighted|singled\s+out|was\s+(?:impressed|struck|blown\s+away|inspired|disappointed|not\s+convinced)|wasn['’]t\s+convinced|came\s+away|learned|learnt|noted|rated|praised|criticised|criticized|disliked|watched|caught|sat\s+in|went\s+to|joined|says|said|wrote|called\s+it|calls\s+it)\b/i;
const REACTION_BEFORE =
  /(?:(?:nominated|picked|chosen|recommended|suggested|highlighted|flagged|singled\s+out)\s+by|(?:interesting|useful|valuable|inspiring|relevant|memorable|fascinating|exciting|impressive|eye-opening|enlightening)\s+(?:to|for)|according\s+to|^\s*for)\s*$/i;
const POSSESSIVE_PICK = /^['’]s\s+(?:pick|highlight|favou?rite|top|takeaway|recommendation|verdict|choice)\b/i;
const FROM_OUR_TEAM = /^\s+(?:from|of|in)\s+our\s+(?:[\p{L}-]+\s+){0,3}team\b/iu;
const FROM_ORGANISATION =
  /^\s+(?:from|of|at|with)\s+(?:(?:our|their|the)\s+(?:partners?|friends?|clients?|customers?|hosts?|neighbou?rs?)\s+(?:at\s+)?)?((?:\p{Lu}[\p{L}’'.-]*)(?:\s+(?:&\s+)?\p{Lu}[\p{L}’'.-]*){0,3})/u;
/** The organisation "from X" names, without the full stop of a sentence it ends ("from Tallpine."; "e.V." keeps its own). */
const organisationIn = (from: RegExpExecArray | null) => from?.[1].trim().replace(/(?<=(?:^|\s)[^\s.]{2,})\.$/u, '');
/** Verbs of giving the talk: the person is a speaker the programme does not know, not someone reacting. */
const SPEAKING = /^\s*(?:gave|gives|presented|presents|showed|shows|explained|explains|demonstrated|demoed|talked|talks|spoke|speaks|walked|shared|introduced|ran|hosted|delivered|covered|opened|closed|took\s+(?:us\s+)?through|went\s+through)\b/i;

/**
 * "closed the evening with Zeeshan Ali's talk": at a meetup, someone presenting their notes on a
 * talk opens or closes with it; they did not give it.
 */
const RECOUNTING = /^\s*(?:opened|closed|started|kicked\s+off|finished|ended|wrapped\s+up)\s+(?:(?:the|our|his|her)\s+[\p{L}-]+\s+)?with\s/iu;
const giving = (rest: string) => SPEAKING.test(rest) && !RECOUNTING.test(rest);

/**
 * "Wout De Smet, who writes backend services at Brugwerk,", "Paula Reinholt, who looks after our
 * workshops,": a relative clause that says where someone works, or that they do a job of ours.
 */
const WHO_WORKS_AT = /^\s*,\s*who\s+(?:[\p{L}'’-]+\s+){1,6}?(?:at|for|with)\s+((?:\p{Lu}[\p{L}’'.-]*)(?:\s+(?:&\s+)?\p{Lu}[\p{L}’'.-]*){0,3})\s*,/u;
const WHO_WORKS_FOR_US =
  /^\s*,\s*who\s+(?:works\s+(?:on|in|with)|writes|looks\s+after|leads|runs|manages|heads|maintains|organi[sz]es|coordinates|handles|is\s+in\s+charge\s+of|takes\s+care\s+of)\s+(?:[\p{L}-]+\s+){0,3}?(our|my)\s+[^,]{1,60},/iu;

function whoRole(after: string, context: ReactorContext): Role | null {
  const at = WHO_WORKS_AT.exec(after);
  if (at && !isOrganisationWord(at[1])) return { jobTitle: null, organisation: at[1].trim(), before: '', after: at[0].replace(/,$/, '') };
  const ours = WHO_WORKS_FOR_US.exec(after);
  if (ours) return { jobTitle: null, organisation: ours[1].toLowerCase() === 'our' ? context.publisher : context.authorOrganisation, before: '', after: ours[0].replace(/,$/, '') };
  return null;
}

/** Capitalised words after "at" that are not an employer: "at KubeCon", "at FOSDEM", "at the". */
const isOrganisationWord = (words: string) => /^(?:KubeCon|FOSDEM|Congress|CCC|The|Day|Night)\b/.test(words);

/**
 * "… was less enthusiastic", "… came back raving": the words after a name say something about a
 * talk (a cue of the lexicon, or not having been there) before any verb of giving one.
 */
function reactsIn(rest: string): RegExpExecArray | null {
  if (giving(rest)) return null;
  const clause = splitClauses(rest, { start: 0, end: rest.length })[0];
  if (!clause || clause.start > 3) return null;
  const stance = readStance(rest, clause, [], rest.length);
  const found = stance.cues[0] ?? stance.absence;
  if (!found) return null;
  const words = rest.slice(0, found.end);
  if (words.length > 120) return null;
  return Object.assign([words], { index: 0, input: rest, groups: undefined }) as RegExpExecArray;
}

/** Finds the people named as reacting; names that are speakers of the conference are left to the matcher unless a role phrase claims them. */
export function findNamedReactors(model: ArticleModel, context: ReactorContext, speakerHits: SpeakerHit[]): NamedReactor[] {
  const reactors = new Map<string, NamedReactor>();
  const { tokens, text } = model;
  for (const sentence of model.sentences) {
    if (model.excludedBlocks.has(sentence.block)) continue;
    const sentenceTokens = tokensIn(model, sentence);
    for (const run of nameRuns(sentenceTokens, text)) {
      const window = personWindow(run, text, context);
      if (!window) continue;
      // A quoted run of capitals is a title or a slogan, and "the Cyber Resilience Act" a thing: people take no article.
      if (/["“„«‘']\s*$/.test(text.slice(Math.max(0, run[0].start - 2), run[0].start))) continue;
      if (window[0] === run[0] && /(?:^|[^\p{L}])(?:the|a|an|this|that|these|those|its)\s+$/iu.test(text.slice(Math.max(0, run[0].start - 6), run[0].start))) continue;
      // "Pieter Maes from Noordtrack Metrology": what follows "from" or "at" is where someone works.
      if (window[0] === run[0] && /(?:^|[^\p{L}])(?:from|at)\s+$/iu.test(text.slice(Math.max(0, run[0].start - 6), run[0].start))) continue;
      const span = { start: window[0].start, end: window[window.length - 1].end };
      const name = text.slice(span.start, span.end);
      const before = text.slice(sentence.start, span.start);
      const after = text.slice(span.end, sentence.end);
      const role = roleBefore(before, context) ?? roleAfter(after, context) ?? whoRole(after, context);
      // Speakers, and title words that look like names, are the matcher's; a role phrase still claims them.
      const isSpeaker = speakerHits.some((hit) => hit.span.start < span.end && span.start < hit.span.end) || (context.inTitles?.(name) ?? false);
      // "- Jana Wolff (our hardware lead): ..." — a list item that opens with a name is that person's note.
      const block = model.blocks[sentence.block];
      const leadsItem = block.kind === 'item' && span.start === block.start && /^\s*(?:\([^)]{0,80}\))?\s*[:—–]/.test(after);
      // "Pieter Maes from Noordtrack Metrology was less enthusiastic": the organisation named with them.
      const from = FROM_ORGANISATION.exec(after);
      const rest = from ? after.slice(from[0].length) : after;
      let found: Omit<NamedReactor, 'spans' | 'first' | 'last'> | null = null;
      if (role) {
        const organisation = organisationIn(from) ?? role.organisation;
        found = { name, jobTitle: role.jobTitle, organisation, said: `${role.before}${name}${role.after}${from && !role.after ? from[0] : ''}`.trim() };
      } else if (leadsItem && !isSpeaker) {
        found = { name, jobTitle: null, organisation: context.companyVoice ? context.publisher : null, said: `${name}${/^[^:—–]*[:—–]/.exec(after)![0]}` };
      } else if (!isSpeaker) {
        const verb = REACTION_VERB.exec(rest) ?? POSSESSIVE_PICK.exec(rest) ?? reactsIn(rest);
        const introduced = REACTION_BEFORE.exec(before.length > 60 ? before.slice(-60) : before);
        const ourTeam = FROM_OUR_TEAM.exec(after);
        if (ourTeam) found = { name, jobTitle: null, organisation: context.publisher, said: `${name}${ourTeam[0]}` };
        else if (verb || introduced) {
          found = {
            name,
            jobTitle: null,
            organisation: organisationIn(from) ?? (context.companyVoice ? context.publisher : null),
            said: verb ? `${name}${from?.[0] ?? ''}${verb[0]}` : `${introduced![0].trim()} ${name}`,
          };
        }
      }
      // Someone named with their organisation who is not giving a talk may still react later
      // ("Oskar was not impressed"): kept as a person the text may speak of, who reacts only
      // where it says so.
      if (!found && from && window.length === run.length && !isSpeaker && !/\bby\s+$/i.test(before) && !giving(rest)) {
        found = {
          name,
          jobTitle: null,
          organisation: organisationIn(from) ?? (context.companyVoice && !/^\s+(?:from|of|at|with)\s+(?:our|their|the)\s+(?:partners?|friends?|clients?|customers?)/i.test(after) ? context.publisher : null),
          said: `${name}${from?.[0] ?? ''}`,
          tentative: true,
        };
      }
      if (!found) continue;
      const key = fold(name).replace(/\s+/g, ' ');
      const known = reactors.get(key);
      if (known) {
        known.spans.push(span);
        if (known.tentative && !found.tentative) Object.assign(known, { ...found, tentative: undefined, organisation: found.organisation ?? known.organisation });
        known.jobTitle ??= found.jobTitle;
        known.organisation ??= found.organisation;
      } else {
        const parts = tokenize(name).map((token) => token.key);
        reactors.set(key, { ...found, spans: [span], first: parts[0], last: parts[parts.length - 1] });
      }
    }
  }
  // A table of picks: the column headed "Who went" (or "Attendee", "Picked by") holds, row by row, who reacted.
  for (const { span, name, column } of tableReactors(model)) {
    if (speakerHits.some((hit) => hit.span.start < span.end && span.start < hit.span.end)) continue;
    const key = fold(name).replace(/\s+/g, ' ');
    const known = reactors.get(key);
    if (known) {
      if (!known.spans.some((other) => other.start === span.start)) known.spans.push(span);
      known.tentative = undefined;
      continue;
    }
    const parts = tokenize(name).map((token) => token.key);
    reactors.set(key, {
      name,
      jobTitle: null,
      organisation: context.companyVoice ? context.publisher : null,
      said: `${name}, under "${column}" in the table`,
      spans: [span],
      first: parts[0],
      last: parts[parts.length - 1],
    });
  }
  // "my colleague Ines", "Timo, our newest intern": a first name alone, made a person by the role beside it.
  for (const sentence of model.sentences) {
    if (model.excludedBlocks.has(sentence.block)) continue;
    const sentenceTokens = tokensIn(model, sentence);
    sentenceTokens.forEach((token, k) => {
      const next = sentenceTokens[k + 1];
      if (!isCapitalised(token.raw) || (next && isCapitalised(next.raw) && /^[ \t]+$/.test(text.slice(token.end, next.start)))) return;
      if (k > 0 && isCapitalised(sentenceTokens[k - 1].raw) && /^[ \t]+$/.test(text.slice(sentenceTokens[k - 1].end, token.start))) return;
      if (speakerHits.some((hit) => hit.span.start <= token.start && token.end <= hit.span.end) || isRoleNoun(token.raw) || token.key.length < 3) return;
      const before = text.slice(sentence.start, token.start);
      const after = text.slice(token.end, sentence.end);
      // "our Head of Infrastructure": the word after "of" or "for" ends the title; no first name follows them.
      if (/(?<![\p{L}])(?:of|for)\s+$/iu.test(before)) return;
      // "Timo, our newest intern, …" as well as "our intern Timo".
      const role = /(?:^|[^\p{L}])(?:my|our)\s/iu.test(before.slice(-60))
        ? roleBefore(before, context)
        : /^\s*,\s*(?:one\s+of\s+)?(?:our|my)\s/i.test(after)
          ? roleAfter(after, context)
          : null;
      if (!role) return;
      const name = token.raw.replace(/['’]s$/, '');
      const key = fold(name);
      if ([...reactors.values()].some((reactor) => reactor.first === key)) return;
      reactors.set(key, { name, jobTitle: role.jobTitle, organisation: role.organisation, said: `${role.before}${name}`.trim(), spans: [{ start: token.start, end: token.start + name.length }], first: key, last: key });
    });
  }
  // A name that the text also gives elsewhere (without a role) is the same reactor there.
  for (const reactor of reactors.values()) {
    const keys = tokenize(reactor.name).map((token) => token.key);
    for (let i = 0; i + keys.length <= tokens.length; i++) {
      if (keys.every((key, k) => tokens[i + k].key === key) && !reactor.spans.some((span) => span.start === tokens[i].start)) {
        reactor.spans.push({ start: tokens[i].start, end: tokens[i + keys.length - 1].end });
      }
    }
    reactor.spans.sort((a, b) => a.start - b.start);
  }
  return [...reactors.values()];
}

/** A table column whose cells name who went: "Who went", "Attendee", "Picked by", "Reviewer". */
const WHO_COLUMN = /^(?:who(?:\s+(?:went|attended|saw\s+it|was\s+there))?|attendees?|attended\s+by|reviewers?|reviewed\s+by|(?:picked|nominated|chosen|recommended)\s+by|colleague|team\s+member|our\s+person)\s*\??$/i;

/**
 * The people of a table's "who" column. The reader makes each row an item whose cells stand on
 * lines of their own; a run of such items with the same number of cells is one table, and its
 * first row the header.
 */
function tableReactors(model: ArticleModel): Array<{ span: Span; name: string; column: string }> {
  const { blocks, text } = model;
  const cells = (index: number) => {
    const block = blocks[index];
    const out: Span[] = [];
    let start = block.start;
    for (let at = block.start; at <= block.end; at++) {
      if (at === block.end || text[at] === '\n') {
        out.push({ start, end: at });
        start = at + 1;
      }
    }
    return out;
  };
  const out: Array<{ span: Span; name: string; column: string }> = [];
  let index = 0;
  while (index < blocks.length) {
    const width = blocks[index].kind === 'item' ? cells(index).length : 0;
    let end = index + 1;
    while (width >= 3 && end < blocks.length && blocks[end].kind === 'item' && cells(end).length === width) end++;
    if (width >= 3 && end - index >= 2) {
      const header = cells(index).map((cell) => text.slice(cell.start, cell.end).trim());
      const column = header.findIndex((cell) => WHO_COLUMN.test(cell));
      for (let row = index + 1; column >= 0 && row < end; row++) {
        const cell = cells(row)[column];
        // "Hana Novak, kernel team": the name, before what the cell says about her.
        const written = /^\s*([^,(\n]+?)\s*(?:[,(]|$)/.exec(text.slice(cell.start, cell.end));
        if (!written || !looksLikePersonName(written[1])) continue;
        const start = cell.start + text.slice(cell.start, cell.end).indexOf(written[1]);
        out.push({ span: { start, end: start + written[1].length }, name: written[1], column: header[column] });
      }
    }
    index = Math.max(end, index + 1);
  }
  return out;
}

/**
 * The authors as people the text may speak of in the third person ("Arjun's verdict: ...", "Maya
 * found ..."): added to the named reactors unless the text already names them as reacting.
 */
export function withAuthors(model: ArticleModel, reactors: NamedReactor[], authors: Array<{ name: string; jobTitle: string | null; organisation: string | null }>): NamedReactor[] {
  const out = [...reactors];
  for (const author of authors) {
    const keys = tokenize(author.name).map((token) => token.key);
    const tentative = out.findIndex((reactor) => reactor.tentative && fold(reactor.name) === fold(author.name));
    if (tentative >= 0) out.splice(tentative, 1);
    if (keys.length === 0 || out.some((reactor) => fold(reactor.name) === fold(author.name))) continue;
    const spans: Span[] = [];
    for (let i = 0; i + keys.length <= model.tokens.length; i++) {
      const sentence = sentenceAt(model, model.tokens[i].start);
      if (sentence && model.excludedBlocks.has(sentence.block)) continue;
      if (keys.every((key, k) => model.tokens[i + k].key === key)) spans.push({ start: model.tokens[i].start, end: model.tokens[i + keys.length - 1].end });
    }
    out.push({ ...author, said: `${author.name}, an author of the article`, spans, first: keys[0], last: keys[keys.length - 1], author: true });
  }
  return out;
}

/** Runs of adjacent capitalised words (surname particles allowed inside). */
function nameRuns(tokens: Token[], text: string): Token[][] {
  const out: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isCapitalised(tokens[i].raw)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (
      j < tokens.length &&
      /^[ \t\u00a0-]{1,2}$/.test(text.slice(tokens[j - 1].end, tokens[j].start)) &&
      (isCapitalised(tokens[j].raw) || (NAME_PARTICLES.has(tokens[j].key) && tokens[j + 1] && isCapitalised(tokens[j + 1].raw)))
    ) {
      j++;
    }
    if (j - i >= 2) out.push(tokens.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * The person's name in a run of capitalised words: the whole run, or its end ("Acme's SRE Jane
 * Doe", "During Tuesday Jane Doe"), whichever is the longest that reads as a name.
 */
function personWindow(run: Token[], text: string, context: ReactorContext): Token[] | null {
  for (let length = Math.min(4, run.length); length >= 2; length--) {
    const window = run.slice(run.length - length);
    const name = text.slice(window[0].start, window[window.length - 1].end);
    if (looksLikePersonName(name) && !isOrganisationName(name, context)) return window;
  }
  return null;
}

function isOrganisationName(name: string, context: ReactorContext): boolean {
  const key = fold(name);
  return context.organisations.some((organisation) => fold(organisation) === key);
}

interface Role {
  jobTitle: string | null;
  organisation: string | null;
  before: string;
  after: string;
}

/** "our Cloud Engineer, ", "my colleague ", "Max Kelsen Machine Learning Engineer, ", "Acme's SRE " before a name. */
function roleBefore(before: string, context: ReactorContext): Role | null {
  const tail = /((?:[\p{L}’'&+/.-]+\s+){0,7}?[\p{L}’'&+/.-]+)\s*,?\s*$/u.exec(before);
  if (!tail) return null;
  const words = tail[1].split(/\s+/);
  for (let take = Math.min(words.length, 8); take >= 1; take--) {
    const phrase = words.slice(words.length - take);
    const lead = fold(phrase[0]);
    const rest = phrase.slice(1).join(' ');
    const fullText = `${phrase.join(' ')}${before.slice(tail.index + tail[1].length)}`;
    if ((lead === 'our' || lead === 'my') && rest) {
      const title = rest.replace(/^own\s+/i, '');
      // "our guest for the weekend": not one of the publisher's people, whatever else the text says.
      if (isGuest(title)) return { jobTitle: null, organisation: null, before: fullText, after: '' };
      const relation = isRelation(title);
      if (!relation && !looksLikeJobTitle(title)) continue;
      const organisation = lead === 'our' ? context.publisher : context.authorOrganisation;
      return { jobTitle: relation ? null : title, organisation, before: fullText, after: '' };
    }
    for (const organisation of context.organisations) {
      const organisationWords = organisation.split(/\s+/);
      const head = phrase.slice(0, organisationWords.length).join(' ').replace(/['’]s$/, '');
      if (fold(head) !== fold(organisation)) continue;
      const title = phrase.slice(organisationWords.length).join(' ');
      if (title && looksLikeJobTitle(title) && title.split(/\s+/).every((word) => isCapitalised(word) || /^(?:of|and|&)$/.test(word))) {
        return { jobTitle: title, organisation, before: fullText, after: '' };
      }
    }
  }
  return null;
}

/** ", our platform lead,", ", Senior SRE at Acme,", " (SRE)" after a name. */
function roleAfter(after: string, context: ReactorContext): Role | null {
  const apposition = /^\s*(?:,\s*|\(\s*)(one\s+of\s+)?(?:(our|my|a|an|the)\s+)?((?:[\p{L}’'&+/-]+\s+){0,6}?[\p{L}’'&+/-]+?)(?:\s+(?:at|from|with|@)\s+((?:\p{Lu}[\p{L}’'.-]*)(?:\s+(?:&|and|\p{Lu}[\p{L}’'.-]*)){0,4}?))?\s*(?:[,)]|\s+(?:who|and|was|is|had|has|found|loved|enjoyed|picked|chose|nominated|attended|said|thought)\b|$)/u.exec(
    after,
  );
  if (!apposition) return null;
  const [whole, oneOf, determiner, written, organisation] = apposition;
  // "one of our kernel volunteers" makes her a kernel volunteer.
  const title = oneOf ? written.replace(/s$/, '') : written;
  const relation = isRelation(title);
  // "Engineering Manager for the developer experience team", "Staff Engineer on the network
  // automation side": a job title with what it covers after it.
  const core = title.replace(/\s+(?:for|on|in)\s+.*$/i, '');
  if (!relation && !looksLikeJobTitle(written) && !looksLikeJobTitle(title) && !(core !== title && looksLikeJobTitle(core))) return null;
  const owner = determiner?.toLowerCase();
  return {
    jobTitle: relation ? null : title.trim(),
    // "Ravi Menon, network engineer," in a post that speaks as "we" is one of the publisher's people.
    organisation:
      organisation?.trim() || (owner === 'our' ? context.publisher : owner === 'my' ? context.authorOrganisation : !owner && context.companyVoice && !isGuest(title) ? context.publisher : null),
    before: '',
    after: whole.replace(/\s*(?:who|and|was|is|had|has|found|loved|enjoyed|picked|chose|nominated|attended|said|thought)$/i, ''),
  };
}

const SINGULAR_PRONOUN = /(?<![\p{L}'’])(?:he|him|his|she|her|hers)(?![\p{L}'’])/giu;

/** A person a clause refers to: a reactor (by name), a speaker of a talk, or "he"/"she". */
export interface Reference {
  at: number;
  who: NamedReactor | 'speaker' | 'pronoun';
}

/**
 * Whom a span of text refers to, in order: reactors by full name, by first name or surname, or a
 * short form of the first name ("Matt" for "Matthew", unless someone is called Matt: "Ann" is
 * not "Annika" when there is an Ann); speakers by name; and singular pronouns.
 */
export function referencesIn(span: Span, model: ArticleModel, reactors: NamedReactor[], speakerSpans: Span[]): Reference[] {
  const refs: Reference[] = [];
  const within = (other: Span) => other.start >= span.start && other.end <= span.end;
  const covered: Span[] = [];
  for (const reactor of reactors) {
    for (const full of reactor.spans.filter(within)) {
      refs.push({ at: full.start, who: reactor });
      covered.push(full);
    }
  }
  const firstNames = new Set(reactors.map((reactor) => reactor.first));
  for (const token of tokensIn(model, span)) {
    if (!isCapitalised(token.raw) || covered.some((c) => c.start <= token.start && token.end <= c.end)) continue;
    if (speakerSpans.some((c) => c.start <= token.start && token.end <= c.end)) continue;
    const exact = reactors.filter((reactor) => token.key === reactor.first || token.key === reactor.last);
    const short = exact.length > 0 || firstNames.has(token.key) || token.key.length < 3 ? [] : reactors.filter((reactor) => reactor.first.startsWith(token.key));
    for (const reactor of exact.length > 0 ? exact : short) refs.push({ at: token.start, who: reactor });
  }
  for (const speaker of speakerSpans) if (within(speaker)) refs.push({ at: speaker.start, who: 'speaker' });
  const text = model.text.slice(span.start, span.end);
  for (const match of text.matchAll(SINGULAR_PRONOUN)) refs.push({ at: span.start + match.index!, who: 'pronoun' });
  return refs.sort((a, b) => a.at - b.at);
}

/** Whom "he" or "she" stands for: the last person named before it in the clause, else before the clause. */
export function pronounAntecedent(refs: Reference[], pronoun: Reference, before: NamedReactor | 'speaker' | null): NamedReactor | 'speaker' | null {
  const earlier = refs.filter((ref) => ref.at < pronoun.at && ref.who !== 'pronoun');
  return earlier.length > 0 ? (earlier[earlier.length - 1].who as NamedReactor | 'speaker') : before;
}
