-- SearchTalks as one statement.
-- Parameters:
--   $1 = "kubernetes security"
--   $2 = "kubernetes security"
--   $3 = "kubernetes security"
--   $4 = "kubernetes security"
--   $5 = 10
--   $6 = "kubernetes security"
--   $7 = "kubernetes security"
--   $8 = 20
--   $9 = 20
--   $10 = "kubernetes security"
--   $11 = "kubernetes security"
--   $12 = "kubernetes security"
--   $13 = "kubernetes security"
--   $14 = 20
SELECT
  (
    json_build_object(
      'talks',
      (
        SELECT
          json_build_object(
            'totalCount',
            (
              SELECT
                count(*)::int
              FROM
                "Talk" t1
              WHERE
                t1."searchVector" @@ (websearch_to_tsquery('english', $1) || websearch_to_tsquery('german', $2))
            ),
            'facets',
            json_build_object(
              'tracks',
              (
                SELECT
                  coalesce(
                    json_agg(
                      json_build_object('value', t2."value", 'count', t2."count")
                      ORDER BY
                        t2."count" DESC,
                        t2."value" ASC
                    ),
                    '[]'::json
                  )
                FROM
                  (
                    SELECT
                      t3."track" AS value,
                      count(*)::int AS count
                    FROM
                      "Talk" t3
                    WHERE
                      t3."searchVector" @@ (websearch_to_tsquery('english', $3) || websearch_to_tsquery('german', $4))
                      AND t3."track" IS NOT NULL
                    GROUP BY
                      1
                    ORDER BY
                      2 DESC,
                      1 ASC
                    LIMIT
                      $5
                  ) t2
              ),
              'years',
              (
                SELECT
                  coalesce(
                    json_agg(
                      json_build_object('year', t4."value", 'count', t4."count")
                      ORDER BY
                        t4."value" ASC
                    ),
                    '[]'::json
                  )
                FROM
                  (
                    SELECT
                      gc."year" AS value,
                      count(*)::int AS count
                    FROM
                      "Talk" t5
                      JOIN "Conference" gc ON gc."id" = t5."conferenceId"
                    WHERE
                      t5."searchVector" @@ (websearch_to_tsquery('english', $6) || websearch_to_tsquery('german', $7))
                      AND gc."year" IS NOT NULL
                    GROUP BY
                      1
                    ORDER BY
                      1 ASC
                    LIMIT
                      $8
                  ) t4
              )
            ),
            'nodes',
            coalesce(
              json_agg(
                json_build_object(
                  'title',
                  t0."title",
                  'track',
                  t0."track",
                  'conference',
                  (
                    SELECT
                      json_build_object('name', t6."name")
                    FROM
                      "Conference" t6
                    WHERE
                      t6."id" = t0."conferenceId"
                  )
                )
                ORDER BY
                  t0."$n" ASC
              ) FILTER (
                WHERE
                  t0."$n" <= $9::int
              ),
              '[]'::json
            )
          )
        FROM
          (
            SELECT
              t0.*,
              row_number() OVER () AS "$n"
            FROM
              (
                SELECT
                  t0."id",
                  t0."title",
                  t0."track",
                  t0."conferenceId"
                FROM
                  "Talk" t0
                WHERE
                  t0."searchVector" @@ (websearch_to_tsquery('english', $10) || websearch_to_tsquery('german', $11))
                ORDER BY
                  ts_rank_cd(
                    t0."searchVector",
                    (websearch_to_tsquery('english', $12) || websearch_to_tsquery('german', $13)),
                    32
                  ) DESC NULLS LAST,
                  t0."day" ASC NULLS LAST,
                  t0."startsAt" ASC NULLS LAST,
                  t0."title" ASC NULLS LAST,
                  t0."id" ASC NULLS LAST
                LIMIT
                  $14::int + 1
              ) t0
          ) t0
      )
    )
  )::text AS data
