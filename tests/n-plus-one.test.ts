// The number of SQL statements a request runs grows with the depth of the query, not with the
// number of rows it returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/db/load-dataset.js';
import { createApp, type App } from '../src/yoga.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './helpers/databases.js';
import { syntheticGraph } from './helpers/factories.js';
import { execute } from './helpers/graphql.js';

const nested = `query Nested($conferences: Int!, $talks: Int!) {
  conferences(first: $conferences, orderBy: OLDEST) {
    nodes {
      name
      talks(first: $talks) {
        totalCount
        nodes {
          title
          speakers {
            person { name }
            organisation {
              name
              staff(first: 5) {
                totalCount
                nodes {
                  jobTitle
                  person {
                    name
                    reactions(first: 5) { totalCount nodes { kind talk { title } } }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

/** Runs the query and returns how many statements it sent, and how many talks it returned. */
async function measure(app: App, db: TestDatabase, variables: { conferences: number; talks: number }) {
  const statements: string[] = [];
  const stop = db.onQuery((sql) => {
    if (!/^(BEGIN|COMMIT|ROLLBACK|-- Implicit)/i.test(sql.trim())) statements.push(sql);
  });
  try {
    const data = await execute(app, nested, { variables });
    const talks = data.conferences.nodes.flatMap((c: any) => c.talks.nodes);
    const staff = talks.flatMap((t: any) => t.speakers.flatMap((s: any) => s.organisation.staff.nodes));
    return { statements: statements.length, talks: talks.length, staff: staff.length, sql: statements };
  } finally {
    stop();
  }
}

describe.each(databaseKinds)('statements per request on %s PostgreSQL', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase(kind, { observeQueries: true });
    await loadDataset(db.prisma, syntheticGraph({ conferences: 3, talksPerConference: 100, organisations: 40, people: 400 }));
    app = createApp({ database: db, logging: false });
  });
  afterAll(() => db?.dispose());

  it('stay the same from 2 talks to 300 talks for conference -> talks -> speakers -> organisations -> staff -> reactions', async () => {
    const small = await measure(app, db, { conferences: 1, talks: 2 });
    const large = await measure(app, db, { conferences: 3, talks: 100 });
    expect(small.talks).toBe(2);
    expect(large.talks).toBe(300);
    expect(large.staff).toBeGreaterThan(1000);
    console.log(
      `[${kind}] nested query: ${small.statements} statements for ${small.talks} talks, ${large.statements} for ${large.talks} talks (${large.staff} staff rows)`,
    );
    expect(large.statements).toBe(small.statements);
    // One statement per level of the query, plus the root count, with room for Prisma's own splits.
    expect(large.statements).toBeLessThanOrEqual(12);
  });
});
