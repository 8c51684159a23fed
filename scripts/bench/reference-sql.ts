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
/** Person.affiliations: roles without a start date first, then the latest, then by organisation. */
const affiliationOrder = (a: string) => `${a}."startedOn" DESC NULLS FIRST, ${a}."organisationId" ASC, ${a}.id ASC`;

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
    -- OrganisationOrder MOST_TALKS: talks a speaker gave for the organisation, then name, then id.
    SELECT o.id, o.name, count(DISTINCT s."talkId") AS talks
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

/** A constant of an operation as an SQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * A search text as talkgraph's tsQuery (src/read/search.ts) makes it: web-search syntax in both
 * languages the talks' documents are stemmed in.
 */
const webSearch = (text: string) => `(websearch_to_tsquery('english', ${literal(text)}) || websearch_to_tsquery('german', ${literal(text)}))`;

/**
 * The length of a text in UTF-16 code units, which is what the offsets of a snippet count (they
 * are JavaScript string indexes): one per character, and one more for each character outside
 * the Basic Multilingual Plane.
 */
const utf16Length = (text: string) => `(char_length(${text}) + char_length(regexp_replace(${text}, '[^\\U00010000-\\U0010FFFF]', '', 'g')))`;

/** Facet groups in talkgraph's order (src/read/statements.ts facetStatement): largest first, ties by value. */
const byCountThenValue = (count: string, value: string) => `${count} DESC, ${value} ASC`;

/** The body for query SearchTalks (operations/search-talks.graphql). */
const searchTalksText = 'kubernetes security';
const searchTalks = `
WITH matched AS MATERIALIZED (
  -- Every matching talk once, with its rank: the count, both facets and the page all read it.
  SELECT t.id, t.title, t.track, t.day, t."startsAt", t."conferenceId",
         ts_rank_cd(t."searchVector", ${webSearch(searchTalksText)}, 32) AS rank
  FROM "Talk" t
  WHERE t."searchVector" @@ ${webSearch(searchTalksText)}
)
SELECT json_build_object('data', json_build_object('talks', json_build_object(
  'totalCount', (SELECT count(*) FROM matched),
  'facets', json_build_object(
    'tracks', ${list(`
      SELECT json_agg(json_build_object('value', g.track, 'count', g.count) ORDER BY ${byCountThenValue('g.count', 'g.track')})
      FROM (SELECT track, count(*)::int AS count FROM matched WHERE track IS NOT NULL
            GROUP BY track ORDER BY ${byCountThenValue('count(*)', 'track')} LIMIT 10) g`)},
    -- years: no first, so the facet's default of 20 groups.
    'years', ${list(`
      SELECT json_agg(json_build_object('year', g.year, 'count', g.count) ORDER BY g.year)
      FROM (SELECT c.year, count(*)::int AS count FROM matched m JOIN "Conference" c ON c.id = m."conferenceId"
            WHERE c.year IS NOT NULL GROUP BY c.year ORDER BY c.year LIMIT 20) g`)}),
  -- TalkOrder RELEVANCE: rank, then schedule order (src/schema/talks/filter.ts).
  'nodes', ${list(`
    SELECT json_agg(json_build_object('title', m.title, 'track', m.track, 'conference', json_build_object('name', c.name))
                    ORDER BY m.rank DESC NULLS LAST, ${scheduleOrder('m')})
    FROM (SELECT * FROM matched ORDER BY rank DESC NULLS LAST, ${scheduleOrder('matched')} LIMIT 20) m
    JOIN "Conference" c ON c.id = m."conferenceId"`)})))::text`;

