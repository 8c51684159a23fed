// What a clause says about a talk, read from the grammar of the clause rather than from whole
// phrases: a small lexicon of word classes (choosing, praising, criticising, recommending,
// learning, being absent), each class with the constructions it takes ("should watch", "worth
// your time", "the best ... I saw", "too shallow", "not convinced"), and the grammar around it:
// negation flips praise into criticism, a question asserts nothing, hearsay and plans are not an
// opinion of one's own. Every finding keeps the words it was read from (the cue).
import type { reactionKinds } from '../dataset/format.js';
import type { Span } from './text.js';

export type ReactionKind = (typeof reactionKinds)[number];

/**
 * Order of precedence when one person says several things about one talk (lower wins): a day's
 * highlight names the most, then choosing it over others, then criticism (praise despite a
 * reservation is rarer than a reservation despite praise), a recommendation, praise, what was
 * learnt, mild approval, and last what the article's own framing ("our top 5") implies.
 */
export const TIER = { day: 0, chosen: 1, critique: 2, recommend: 3, praise: 4, learnt: 5, approve: 6, frame: 7 } as const;

export interface Cue extends Span {
  kind: ReactionKind;
  tier: number;
  /** The words that show it, widened a little so they read on their own. */
  text: string;
  /** The word class it was read from, for the reasons: "praise", "negated praise", ... */
  reading: string;
}

export interface Stance {
  cues: Cue[];
  /** What a question asks about ("What was your favourite session?"): the answer gives it. */
  asked: Cue[];
  /** Words saying the subject did not attend ("missed", "the room was full", "none of us made it"). */
  absence: Cue | null;
  /** A question asserts nothing about the talk. */
  question: boolean;
  /** "I heard it was strong", "it is on my list": someone else's opinion, or a plan. */
  secondHand: boolean;
}

// Word classes ------------------------------------------------------------------------------------

/** A word as misspelt in a hurry: any consonant single or doubled ("recomend", "dissapointed"). */
function loose(word: string): string {
  return word.replace(/([bcdfgklmnprstvz])\1/g, '$1').replace(/[bcdfgklmnprstvz]/g, (letter) => `${letter}{1,2}`);
}

const either = (...parts: string[]) => `(?:${parts.join('|')})`;
/** A list of words, each as it may be misspelt; phrases and patterns are kept as written. */
const wordList = (...parts: string[]) => either(...parts.map((part) => (/^[a-z]+$/.test(part) ? loose(part) : part)));
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}'’-]*`;
const SOME_WORDS = (n: number) => String.raw`(?:${WORD}\s+){0,${n}}`;
const PERSON_OBJECT = '(?:me|us|him|her|them|everyone|everybody|the\\s+room|the\\s+audience)';
/** "on Saturday", "that day", "on day 2", "on the first day": when, within the conference. */
const DAY_WHEN = String.raw`(?:that|all|the\s+whole)\s+day|(?:on|that)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on\s+day\s+(?:one|two|three|four|five|\d)|on\s+the\s+(?:first|second|third|fourth|fifth|last|final|opening|closing)\s+day`;
const DAY_SCOPE = String.raw`(?:of\s+(?:the|my|his|her|our|their|that)\s+(?:(?:first|second|third|fourth|fifth|last|final|opening|closing)\s+)?day|of\s+day\s+(?:one|two|three|four|five|\d)|of\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b`;

/** Nouns of choosing one talk over the others. */
const CHOICE_NOUNS = either('highlights?', loose('favourite') + 's?', loose('favorite') + 's?', 'stand-?outs?', 'top\\s+picks?', 'picks?', 'number\\s+one', 'top', 'star', 'best(?:\\s+talk|\\s+session)?');

