// What each benchmark operation costs when written by hand: one SQL statement that builds the
// whole response body in PostgreSQL (nested json_agg, each page a LATERAL subquery with LIMIT).
// It is the yardstick talkgraph is measured against, so it must answer exactly what talkgraph
// answers: the same values, lists in the same order (the orders below are the ones the resolvers
// in src/schema/*.ts ask Prisma for) and IDs encoded the same way (src/builder.ts). The constants
// (slugs, page sizes, filters) are those of the operations in ./operations and the headline in
// schema/operations; the runner compares both answers before it measures anything.

/** Relay global ID: base64url of "Type:id" without padding, as encodeGlobalId makes it. */
const globalId = (type: string, column: string) =>
  `translate(rtrim(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '='), '+/', '-_')`;

/** An empty list, not null, when there are no rows: json_agg over nothing is null. */
const list = (aggregate: string) => `coalesce((${aggregate}), '[]'::json)`;

const isoDate = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
/** Prisma reads timestamp(3) columns as UTC; the DateTime scalar prints toISOString(). */
const isoTimestamp = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** TalkOrder SCHEDULE, the default of every talk list. */
const scheduleOrder = (t: string) => `${t}.day ASC NULLS LAST, ${t}."startsAt" ASC NULLS LAST, ${t}.title ASC, ${t}.id ASC`;
/** ReactionOrder OLDEST, the default of every reaction list. */
const oldestFirst = (r: string) => `${r}."createdAt" ASC, ${r}.id ASC`;
/** Organisation.staff: by the person's name, then the role. */
const staffOrder = 'p.name ASC, a.id ASC';
/** Person.affiliations: roles without a start date first, then the latest. */
const affiliationOrder = (a: string) => `${a}."startedOn" DESC NULLS FIRST, ${a}.id ASC`;

/** The body talkgraph returns for query FiveConferences (operations/five-conferences.graphql). */
const fiveConferences = `
SELECT json_build_object('data', json_build_object('conferences', json_build_object('nodes', ${list(`
  SELECT json_agg(json_build_object(
    'id', ${globalId('Conference', 'c.id')},
    'name', c.name,
    'startsOn', ${isoDate('c."startsOn"')},
    'talks', json_build_object('nodes', ${list(`
      SELECT json_agg(json_build_object(
        'id', ${globalId('Talk', 't.id')},
        'title', t.title,
        'speakers', ${list(`
          SELECT json_agg(json_build_object(
            'person', json_build_object(
              'name', p.name,
              'affiliations', ${list(`
                SELECT json_agg(json_build_object('jobTitle', a."jobTitle", 'organisation', json_build_object('name', ao.name))
                                ORDER BY ${affiliationOrder('a')})
                FROM "Affiliation" a JOIN "Organisation" ao ON ao.id = a."organisationId"
                WHERE a."personId" = p.id`)}),
            'organisation', CASE WHEN so.id IS NULL THEN NULL ELSE json_build_object('name', so.name) END
          ) ORDER BY s.position)
          FROM "TalkSpeaker" s
          JOIN "Person" p ON p.id = s."personId"
          LEFT JOIN "Organisation" so ON so.id = s."organisationId"
          WHERE s."talkId" = t.id`)}
      ) ORDER BY ${scheduleOrder('t')})
      FROM LATERAL (
        SELECT id, title, day, "startsAt" FROM "Talk"
        WHERE "conferenceId" = c.id
        ORDER BY day ASC NULLS LAST, "startsAt" ASC NULLS LAST, title ASC, id ASC
        LIMIT 50
      ) t`)})
  ) ORDER BY c."startsOn" DESC NULLS LAST, c.id DESC)
  FROM (SELECT id, name, "startsOn" FROM "Conference" ORDER BY "startsOn" DESC NULLS LAST, id DESC LIMIT 5) c`)})))::text`;

