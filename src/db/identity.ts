// Who a dataset's people and organisations are in the graph, before the loader writes them, and
// the merge of two nodes into one.
//
// A record is matched, strongest first, by one of its identifiers (a Sessionize speaker id, a
// GitHub login), by an alias (the slug of a name merged away), by its slug, and an organisation
// also by its slug without hyphens ("redhat" is "red-hat"). A person whose slug belongs to
// somebody with another identifier of the same scheme is a namesake, and gets the slug with a
// number ("jane-doe-2"). The dataset is then rewritten to the slugs found, so the loader's merge
// by slug (./load-dataset.ts) writes into the nodes they name.
import type { Dataset, IdentifierRecord, OrganisationRecord, PersonRecord } from '../dataset/format.js';
import { normaliseIdentifier, organisationMatchKey, provesDifferent } from '../dataset/identity.js';
import { ConflictError, InvalidInputError } from '../errors.js';
import type { Statements } from './write-transaction.js';

type Kind = 'Person' | 'Organisation';
const owner = (kind: Kind) => (kind === 'Person' ? 'personId' : 'organisationId');

interface Known {
  id: number;
  slug: string;
  identifiers: IdentifierRecord[];
}

export interface ResolvedIdentities {
  /** Slugs of records matched to a stored node by identifier, alias or spelling: the stored name stays. */
  keepStoredName: Set<string>;
}

const identifierKey = (id: IdentifierRecord) => `${id.scheme}:${id.value}`;

/** Reads the stored nodes the records may be, by identifier, alias, slug and (organisations) match key. */
async function readKnown(db: Statements, kind: Kind, records: ReadonlyArray<PersonRecord | OrganisationRecord>) {
  const identifiers = records.flatMap((record) => record.identifiers ?? []);
  const slugs = records.map((record) => record.slug);
  const keys = kind === 'Organisation' ? slugs.map((slug) => organisationMatchKey(slug)) : [];
  const rows = await db.query<{ id: number; slug: string; alias: string | null; identifiers: IdentifierRecord[] | null }>(
    `WITH wanted AS (
       SELECT n.id FROM "${kind}" n WHERE n.slug IN (SELECT jsonb_array_elements_text($1::jsonb))
          OR ($3::jsonb <> '[]'::jsonb AND replace(n.slug, '-', '') IN (SELECT jsonb_array_elements_text($3::jsonb)))
       UNION SELECT a."${owner(kind)}" FROM "${kind}Alias" a WHERE a.slug IN (SELECT jsonb_array_elements_text($1::jsonb))
          OR ($3::jsonb <> '[]'::jsonb AND replace(a.slug, '-', '') IN (SELECT jsonb_array_elements_text($3::jsonb)))
       UNION SELECT i."${owner(kind)}" FROM "${kind}Identifier" i
         JOIN jsonb_to_recordset($2::jsonb) AS w(scheme text, value text) ON w.scheme = i.scheme::text AND w.value = i.value)
     SELECT n.id, n.slug, NULL AS alias,
            (SELECT jsonb_agg(jsonb_build_object('scheme', i.scheme, 'value', i.value)) FROM "${kind}Identifier" i WHERE i."${owner(kind)}" = n.id) AS identifiers
       FROM "${kind}" n WHERE n.id IN (SELECT id FROM wanted)
     UNION ALL
     SELECT a."${owner(kind)}", n.slug, a.slug, NULL FROM "${kind}Alias" a JOIN "${kind}" n ON n.id = a."${owner(kind)}"
      WHERE a."${owner(kind)}" IN (SELECT id FROM wanted)`,
    [JSON.stringify(slugs), JSON.stringify(identifiers), JSON.stringify(keys)],
  );
  const bySlug = new Map<string, Known>();
  const byAlias = new Map<string, Known>();
  const byIdentifier = new Map<string, Known>();
  const byKey = new Map<string, Known>();
  const nodes = new Map<number, Known>();
  for (const row of rows.filter((r) => r.alias === null)) {
    const node = { id: row.id, slug: row.slug, identifiers: row.identifiers ?? [] };
    nodes.set(row.id, node);
    bySlug.set(row.slug, node);
    for (const id of node.identifiers) byIdentifier.set(identifierKey(id), node);
    if (kind === 'Organisation' && !byKey.has(organisationMatchKey(row.slug))) byKey.set(organisationMatchKey(row.slug), node);
  }
  for (const row of rows.filter((r) => r.alias !== null)) {
    const node = nodes.get(row.id)!;
    byAlias.set(row.alias!, node);
    if (kind === 'Organisation' && !byKey.has(organisationMatchKey(row.alias!))) byKey.set(organisationMatchKey(row.alias!), node);
  }
  return { bySlug, byAlias, byIdentifier, byKey };
}