/** Words of approval, by strength. */
const STRONG_PRAISE = wordList(
  loose('brilliant'), 'outstanding', loose('excellent'), 'superb', 'fantastic', loose('amazing'), 'awesome', 'terrific', 'wonderful', 'stellar',
  'phenomenal', loose('fascinating'), 'gripping', 'mind-?blowing', 'spectacular', 'masterful', 'exceptional',
);
const PRAISE_WORDS = wordList(
  loose('interesting'), loose('impressive'), 'inspiring', 'enjoyable', 'insightful', 'engaging', 'fascinating', 'useful', 'valuable', 'memorable',
  'compelling', 'entertaining', 'good', 'great', 'clear', 'fun', 'funny', 'helpful', 'practical', 'strong', 'cool', 'smart', 'clever', 'polished',
  'relevant', 'thoughtful', 'informative', 'honest', 'accessible', 'relatable', 'refreshing', 'convincing', 'well\\s+(?:told|paced|structured|presented|delivered|prepared|done)',
);
const MILD_PRAISE = wordList(
  'solid', 'good', 'nice', 'fun', 'funny', 'great', 'clean', 'honest', 'practical', 'useful', 'clear', 'interesting', 'informative', 'helpful', 'convincing',
  'well\\s+(?:told|paced|structured|presented|delivered|prepared|done)', 'worthwhile', 'enjoyable', 'decent', 'neat', 'concrete', 'actionable',
  'pragmatic', 'hands-on',
);
const INTENSIFIERS = either(
  'really', 'very', 'particularly', 'especially', 'extremely', 'super', 'genuinely', 'incredibly', 'seriously', 'truly', 'hugely', 'immensely',
  'thoroughly', 'properly', 'remarkably', 'exceptionally', 'so',
);
const SUPERLATIVES = either(
  'funniest', 'clearest', 'strongest', 'finest', 'coolest', 'greatest', 'smartest', 'nicest', 'liveliest', 'sharpest',
  `most\\s+(?:${PRAISE_WORDS}|${STRONG_PRAISE})`,
);
/** Words of disapproval. */
const FAULTS = wordList(
  loose('disappoint') + '\\w*', 'underwhelm\\w*', 'boring', 'dull', 'shallow', 'superficial', 'generic', 'vague', 'confusing', 'rushed', 'repetitive',
  'salesy', 'overhyped', 'overpromis\\w*', 'hand-?wavy', 'unconvinc\\w*', 'sceptical', 'skeptical', 'misleading', 'flawed', 'tedious', 'muddled',
  'unfocused', 'self-promotional', 'padded', 'simplistic', 'basic', 'lukewarm', 'frustrat\\w*', 'overrated', 'let-?down', 'meh',
);

interface Pattern {
  kind: ReactionKind;
  tier: number;
  reading: string;
  /** Praise and the like: a negation before it turns it into criticism. */
  positive: boolean;
  source: string;
}

const pattern = (kind: ReactionKind, tier: number, reading: string, positive: boolean, ...sources: string[]): Pattern => ({
  kind,
  tier,
  reading,
  positive,
  source: either(...sources),
});

