// The filter inputs on the seed's two talks and two reactions: every combinator of the one
// condition type (AND, OR, NOT, some / every / none, ranges) that talk and reaction lists share,
// and the errors that say which part of a filter to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/yoga.js';
import { createSeededDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { execute, expectError } from './helpers/graphql.js';

const prow = 'Going Beyond CI/CD With Prow';
const threats = 'Advanced Persistence Threats — The Future of Kubernetes Attacks';

describe.each(databaseKinds)('filters on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createSeededDatabase(kind);
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  const titles = async (filter: string) => {
    const data = await execute(app, `{ talks(filter: ${filter}, orderBy: TITLE) { nodes { title } } }`);
    return data.talks.nodes.map((talk: { title: string }) => talk.title);
  };

  it('relates talks to speakers with some, every and none', async () => {
    expect(await titles('{ speakers: { some: { organisation: "darkbit" } } }')).toEqual([threats]);
    // Every speaker of the Prow talk represented Sysdig; one of the other talk's two did not represent Darkbit.
    expect(await titles('{ speakers: { every: { organisation: "sysdig" } } }')).toEqual([prow]);
    expect(await titles('{ speakers: { every: { organisationKinds: [COMPANY] } } }')).toEqual([threats, prow]);
    expect(await titles('{ speakers: { none: { person: "leo-di-donato" } } }')).toEqual([threats]);
    expect(await titles('{ speakers: { some: { person: "ian-coldwater", organisation: "salesforce" } } }')).toEqual([threats]);
    expect(await titles('{ speakers: { some: { person: "ian-coldwater", organisation: "darkbit" } } }')).toEqual([]);
  });

  it('relates talks to topics and reactions the same way', async () => {
    expect(await titles('{ topics: { some: { slugs: ["kubernetes-security", "prow"] } } }')).toEqual([threats, prow]);
    expect(await titles('{ topics: { none: { slugs: ["prow"] } } }')).toEqual([threats]);
    expect(await titles('{ topics: { every: { slugs: ["kubernetes", "kubernetes-security"] } } }')).toEqual([threats]);
    expect(await titles('{ reactions: { some: { kinds: [DAY_HIGHLIGHT] } } }')).toEqual([threats]);
    expect(await titles('{ reactions: { none: { organisation: "max-kelsen" } } }')).toEqual([]);
    expect(await titles('{ reactedTo: { person: "matthew-rose" } }')).toEqual([prow]);
  });

  it('combines conditions with AND, OR and NOT, an empty OR matching nothing', async () => {
    expect(await titles('{ OR: [{ speaker: "leo-di-donato" }, { topic: "kubernetes-security" }] }')).toEqual([threats, prow]);
    expect(await titles('{ AND: [{ topic: "kubernetes" }, { NOT: { speaker: "leo-di-donato" } }] }')).toEqual([threats]);
    expect(await titles('{ OR: [] }')).toEqual([]);
    expect(await titles('{ NOT: { OR: [] } }')).toEqual([threats, prow]);
    expect(await titles('{ tracks: [] }')).toEqual([]);
    expect(await titles('{ conferences: [] }')).toEqual([]);
    expect(await titles('{ years: { from: 2020, to: 2020 } }')).toEqual([threats, prow]);
    expect(await titles('{ years: { from: 2021 } }')).toEqual([]);
  });

  it('filters reactions with the same combinators', async () => {
    const reactors = async (filter: string) => {
      const data = await execute(app, `{ reactions(filter: ${filter}, orderBy: PERSON) { nodes { person { name } } } }`);
      return data.reactions.nodes.map((reaction: { person: { name: string } }) => reaction.person.name);
    };
    expect(await reactors('{ OR: [{ kinds: [HIGHLIGHT] }, { person: "esmael-tahmasebi" }] }')).toEqual(['Esmael Tahmasebi', 'Matthew Rose']);
    expect(await reactors('{ NOT: { kinds: [HIGHLIGHT] } }')).toEqual(['Esmael Tahmasebi']);
    expect(await reactors('{ conferences: ["kubecon-cloudnativecon-europe-2020"], organisation: "max-kelsen" }')).toEqual(['Esmael Tahmasebi', 'Matthew Rose']);
    expect(await reactors('{ conferences: [] }')).toEqual([]);
  });

  it('reads an empty slug as no condition, as before the filters shared their compiler', async () => {
    expect(await titles('{ conference: "", speaker: "", topic: "", organisation: "" }')).toEqual([threats, prow]);
    expect(await titles('{ speakers: { some: { person: "", organisation: "darkbit" } } }')).toEqual([threats]);
    const data = await execute(app, '{ reactions(filter: { person: "", organisation: "", article: "", conference: "", conferences: ["kubecon-cloudnativecon-europe-2020"] }) { totalCount } }');
    expect(data.reactions.totalCount).toBe(2);
  });

  it('says which part of a filter to change', async () => {
    const reversed = await expectError(app, '{ talks(filter: { AND: [{ years: { from: 2026, to: 2020 } }] }) { totalCount } }');
    expect(reversed).toMatchObject({ code: 'INVALID_INPUT', message: 'filter.AND[0].years: "to" (2020) is before "from" (2026).' });
    const both = await expectError(app, '{ reactions(filter: { NOT: { conference: "a", conferences: ["b"] } }) { totalCount } }');
    expect(both).toMatchObject({ code: 'INVALID_INPUT', message: 'filter.NOT: give conference or conferences, not both.' });
    const unknown = await expectError(app, '{ talks(filter: { speakers: { some: { organisation: "nobody-inc" } } }) { totalCount } }');
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(/^filter\.speakers\.organisation: no organisation has the slug "nobody-inc"/);
  });
});