/** The people holding "<base>" or "<base>-<n>", with their identifiers, and the aliases among those slugs (null): for numbering a namesake. */
async function numberedSlugs(db: Statements, base: string): Promise<Map<string, IdentifierRecord[] | null>> {
  const pattern = `^${base}(-[0-9]+)?$`;
  const rows = await db.query<{ slug: string; identifiers: IdentifierRecord[] | null; alias: boolean }>(
    `SELECT p.slug, false AS alias, (SELECT jsonb_agg(jsonb_build_object('scheme', i.scheme, 'value', i.value)) FROM "PersonIdentifier" i WHERE i."personId" = p.id) AS identifiers
       FROM "Person" p WHERE p.slug ~ $1
     UNION ALL SELECT a.slug, true, NULL FROM "PersonAlias" a WHERE a.slug ~ $1`,
    [pattern],
  );
  return new Map(rows.map((row) => [row.slug, row.alias ? null : (row.identifiers ?? [])]));
}

/**
 * Rewrites `data` in place so every person and organisation record carries the slug of the node
 * it is (see the top of this file); records that turn out to be one node become one record.
 */
export async function resolveIdentities(db: Statements, data: Dataset): Promise<ResolvedIdentities> {
  const keepStoredName = new Set<string>();
  for (const record of [...data.people, ...data.organisations]) {
    if (record.identifiers) record.identifiers = dedupe(record.identifiers.map((id) => normaliseIdentifier(id)));
  }

  // Organisations.
  const organisationSlugs = new Map<string, string>();
  {
    const known = await readKnown(db, 'Organisation', data.organisations);
    const firstOfKey = new Map<string, string>();
    for (const record of data.organisations) {
      const stored =
        (record.identifiers ?? []).map((id) => known.byIdentifier.get(identifierKey(id))).find(Boolean) ??
        known.byAlias.get(record.slug) ??
        known.bySlug.get(record.slug) ??
        known.byKey.get(organisationMatchKey(record.slug));
      let target = stored?.slug ?? firstOfKey.get(organisationMatchKey(record.slug)) ?? record.slug;
      if (stored && stored.slug !== record.slug) keepStoredName.add(`organisation:${stored.slug}`);
      if (!firstOfKey.has(organisationMatchKey(target))) firstOfKey.set(organisationMatchKey(target), target);
      target = firstOfKey.get(organisationMatchKey(target)) ?? target;
      if (target !== record.slug) organisationSlugs.set(record.slug, target);
    }
    data.organisations = combine(data.organisations, organisationSlugs, (into, from) => {
      into.description ??= from.description;
      into.website ??= from.website;
      into.kind ??= from.kind;
    });
  }

  // People.
  const personSlugs = new Map<string, string>();
  {
    const known = await readKnown(db, 'Person', data.people);
    const claimed = new Map<string, IdentifierRecord[]>(); // slug -> identifiers of the records written to it
    for (const record of data.people) {
      const identifiers = record.identifiers ?? [];
      const clashes = (others: readonly IdentifierRecord[]) => others.some((other) => identifiers.some((id) => provesDifferent(id, other)));
      const byIdentifier = identifiers.map((id) => known.byIdentifier.get(identifierKey(id))).find(Boolean);
      let target: string | undefined = byIdentifier?.slug;
      if (!target) {
        const named = known.byAlias.get(record.slug) ?? known.bySlug.get(record.slug);
        const stored = named ? [...named.identifiers, ...(claimed.get(named.slug) ?? [])] : (claimed.get(record.slug) ?? []);
        if (!clashes(stored)) target = named?.slug ?? record.slug;
        else {
          // A namesake: the first numbered slug that is free, or held by somebody who may be them.
          const holders = await numberedSlugs(db, record.slug);
          for (let n = 2; !target; n++) {
            const candidate = `${record.slug}-${n}`;
            const held = holders.get(candidate);
            if (held === null) continue; // an alias of somebody else
            const inDataset = data.people.some((other) => other !== record && other.slug === candidate);
            if (held === undefined && inDataset) continue;
            if (!clashes([...(held ?? []), ...(claimed.get(candidate) ?? [])])) target = candidate;
          }
        }
      }
      if (target !== record.slug && (known.bySlug.has(target) || byIdentifier)) keepStoredName.add(`person:${target}`);
      claimed.set(target, [...(claimed.get(target) ?? []), ...identifiers]);
      if (target !== record.slug) personSlugs.set(record.slug, target);
    }
    data.people = combine(data.people, personSlugs, (into, from) => {
      into.bio ??= from.bio;
      if (!into.links?.length && from.links?.length) into.links = from.links;
      if (from.affiliations) into.affiliations = [...(into.affiliations ?? []), ...from.affiliations];
    });
  }

  // Every reference follows.
  const person = (slug: string) => personSlugs.get(slug) ?? slug;
  const organisation = (slug: string) => organisationSlugs.get(slug) ?? slug;
  const maybeOrganisation = <T extends string | null | undefined>(slug: T) => (slug ? organisation(slug) : slug);
  for (const record of data.people) {
    for (const affiliation of record.affiliations ?? []) affiliation.organisation = organisation(affiliation.organisation);
  }
  for (const conference of data.conferences) {
    for (const talk of conference.talks ?? []) {
      for (const speaker of talk.speakers ?? []) {
        speaker.person = person(speaker.person);
        speaker.organisation = maybeOrganisation(speaker.organisation);
      }
    }
  }
  for (const article of data.articles) {
    article.publisher = maybeOrganisation(article.publisher);
    if (article.authors) article.authors = article.authors.map(person);
    for (const reaction of article.reactions ?? []) {
      reaction.person = person(reaction.person);
      reaction.organisation = maybeOrganisation(reaction.organisation);
    }
  }
  return { keepStoredName };
}

