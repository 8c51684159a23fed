// Speakers in a Sched SUMMARY. Sched's feeds have no speaker fields; it appends the speakers to
// the title: "<Title> - <speakers>". The speaker list is free text built by Sched (and sometimes
// typed by organisers), so this is a careful reading of its conventions, not a grammar:
//
// - groups of speakers from one organisation are separated by "; " when there are three or more
//   groups: "A, CNCF; B, Red Hat; C & D, Google";
// - within a group, names are separated by ", ", " & " or " and ", and ", <Organisation>" ends the
//   group: "A & B, Red Hat" is two people at Red Hat, "A, B, C & D, Red Hat" four;
// - with fewer groups, " & " separates the groups too: "A, Monzo & B, Independent". So "A, X & B, Y"
//   is read as A at X and B at Y (in the KubeCon 2026 file X is an organisation almost every
//   time), unless X is somebody known to speak elsewhere in the same file ("Lin Sun, Peter
//   Jausovec & Eitan Yarmush, Solo.io": three people at Solo.io);
// - keynote speakers have job titles: "Name, Job Title, Organisation". The first part is the
//   name, the last the organisation, everything between the job title, which may itself contain
//   commas ("Executive Director, Cloud and Infrastructure"). It is only taken as a job title when
//   it reads as one (it contains a word such as Engineer, Director or CTO);
// - "Founder & CEO" is one job title; "…, Kubewarden & Core Maintainer, Helm" gives the speaker a
//   second affiliation;
// - names alone, with no organisation: "Katherine Druckman and Lori Lorusso".
import { isLegalSuffix } from './common.js';

export interface ParsedAffiliation {
  organisation: string;
  jobTitle?: string;
}

export interface ParsedSpeaker {
  name: string;
  /** In the order given; the first is the one the speaker represented in the talk. */
  affiliations: ParsedAffiliation[];
}

/**
 * Splits "<title> - <speakers>" at the last " - " whose right side reads as a speaker list, so a
 * " - " inside the title stays there ("FluxCD - GitOps For All Sizes - Jane Doe, Acme"). A job
 * title may itself hold " - " ("Senior Staff Engineer - Kubernetes Specialist"); the last split
 * then leaves a "name" that is a job title, which is refused, and the next split to the left is
 * tried. When no split reads as speakers, the whole SUMMARY is the title.
 *
 * `knownPeople` (names parsed from the rest of the file) settles "A, X & B, Y": see above.
 */
export function splitSummary(summary: string, knownPeople: ReadonlySet<string> = new Set()): { title: string; speakers: ParsedSpeaker[] } {
  // Organisers sometimes drop a space: "Load Awareness- Isaac Wilson, The Trade Desk".
  const dashes = [...summary.matchAll(/ - |(?<=\S)- | -(?=\S)/g)].reverse();
  for (const dash of dashes) {
    const title = summary.slice(0, dash.index).trim();
    const speakers = parseSpeakerList(summary.slice(dash.index + dash[0].length).trim(), knownPeople);
    if (title && speakers) return { title, speakers };
  }
  return { title: summary, speakers: [] };
}

interface Entry {
  name: string;
  organisation?: string;
  jobTitle?: string;
}

function parseSpeakerList(text: string, knownPeople: ReadonlySet<string>): ParsedSpeaker[] | undefined {
  if (!text || /[:?!]/.test(text)) return undefined;
  const entries = text.includes('; ') ? text.split('; ').flatMap(organisationGroup) : ampersandGroups(text, knownPeople);
  if (!entries) return undefined;

  const speakers: ParsedSpeaker[] = [];
  for (const entry of entries) {
    // "Chronosphere | A Palo Alto Networks Company": the part before " | " names the organisation.
    const organisation = entry.organisation?.split(' | ')[0].trim();
    if (looksLikeJobTitle(entry.name)) {
      // "Core Maintainer, Helm" after "Robert Sirchia, Community Manager, Kubewarden".
      const previous = speakers[speakers.length - 1];
      if (!previous || !organisation || entry.jobTitle) return undefined;
      previous.affiliations.push({ organisation, jobTitle: entry.name });
      continue;
    }
    if (!isPlausibleName(entry.name)) return undefined;
    const affiliation = organisation ? { organisation, ...(entry.jobTitle ? { jobTitle: entry.jobTitle } : {}) } : undefined;
    speakers.push({ name: entry.name, affiliations: affiliation ? [affiliation] : [] });
  }
  if (speakers.length === 0) return undefined;
  // With no organisation anywhere the text could as well be the end of a title; only accept
  // names that look like names ("Katherine Druckman"), not "Half-Day Event".
  const noOrganisations = speakers.every((speaker) => speaker.affiliations.length === 0);
  return noOrganisations && !speakers.every((speaker) => isProperName(speaker.name)) ? undefined : speakers;
}

/** One "; "-separated group: everyone in it shares the organisation at its end. */
function organisationGroup(group: string): Entry[] {
  const names = splitOnAnd(group.split(' & '));
  const items = commaItems(names.join(', '));
  if (items.length === 1) return [{ name: items[0] }];
  const organisation = items.pop()!;
  if (names.length === 1 && items.length >= 2 && items.slice(1).some(looksLikeJobTitle)) {
    return [{ name: items[0], jobTitle: items.slice(1).join(', '), organisation }];
  }
  return items.map((name) => ({ name, organisation }));
}

