// Identity: people by the slug of their normalised name, organisations by the slug of their name
// without a legal suffix. Importers build slugs with these, and the loader uses them to tell a
// spelling variant of a stored name from a real rename. See the comment at the top of
// src/importers/index.ts.
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