function dedupe(identifiers: IdentifierRecord[]): IdentifierRecord[] {
  return identifiers.filter((id, index) => identifiers.findIndex((other) => identifierKey(other) === identifierKey(id)) === index);
}

/** Records renamed onto one slug become one record: the first, filled in from the others. */
function combine<T extends PersonRecord | OrganisationRecord>(records: T[], renamed: Map<string, string>, fill: (into: T, from: T) => void): T[] {
  const bySlug = new Map<string, T>();
  for (const record of records) {
    const slug = renamed.get(record.slug) ?? record.slug;
    const first = bySlug.get(slug);
    if (!first) {
      const aliases = renamed.has(record.slug) ? [...(record.aliases ?? [])] : record.aliases;
      bySlug.set(slug, { ...record, slug, ...(aliases ? { aliases } : {}) });
      continue;
    }
    fill(first, record);
    first.identifiers = dedupe([...(first.identifiers ?? []), ...(record.identifiers ?? [])]);
    if (record.aliases?.length) first.aliases = [...(first.aliases ?? []), ...record.aliases];
  }
  return [...bySlug.values()];
}

/**
 * Adds the identifiers and aliases the records give to the nodes written for them. An identifier
 * another node already holds stays with it (the records were matched by identifier first, so this
 * only happens when one record gives identifiers of two stored nodes).
 */
