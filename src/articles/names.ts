// How recaps write people and their roles: "Ruby Nguyen", "Leo Di Donato", "Machine Learning
// Engineer", "Head of Platform". Shared by the byline reader and the reactor finder.
import { editDistance, fold, isCapitalised, type Token } from './text.js';

/** Lower-case words that sit inside surnames: "Leo di Donato", "Ursula von der Leyen". */
export const NAME_PARTICLES = new Set(['de', 'di', 'da', 'del', 'della', 'dos', 'das', 'du', 'le', 'la', 'van', 'von', 'der', 'den', 'ter', 'ten', 'bin', 'al', 'el']);

/** A job title ends with one of these (compared folded). */
const ROLE_NOUNS = new Set(
  (
    'engineer engineers developer developers lead manager coordinator director architect consultant scientist analyst officer ' +
    'cto ceo cfo coo cio ciso cpo vp president head intern designer advocate sre researcher specialist administrator admin ' +
    'owner founder cofounder principal partner editor writer evangelist strategist maintainer programmer technologist ' +
    'associate executive fellow marketer recruiter professor lecturer practitioner devops devrel chair chairperson ' +
    'expert tester operator steward ambassador organiser organizer coach trainer instructor librarian student treasurer ' +
    'secretary volunteer volunteers member members hacker hackers representative liaison champion mentor apprentice trainee'
  ).split(' '),
);

/** Words that make someone a colleague without giving a job title: "my colleague Jane Doe", "Hana Novak, kernel team". */
export const RELATION_NOUNS = new Set(['colleague', 'colleagues', 'teammate', 'coworker', 'cowork', 'workmate', 'team']);

/** Words for someone the writer brought along who is not one of their own: "our guest for the weekend". */
const GUEST_NOUNS = /^(?:[\p{L}-]+\s+)?(?:guests?|friends?|visitors?|partners?|neighbou?rs?)(?:\s+(?:for|from|at|of|on|this|last)\b.*)?$/iu;

export function isGuest(phrase: string): boolean {
  return GUEST_NOUNS.test(phrase.trim());
}

/** Whether a phrase ends in a relation word ("kernel team", "colleague"). */
export function isRelation(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  return words.length <= 4 && RELATION_NOUNS.has(fold(words[words.length - 1]));
}

export function looksLikeJobTitle(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  if (words.length === 0 || words.length > 8) return false;
  if (/\b(?:head|vp|director|chief|lead)\s+of\b/i.test(phrase)) return true;
  return ROLE_NOUNS.has(fold(words[words.length - 1]));
}

export function isRoleNoun(word: string): boolean {
  return ROLE_NOUNS.has(fold(word));
}

/** Capitalised words that begin sentences or name things, never a person's first name. */
const NOT_FIRST_NAMES = new Set(
  (
    'the a an our my this that these those their his her its we i in on at for from by with and but or of to during after before ' +
    'while when then also some final day keynote talk session panel workshop kubecon fosdem cloud open kubernetes ' +
    // "What Sofia took away", "On Thursday Deniz Arslan": question words and dates lead into a name.
    'what who whom whose why how where which so if as once since until yesterday today tomorrow ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december'
  ).split(' '),
);

/** "Ruby Nguyen", "Jacob O’Farrell", "Leo Di Donato": two to four capitalised words, allowing surname particles. */
export function looksLikePersonName(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  if (NOT_FIRST_NAMES.has(fold(words[0]))) return false;
  if (words.some((word) => isRoleNoun(word) || /['’]s$/.test(word))) return false;
  // "On Friday I caught …", "Really I recomend …": the pronoun is not a surname, nor a single letter one.
  if (/^\p{L}$/u.test(words[words.length - 1]) || words.includes('I')) return false;
  return words.every(
    (word, index) =>
      /^\p{Lu}[\p{L}’'.-]*$/u.test(word) || (index > 0 && index < words.length - 1 && NAME_PARTICLES.has(word.toLowerCase())),
  );
}

/** "Koenig" for "König" (folded "konig"): an umlaut written out as a vowel and "e". */
function transliterated(written: string, known: string): boolean {
  return written.length >= 4 && written !== known && /[aou]e/.test(written) && written.replace(/(?<=[aou])e/g, '') === known;
}

/** How well a written name matches a speaker's: the same words, joined or split differently, or a spelling variant. */
export type NameMatch = 'exact' | 'joined' | 'variant';

/**
 * A one-word speaker name that is a handle rather than a first name: long enough, and written
 * in lower case, with a digit or in camel case ("neobrain", "th0mas", "maltman23", "PistonMiner");
 * "Lena" or "Sec" are not.
 */
export function isHandle(name: string): boolean {
  return /^[\p{L}\p{N}_.-]{5,}$/u.test(name) && (/\d/.test(name) || name === name.toLowerCase() || /^\p{Lu}?[\p{Ll}\p{N}]+\p{Lu}[\p{L}\p{N}]*$/u.test(name));
}

/** Adjacent capitalised words, with lower-case surname particles allowed inside ("Leo di Donato"). */
export function isNameWindow(window: Token[], text: string): boolean {
  for (let k = 0; k < window.length; k++) {
    const token = window[k];
    const inner = k > 0 && k < window.length - 1;
    if (!isCapitalised(token.raw) && !(inner && NAME_PARTICLES.has(token.key))) return false;
    if (k > 0 && !/^[ \t\u00a0-]{1,2}$/.test(text.slice(window[k - 1].end, token.start))) return false;
  }
  return true;
}

/**
 * How a written name compares with a speaker's: the same words; the same letters joined or split
 * differently ("DiDonato", "Cold Water"); or one word off by a dropped, doubled, changed or swapped
 * letter, or a short form of the first name ("Matt" for "Matthew"), with the other words the same.
 */
export function compareNames(written: string[], known: string[]): NameMatch | null {
  if (written.length === known.length && written.every((key, k) => key === known[k] || transliterated(key, known[k]))) return 'exact';
  // "Edgar Saumell" for "Edgar Saumell Oechsle": a second surname left out.
  if (known.length >= 3 && written.length === known.length - 1 && written.length >= 2 && written.every((key, k) => key === known[k])) return 'variant';
  const writtenJoined = written.join('');
  const knownJoined = known.join('');
  if (known.length >= 2 && writtenJoined === knownJoined) return 'joined';
  if (written.length === known.length && written.length >= 2) {
    const differing = written.map((key, k) => k).filter((k) => written[k] !== known[k]);
    if (differing.length === 1) {
      const [k] = differing;
      const a = written[k];
      const b = known[k];
      if (Math.min(a.length, b.length) >= 4 && editDistance(a, b, 1) <= 1) return 'variant';
      if (k === 0 && Math.min(a.length, b.length) >= 3 && (b.startsWith(a) || a.startsWith(b))) return 'variant';
    }
  }
  if (known.length >= 2 && written.length >= 1 && writtenJoined.length >= 9 && written.length !== known.length && editDistance(writtenJoined, knownJoined, 1) <= 1) {
    return 'variant';
  }
  return null;
}
