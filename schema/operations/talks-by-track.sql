-- TalksByTrack as one statement.
-- Parameters:
--   $1 = "fosdem-2025"
--   $2 = "rust"
--   $3 = "rust"
--   $4 = "fosdem-2025"
--   $5 = "rust"
--   $6 = "rust"
--   $7 = 10
--   $8 = 10
--   $9 = "fosdem-2025"
--   $10 = "rust"
--   $11 = "rust"
--   $12 = "rust"
--   $13 = "rust"
--   $14 = 10
--   $15 = "fosdem-2025"
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
                t1."conferenceId" = (
                  SELECT
                    "id"
                  FROM
                    "Conference"
                  WHERE
                    "slug" = $1
                )
                AND t1."searchVector" @@ (websearch_to_tsquery('english', $2) || websearch_to_tsquery('german', $3))
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
                      t3."conferenceId" = (
                        SELECT
                          "id"
                        FROM
                          "Conference"
                        WHERE
                          "slug" = $4
                      )
                      AND t3."searchVector" @@ (websearch_to_tsquery('english', $5) || websearch_to_tsquery('german', $6))
                      AND t3."track" IS NOT NULL
                    GROUP BY
                      1
                    ORDER BY
                      2 DESC,
                      1 ASC
                    LIMIT
                      $7
                  ) t2
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
                  'speakers',
                  (
                    SELECT
                      coalesce(
                        json_agg(
                          json_build_object(
                            'person',
                            (
                              SELECT
                                json_build_object('name', t5."name")
                              FROM
                                "Person" t5
                              WHERE
                                t5."id" = t4."personId"
                            )
                          )
                          ORDER BY
                            t4."position" ASC NULLS LAST,
                            t4."id" ASC NULLS LAST
                        ),
                        '[]'::json
                      )
                    FROM
                      "TalkSpeaker" t4
                    WHERE
                      t4."talkId" = t0."id"
                  )
                )
                ORDER BY
                  t0."$n" ASC
              ) FILTER (
                WHERE
                  t0."$n" <= $8::int
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
                  t0."track"
                FROM
                  "Talk" t0
                WHERE
                  t0."conferenceId" = (
                    SELECT
                      "id"
                    FROM
                      "Conference"
                    WHERE
                      "slug" = $9
                  )
                  AND t0."searchVector" @@ (websearch_to_tsquery('english', $10) || websearch_to_tsquery('german', $11))
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
  )::text AS data,
  NOT EXISTS (
    SELECT
      1
    FROM
      "Conference"
    WHERE
      "slug" = $15
  ) AS "$missing0"
