// Where a fact was stated, as stored beside it (Affiliation.sources, TalkSpeaker.organisationSource):
// the dataset format's source record with the article as its id instead of its slug, so a renamed
// article stays the source. Two sources are the same source when they agree on kind, file, record,
// article and recordedBy: that is what keeps a re-import of one file from adding a second copy.
import { canonicalEvidence, type EvidenceSpan, type SourceKind } from './format.js';

export type StoredSource = {
  kind: SourceKind;
  file?: string | null;
  record?: string | null;
  articleId?: number | null;
  evidence?: EvidenceSpan[] | null;
  recordedBy?: string | null;
  /** ISO 8601 instant. */
  recordedAt: string;
};

/** A source with its keys in one order and absent values left out: jsonb reorders keys, which must not read as a change. */
export function canonicalSource(value: unknown): StoredSource | null {
  if (value == null || typeof value !== 'object') return null;
  const source = value as StoredSource;
  const evidence = canonicalEvidence(source.evidence);
  return {
    kind: source.kind,
    ...(source.file != null ? { file: source.file } : {}),
    ...(source.record != null ? { record: source.record } : {}),
    ...(source.articleId != null ? { articleId: source.articleId } : {}),
    ...(evidence?.length ? { evidence } : {}),
    ...(source.recordedBy != null ? { recordedBy: source.recordedBy } : {}),
    recordedAt: source.recordedAt,
  };
}

/** The stored list of a row's sources, canonical. */
export function canonicalSources(value: unknown): StoredSource[] {
  return Array.isArray(value) ? value.map(canonicalSource).filter((source): source is StoredSource => source !== null) : [];
}

/** What makes two sources one: everything but when it was recorded and the evidence quoted. */
export function sourceKey(source: StoredSource): string {
  return JSON.stringify([source.kind, source.file ?? null, source.record ?? null, source.articleId ?? null, source.recordedBy ?? null]);
}

/** The same source, whenever it was recorded. */
export function sameSource(a: unknown, b: unknown): boolean {
  const [left, right] = [canonicalSource(a), canonicalSource(b)];
  if (left === null || right === null) return left === right;
  return sourceKey(left) === sourceKey(right) && JSON.stringify(left.evidence ?? null) === JSON.stringify(right.evidence ?? null);
}

/** The stored sources with the wanted ones that are not there yet appended; the first recording of a source stays. */
export function withSources(stored: readonly StoredSource[], wanted: readonly StoredSource[]): StoredSource[] {
  const keys = new Set(stored.map(sourceKey));
  const out = [...stored];
  for (const source of wanted) {
    const key = sourceKey(source);
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(source);
  }
  return out;
}

/**
 * The stored sources with `source` as the latest word of its kind: a hand entry through the API by
 * the same token replaces that token's earlier one, so its recordedAt says when it last changed the fact.
 */
export function restated(stored: readonly StoredSource[], source: StoredSource): StoredSource[] {
  const key = sourceKey(source);
  return [...stored.filter((each) => sourceKey(each) !== key), source];
}

/** The source of a hand entry through the API: the token's name (or "anonymous" where writes need none). */
export function apiSource(tokenName: string | null, now = new Date()): StoredSource {
  return { kind: 'API', recordedBy: tokenName ?? 'anonymous', recordedAt: now.toISOString() };
}