const PATTERNS: Pattern[] = [
  pattern(
    'DAY_HIGHLIGHT',
    TIER.day,
    'chosen as the day’s best',
    true,
    `${CHOICE_NOUNS}\\s+${DAY_SCOPE}`,
    `(?:day['’]s|today['’]s)\\s+${CHOICE_NOUNS}`,
    // "the talk of the day for me"; "the last talk of the day" only says when.
    `(?<!(?:last|first|final|opening|closing|next|other|second|third|early|late)\\s+)(?:talk|session|keynote|lecture)\\s+${DAY_SCOPE}`,
    // "the best thing I saw on Saturday", "my highlight on day 2"
    `best\\s+${SOME_WORDS(3)}(?:I|we|he|she|they)\\s+(?:saw|heard|attended|caught|watched)\\s+(?:all\\s+)?(?:${DAY_WHEN})\\b`,
    `(?:my|our|his|her|their)\\s+${CHOICE_NOUNS}\\s+(?:${DAY_WHEN})\\b`,
  ),
  pattern(
    'HIGHLIGHT',
    TIER.chosen,
    'chosen over the others',
    true,
    'highlights?',
    `${loose('favourite')}s?`,
    `${loose('favorite')}s?`,
    'stand-?outs?',
    'stood\\s+out',
    'top\\s+picks?',
    "(?:my|our|his|her|their|\\p{L}+['’]s)\\s+(?:personal\\s+|first\\s+|top\\s+|own\\s+|clear\\s+)?(?:pick|choice)\\b",
    '(?:pick|best)\\s+of\\s+(?:the\\s+)?(?:week|conference|event|congress|weekend|bunch|festival|show)',
    // "this was the talk of the week for me"
    '(?:talk|session|keynote)\\s+of\\s+the\\s+(?:week|conference|event|congress|weekend|year|festival)',
    'number\\s+one',
    'crowd-?pleaser',
    'stole\\s+the\\s+show',
    `top\\s+of\\s+(?:my|our|his|her|their|the)\\s+(?:\\w+\\s+)?list`,
    `(?:the|my|our|his|her|their)\\s+best\\s+${SOME_WORDS(3)}(?:talks?|sessions?|keynotes?|presentations?|thing|hour|minutes|part|story|explanation|demo|lectures?|workshops?|panels?|one)\\b`,
    'one\\s+of\\s+the\\s+best',
    // "the best case study he has heard in years": a superlative measured against what one has seen.
    `(?:the|my|our|his|her|their)\\s+best(?:\\s+${WORD}){1,3}(?=\\s+(?:I|we|he|she|they|you)\\s+(?:(?:have|has|had|ever)\\s+|['’]ve\\s+)*(?:seen|heard|attended|watched|saw|caught|been\\s+to))`,
    `(?:blew|blown)\\s+(?:${PERSON_OBJECT}\\s+)?away`,
  ),
  pattern(
    'CRITIQUE',
    TIER.critique,
    'criticism',
    false,
    FAULTS,
    "(?:not|less|never|\\p{L}+n['’]t)\\s+(?:entirely\\s+|fully\\s+|quite\\s+|so\\s+|really\\s+|all\\s+that\\s+)?(?:convinc\\w*|sold|impressed|enthusiastic|keen|generous|taken|charitable|kind)",
    // "very little on what's next", "without enough on how to win": too little of what mattered.
    '(?:very\\s+|too\\s+)?little\\s+(?:on|about)\\b',
    '(?:without|not)\\s+enough\\s+(?:on|about|depth|detail)\\b',
    // "a wall of slides at a speed I could not follow", "I left halfway": lost, or walked out.
    'wall\\s+of\\s+(?:slides|text|bullet\\s+points)',
    "(?:could\\s*n['’]?t|could\\s+not|couldn['’]t)\\s+(?:\\w+\\s+)?follow",
    '(?:left|walked\\s+out)\\s+(?:halfway|half-way|early|at\\s+the\\s+break)',
    "too\\s+(?!(?:late|early|often|bad|good|much\\s+fun)(?![\\p{L}]))[\\p{L}-]+",
    // "promised a guide and delivered a motivational speech": what was promised was not given.
    'promised\\s+(?:\\S+\\s+){1,6}?(?:and|but)\\s+(?:then\\s+|only\\s+|instead\\s+)?(?:delivered|gave|produced|was)',
    'to\\s+much\\s+\\p{L}+',
    'fell\\s+(?:flat|short)',
    'missed\\s+the\\s+mark',
    '(?:light|thin)\\s+on\\s+(?:depth|details?|substance|specifics|content|detail)',
    '(?:lacked|lacking)\\b',
    '(?:glossed|skipped|rushed)\\s+(?:over|through)',
    'hard\\s+to\\s+follow',
    'struggled\\s+to',
    '(?:sales|vendor|product)\\s+(?:pitch|demo|tour|advert)',
    "(?:felt|was|read)\\s+(?:more\\s+)?like\\s+an?\\s+(?:\\w+\\s+)?(?:pitch|advert|commercial|demo|tour|shopping\\s+list|sales\\s+\\w+)",
    'more\\s+(?:like\\s+)?(?:an?\\s+)?\\w+(?:\\s+\\w+)?\\s+than\\s+(?:an?\\s+)?(?:insight|substance|a\\s+talk|a\\s+\\w+[\'’]s\\s+guide)',
    'critici[sz]\\w*',
    '(?:I|we|he|she|they)\\s+(?:strongly\\s+)?disagree\\w*',
    // "waiting for the numbers to disagree with theory": an infinitive reports, it does not judge.
    '(?<!to\\s)disagree\\w*\\s+with',
    // "wasn't a fan of the panel", "it left me cold", "not worth the queue", "I'd skip it"
    "(?:not|\\p{L}+n['’]t)\\s+(?:a|the|much\\s+of\\s+a)\\s+(?:big\\s+)?fan",
    'left\\s+(?:me|us|him|her|them)\\s+cold',
    'not\\s+worth\\s+(?:it|the|your|a)\\b',
    "(?:I['’]d|I\\s+would|you\\s+(?:can|could|should))\\s+(?:\\w+\\s+)?skip\\s+(?:it|this|that)",
    // "Honestly, not for me", "not my cup of tea"
    "not\\s+(?:really\\s+)?(?:for\\s+me|my\\s+(?:thing|cup\\s+of\\s+tea))",
    // "never got to the interesting bits", "was never really answered": what mattered did not come.
    'never\\s+(?:really\\s+)?got\\s+(?:to|into|past)\\b',
    'never\\s+(?:really\\s+)?(?:answered|addressed|explained|delivered)',
    // "the title promised more", "the practical guide the title promised"
    'promised\\s+more',
    'the\\s+title\\s+promised',
    // "I wanted to like it more than I did"
    '(?:wanted|hoped|tried)\\s+to\\s+(?:like|love|enjoy)\\s+(?:it|this|them|the\\s+\\w+)\\s+more',
    // "I left without knowing which ...", "came away without an answer"
    '(?:left|walked\\s+out|came\\s+(?:away|out))\\s+without\\s+(?:knowing|learning|understanding|an?\\s+(?:answer|idea|clue))',
    // "it stayed at the level of headlines", "the mitigations stayed theoretical"
    '(?:stayed|remained)\\s+(?:at\\s+the\\s+level\\s+of|on\\s+the\\s+surface|theoretical|abstract|high-level|superficial)',
    "(?:did\\s*n['’]?t|did\\s+not)\\s+(?:really\\s+)?(?:suit|land|deliver|live\\s+up)",
    'left\\s+as\\s+an\\s+exercise',
    'could\\s+have\\s+been\\s+(?:a|an|one)\\s+(?:single\\s+)?(?:slide|e-?mail|blog\\s+post|tweet|page|paragraph)',
    '(?:expected|hoped\\s+for|wanted)\\s+more',
    'would\\s+have\\s+liked\\s+(?:more|less|a\\s+deeper|some)',
    'wish(?:ed)?\\s+(?:they|the\\s+speakers?|he|she|it|there)\\s+had',
    'could\\s+have\\s+(?:gone\\s+deeper|been\\s+shorter|been\\s+better|used)',
    'more\\s+questions\\s+than\\s+answers',
    '(?:ended|stopped|finished)\\s+(?:just|right)\\s+(?:as|when)\\s+(?:it|things)\\s+(?:got|were\\s+getting|started\\s+getting)',
    '(?:mostly\\s+)?restated\\s+(?:its|the|their)\\s+title',
    'nothing\\s+(?:new|I\\s+(?:did|had)\\s*n[\'’]t\\s+know)',
    'waste\\s+of\\s+(?:time|a\\s+slot)',
    'wearing\\s+a\\s+conference\\s+badge',
  ),
  pattern(
    'RECOMMENDATION',
    TIER.recommend,
    'recommendation',
    true,
    `${loose('recommend')}(?:s|ed|ing)?`,
    "(?:my|our|his|her|their|\\p{L}+['’]s)\\s+recommendation",
    '(?:should|must|ought\\s+to|need\\s+to|has\\s+to|have\\s+to)\\s+(?:\\w+\\s+)?(?:watch|see|catch|check\\s+out|go\\s+to|look\\s+at)',
    'must[-\\s](?:watch|see)',
    // "a must for platform teams"
    'a\\s+must\\s+for',
    'worth\\s+(?:watching|a\\s+watch|a\\s+look|your\\s+time|the\\s+time|seeing|catching|it|an\\s+hour)',
    "don['’]t\\s+miss",
    '(?:put|add)\\s+(?:it|this|the\\s+(?:recording|video|talk))\\s+(?:on|to)\\s+your\\s+(?:watch\\s*)?list',
    '(?:go|do)\\s+(?:and\\s+)?watch',
    // "Watch this one, seriously.", "For clients: start with the VAP talk": the imperative opening a clause.
    '^\\W*(?:watch|see|catch)\\s+(?:this|it|that)(?:\\s+one)?',
    '^\\W*(?:start|begin)\\s+with',
    '(?:watch|catch|check\\s+out)\\s+(?:the\\s+)?(?:recording|video|replay|slides)',
    `(?:send|point|refer)\\s+${SOME_WORDS(3)}to\\b`,
    `(?:send|point)\\s+(?:people|everyone|anyone|colleagues|newcomers|new\\s+hires)`,
    'if\\s+you\\s+(?:only\\s+)?watch\\s+one',
    // "If you like documentation written by hackers, watch it": advice to whoever fits.
    "if\\s+you(?:['’]re|\\s+\\p{L}+)\\s+[^,.;]{2,100},\\s+(?:then\\s+)?(?:go\\s+)?(?:watch|see|catch|find)\\s+(?:it|this(?:\\s+one)?|the\\s+(?:recording|video|talk|session))",
  ),
  pattern(
    'HIGHLIGHT',
    TIER.praise,
    'praise',
    true,
    `${loose('loved')}|love\\s+(?:how|that|the|it)`,
    'enjoy(?:ed|ing)?',
    '(?:really\\s+)?liked\\s+(?:it|how|the|that|this|his|her|their)',
    'admired',
    'impressed',
    'rav(?:ing|ed|es)\\s+about',
    STRONG_PRAISE,
    `${INTENSIFIERS}\\s+(?:\\w+\\s+)?(?:${PRAISE_WORDS})`,
    SUPERLATIVES,
    'at\\s+its\\s+best',
    // "Five stars, would watch again"
    '(?:five|5)\\s+stars',
    'would\\s+(?:happily\\s+)?(?:watch|see)\\s+(?:it\\s+)?again',
    'justified\\s+the\\s+(?:ticket|trip|price)',
    'worth\\s+the\\s+(?:trip|ticket|price|journey)',
    `(?:exactly|just)\\s+(?:what|the\\s+kind\\s+of\\s+\\w+(?:\\s+\\w+)?)\\s+(?:I|we)\\s+(?:come|came|wanted|needed|hoped)`,
    `can['’]?t\\s+stop\\s+thinking\\s+about`,
    'keep\\s+telling\\s+(?:people|everyone)',
    '(?:kept|keep|keeps)\\s+(?:quoting|talking\\s+about|coming\\s+back\\s+to|mentioning|discussing|thinking\\s+about|bringing\\s+up)',
    '(?:had|kept)\\s+(?:the\\s+)?(?:room|audience|everyone|us|the\\s+hall)\\s+(?:laughing|hooked|spellbound|in\\s+stitches|on\\s+the\\s+edge)',
    'a\\s+(?:real\\s+)?(?:gem|treat|delight|joy)',
    '(?:refreshingly|wonderfully|beautifully|brilliantly|impressively|admirably|delightfully|remarkably)\\s+\\p{L}+',
    'great\\s+(?:\\w+\\s+)?(?:fun|talk|session|keynote|demo|story|presentation|walkthrough|overview|intro|introduction)',
  ),
  pattern(
    'TAKEAWAY',
    TIER.learnt,
    'something learnt',
    true,
    'take-?aways?',
    '(?<!to\\s)learn(?:ed|t|ing|s)?\\b',
    'lessons?',
    'took\\s+away',
    // "What I took from it:"
    'took\\s+from\\s+(?:it|this|that|the\\s+(?:talk|session|keynote))',
    'came\\s+(?:away|home|back|out)\\s+with',
    // "What I wrote down: …": the note taken in the room is what was learnt.
    '(?:wrote|jotted|noted|scribbled)\\s+down',
    // "What he brought home is that …"
    '(?:brought|took)\\s+(?:it\\s+)?home',
    '(?:stuck|stays|stayed)\\s+with\\s+(?:me|us|him|her|them)',
    'now\\s+understands?',
    '(?:finally\\s+)?(?:clicked|makes\\s+sense|made\\s+sense)',
    'reali[sz](?:ed|e)',
    '(?:changed|shaped)\\s+how\\s+(?:I|we|he|she|they)\\s+think',
    `(?:made|got|left)\\s+${PERSON_OBJECT}\\s+(?:realise|realize|rethink|reconsider|thinking)`,
    `reminded\\s+${PERSON_OBJECT}`,
    'eye-?open(?:er|ing)',
    'food\\s+for\\s+thought',
    `gave\\s+${PERSON_OBJECT}\\s+(?:ideas|a\\s+(?:list|sketch|plan))`,
    'insights?',
    'key\\s+(?:point|message|insight|idea)s?',
    '(?:has|have|had)\\s+since\\s+\\p{L}+',
    'already\\s+(?:started|changed|dropped|dropping|adopted|using|moved|ported|switched|rolled)',
  ),
  pattern(
    'HIGHLIGHT',
    TIER.approve,
    'approval',
    true,
    `(?:(?:was|is|were|felt|seemed|sounded|looked)\\s+(?:(?:a|an|very|really|quite|pretty|genuinely|also)\\s+)?|^\\W*|\\ba\\s+)(?:${MILD_PRAISE})\\b`,
    'deservedly',
  ),
];