export async function writeIdentities(db: Statements, kind: Kind, records: ReadonlyArray<PersonRecord | OrganisationRecord>, ids: ReadonlyMap<string, number>) {
  const identifiers = records.flatMap((record) => (record.identifiers ?? []).map((id) => ({ owner: ids.get(record.slug)!, scheme: id.scheme, value: id.value })));
  if (identifiers.length > 0) {
    await db.query(
      `INSERT INTO "${kind}Identifier" ("${owner(kind)}", scheme, value)
       SELECT r.owner, r.scheme::"IdentifierScheme", r.value FROM jsonb_to_recordset($1::jsonb) AS r(owner integer, scheme text, value text)
       ON CONFLICT (scheme, value) DO NOTHING`,
      [JSON.stringify(identifiers)],
    );
  }
  const aliases = records.flatMap((record) =>
    (record.aliases ?? []).filter((alias) => alias.slug !== record.slug).map((alias) => ({ owner: ids.get(record.slug)!, slug: alias.slug, name: alias.name })),
  );
  if (aliases.length > 0) {
    await db.query(
      `INSERT INTO "${kind}Alias" ("${owner(kind)}", slug, name)
       SELECT r.owner, r.slug, r.name FROM jsonb_to_recordset($1::jsonb) AS r(owner integer, slug text, name text)
       ON CONFLICT (slug) DO NOTHING`,
      [JSON.stringify(aliases)],
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Merging two nodes

export interface MergeResult {
  keptId: number;
  removedSlug: string;
  /** Edges moved to the kept node, and edges dropped because the kept node already had them. */
  moved: number;
  duplicatesDropped: number;
}

async function nodeBySlug(db: Statements, kind: Kind, slug: string, field: string) {
  const [row] = await db.query<{ id: number; slug: string; name: string }>(`SELECT id, slug, name FROM "${kind}" WHERE slug = $1`, [slug]);
  if (!row) throw new InvalidInputError(`${field}: no ${kind.toLowerCase()} with slug "${slug}"; check the slug (talkgraph duplicates lists candidates).`, field);
  return row;
}

/** Moves rows of `table` from `removeId` to `keepId` where `conflict` (SQL over r, the row, and k, the kept node's) finds no duplicate, and deletes the rest. */
async function moveEdges(db: Statements, table: string, column: string, keepId: number, removeId: number, duplicateOf: string | undefined): Promise<{ moved: number; dropped: number }> {
  let dropped = 0;
  if (duplicateOf) {
    const gone = await db.query(
      `DELETE FROM "${table}" r WHERE r."${column}" = $2 AND EXISTS (SELECT 1 FROM "${table}" k WHERE k."${column}" = $1 AND ${duplicateOf}) RETURNING 1 AS gone`,
      [keepId, removeId],
    );
    dropped = gone.length;
  }
  const moved = await db.query(`UPDATE "${table}" SET "${column}" = $1 WHERE "${column}" = $2 RETURNING 1 AS moved`, [keepId, removeId]);
  return { moved: moved.length, dropped };
}

/**
 * Roles: whether or not the table allows several rows per person and organisation, rows are moved
 * and exact duplicates dropped. Where a unique pair exists, a row whose pair the kept node already
 * has fills in that row's blanks and is dropped instead.
 */
async function moveRoles(db: Statements, column: 'personId' | 'organisationId', keepId: number, removeId: number) {
  const other = column === 'personId' ? 'organisationId' : 'personId';
  const columns = (
    await db.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Affiliation'
         AND column_name NOT IN ('id', 'createdAt', 'updatedAt', $1)`,
      [column],
    )
  ).map((row) => row.name);
  const exact = columns.map((name) => `k."${name}" IS NOT DISTINCT FROM r."${name}"`).join(' AND ');
  const [{ unique }] = await db.query<{ unique: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       WHERE c.relname = 'Affiliation' AND c.relnamespace = current_schema()::regnamespace AND i.indisunique AND NOT i.indisprimary) AS unique`,
  );
  let dropped = (await db.query(`DELETE FROM "Affiliation" r WHERE r."${column}" = $2 AND EXISTS (SELECT 1 FROM "Affiliation" k WHERE k."${column}" = $1 AND ${exact}) RETURNING 1 AS gone`, [keepId, removeId])).length;
  if (unique) {
    const fillable = ['jobTitle', 'startedOn', 'endedOn'].filter((name) => columns.includes(name));
    if (fillable.length > 0) {
      await db.query(
        `UPDATE "Affiliation" k SET ${fillable.map((name) => `"${name}" = COALESCE(k."${name}", r."${name}")`).join(', ')}
           FROM "Affiliation" r WHERE k."${column}" = $1 AND r."${column}" = $2 AND k."${other}" = r."${other}"`,
        [keepId, removeId],
      );
    }
    dropped += (await db.query(`DELETE FROM "Affiliation" r WHERE r."${column}" = $2 AND EXISTS (SELECT 1 FROM "Affiliation" k WHERE k."${column}" = $1 AND k."${other}" = r."${other}") RETURNING 1 AS gone`, [keepId, removeId])).length;
  }
  if (!unique) {
    // A role without a job title or dates says only "works there" (as in roleMatch, rule 3 and 5,
    // src/db/load-dataset.ts): it is not another role beside a known one at the same organisation.
    // The removed node's such role is dropped where the kept node has any role there; the kept
    // node's is filled in from the removed node's first known role there, which is then dropped.
    // Two roles that differ in title or dates are both kept.
    const blank = (alias: string) => `${alias}."jobTitle" IS NULL AND ${alias}."startedOn" IS NULL AND ${alias}."endedOn" IS NULL`;
    dropped += (
      await db.query(
        `DELETE FROM "Affiliation" r WHERE r."${column}" = $2 AND ${blank('r')}
           AND EXISTS (SELECT 1 FROM "Affiliation" k WHERE k."${column}" = $1 AND k."${other}" = r."${other}") RETURNING 1 AS gone`,
        [keepId, removeId],
      )
    ).length;
    dropped += (
      await db.query(
        `WITH kept AS (SELECT k."${other}" AS other, min(k.id) AS id FROM "Affiliation" k WHERE k."${column}" = $1 AND ${blank('k')} GROUP BY 1),
              known AS (SELECT r."${other}" AS other, min(r.id) AS id FROM "Affiliation" r WHERE r."${column}" = $2 AND NOT (${blank('r')}) GROUP BY 1),
              filled AS (
                UPDATE "Affiliation" k SET "jobTitle" = r."jobTitle", "startedOn" = r."startedOn", "endedOn" = r."endedOn",
                       sources = COALESCE(k.sources, '[]'::jsonb) || COALESCE(r.sources, '[]'::jsonb), "updatedAt" = now()
                  FROM kept JOIN known USING (other) JOIN "Affiliation" r ON r.id = known.id
                 WHERE k.id = kept.id RETURNING r.id AS removed)
         DELETE FROM "Affiliation" WHERE id IN (SELECT removed FROM filled) RETURNING 1 AS gone`,
        [keepId, removeId],
      )
    ).length;
  }
  const moved = (await db.query(`UPDATE "Affiliation" SET "${column}" = $1 WHERE "${column}" = $2 RETURNING 1 AS moved`, [keepId, removeId])).length;
  // Moved rows can now equal rows the kept node had (several roles allowed): drop the copies.
  if (!unique) {
    dropped += (
      await db.query(
        `DELETE FROM "Affiliation" r WHERE r."${column}" = $1 AND EXISTS (SELECT 1 FROM "Affiliation" k WHERE k."${column}" = $1 AND k.id < r.id AND ${exact}) RETURNING 1 AS gone`,
        [keepId],
      )
    ).length;
  }
  return { moved, dropped };
}

/**
 * Merges the person `removeSlug` into `keepSlug` in the caller's transaction: every talk, reaction,
 * role and authorship moves (one of each where both had it), identifiers and aliases move, blanks
 * are filled in, and the removed name and slug become an alias of the kept person.
 */
export async function mergePeople(db: Statements, keepSlug: string, removeSlug: string): Promise<MergeResult> {
  return mergeNodes(db, 'Person', keepSlug, removeSlug, async (keep, remove) => {
    const steps = [
      // One speaker role per talk: the kept one stays, taking the organisation it lacked and that
      // organisation's source with it.
      await (async () => {
        await db.query(
          `UPDATE "TalkSpeaker" k SET "organisationId" = COALESCE(k."organisationId", r."organisationId"),
                  "organisationSource" = CASE WHEN k."organisationId" IS NULL THEN r."organisationSource" ELSE k."organisationSource" END
             FROM "TalkSpeaker" r
            WHERE k."personId" = $1 AND r."personId" = $2 AND k."talkId" = r."talkId"`,
          [keep, remove],
        );
        return moveEdges(db, 'TalkSpeaker', 'personId', keep, remove, 'k."talkId" = r."talkId"');
      })(),
      await moveEdges(db, 'Reaction', 'personId', keep, remove, 'k."articleId" = r."articleId" AND k."talkId" = r."talkId" AND k.kind = r.kind'),
      await moveEdges(db, 'ArticleAuthor', 'personId', keep, remove, 'k."articleId" = r."articleId"'),
      await moveRoles(db, 'personId', keep, remove),
    ];
    await db.query(
      `UPDATE "Person" k SET bio = COALESCE(k.bio, r.bio),
              links = (SELECT COALESCE(array_agg(DISTINCT l), '{}') FROM unnest(k.links || r.links) AS l), "updatedAt" = now()
         FROM "Person" r WHERE k.id = $1 AND r.id = $2`,
      [keep, remove],
    );
    return steps;
  });
}

/** Merges the organisation `removeSlug` into `keepSlug`: staff, speakers' and reactions' organisation, published articles. */
export async function mergeOrganisations(db: Statements, keepSlug: string, removeSlug: string): Promise<MergeResult> {
  return mergeNodes(db, 'Organisation', keepSlug, removeSlug, async (keep, remove) => {
    const steps = [
      await moveEdges(db, 'TalkSpeaker', 'organisationId', keep, remove, undefined),
      await moveEdges(db, 'Reaction', 'organisationId', keep, remove, undefined),
      await moveEdges(db, 'Article', 'publisherId', keep, remove, undefined),
      await moveRoles(db, 'organisationId', keep, remove),
    ];
    await db.query(
      `UPDATE "Organisation" k SET description = COALESCE(k.description, r.description), website = COALESCE(k.website, r.website), "updatedAt" = now()
         FROM "Organisation" r WHERE k.id = $1 AND r.id = $2`,
      [keep, remove],
    );
    return steps;
  });
}

async function mergeNodes(
  db: Statements,
  kind: Kind,
  keepSlug: string,
  removeSlug: string,
  moveAll: (keep: number, remove: number) => Promise<Array<{ moved: number; dropped: number }>>,
): Promise<MergeResult> {
  const keep = await nodeBySlug(db, kind, keepSlug, 'keep');
  const remove = await nodeBySlug(db, kind, removeSlug, 'remove');
  if (keep.id === remove.id) throw new InvalidInputError(`remove: "${removeSlug}" is the ${kind.toLowerCase()} to keep; name two different ones.`, 'remove');
  const column = owner(kind);
  const clash = await db.query<{ scheme: string; kept: string; removed: string }>(
    `SELECT k.scheme, k.value AS kept, r.value AS removed FROM "${kind}Identifier" k JOIN "${kind}Identifier" r ON r.scheme = k.scheme
      WHERE k."${column}" = $1 AND r."${column}" = $2 AND k.value <> r.value`,
    [keep.id, remove.id],
  );
  const proven = clash.find((row) => provesDifferent({ scheme: row.scheme as IdentifierRecord['scheme'], value: row.kept }, { scheme: row.scheme as IdentifierRecord['scheme'], value: row.removed }));
  if (proven) {
    throw new ConflictError(
      `remove: "${removeSlug}" has ${proven.scheme} "${proven.removed}" and "${keepSlug}" has ${proven.scheme} "${proven.kept}": two different ${kind === 'Person' ? 'people' : 'organisations'}; remove one identifier first if they are really one.`,
      'remove',
    );
  }
  const steps = await moveAll(keep.id, remove.id);
  await db.query(`UPDATE "${kind}Identifier" SET "${column}" = $1 WHERE "${column}" = $2`, [keep.id, remove.id]);
  await db.query(`UPDATE "${kind}Alias" SET "${column}" = $1 WHERE "${column}" = $2`, [keep.id, remove.id]);
  await db.query(`DELETE FROM "${kind}" WHERE id = $1`, [remove.id]);
  await db.query(`INSERT INTO "${kind}Alias" ("${column}", slug, name) VALUES ($1, $2, $3) ON CONFLICT (slug) DO UPDATE SET "${column}" = EXCLUDED."${column}"`, [
    keep.id,
    remove.slug,
    remove.name,
  ]);
  return {
    keptId: keep.id,
    removedSlug: remove.slug,
    moved: steps.reduce((sum, step) => sum + step.moved, 0),
    duplicatesDropped: steps.reduce((sum, step) => sum + step.dropped, 0),
  };
}