/** The body for query OrganisationStaff (operations/organisation-staff.graphql). */
const organisationStaff = `
SELECT json_build_object('data', json_build_object('organisations', json_build_object('nodes', ${list(`
  SELECT json_agg(json_build_object(
    'id', ${globalId('Organisation', 'o.id')},
    'name', o.name,
    'staff', json_build_object('nodes', ${list(`
      SELECT json_agg(json_build_object(
        'jobTitle', staff."jobTitle",
        'person', json_build_object(
          'name', staff.name,
          'reactions', json_build_object('nodes', ${list(`
            SELECT json_agg(json_build_object(
              'kind', r.kind,
              'summary', r.summary,
              'talk', json_build_object('title', rt.title, 'conference', json_build_object('name', rc.name))
            ) ORDER BY ${oldestFirst('r')})
            FROM LATERAL (
              SELECT id, kind, summary, "talkId", "createdAt" FROM "Reaction"
              WHERE "personId" = staff."personId"
              ORDER BY "createdAt" ASC, id ASC
              LIMIT 10
            ) r
            JOIN "Talk" rt ON rt.id = r."talkId"
            JOIN "Conference" rc ON rc.id = rt."conferenceId"`)}))
      ) ORDER BY staff.name ASC, staff.id ASC)
      FROM LATERAL (
        SELECT a.id, a."jobTitle", a."personId", p.name FROM "Affiliation" a JOIN "Person" p ON p.id = a."personId"
        WHERE a."organisationId" = o.id
        ORDER BY ${staffOrder}
        LIMIT 20
      ) staff`)})
  ) ORDER BY o.talks DESC, o.name ASC, o.id ASC)
  FROM (
    -- OrganisationOrder MOST_TALKS: speaker appearances, then name, then id.
    SELECT o.id, o.name, count(s.id) AS talks
    FROM "Organisation" o LEFT JOIN "TalkSpeaker" s ON s."organisationId" = o.id
    GROUP BY o.id
    ORDER BY talks DESC, o.name ASC, o.id ASC
    LIMIT 10
  ) o`)})))::text`;

/** The body for query ConferencePage (operations/conference-page.graphql). */
const conferencePage = `
SELECT json_build_object('data', json_build_object('conference', (
  SELECT json_build_object(
    'name', c.name,
    'talks', json_build_object('nodes', ${list(`
      SELECT json_agg(json_build_object(
        'title', t.title,
        'startsAt', ${isoTimestamp('t."startsAt"')},
        'speakers', ${list(`
          SELECT json_agg(json_build_object('person', json_build_object('name', p.name)) ORDER BY s.position)
          FROM "TalkSpeaker" s JOIN "Person" p ON p.id = s."personId"
          WHERE s."talkId" = t.id`)}
      ) ORDER BY ${scheduleOrder('t')})
      FROM LATERAL (
        SELECT id, title, day, "startsAt" FROM "Talk"
        WHERE "conferenceId" = c.id
        ORDER BY day ASC NULLS LAST, "startsAt" ASC NULLS LAST, title ASC, id ASC
        LIMIT 20
      ) t`)}))
  FROM "Conference" c WHERE c.slug = 'fosdem-2026')))::text`;

