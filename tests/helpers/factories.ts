import type { DatasetInput } from '../../src/dataset/format.js';

export interface GraphShape {
  conferences: number;
  talksPerConference: number;
  organisations: number;
  people: number;
}

/**
 * A deterministic synthetic graph: talks with two speakers each (representing their employers),
 * everyone employed somewhere, and one reaction per talk recorded in a single article.
 */
export function syntheticGraph({ conferences, talksPerConference, organisations, people }: GraphShape): DatasetInput {
  const org = (i: number) => `org-${i % organisations}`;
  const person = (i: number) => `person-${i % people}`;
  return {
    format: 'talkgraph',
    version: 1,
    organisations: Array.from({ length: organisations }, (_, i) => ({ slug: org(i), name: `Organisation ${i}` })),
    people: Array.from({ length: people }, (_, i) => ({
      slug: person(i),
      name: `Person ${String(i).padStart(4, '0')}`,
      affiliations: [{ organisation: org(i), jobTitle: i % 2 ? 'Engineer' : 'Manager' }],
    })),
    conferences: Array.from({ length: conferences }, (_, c) => ({
      slug: `conf-${c}`,
      name: `Conference ${c}`,
      year: 2000 + c,
      startsOn: `${2000 + c}-02-01`,
      talks: Array.from({ length: talksPerConference }, (_, t) => {
        const n = c * talksPerConference + t;
        return {
          slug: `talk-${t}`,
          title: `Talk ${t} of conference ${c}`,
          day: 1 + (t % 3),
          speakers: [{ person: person(n), organisation: org(n) }, { person: person(n + 7), organisation: org(n + 7) }],
        };
      }),
    })),
    articles: [
      {
        slug: 'synthetic-reactions',
        title: 'Synthetic reactions',
        reactions: Array.from({ length: conferences * talksPerConference }, (_, n) => ({
          person: person(n * 3 + 1),
          organisation: org(n * 3 + 1),
          talk: `conf-${Math.floor(n / talksPerConference)}/talk-${n % talksPerConference}`,
          kind: n % 2 ? ('HIGHLIGHT' as const) : ('TAKEAWAY' as const),
          summary: `Reaction ${n}`,
        })),
      },
    ],
  };
}

/**
 * One conference with `talks` talks over three days, at distinct times, each with two speakers from
 * the people of a syntheticGraph already in the graph (person-0 ... person-<people - 1>).
 */
export function largeConference(slug: string, talks: number, people: number): DatasetInput {
  const start = Date.UTC(2030, 1, 1, 8);
  return {
    format: 'talkgraph',
    version: 1,
    conferences: [
      {
        slug,
        name: `Large conference ${slug}`,
        year: 2030,
        startsOn: '2030-02-01',
        endsOn: '2030-02-03',
        talks: Array.from({ length: talks }, (_, t) => ({
          slug: `talk-${t}`,
          title: `Session ${String(t).padStart(5, '0')}`,
          abstract: `A long abstract that a page of titles should never read. `.repeat(20),
          day: 1 + Math.floor((t * 3) / talks),
          startsAt: new Date(start + t * 60_000).toISOString(),
          speakers: [{ person: `person-${t % people}` }, { person: `person-${(t + 11) % people}` }],
        })),
      },
    ],
  };
}

export interface ProgrammeShape {
  talks: number;
  /** Speakers are person-<firstPerson> ... person-<firstPerson + people - 1>. */
  firstPerson: number;
  people: number;
  /** Characters of abstract per talk. Default 0 (none). */
  abstractLength?: number;
}

/**
 * One conference's programme as a schedule import would bring it: its speakers, each with a role at
 * one of ten organisations, and talks on a few shared topics. Two programmes whose person ranges
 * overlap share people, organisations and topics, as two years of one conference do.
 */
export function programme(slug: string, { talks, firstPerson, people, abstractLength = 0 }: ProgrammeShape): DatasetInput {
  const person = (i: number) => `person-${firstPerson + (i % people)}`;
  const org = (n: number) => `org-${n % 10}`;
  return {
    format: 'talkgraph',
    version: 1,
    organisations: Array.from({ length: 10 }, (_, i) => ({ slug: org(i), name: `Organisation ${i}` })),
    people: Array.from({ length: people }, (_, i) => ({
      slug: person(i),
      name: `Person ${firstPerson + i}`,
      affiliations: [{ organisation: org(firstPerson + i), jobTitle: 'Engineer' }],
    })),
    topics: Array.from({ length: 5 }, (_, i) => ({ slug: `topic-${i}`, name: `Topic ${i}` })),
    conferences: [
      {
        slug,
        name: `Programme ${slug}`,
        talks: Array.from({ length: talks }, (_, t) => ({
          slug: `talk-${t}`,
          externalId: `${slug}-${t}`,
          title: `Talk ${t} of ${slug}`,
          ...(abstractLength ? { abstract: `Talk ${t}: ${'an abstract that goes on. '.repeat(abstractLength / 24)}` } : {}),
          topics: [`topic-${t % 5}`],
          speakers: [{ person: person(t), organisation: org(firstPerson + (t % people)) }, { person: person(t + 1) }],
        })),
      },
    ],
  };
}

/** One conference in `timeZone` (none: no zone) with a talk starting at each instant of `startsAt`. */
export function timedConference(slug: string, timeZone: string | undefined, startsAt: string[]): DatasetInput {
  return {
    format: 'talkgraph',
    version: 1,
    conferences: [
      {
        slug,
        name: `Timed conference ${slug}`,
        year: Number(startsAt[0]?.slice(0, 4) ?? 2026),
        ...(timeZone ? { timeZone } : {}),
        talks: startsAt.map((at, t) => ({ slug: `talk-${t}`, title: `Talk ${t} of ${slug}`, startsAt: at })),
      },
    ],
  };
}