const COMPILED = PATTERNS.map((p) => ({ ...p, regex: new RegExp(`(?<![\\p{L}\\p{N}])${p.source}(?![\\p{L}\\p{N}])`, 'giu') }));

const NEGATION_BEFORE = /(?:(?<![\p{L}])(?:not|never|hardly|barely|no)(?![\p{L}])|n['’]t)(?:\s+[\p{L}'’-]+){0,2}\s*$/iu;
const LESS_BEFORE = /(?<![\p{L}])(?:less|least)\s+$/iu;

// Absence: the subject was not in the room. ------------------------------------------------------

const ABSENCE = new RegExp(
  either(
    String.raw`(?<![\p{L}])(?:missed|skipped)(?![\p{L}])(?!\s+(?:the\s+mark|over))`,
    String.raw`(?:did\s*n['’]?t|did\s+not|could\s*n['’]?t|could\s+not|can['’]?t|cannot|never|was\s*n['’]t|were\s*n['’]t)\s+(?:\w+\s+)?(?:make\s+it|get\s+in|get\s+a\s+seat|attend|go\s+to|get\s+to|see|catch|be\s+there)`,
    String.raw`(?<![\p{L}])(?:none|neither|nobody|no\s+one|no-one)(?![\p{L}])(?:\s+(?:of|from)\s+\S+(?:\s+\S+)?)?\s+(?:\w+\s+)?(?:made\s+it|went|attended|saw|caught|got\s+in|got\s+there|was\s+(?:there|in\s+the\s+room)|were\s+(?:there|in\s+the\s+room))`,
    String.raw`(?:room|hall|session|talk|it|theatre|theater)\s+was\s+(?:\w+\s+)?(?:full|packed|closed)`,
    String.raw`full\s+by\s+the\s+time`,
    // "Sofia, who was not there, mostly laughs at him"
    String.raw`(?:was|were)(?:\s+not|n['’]t)\s+(?:even\s+)?there\b`,
    String.raw`queue\s+(?:was|went|ran|stretched)`,
    String.raw`(?:arrived?|came|got\s+there)\s+(?:\w+\s+)?(?:too|to)\s+late`,
    String.raw`(?:too|to)\s+late\s+for`,
    String.raw`(?:wanted|hoped|meant|planned|intended)\s+to\s+(?:see|attend|catch|go\s+to|watch|join|hear)`,
    String.raw`(?:were|was|are|am|['’]re|['’]m)\s+looking\s+forward\s+to`,
    String.raw`got\s+in\s+the\s+way|clashed\s+with|double-?booked`,
    // "I was still on a train from Ghent when it started": elsewhere while it ran.
    String.raw`(?:was|were)\s+still\s+(?:on|in|at|stuck)\s+[^.;]{1,40}?\s+when\s+(?:it|the\s+(?:talk|session|keynote))\s+(?:started|began|ran|was\s+on)`,
  ),
  'iu',
);
const SECOND_HAND = new RegExp(
  either(
    String.raw`(?<![\p{L}])(?:I|we)\s+(?:have\s+|had\s+|also\s+|only\s+)?heard\s+(?:that|it|about|a\s+lot|good\s+things|great\s+things|from|people|rumou?rs)(?![\p{L}])`,
    String.raw`(?<![\p{L}])apparently(?![\p{L}])`,
    String.raw`(?<![\p{L}])reportedly(?![\p{L}])`,
    String.raw`I['’]m\s+told`,
    // "people at the co-working table later told us": who they were may come between.
    String.raw`(?<![\p{L}])(?:colleagues|people|others|friends|folks|attendees|everyone|everybody)(?:\s+(?:who|at|from|in|on|we\s+met)\s+[^,.;]{1,40}?)?\s+(?:later\s+|also\s+)?(?:say|said|says|told\s+(?:me|us)|reported|claimed|raved)(?![\p{L}])`,
    String.raw`on\s+(?:my|our|the|his|her)\s+(?:watch\s*)?list`,
    // "Several of us had the panel … marked as a must-see", "We had all circled …": a plan, not a verdict.
    String.raw`(?<![\p{L}])(?:had|have|has)\s+(?:all\s+)?(?:[^.;]{0,80}?\s)?(?:marked|circled|bookmarked|starred)(?![\p{L}])`,
    String.raw`(?:will|['’]ll|going\s+to)\s+(?:have\s+to\s+)?(?:watch|catch|see)`,
    String.raw`(?:have|need|want|plan|hope)\s+to\s+(?:watch|catch)\s+(?:it|the\s+(?:recording|video|replay))`,
  ),
  'iu',
);

