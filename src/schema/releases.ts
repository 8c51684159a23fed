// The schema's contract with its clients: the SDL of each release is kept in schema/releases/
// (<version>.graphql), and the schema the code builds is compared with the last one by
// @graphql-inspector/core. A breaking change (a field removed, a type narrowed) fails the check
// unless schema/accepted-changes.json lists it with a reason; dangerous and safe changes are only
// reported. `npm run schema:check` runs it (scripts/check-schema.ts), and so does the schema spec.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { buildSchema } from 'graphql';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';

export const releasesDir = resolve(import.meta.dirname, '../../schema/releases');
export const acceptedChangesFile = resolve(import.meta.dirname, '../../schema/accepted-changes.json');
export const packageVersion = (): string => (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

export interface AcceptedChange {
  message: string;
  path?: string;
  /** Why breaking clients is acceptable here: who was told, what replaces it. */
  reason: string;
}

/** Breaking changes accepted since the release `against`; a new release starts a new, empty list. */
export interface AcceptedChanges {
  against: string;
  accepted: AcceptedChange[];
}

export interface Release {
  version: string;
  file: string;
  sdl: string;
}

export interface SchemaChanges {
  release: Release;
  /** Breaking changes nobody accepted: the check fails on these. */
  breaking: Change[];
  /** Breaking changes listed in accepted-changes.json. */
  accepted: Change[];
  /** Changes that may alter what existing queries get (an argument's default, a new enum value). */
  dangerous: Change[];
  safe: Change[];
  /** Entries of accepted-changes.json that match no change (left over after a fix). */
  stale: AcceptedChange[];
}

const versionParts = (version: string) => version.split(/[.-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function compareVersions(a: string, b: string): number {
  const [left, right] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    if (x === y) continue;
    if (x === undefined) return 1; // 1.0.0 comes after 1.0.0-rc.1
    if (y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** The newest release in schema/releases, by version number. */
export function lastRelease(dir = releasesDir): Release {
  const versions = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.graphql')).map((file) => file.slice(0, -'.graphql'.length)) : [];
  if (versions.length === 0) throw new Error(`No release in ${dir}: record one with npm run schema:check -- --release.`);
  const [version] = versions.sort(compareVersions).slice(-1);
  const file = resolve(dir, `${version}.graphql`);
  return { version, file, sdl: readFileSync(file, 'utf8') };
}

export function readAcceptedChanges(file = acceptedChangesFile): AcceptedChanges | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AcceptedChanges) : undefined;
}

const matches = (entry: AcceptedChange, change: Change) => entry.message === change.message && (entry.path === undefined || entry.path === change.path);

/**
 * The changes from `release` to `currentSdl`, sorted by criticality. Accepted changes count only
 * when they were accepted against this release.
 */
export async function schemaChanges(currentSdl: string, release: Release, acceptedChanges?: AcceptedChanges): Promise<SchemaChanges> {
  const changes = await diff(buildSchema(release.sdl), buildSchema(currentSdl));
  const accepted = acceptedChanges?.against === release.version ? acceptedChanges.accepted : [];
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  return {
    release,
    breaking: breaking.filter((change) => !accepted.some((entry) => matches(entry, change))),
    accepted: breaking.filter((change) => accepted.some((entry) => matches(entry, change))),
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((change) => change.criticality.level === CriticalityLevel.NonBreaking),
    stale: accepted.filter((entry) => !breaking.some((change) => matches(entry, change))),
  };
}

/** `changes.breaking` added to the accepted list, with `reason`, against the release they were found against. */
export function withAccepted(changes: SchemaChanges, reason: string, previous?: AcceptedChanges): AcceptedChanges {
  const kept = previous?.against === changes.release.version ? previous.accepted : [];
  return {
    against: changes.release.version,
    accepted: [...kept, ...changes.breaking.map((change) => ({ message: change.message, ...(change.path ? { path: change.path } : {}), reason }))],
  };
}

/** A report for people: each change on a line, grouped by criticality. */
export function formatChanges(changes: SchemaChanges): string {
  const section = (title: string, list: Array<{ message: string; path?: string }>, note = (_: number) => '') =>
    list.length === 0 ? [] : [`${title} (${list.length}):`, ...list.map((change, i) => `  - ${change.message}${note(i)}`)];
  const lines = [
    `The schema against release ${changes.release.version} (${relative(process.cwd(), changes.release.file)}):`,
    ...section('Breaking, not accepted', changes.breaking, (i) => (changes.breaking[i].criticality.reason ? ` (${changes.breaking[i].criticality.reason})` : '')),
    ...section('Breaking, accepted in schema/accepted-changes.json', changes.accepted),
    ...section('Dangerous', changes.dangerous),
    ...section('Safe', changes.safe),
    ...section('Accepted, but no longer a change (remove them from schema/accepted-changes.json)', changes.stale),
  ];
  if (lines.length === 1) lines.push('  no change.');
  return lines.join('\n');
}