/** The body for query Facets (operations/facets.graphql). */
const facets = `
WITH fosdem AS MATERIALIZED (
  SELECT t.kind::text AS kind, t.track, c.year
  FROM "Talk" t JOIN "Conference" c ON c.id = t."conferenceId"
  WHERE c.series = 'FOSDEM'
),
-- Talks per organisation a speaker represented at the KubeCon: the facet counts them, and so
-- does the ranking (OrganisationOrder MOST_TALKS at the conferences of spokeAt).
kubecon AS MATERIALIZED (
  SELECT s."organisationId" AS id, o.name, count(DISTINCT s."talkId")::int AS talks
  FROM "TalkSpeaker" s
  JOIN "Talk" t ON t.id = s."talkId"
  JOIN "Organisation" o ON o.id = s."organisationId"
  WHERE t."conferenceId" = (SELECT id FROM "Conference" WHERE slug = 'kubecon-cloudnativecon-europe-2026')
  GROUP BY s."organisationId", o.name
)
SELECT json_build_object('data', json_build_object(
  'fosdem', json_build_object(
    'totalCount', (SELECT count(*) FROM fosdem),
    'facets', json_build_object(
      'years', ${list(`
        SELECT json_agg(json_build_object('year', g.year, 'count', g.count) ORDER BY g.year)
        FROM (SELECT year, count(*)::int AS count FROM fosdem WHERE year IS NOT NULL GROUP BY year ORDER BY year LIMIT 20) g`)},
      'kinds', ${list(`
        SELECT json_agg(json_build_object('kind', g.kind, 'count', g.count) ORDER BY ${byCountThenValue('g.count', 'g.kind')})
        FROM (SELECT kind, count(*)::int AS count FROM fosdem GROUP BY kind ORDER BY ${byCountThenValue('count(*)', 'kind')} LIMIT 20) g`)},
      'tracks', ${list(`
        SELECT json_agg(json_build_object('value', g.track, 'count', g.count) ORDER BY ${byCountThenValue('g.count', 'g.track')})
        FROM (SELECT track, count(*)::int AS count FROM fosdem WHERE track IS NOT NULL
              GROUP BY track ORDER BY ${byCountThenValue('count(*)', 'track')} LIMIT 20) g`)})),
  'kubecon', json_build_object('facets', json_build_object('organisations', ${list(`
    SELECT json_agg(json_build_object('organisation', json_build_object('name', g.name), 'count', g.talks) ORDER BY ${byCountThenValue('g.talks', 'g.id')})
    FROM (SELECT * FROM kubecon ORDER BY ${byCountThenValue('talks', 'id')} LIMIT 10) g`)})),
  'organisations', json_build_object('edges', ${list(`
    SELECT json_agg(json_build_object('count', g.talks, 'node', json_build_object('name', g.name)) ORDER BY g.talks DESC, g.name ASC, g.id ASC)
    FROM (SELECT * FROM kubecon ORDER BY talks DESC, name ASC, id ASC LIMIT 20) g`)})))::text`;

/**
 * The body for query SearchEverything (operations/search-everything.graphql): the hits as the
 * search resolver in src/schema/search.ts finds and orders them, and their snippets as it
 * builds them (src/read/search.ts) from ts_headline's marked text or from the name.
 */
const everythingText = 'poettering systemd';
/** Its words as searchWords gives them to name matching: lower case, longer than one letter, each once. */
const everythingWords = ['poettering', 'systemd'];
const everyWord = webSearch(everythingText);
const anyWord = webSearch(everythingWords.join(' or '));
/**
 * A name's score: half the best word's squared similarity, half the average. The divisor is a real because
 * talkgraph sends it as an untyped parameter, which PostgreSQL types like the real it divides; an
 * integer would make it a division in double precision, and some scores would differ in the last
 * digit.
 */
const nameScore = (name: string) => {
  const similarities = everythingWords.map((word) => `power(strict_word_similarity(${literal(word)}, ${name}), 2)`);
  return `(0.5 * greatest(${similarities.join(', ')}) + 0.5 * (${similarities.join(' + ')}) / ${everythingWords.length}::real)::float8`;
};
const nameHits = (type: string, table: string, name: string) => `
    (SELECT '${type}' AS type, x.id, ${nameScore(`x.${name}`)} AS score FROM "${table}" x
     WHERE ${everythingWords.map((word) => `${literal(word)} <<% x.${name}`).join(' OR ')}
     ORDER BY 3 DESC, x.id LIMIT 20)`;