// Reading a clause --------------------------------------------------------------------------------

/**
 * The findings of one clause. `hidden` are spans that are not the writer's words about the talk:
 * titles and quoted titles, so "Building a Beer Recommendation System" recommends nothing.
 */
export function readStance(text: string, clause: Span, hidden: Span[], sentenceEnd: number): Stance {
  let words = text.slice(clause.start, clause.end);
  for (const span of hidden) {
    // "Why Isn't the Fix in My Container?": a title's own question mark asks nothing.
    const own = /^["”’']?[?!]/.exec(text.slice(span.end, span.end + 2));
    const start = Math.max(span.start, clause.start) - clause.start;
    const end = Math.min(span.end + (own ? own[0].length : 0), clause.end) - clause.start;
    if (end > start) words = words.slice(0, start) + ' '.repeat(end - start) + words.slice(end);
  }
  // A question quoted inside a sentence ("anyone who still answers "how much is team X using?"
  // with a spreadsheet") is not the writer asking.
  const unquoted = (value: string) => value.replace(/“[^”]*”|"[^"\n]*"|„[^“]*“|«[^»]*»/g, (quoted) => ' '.repeat(quoted.length));
  const question = /\?\s*$/.test(unquoted(text.slice(clause.start, sentenceEnd)).trimEnd()) || /\?/.test(unquoted(words));
  const secondHand = SECOND_HAND.test(words);
  const cues: Cue[] = [];
  for (const { kind, tier, reading, positive, regex } of COMPILED) {
    regex.lastIndex = 0;
    for (let match = regex.exec(words); match; match = regex.exec(words)) {
      const start = match.index + (match[0].length - match[0].trimStart().length);
      const end = match.index + match[0].trimEnd().length;
      if (end <= start || cues.some((cue) => cue.start - clause.start < end && start < cue.end - clause.start)) continue;
      // "Machine Learning Engineer", "Learning Lounge": a capitalised word among capitalised words is part of a name.
      if (/^\p{Lu}/u.test(words[start]) && (/\p{Lu}[\p{L}'’-]*\s+$/u.test(words.slice(Math.max(0, start - 30), start)) || /^[\p{L}'’-]*\s+\p{Lu}/u.test(words.slice(start, start + 40)))) continue;
      const before = words.slice(Math.max(0, start - 40), start);
      // "the funniest title of the weekend": praise for the title, not for the talk.
      if (positive && /^\s*(?:[\p{L}-]+\s+)?(?:title|name)s?(?![\p{L}])/iu.test(words.slice(end, end + 30))) continue;
      // "a migration story that includes the boring parts": a fault word naming what the talk covered.
      if (!positive && /\bthe\s+$/i.test(before) && /^\s+(?:parts?|bits?|stuff|details|sections?|side)\b/i.test(words.slice(end, end + 15))) continue;
      let found = { kind, tier, reading };
      if (positive && (NEGATION_BEFORE.test(before) || LESS_BEFORE.test(before))) {
        found = { kind: 'CRITIQUE', tier: TIER.critique, reading: `negated ${reading}` };
      } else if (!positive && kind === 'CRITIQUE' && /(?:^|\s)(?:never|not|n['’]t)\s+(?:\w+\s+)?$/i.test(before) && !/(?:convinc|sold|impressed)/i.test(match[0])) {
        found = { kind: 'HIGHLIGHT', tier: TIER.approve, reading: 'negated criticism' };
      }
      const span = widen(words, start, end);
      const written = text.slice(clause.start + span.start, clause.start + span.end);
      // Masked words (a title in the middle) are left out of the cue's words rather than blanked.
      const said = words.slice(span.start, span.end).includes('   ') ? words.slice(start, end) : written;
      cues.push({ ...found, start: clause.start + span.start, end: clause.start + span.end, text: said.replace(/\s+/g, ' ').trim() });
    }
  }
  const absent = ABSENCE.exec(words);
  const absence = absent
    ? {
        kind: 'MENTION' as const,
        tier: TIER.frame,
        reading: 'not attended',
        start: clause.start + absent.index,
        end: clause.start + absent.index + absent[0].length,
        text: absent[0],
      }
    : null;
  // Hearsay is someone else's opinion, and "I will have to catch the recording" a plan, not a recommendation.
  const own = secondHand ? [] : cues;
  const sorted = own.sort((a, b) => a.tier - b.tier || a.start - b.start);
  return { cues: question ? [] : sorted, asked: question ? sorted : [], absence: question ? null : absence, question, secondHand };
}

/** The cue with up to two words before and one after, within its clause, so it reads on its own. */
function widen(text: string, start: number, end: number): Span {
  const left = /(?<![\p{L}\p{N}’'])(?:[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)?[ \t]+){0,2}$/u.exec(text.slice(Math.max(0, start - 40), start));
  const right = /^(?:[ \t]+[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)?(?![\p{L}\p{N}’']))?/u.exec(text.slice(end, end + 40));
  let from = start - (left?.[0].length ?? 0);
  while (from < start && /\s/.test(text[from])) from++;
  return { start: from, end: end + (right?.[0].length ?? 0) };
}

// Clauses -----------------------------------------------------------------------------------------

/**
 * A sentence cut where a new subject may start: at ";", a dash, a colon, and before "but",
 * "though", "although", "while", "whereas", "so", "and" after a comma, and ", which". The pieces
 * keep their words; a clause without a subject of its own continues the one before it.
 */
export function splitClauses(text: string, sentence: Span): Span[] {
  const out: Span[] = [];
  const body = text.slice(sentence.start, sentence.end);
  const cut = /\s*(?:;|\s[—–]\s|:\s)\s*|,?\s+(?=(?:but|though|although|whereas|while|yet)\s)|,\s+(?=(?:and|so|which|who|as|instead)\s)/giu;
  let from = 0;
  for (let match = cut.exec(body); match; match = cut.exec(body)) {
    if (match.index > from) out.push({ start: sentence.start + from, end: sentence.start + match.index });
    from = match.index + match[0].length;
  }
  if (from < body.length) out.push({ start: sentence.start + from, end: sentence.end });
  return out.filter((span) => /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end)));
}
