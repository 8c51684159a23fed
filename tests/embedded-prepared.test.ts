// The embedded database runs the read path's statements prepared once (PREPARE, then EXECUTE with
// the values written as literals). A value must reach PostgreSQL exactly as a bound value would:
// quotes, backslashes, braces, nulls in arrays, dates; what has no plain literal runs unprepared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.js';
import { sqlLiterals } from '../src/db/sql.js';
import { Prisma } from '../src/generated/prisma/client.js';

describe('values written as literals for EXECUTE', () => {
  it('writes escaped string literals, doubling quotes and backslashes, and arrays in PostgreSQL’s array syntax', () => {
    expect(sqlLiterals(["O'Farrell", 'a\\b', 20, true, null, undefined])).toEqual(["E'O''Farrell'", "E'a\\\\b'", "E'20'", "E'true'", 'NULL', 'NULL']);
    expect(sqlLiterals([['HIGHLIGHT', 'DAY_HIGHLIGHT']])).toEqual(['E\'{"HIGHLIGHT","DAY_HIGHLIGHT"}\'']);
    // In the array, a backslash escapes the element's quote; the literal then doubles each backslash.
    expect(sqlLiterals([['a"b', null, "it's"]])).toEqual(['E\'{"a\\\\"b",NULL,"it\'\'s"}\'']);
    expect(sqlLiterals([new Date('2020-08-20T00:00:00Z')])).toEqual(["E'2020-08-20T00:00:00.000Z'"]);
  });

  it('has no literal for bytes, objects, nested arrays or a NUL character, which run unprepared', () => {
    expect(sqlLiterals([new Uint8Array([1])])).toBeUndefined();
    expect(sqlLiterals([{ a: 1 }])).toBeUndefined();
    expect(sqlLiterals([[[1]]])).toBeUndefined();
    expect(sqlLiterals(['a\0b'])).toBeUndefined();
  });
});

describe('prepared reads on embedded PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  });
  afterAll(() => db?.close());

  const awkward = ["plain", "O'Farrell", 'back\\slash', "back\\' quote", 'trailing\\', 'a "quoted" word', '{braces}', "'; DROP TABLE x; --", 'naïve – ünïcode ✓', ''];

  it('returns every value as it was given, the first time and once prepared, whatever standard_conforming_strings says', async () => {
    for (const round of [1, 2, 3, 4]) {
      // The last round reads backslashes in ordinary literals as escapes, as servers before 9.1 did.
      if (round === 4) await db.sql.run('SET standard_conforming_strings = off', []);
      for (const value of awkward) {
        const [row] = await db.sql.query<{ text: string; list: string[]; n: number; day: Date; flag: boolean; none: string | null }>(
          Prisma.sql`SELECT ${value}::text AS text, ${[value, null, 'x']}::text[] AS list, ${41}::int + 1 AS n, ${'2020-08-20'}::date AS day,
            ${true}::boolean AS flag, ${null}::text AS none`,
        );
        expect(row, `round ${round}: ${value}`).toEqual({ text: value, list: [value, null, 'x'], n: 42, day: new Date('2020-08-20T00:00:00Z'), flag: true, none: null });
      }
    }
    await db.sql.run('SET standard_conforming_strings = on', []);
    const [{ count }] = await db.sql.run<{ count: number }>(`SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement LIKE '%AS flag%'`, []);
    expect(count).toBe(1);
  });

  it('reports a statement PostgreSQL refuses with PostgreSQL’s own error every time, and goes on answering others', async () => {
    // `$1 IS NULL` gives the parameter no type: PREPARE refuses it, and so does an unnamed statement.
    for (const round of [1, 2]) {
      await expect(db.sql.query(Prisma.sql`SELECT ${null} IS NULL AS missing`), `round ${round}`).rejects.toThrow(/could not determine data type of parameter \$1/);
    }
    const [row] = await db.sql.query<{ missing: boolean }>(Prisma.sql`SELECT ${null}::text IS NULL AS missing`);
    expect(row).toEqual({ missing: true });
  });
});
