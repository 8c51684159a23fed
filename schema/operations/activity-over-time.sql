-- ActivityOverTime as one statement. Bound at each request: $conference, $organisation.
-- Parameters:
--   $1 = 1000
--   $2 = "day"
--   $3 = "day"
--   $4 = "day"
--   $5 = "day"
--   $6 = 2147483647
--   $7 = null
--   $8 = "1 day"
--   $9 = "1 day"
--   $10 = 1001
--   $11 = $conference
--   $12 = 1000
--   $13 = "Australia/Brisbane"
--   $14 = "Australia/Brisbane"
--   $15 = "week"
--   $16 = "Australia/Brisbane"
--   $17 = "Australia/Brisbane"
--   $18 = "week"
--   $19 = "Australia/Brisbane"
--   $20 = "Australia/Brisbane"
--   $21 = "Australia/Brisbane"
--   $22 = "Australia/Brisbane"
--   $23 = "week"
--   $24 = "Australia/Brisbane"
--   $25 = "Australia/Brisbane"
--   $26 = "week"
--   $27 = "Australia/Brisbane"
--   $28 = "Australia/Brisbane"
--   $29 = 2147483647
--   $30 = "Australia/Brisbane"
--   $31 = "7 days"
--   $32 = "7 days"
--   $33 = 1001
--   $34 = $organisation
SELECT
  (
    json_build_object(
      'conference',
      (
        SELECT
          json_build_object(
            'name',
            t0."name",
            'timeZone',
            t0."timeZone",
            'talks',
            json_build_object(
              'totalCount',
              (
                SELECT
                  count(*)::int
                FROM
                  "Talk" t2
                WHERE
                  t2."conferenceId" = t0."id"
              ),
              'histogram',
              (
                SELECT
                  CASE
                    WHEN count(*) > $1 THEN '{"$execute":true}'::json
                    ELSE coalesce(
                      json_agg(
                        json_build_object(
                          'start',
                          to_char(t3."start", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'end',
                          to_char(t3."end", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'count',
                          t3."count"
                        )
                        ORDER BY
                          t3."start"
                      ),
                      '[]'::json
                    )
                  END
                FROM
                  (
                    SELECT
                      h."start" AT TIME ZONE 'UTC' AS "start",
                      h."end" AT TIME ZONE 'UTC' AS "end",
                      h."count"
                    FROM
                      (
                        WITH
                          f AS (
                            SELECT
                              p.id AS "$parent",
                              f.value,
                              f.count
                            FROM
                              (
                                SELECT
                                  t0."id" AS id,
                                  1::bigint AS ord
                              ) p
                              LEFT JOIN LATERAL (
                                SELECT
                                  CASE
                                    WHEN ((x."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') IS NOT NULL THEN ARRAY[
                                      x."conferenceId"::text,
                                      date_trunc($2::text, ((x."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE coalesce(hc."timeZone", 'UTC')))::text,
                                      date_trunc($3::text, ((x."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'))::text
                                    ]
                                  END AS value,
                                  count(*)::int AS count
                                FROM
                                  "Talk" x
                                  JOIN "Conference" hc ON hc."id" = x."conferenceId"
                                WHERE
                                  x."conferenceId" = p.id
                                  AND CASE
                                    WHEN ((x."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') IS NOT NULL THEN ARRAY[
                                      x."conferenceId"::text,
                                      date_trunc($4::text, ((x."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE coalesce(hc."timeZone", 'UTC')))::text,
                                      date_trunc($5::text, ((x."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'))::text
                                    ]
                                  END IS NOT NULL
                                GROUP BY
                                  1
                                ORDER BY
                                  1 ASC
                                LIMIT
                                  $6
                              ) f ON true
                            ORDER BY
                              p.ord,
                              f.value ASC
                          ),
                          s AS (
                            SELECT
                              coalesce(f."$parent", 0) AS parent,
                              count(DISTINCT f.value[1]) = 1 AS single,
                              min(f.value[1]) AS conference
                            FROM
                              f
                            GROUP BY
                              f."$parent"
                          ),
                          g AS (
                            SELECT
                              s.parent,
                              (
                                CASE
                                  WHEN s.single THEN f.value[2]
                                  ELSE f.value[3]
                                END
                              )::timestamp AS bucket,
                              sum(f.count)::int AS count
                            FROM
                              f
                              JOIN s ON s.parent = coalesce(f."$parent", 0)
                            WHERE
                              f.value IS NOT NULL
                            GROUP BY
                              1,
                              2
                          ),
                          z AS (
                            SELECT
                              s.*,
                              coalesce(
                                $7::text,
                                CASE
                                  WHEN s.single THEN (
                                    SELECT
                                      c."timeZone"
                                    FROM
                                      "Conference" c
                                    WHERE
                                      c."id" = s.conference::int
                                  )
                                END,
                                'UTC'
                              ) AS zone
                            FROM
                              s
                          )
                        SELECT
                          z.parent AS "$parent",
                          b.start,
                          b."end",
                          b.count
                        FROM
                          z
                          LEFT JOIN LATERAL (
                            SELECT
                              series.slot AT TIME ZONE z.zone AS start,
                              (series.slot + $8::interval) AT TIME ZONE z.zone AS "end",
                              coalesce(g.count, 0) AS count
                            FROM
                              (
                                SELECT
                                  slot
                                FROM
                                  generate_series(
                                    (
                                      SELECT
                                        min(g.bucket)
                                      FROM
                                        g
                                      WHERE
                                        g.parent = z.parent
                                    ),
                                    (
                                      SELECT
                                        max(g.bucket)
                                      FROM
                                        g
                                      WHERE
                                        g.parent = z.parent
                                    ),
                                    $9::interval
                                  ) AS slot
                                LIMIT
                                  $10
                              ) series
                              LEFT JOIN g ON g.parent = z.parent
                              AND g.bucket = series.slot
                          ) b ON true
                        ORDER BY
                          z.parent,
                          b.start
                      ) h
                    WHERE
                      h."start" IS NOT NULL
                  ) t3
              )
            )
          )
        FROM
          "Conference" t0
        WHERE
          t0."slug" = $11
        LIMIT
          1
      ),
      'organisation',
      (
        SELECT
          json_build_object(
            'name',
            t4."name",
            'reactions',
            json_build_object(
              'histogram',
              (
                SELECT
                  CASE
                    WHEN count(*) > $12 THEN '{"$execute":true}'::json
                    ELSE coalesce(
                      json_agg(
                        json_build_object(
                          'start',
                          to_char(t6."start", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'end',
                          to_char(t6."end", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                          'count',
                          t6."count"
                        )
                        ORDER BY
                          t6."start"
                      ),
                      '[]'::json
                    )
                  END
                FROM
                  (
                    SELECT
                      h."start" AT TIME ZONE 'UTC' AS "start",
                      h."end" AT TIME ZONE 'UTC' AS "end",
                      h."count"
                    FROM
                      (
                        WITH
                          f AS (
                            SELECT
                              p.id AS "$parent",
                              f.value,
                              f.count
                            FROM
                              (
                                SELECT
                                  t4."id" AS id,
                                  1::bigint AS ord
                              ) p
                              LEFT JOIN LATERAL (
                                SELECT
                                  CASE
                                    WHEN coalesce(
                                      ha."publishedOn"::timestamp,
                                      ((ht."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE $13::text),
                                      (hc."startsOn" + (ht."day" - 1))::timestamp,
                                      hc."startsOn"::timestamp,
                                      ((x."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $14::text)
                                    ) IS NOT NULL THEN ARRAY[
                                      '0',
                                      date_trunc(
                                        $15::text,
                                        coalesce(
                                          ha."publishedOn"::timestamp,
                                          ((ht."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE $16::text),
                                          (hc."startsOn" + (ht."day" - 1))::timestamp,
                                          hc."startsOn"::timestamp,
                                          ((x."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $17::text)
                                        )
                                      )::text,
                                      date_trunc(
                                        $18::text,
                                        coalesce(
                                          ha."publishedOn"::timestamp,
                                          ((ht."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE $19::text),
                                          (hc."startsOn" + (ht."day" - 1))::timestamp,
                                          hc."startsOn"::timestamp,
                                          ((x."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $20::text)
                                        )
                                      )::text
                                    ]
                                  END AS value,
                                  count(*)::int AS count
                                FROM
                                  "Reaction" x
                                  JOIN "Talk" ht ON ht."id" = x."talkId"
                                  JOIN "Conference" hc ON hc."id" = ht."conferenceId"
                                  JOIN "Article" ha ON ha."id" = x."articleId"
                                WHERE
                                  x."id" = ANY (
                                    ARRAY(
                                      SELECT
                                        rs."id"
                                      FROM
                                        "Reaction" rs
                                      WHERE
                                        rs."organisationId" = p.id
                                      UNION
                                      SELECT
                                        rr."id"
                                      FROM
                                        "Affiliation" ro
                                        JOIN "Reaction" rr ON rr."personId" = ro."personId"
                                        LEFT JOIN "Talk" rt ON rt."id" = rr."talkId"
                                        LEFT JOIN "Conference" rc ON rc."id" = rt."conferenceId"
                                        LEFT JOIN "Article" ra ON ra."id" = rr."articleId"
                                      WHERE
                                        ro."organisationId" = p.id
                                        AND (
                                          (
                                            ro."startedOn" IS NULL
                                            AND ro."endedOn" IS NULL
                                          )
                                          OR (
                                            COALESCE(
                                              (rt."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc."timeZone", 'UTC'))::date,
                                              rc."startsOn" + (rt."day" - 1),
                                              ra."publishedOn",
                                              rc."startsOn"
                                            ) IS NULL
                                            OR COALESCE(
                                              (rt."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc."timeZone", 'UTC'))::date,
                                              rc."startsOn" + (rt."day" - 1),
                                              ra."publishedOn",
                                              rc."startsOn"
                                            ) BETWEEN COALESCE(ro."startedOn", '-infinity'::date) AND COALESCE(ro."endedOn", 'infinity'::date)
                                          )
                                        )
                                    )
                                  )
                                  AND CASE
                                    WHEN coalesce(
                                      ha."publishedOn"::timestamp,
                                      ((ht."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE $21::text),
                                      (hc."startsOn" + (ht."day" - 1))::timestamp,
                                      hc."startsOn"::timestamp,
                                      ((x."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $22::text)
                                    ) IS NOT NULL THEN ARRAY[
                                      '0',
                                      date_trunc(
                                        $23::text,
                                        coalesce(
                                          ha."publishedOn"::timestamp,
                                          ((ht."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE $24::text),
                                          (hc."startsOn" + (ht."day" - 1))::timestamp,
                                          hc."startsOn"::timestamp,
                                          ((x."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $25::text)
                                        )
                                      )::text,
                                      date_trunc(
                                        $26::text,
                                        coalesce(
                                          ha."publishedOn"::timestamp,
                                          ((ht."startsAt" AT TIME ZONE 'UTC') AT TIME ZONE $27::text),
                                          (hc."startsOn" + (ht."day" - 1))::timestamp,
                                          hc."startsOn"::timestamp,
                                          ((x."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $28::text)
                                        )
                                      )::text
                                    ]
                                  END IS NOT NULL
                                GROUP BY
                                  1
                                ORDER BY
                                  1 ASC
                                LIMIT
                                  $29
                              ) f ON true
                            ORDER BY
                              p.ord,
                              f.value ASC
                          ),
                          s AS (
                            SELECT
                              coalesce(f."$parent", 0) AS parent,
                              count(DISTINCT f.value[1]) = 1 AS single,
                              min(f.value[1]) AS conference
                            FROM
                              f
                            GROUP BY
                              f."$parent"
                          ),
                          g AS (
                            SELECT
                              s.parent,
                              (
                                CASE
                                  WHEN s.single THEN f.value[2]
                                  ELSE f.value[3]
                                END
                              )::timestamp AS bucket,
                              sum(f.count)::int AS count
                            FROM
                              f
                              JOIN s ON s.parent = coalesce(f."$parent", 0)
                            WHERE
                              f.value IS NOT NULL
                            GROUP BY
                              1,
                              2
                          ),
                          z AS (
                            SELECT
                              s.*,
                              coalesce(
                                $30::text,
                                CASE
                                  WHEN s.single THEN (
                                    SELECT
                                      c."timeZone"
                                    FROM
                                      "Conference" c
                                    WHERE
                                      c."id" = s.conference::int
                                  )
                                END,
                                'UTC'
                              ) AS zone
                            FROM
                              s
                          )
                        SELECT
                          z.parent AS "$parent",
                          b.start,
                          b."end",
                          b.count
                        FROM
                          z
                          LEFT JOIN LATERAL (
                            SELECT
                              series.slot AT TIME ZONE z.zone AS start,
                              (series.slot + $31::interval) AT TIME ZONE z.zone AS "end",
                              coalesce(g.count, 0) AS count
                            FROM
                              (
                                SELECT
                                  slot
                                FROM
                                  generate_series(
                                    (
                                      SELECT
                                        min(g.bucket)
                                      FROM
                                        g
                                      WHERE
                                        g.parent = z.parent
                                    ),
                                    (
                                      SELECT
                                        max(g.bucket)
                                      FROM
                                        g
                                      WHERE
                                        g.parent = z.parent
                                    ),
                                    $32::interval
                                  ) AS slot
                                LIMIT
                                  $33
                              ) series
                              LEFT JOIN g ON g.parent = z.parent
                              AND g.bucket = series.slot
                          ) b ON true
                        ORDER BY
                          z.parent,
                          b.start
                      ) h
                    WHERE
                      h."start" IS NOT NULL
                  ) t6
              )
            )
          )
        FROM
          "Organisation" t4
        WHERE
          t4."slug" = $34
        LIMIT
          1
      )
    )
  )::text AS data
