// Rules every Sched source shares once a session is read, whether it came from the iCalendar feed
// (sched-ics.ts) or from JSON lines scraped from the event pages (sched-jsonl.ts): which entries
// are not sessions, the kind of a session, and its speakers and their organisations as dataset
// records. One place, so the same programme read from either export gives the same graph.
import { type DatasetCollector, httpUrl, kindFromLabel, type OrganisationKind, type SpeakerInput, type TalkKind } from './common.js';
import { looksLikeJobTitle, type ParsedSpeaker, splitSummary } from './sched-speakers.js';

/** Sched categories that are not sessions; compared after removing leading emoji, case-insensitively. */
const NON_SESSION_CATEGORIES = new Set(['breaks', 'registration']);
/** Breaks filed under a session category: "Project Lightning Talk: Break", "Mini Break", "Lunch | On Own". */
const BREAK_TITLE = /^(?:(?:mini|coffee|lunch) )?break$|^lunch(?: \| on own)?$/i;
/** Sched keeps a withdrawn session on the programme with its title prefixed: "CANCELED: Development Environments …". */
const CANCELLED_TITLE = /^cancell?ed\s*:/i;

/**
 * Sched's "company" slot sometimes holds a role instead ("Jane Doe, Maintainer" in project
 * lightning talks, "Independent"). These make no organisation: the speaker is recorded without
 * one and no affiliation is added. Compared case-insensitively; see also isRoleNotOrganisation().
 */
const ROLE_AFFILIATIONS = new Set([
  'independent', 'independent contributor', 'individual contributor', 'unaffiliated', 'self', 'self-employed', 'freelance',
  'freelancer', 'retired', 'student', 'maintainer', 'core maintainer', 'project maintainer', 'contributor', 'reviewer',
  'community member', 'ambassador', 'cncf ambassador', 'none', 'n/a',
]);

/** Not a break, not the registration desk or cloakroom, not cancelled. `categories` are without leading symbols. */
export function isSchedSession(title: string, categories: readonly string[]): boolean {
  if (categories.some((category) => NON_SESSION_CATEGORIES.has(category.toLowerCase()))) return false;
  if (CANCELLED_TITLE.test(title)) return false;
  const titleWithoutLabel = title.split(': ').pop()!;
  return !BREAK_TITLE.test(withoutSymbols(titleWithoutLabel));
}

/**
 * Kind from the categories ("Keynote Sessions", "⚡ Lightning Talks", "Project Lightning Talks",
 * "BoF"), else from a short label before ": " or " | " in the title ("Keynote:", "Project
 * Lightning Talk:", "Panel:", "Network Nook Meetup:"), else WORKSHOP for titles that say
 * workshop, else TALK.
 */
export function schedSessionKind(title: string, categories: readonly string[]): TalkKind {
  for (const category of categories) {
    const kind = kindFromLabel(category);
    if (kind) return kind;
  }
  const labels = title.split(/: | \| /).slice(0, -1).map(withoutLeadingSymbols);
  for (const label of labels) {
    const kind = label.split(' ').length <= 3 ? kindFromLabel(label) : undefined;
    if (kind) return kind;
  }
  return /\bworkshop\b/i.test(title) ? 'WORKSHOP' : 'TALK';
}

/**
 * Reads "<title> - <speakers>" titles into talk titles and speaker records. Built from every title
 * of the file first: the names found there settle ambiguous speaker lists (see sched-speakers.ts).
 */
export class SchedSpeakerReader {
  private readonly knownPeople: ReadonlySet<string>;

  constructor(titles: Iterable<string>) {
    const asName = new Map<string, number>();
    const asOrganisation = new Map<string, number>();
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const title of titles) {
      for (const speaker of splitSummary(title).speakers) {
        count(asName, speaker.name);
        for (const affiliation of speaker.affiliations) count(asOrganisation, affiliation.organisation);
      }
    }
    // A "name" that the other titles give more often as an organisation is one ("Madhu Rajanna,
    // IBM, Artem Torubarov & …" has "," typed for ";"); it must not make "A, IBM & B, Y" one group.
    this.knownPeople = new Set([...asName.keys()].filter((name) => (asOrganisation.get(name) ?? 0) <= asName.get(name)!));
  }

  /**
   * The title without its speaker suffix, and the speakers added to the collector. No speakers in
   * the title means "unknown", not "nobody": `speakers` is then left out, which keeps speakers
   * curated in the graph when the file is loaded again (see the merge rules in format.ts).
   */
  read(summary: string, collector: DatasetCollector): { title: string; speakers?: SpeakerInput[] } {
    const { title, speakers } = splitSummary(summary, this.knownPeople);
    return speakers.length > 0 ? { title, speakers: speakers.map((speaker) => addSpeaker(speaker, collector)) } : { title };
  }
}

function addSpeaker(speaker: ParsedSpeaker, collector: DatasetCollector): SpeakerInput {
  const person = collector.person(speaker.name);
  let organisation: string | undefined;
  for (const affiliation of speaker.affiliations) {
    if (isRoleNotOrganisation(affiliation.organisation)) continue;
    const slug = collector.organisation(affiliation.organisation, organisationKind(affiliation.organisation));
    collector.affiliate(person, slug, affiliation.jobTitle);
    organisation ??= slug;
  }
  return organisation ? { person, organisation } : { person };
}

/**
 * A "company" that is really a role: one of ROLE_AFFILIATIONS, or a short job title such as
 * "Lead Maintainer" or "Research Scientist" (three words at most, so "The Platform Engineering
 * Company" stays an organisation).
 */
export function isRoleNotOrganisation(organisation: string): boolean {
  return ROLE_AFFILIATIONS.has(organisation.toLowerCase()) || (organisation.split(' ').length <= 3 && looksLikeJobTitle(organisation));
}

/**
 * Sched has no organisation types. Only names that say what they are get a kind; the rest are
 * left to the graph (new ones become COMPANY there), so an import never overwrites a kind someone
 * set by hand.
 */
export function organisationKind(name: string): OrganisationKind | undefined {
  if (/\bfoundation\b/i.test(name)) return 'FOUNDATION';
  if (/\buniversit|\bcollege\b|\bhochschule\b|\binstitute of technology\b/i.test(name)) return 'UNIVERSITY';
  return undefined;
}

/** "🚨 Contribfest" -> "Contribfest": Sched decorates categories and titles with emoji. */
export function withoutLeadingSymbols(text: string): string {
  return text.replace(/^[^\p{L}\p{N}[(]+/u, '').trim();
}

/** "Coffee Break ☕" -> "Coffee Break". */
function withoutSymbols(text: string): string {
  return withoutLeadingSymbols(text).replace(/[^\p{L}\p{N})\]]+$/u, '').trim();
}

/** The Sched site ("https://kccnceu2026.sched.com/") when all event URLs are on one host. */
export function commonWebsite(urls: Iterable<string | undefined>): string | undefined {
  const origins = new Set<string>();
  for (const value of urls) {
    const url = httpUrl(value);
    if (url) origins.add(new URL(url).origin);
  }
  return origins.size === 1 ? httpUrl(`${[...origins][0]}/`) : undefined;
}