/** A list without "; ": " & " (or " and " before a name) separates people or whole groups. */
function ampersandGroups(text: string, knownPeople: ReadonlySet<string>): Entry[] | undefined {
  const chunks = joinSplitJobTitles(splitOnAnd(text.split(' & ')));
  const entries: Entry[] = [];
  let waiting: string[] = []; // names whose organisation comes later: "A & B, Acme"
  const close = (organisation: string) => {
    entries.push(...waiting.map((name) => ({ name, organisation })));
    waiting = [];
  };

  for (const [index, chunk] of chunks.entries()) {
    const items = commaItems(chunk);
    const isLast = index === chunks.length - 1;
    const middle = items.slice(1, -1);
    if (items.length === 1) {
      waiting.push(items[0]);
    } else if (middle.some(looksLikeJobTitle)) {
      const organisation = items[items.length - 1];
      close(organisation);
      entries.push({ name: items[0], jobTitle: middle.join(', '), organisation });
    } else if (items.length === 2 && !(knownPeople.has(items[1]) && !isLast)) {
      waiting.push(items[0]);
      close(items[1]);
    } else {
      // "A, B, C & D, Acme" (all names, the organisation comes later), or the Oxford-comma
      // "A, Isovalent, B, and C, Tetrate": a part that is not a name is the organisation of the
      // names before it.
      const last = isLast ? items.pop()! : undefined;
      for (const item of items) {
        if (isProperName(item) || knownPeople.has(item)) waiting.push(item);
        else if (waiting.length > 0) close(item);
        else return undefined;
      }
      if (last) close(last);
    }
  }
  entries.push(...waiting.map((name) => ({ name })));
  return entries;
}

/** "Jane Doe, Acme and John Roe, Beta" -> ["Jane Doe, Acme", "John Roe, Beta"]; "Manager and Technologist" stays. */
function splitOnAnd(chunks: string[]): string[] {
  return chunks.flatMap((chunk) => {
    const parts = chunk.split(' and ');
    const result = [parts[0]];
    for (const part of parts.slice(1)) {
      if (isProperName(part.split(',')[0].trim())) result.push(part);
      else result[result.length - 1] += ` and ${part}`;
    }
    return result;
  });
}

/**
 * Rejoins what " & " split wrongly: "Founder & CEO" (a job title, when the text before " & " ends
 * in one) and "Banque Pictet & Cie SA" (an organisation).
 */
function joinSplitJobTitles(chunks: string[]): string[] {
  const joined: string[] = [];
  for (const chunk of chunks) {
    const previous = joined[joined.length - 1];
    const previousLast = previous?.split(',').pop()?.trim() ?? '';
    const first = chunk.split(',')[0].trim();
    const continuesTitle = previous !== undefined && previous.includes(',') && looksLikeJobTitle(previousLast) && looksLikeJobTitle(first);
    if (previous !== undefined && (continuesTitle || /^(?:co|cie|company)\b/i.test(first))) joined[joined.length - 1] = `${previous} & ${chunk}`;
    else joined.push(chunk);
  }
  return joined;
}

/** Splits on commas but keeps a legal suffix with its organisation: "Acme, Inc." stays one item. */
function commaItems(text: string): string[] {
  const items: string[] = [];
  for (const part of text.split(',').map((item) => item.trim())) {
    if (items.length > 0 && isLegalSuffix(part)) items[items.length - 1] += `, ${part}`;
    else if (part) items.push(part);
  }
  return items;
}

const JOB_WORDS = new RegExp(
  `\\b(?:${[
    'engineer', 'engineering', 'developer', 'programmer', 'manager', 'maintainer', 'director', 'architect', 'lead',
    'leader', 'head', 'founder', 'co-founder', 'cofounder', 'officer', 'president', 'vp', 'svp', 'evp', 'cto', 'ceo',
    'cfo', 'coo', 'ciso', 'cio', 'advocate', 'evangelist', 'consultant', 'specialist', 'scientist', 'researcher',
    'analyst', 'strategist', 'technologist', 'contributor', 'reviewer', 'chair', 'owner', 'partner', 'principal',
    'staff', 'senior', 'sr', 'junior', 'intern', 'student', 'professor', 'lecturer', 'fellow', 'ambassador',
    'designer', 'administrator', 'executive', 'associate', 'coordinator', 'organiser', 'organizer', 'champion',
    'expert', 'member', 'sre', 'devops', 'product', 'program', 'community',
  ].join('|')})\\b`,
  'i',
);

/** Whether the text reads as a job title: it contains a word like Engineer, Director, CTO, Maintainer. */
export function looksLikeJobTitle(text: string): boolean {
  return JOB_WORDS.test(text);
}

/** Could be a name: letters, at most six words, no digits, no "|", no " - ", not a job title. */
function isPlausibleName(name: string): boolean {
  return (
    /\p{L}/u.test(name) &&
    name.length <= 80 &&
    name.split(' ').length <= 6 &&
    !/[\d|]/.test(name) &&
    !name.includes(' - ') &&
    !looksLikeJobTitle(name)
  );
}

const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'dos', 'del', 'la', 'le', 'bin', 'al', 'y']);

/** Words of session titles that no name has: "Hands-on Development and Contribution Workshop". */
const TITLE_WORDS = /\b(?:workshop|development|contribution|session|summit|tutorial|introduction|hands-on)\b/i;

/**
 * Reads as a person's name: two to five words, each capitalised or a particle such as "van",
 * not all in capitals ("SOLD OUT") and without words that titles use.
 */
function isProperName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return (
    isPlausibleName(name) &&
    words.length >= 2 &&
    words.length <= 5 &&
    words.every((word) => NAME_PARTICLES.has(word) || /^\p{Lu}/u.test(word)) &&
    /\p{Ll}/u.test(name) &&
    !TITLE_WORDS.test(name)
  );
}
