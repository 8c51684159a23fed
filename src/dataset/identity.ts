// Identity: people by the slug of their normalised name, organisations by the slug of their name
// without a legal suffix. Importers build slugs with these, and the loader uses them to tell a
// spelling variant of a stored name from a real rename. See the comment at the top of
// src/importers/index.ts. Identifiers (a GitHub login, a Sessionize speaker id) identify better
// than names: the loader matches them first (src/db/identity.ts).
import { slugify } from './slug.js';

/** NFC, single spaces, trimmed: "  Jane\u00a0 Doe " -> "Jane Doe". */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A name whose letters slugify() cannot transliterate (e.g. CJK) gets a stable hash-based slug instead. */
function slugOrHash(prefix: string, name: string): string {
  return slugify(name) || `${prefix}-${fnv1a(name)}`;
}

export function personSlug(name: string): string {
  return slugOrHash('person', normaliseName(name));
}

// Legal-form suffixes that do not change which organisation is meant: "Google LLC" is "Google".
// Matched case-insensitively at the end of the name, after an optional comma; stripped repeatedly
// so "Foo Co., Ltd." becomes "Foo".
const LEGAL_SUFFIXES = [
  'inc', 'incorporated', 'llc', 'l.l.c.', 'ltd', 'limited', 'gmbh', 'corp', 'corporation', 'co', 'ag', 'sa', 's.a.',
  'b.v.', 'bv', 'n.v.', 'nv', 'plc', 'se', 'oy', 'ab', 'as', 'a/s', 'asa', 'srl', 's.r.l.', 'spa', 's.p.a.', 'sas',
  's.a.s.', 'kk', 'k.k.', 'pty ltd', 'pvt ltd', 'llp',
];
const LEGAL_SUFFIX_ALTERNATION = LEGAL_SUFFIXES.map((suffix) => suffix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
const LEGAL_SUFFIX = new RegExp(`(?:,?\\s+)(?:${LEGAL_SUFFIX_ALTERNATION})\\.?$`, 'i');
const LEGAL_SUFFIX_ALONE = new RegExp(`^(?:${LEGAL_SUFFIX_ALTERNATION})\\.?$`, 'i');

/** "Inc.", "GmbH": text that is only a legal form. */
export function isLegalSuffix(text: string): boolean {
  return LEGAL_SUFFIX_ALONE.test(text.trim());
}

/** The organisation's name without legal-form suffixes; never returns an empty string. */
export function withoutLegalSuffix(name: string): string {
  let current = normaliseName(name);
  for (let stripped = current.replace(LEGAL_SUFFIX, ''); stripped !== current && stripped.trim(); stripped = current.replace(LEGAL_SUFFIX, '')) {
    current = stripped.trim();
  }
  return current;
}

/** Also ignores a leading "The": "The Linux Foundation" and "Linux Foundation" are one organisation. */
export function organisationSlug(name: string): string {
  const base = withoutLegalSuffix(name);
  return slugOrHash('organisation', base.replace(/^the\s+(?=\S)/i, '') || base);
}

/** 32-bit FNV-1a as 8 hex digits: a short, stable, dependency-free fingerprint. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * What organisation names are compared by: the slug without its hyphens, so names that differ only
 * by spacing, case, punctuation or a legal suffix meet ("RedHat", "Red Hat", "Red-Hat, Inc.").
 * Slugs keep their hyphens for reading; only matching ignores them.
 */
export function organisationMatchKey(slugOrName: string): string {
  const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slugOrName) ? slugOrName : organisationSlug(slugOrName);
  return slug.replace(/-/g, '');
}

export const identifierSchemes = ['GITHUB', 'ORCID', 'WIKIDATA', 'WEBSITE', 'SCHED', 'SESSIONIZE', 'PRETALX', 'FRAB'] as const;
export type IdentifierScheme = (typeof identifierSchemes)[number];
export interface Identifier {
  scheme: IdentifierScheme;
  value: string;
}

/**
 * Schemes whose values are given per conference edition, written "<conference slug>/<id>". They
 * find a person again (a re-import of the edition, a renamed speaker) but never prove two people
 * different: schedule systems give one person several ids, even within one edition (FOSDEM 2007
 * lists Klaus Behrla under three), so a different id is no evidence.
 */
const EDITION_SCHEMES: ReadonlySet<IdentifierScheme> = new Set(['FRAB', 'SCHED']);

/** Whether two identifiers prove their holders are different people (or organisations). */
export function provesDifferent(a: Identifier, b: Identifier): boolean {
  if (a.scheme !== b.scheme || a.value === b.value) return false;
  return !EDITION_SCHEMES.has(a.scheme);
}

/** The same identifier written differently is one: GitHub logins are case-insensitive, ORCID's check digit is "X" in capitals. */
export function normaliseIdentifier({ scheme, value }: Identifier): Identifier {
  const trimmed = value.trim();
  switch (scheme) {
    case 'GITHUB':
      return { scheme, value: trimmed.replace(/^@/, '').toLowerCase() };
    case 'ORCID':
    case 'WIKIDATA':
      return { scheme, value: trimmed.toUpperCase() };
    case 'WEBSITE':
      return { scheme, value: trimmed.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase() };
    default:
      return { scheme, value: trimmed };
  }
}

/**
 * Identifiers a person's links prove: a GitHub profile, an ORCID iD, a Wikidata item. Other links
 * (a blog, a company site) may be shared by several people and identify nobody.
 */
export function identifiersFromLinks(links: readonly string[] | undefined): Identifier[] {
  const found: Identifier[] = [];
  for (const link of links ?? []) {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      continue;
    }
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    const [first] = url.pathname.split('/').filter(Boolean);
    if (host === 'github.com' && first && /^[a-z0-9](?:[a-z0-9-]{0,38})$/i.test(first) && url.pathname.split('/').filter(Boolean).length === 1) {
      found.push(normaliseIdentifier({ scheme: 'GITHUB', value: first }));
    } else if (host === 'orcid.org' && first && /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/i.test(first)) {
      found.push(normaliseIdentifier({ scheme: 'ORCID', value: first }));
    } else if (host === 'wikidata.org' && /^\/wiki\/Q\d+$/i.test(url.pathname)) {
      found.push(normaliseIdentifier({ scheme: 'WIKIDATA', value: url.pathname.slice(6) }));
    }
  }
  return found.filter((id, index) => found.findIndex((other) => other.scheme === id.scheme && other.value === id.value) === index);
}