/** ts_headline's markers, the ones talkgraph asks for; they appear as such in the literals below. */
const start = '\u0002';
const stop = '\u0003';
const headlineOptions = `StartSel=${start}, StopSel=${stop}, MaxWords=18, MinWords=6, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const searchEverything = `
WITH hits AS (
  SELECT * FROM (
    (SELECT 'TALK' AS type, x.id,
            (CASE WHEN x."searchVector" @@ ${everyWord} THEN 0.5 + 0.5 * ts_rank_cd(x."searchVector", ${everyWord}, 32)
                  ELSE 0.5 * ts_rank_cd(x."searchVector", ${anyWord}, 32) END)::float8 AS score
     FROM "Talk" x WHERE x."searchVector" @@ ${anyWord}
     ORDER BY 3 DESC, x.id LIMIT 20)
    UNION ALL ${nameHits('PERSON', 'Person', 'name')}
    UNION ALL ${nameHits('ORGANISATION', 'Organisation', 'name')}
    UNION ALL ${nameHits('CONFERENCE', 'Conference', 'name')}
    UNION ALL ${nameHits('TOPIC', 'Topic', 'name')}
    UNION ALL ${nameHits('ARTICLE', 'Article', 'title')}
  ) every_type
  ORDER BY score DESC, type, id LIMIT 20
),
marked AS (
  -- The text a snippet is made from: a talk's headline with any query word it holds between the
  -- markers, or the name itself.
  SELECT h.type, h.id, h.score, t.title, p.name AS person, o.name AS organisation,
         CASE h.type
           WHEN 'TALK' THEN ts_headline((CASE WHEN t.language ILIKE 'de%' THEN 'german' ELSE 'english' END)::regconfig,
                                        concat_ws(' — ', t.title, t.subtitle, t.abstract), ${anyWord}, ${literal(headlineOptions)})
           ELSE coalesce(p.name, o.name, c.name, tp.name, a.title)
         END AS text
  FROM hits h
  LEFT JOIN "Talk" t ON h.type = 'TALK' AND t.id = h.id
  LEFT JOIN "Person" p ON h.type = 'PERSON' AND p.id = h.id
  LEFT JOIN "Organisation" o ON h.type = 'ORGANISATION' AND o.id = h.id
  LEFT JOIN "Conference" c ON h.type = 'CONFERENCE' AND c.id = h.id
  LEFT JOIN "Topic" tp ON h.type = 'TOPIC' AND tp.id = h.id
  LEFT JOIN "Article" a ON h.type = 'ARTICLE' AND a.id = h.id
),
query_words AS (
  -- The letter triples of each query word, as nameSnippet makes them: lower case, two spaces
  -- before and one after.
  SELECT ARRAY(SELECT DISTINCT substr(padded, i, 3) FROM generate_series(1, char_length(padded) - 2) i) AS grams
  FROM regexp_split_to_table(${literal(everythingText)}, '[^[:alnum:]]+') word
  CROSS JOIN LATERAL (SELECT '  ' || lower(word) || ' ' AS padded) p
  WHERE word <> ''
)
SELECT json_build_object('data', json_build_object('search', ${list(`
  SELECT json_agg(json_build_object(
    'type', m.type,
    -- Rounded to four places as Math.round does it (halves up), in the same float8 arithmetic.
    'score', floor(m.score * 10000 + 0.5) / 10000,
    'snippet', json_build_object(
      'text', CASE WHEN m.type = 'TALK' THEN translate(m.text, '${start}${stop}', '') ELSE m.text END,
      'highlights', CASE WHEN m.type = 'TALK' THEN ${list(`
        -- A highlight runs from a start marker to the next stop marker; offsets count the
        -- unmarked text before them.
        SELECT json_agg(json_build_object('start', opened, 'length', at - opened) ORDER BY n)
        FROM (
          SELECT n, token, at,
                 max(CASE WHEN token = '${start}' THEN n END) OVER before AS last_start,
                 max(CASE WHEN token = '${stop}' THEN n END) OVER before AS last_stop,
                 max(CASE WHEN token = '${start}' THEN at END) OVER before AS opened
          FROM (
            SELECT n, token[1] AS token,
                   coalesce(sum(CASE WHEN token[1] IN ('${start}', '${stop}') THEN 0 ELSE ${utf16Length('token[1]')} END)
                              OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS at
            FROM regexp_matches(m.text, '[${start}${stop}]|[^${start}${stop}]+', 'g') WITH ORDINALITY AS tokens(token, n)
          ) tokens
          WINDOW before AS (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        ) marks
        WHERE token = '${stop}' AND last_start IS NOT NULL AND (last_stop IS NULL OR last_start > last_stop)`)}
      ELSE ${list(`
        -- The words of the name that share at least 40% of their letter triples with a query word.
        -- Words are runs of [[:alnum:]] here and of \\p{L}\\p{N} in JavaScript, and triples are taken
        -- by character here and by UTF-16 code unit there: the same for the names this search
        -- finds, not for every name (marks, digits of other scripts, characters beyond U+FFFF).
        SELECT json_agg(json_build_object('start', at, 'length', ${utf16Length('token')}) ORDER BY n)
        FROM (
          SELECT n, token[1] AS token,
                 coalesce(sum(${utf16Length('token[1]')}) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS at
          FROM regexp_matches(m.text, '[[:alnum:]]+|[^[:alnum:]]+', 'g') WITH ORDINALITY AS tokens(token, n)
        ) words
        CROSS JOIN LATERAL (
          SELECT ARRAY(SELECT DISTINCT substr(padded, i, 3) FROM generate_series(1, char_length(padded) - 2) i) AS grams
          FROM (SELECT '  ' || lower(token) || ' ' AS padded) p
        ) mine
        WHERE token ~ '^[[:alnum:]]' AND EXISTS (
          SELECT 1 FROM query_words q
          WHERE cardinality(ARRAY(SELECT unnest(mine.grams) INTERSECT SELECT unnest(q.grams)))::float8
                / greatest(cardinality(mine.grams), cardinality(q.grams)) >= 0.4)`)}
      END),
    -- The operation selects fields of talks, people and organisations only: other hits' nodes are empty.
    'node', CASE m.type
      WHEN 'TALK' THEN json_build_object('title', m.title)
      WHEN 'PERSON' THEN json_build_object('name', m.person)
      WHEN 'ORGANISATION' THEN json_build_object('name', m.organisation)
      ELSE '{}'::json
    END
  ) ORDER BY m.score DESC, m.type, m.id)
  FROM marked m`)}))::text`;

/** One statement per operation, by the operation's name; each returns one row with one text column. */
export const referenceStatements: Readonly<Record<string, string>> = {
  FiveConferences: fiveConferences,
  OrganisationStaff: organisationStaff,
  ConferencePage: conferencePage,
  MaxKelsenHighlights: headline,
  Deep: deep,
  SearchTalks: searchTalks,
  Facets: facets,
  SearchEverything: searchEverything,
};
