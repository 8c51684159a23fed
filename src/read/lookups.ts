// Filters name things by slug (a conference, a topic, a speaker). In SQL a slug becomes the id of
// its row, looked up inside the statement; and a slug that names nothing must be an error that
// says which argument to fix, not an empty answer. A Lookups collects the slugs a statement's
// filters use; the statement returns one flag per slug that names nothing, which the reader turns
// into a NOT_FOUND error, so checking costs no statement of its own.
import type { Sql } from '../db/sql.js';
import { NotFoundError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';

interface SlugCheck {
  table: string;
  slug: string;
  argument: string;
}

const nouns: Record<string, string> = {
  Conference: 'conference',
  Person: 'person',
  Organisation: 'organisation',
  Topic: 'topic',
  Article: 'article',
};

export class Lookups {
  private readonly checks = new Map<string, SlugCheck>();
  private aliases = 0;

  /** A table alias no other subquery of the statement uses. */
  alias(prefix: string): Sql {
    return Prisma.raw(`${prefix}${++this.aliases}`);
  }

  /** The id of the row of `table` whose slug is `slug`, as a subquery; `argument` is the input that named it. */
  id(table: keyof typeof nouns, slug: string, argument: string): Sql {
    const key = `${table}\u0000${slug}`;
    if (!this.checks.has(key)) this.checks.set(key, { table, slug, argument });
    return Prisma.sql`(SELECT "id" FROM ${Prisma.raw(`"${table}"`)} WHERE "slug" = ${slug})`;
  }

  /** How many slugs the statement checks. */
  get count(): number {
    return this.checks.size;
  }

  get empty(): boolean {
    return this.checks.size === 0;
  }

  /** Select-list entries (each with a leading comma): a flag per slug, true when it names nothing. */
  columns(): Sql {
    if (this.empty) return Prisma.empty;
    return Prisma.join(
      [...this.checks.values()].map(
        (check, index) =>
          Prisma.sql`, NOT EXISTS (SELECT 1 FROM ${Prisma.raw(`"${check.table}"`)} WHERE "slug" = ${check.slug}) AS ${Prisma.raw(`"$missing${index}"`)}`,
      ),
      '',
    );
  }

  /** The same flags, read from the statement's parent rows at `alias`. */
  selected(alias: Sql): Sql {
    if (this.empty) return Prisma.empty;
    return Prisma.join(
      [...this.checks.keys()].map((_, index) => Prisma.sql`, ${alias}.${Prisma.raw(`"$missing${index}"`)}`),
      '',
    );
  }

  /** Throws NOT_FOUND for the first slug the row flags as naming nothing. */
  verify(row: Record<string, unknown> | undefined): void {
    if (!row) return;
    [...this.checks.values()].forEach((check, index) => {
      if (row[`$missing${index}`] === true) {
        const noun = nouns[check.table];
        throw new NotFoundError(`${check.argument}: no ${noun} has the slug "${check.slug}"; check the spelling, or find it with the ${noun === 'person' ? 'people' : `${noun}s`} list.`, check.argument);
      }
    });
  }
}