/** The body for query MaxKelsenHighlights (schema/operations/headline.graphql); its page is the default 20. */
const headline = `
SELECT json_build_object('data', json_build_object('organisation', (
  SELECT json_build_object(
    'name', o.name,
    'reactions', json_build_object(
      'totalCount', (SELECT count(*) FROM "Reaction" WHERE "organisationId" = o.id AND kind IN ('HIGHLIGHT', 'DAY_HIGHLIGHT')),
      'edges', ${list(`
        SELECT json_agg(json_build_object('node', json_build_object(
          'kind', r.kind,
          'summary', r.summary,
          'person', json_build_object(
            'name', p.name,
            'affiliations', ${list(`
              SELECT json_agg(json_build_object('jobTitle', a."jobTitle", 'organisation', json_build_object('name', ao.name))
                              ORDER BY ${affiliationOrder('a')})
              FROM "Affiliation" a JOIN "Organisation" ao ON ao.id = a."organisationId"
              WHERE a."personId" = p.id`)}),
          'talk', json_build_object(
            'title', t.title,
            'conference', json_build_object('name', c.name),
            'speakers', ${list(`
              SELECT json_agg(json_build_object(
                'person', json_build_object('name', sp.name),
                'organisation', CASE WHEN so.id IS NULL THEN NULL ELSE json_build_object('name', so.name) END
              ) ORDER BY s.position)
              FROM "TalkSpeaker" s
              JOIN "Person" sp ON sp.id = s."personId"
              LEFT JOIN "Organisation" so ON so.id = s."organisationId"
              WHERE s."talkId" = t.id`)}),
          'source', json_build_object('title', ar.title)
        )) ORDER BY ${oldestFirst('r')})
        FROM LATERAL (
          SELECT id, kind, summary, "personId", "talkId", "articleId", "createdAt" FROM "Reaction"
          WHERE "organisationId" = o.id AND kind IN ('HIGHLIGHT', 'DAY_HIGHLIGHT')
          ORDER BY "createdAt" ASC, id ASC
          LIMIT 20
        ) r
        JOIN "Person" p ON p.id = r."personId"
        JOIN "Talk" t ON t.id = r."talkId"
        JOIN "Conference" c ON c.id = t."conferenceId"
        JOIN "Article" ar ON ar.id = r."articleId"`)}))
  FROM "Organisation" o WHERE o.slug = 'max-kelsen')))::text`;

/** The body for query Deep (operations/deep.graphql). */
const deep = `
SELECT json_build_object('data', json_build_object('conference', (
  SELECT json_build_object(
    'name', c.name,
    'talks', json_build_object('nodes', ${list(`
      SELECT json_agg(json_build_object(
        'title', t.title,
        'speakers', ${list(`
          SELECT json_agg(json_build_object('organisation', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object(
            'name', o.name,
            'staff', json_build_object('nodes', ${list(`
              SELECT json_agg(json_build_object('person', json_build_object(
                'name', staff.name,
                'reactions', json_build_object('nodes', ${list(`
                  SELECT json_agg(json_build_object(
                    'kind', r.kind,
                    'talk', json_build_object('title', rt.title, 'conference', json_build_object('name', rc.name))
                  ) ORDER BY ${oldestFirst('r')})
                  FROM LATERAL (
                    SELECT id, kind, "talkId", "createdAt" FROM "Reaction"
                    WHERE "personId" = staff."personId"
                    ORDER BY "createdAt" ASC, id ASC
                    LIMIT 3
                  ) r
                  JOIN "Talk" rt ON rt.id = r."talkId"
                  JOIN "Conference" rc ON rc.id = rt."conferenceId"`)})
              )) ORDER BY staff.name ASC, staff.id ASC)
              FROM LATERAL (
                SELECT a.id, a."personId", p.name FROM "Affiliation" a JOIN "Person" p ON p.id = a."personId"
                WHERE a."organisationId" = o.id
                ORDER BY ${staffOrder}
                LIMIT 5
              ) staff`)})
          ) END) ORDER BY s.position)
          FROM "TalkSpeaker" s LEFT JOIN "Organisation" o ON o.id = s."organisationId"
          WHERE s."talkId" = t.id`)}
      ) ORDER BY ${scheduleOrder('t')})
      FROM LATERAL (
        SELECT id, title, day, "startsAt" FROM "Talk"
        WHERE "conferenceId" = c.id AND kind IN ('KEYNOTE')
        ORDER BY day ASC NULLS LAST, "startsAt" ASC NULLS LAST, title ASC, id ASC
        LIMIT 10
      ) t`)}))
  FROM "Conference" c WHERE c.slug = 'kubecon-cloudnativecon-europe-2026')))::text`;

/** One statement per operation, by the operation's name; each returns one row with one text column. */
export const referenceStatements: Readonly<Record<string, string>> = {
  FiveConferences: fiveConferences,
  OrganisationStaff: organisationStaff,
  ConferencePage: conferencePage,
  MaxKelsenHighlights: headline,
  Deep: deep,
};
