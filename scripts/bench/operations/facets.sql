-- Facets as one statement.
-- Parameters:
--   $1 = "FOSDEM"
--   $2 = "FOSDEM"
--   $3 = 20
--   $4 = "FOSDEM"
--   $5 = 20
--   $6 = "FOSDEM"
--   $7 = 20
--   $8 = "kubecon-cloudnativecon-europe-2026"
--   $9 = 10
--   $10 = 20
--   $11 = "kubecon-cloudnativecon-europe-2026"
--   $12 = "kubecon-cloudnativecon-europe-2026"
--   $13 = "kubecon-cloudnativecon-europe-2026"
--   $14 = 20
--   $15 = "kubecon-cloudnativecon-europe-2026"
SELECT
  (
    json_build_object(
      'fosdem',
      json_build_object(
        'totalCount',
        (
          SELECT
            count(*)::int
          FROM
            "Talk" t1
          WHERE
            t1."conferenceId" IN (
              SELECT
                "id"
              FROM
                "Conference"
              WHERE
                "series" = $1
            )
        ),
        'facets',
        json_build_object(
          'years',
          (
            SELECT
              coalesce(
                json_agg(
                  json_build_object('year', t2."value", 'count', t2."count")
                  ORDER BY
                    t2."value" ASC
                ),
                '[]'::json
              )
            FROM
              (
                SELECT
                  gc."year" AS value,
                  count(*)::int AS count
                FROM
                  "Talk" t3
                  JOIN "Conference" gc ON gc."id" = t3."conferenceId"
                WHERE
                  t3."conferenceId" IN (
                    SELECT
                      "id"
                    FROM
                      "Conference"
                    WHERE
                      "series" = $2
                  )
                  AND gc."year" IS NOT NULL
                GROUP BY
                  1
                ORDER BY
                  1 ASC
                LIMIT
                  $3
              ) t2
          ),
          'kinds',
          (
            SELECT
              coalesce(
                json_agg(
                  json_build_object('kind', t4."value", 'count', t4."count")
                  ORDER BY
                    t4."count" DESC,
                    t4."value" ASC
                ),
                '[]'::json
              )
            FROM
              (
                SELECT
                  t5."kind"::text AS value,
                  count(*)::int AS count
                FROM
                  "Talk" t5
                WHERE
                  t5."conferenceId" IN (
                    SELECT
                      "id"
                    FROM
                      "Conference"
                    WHERE
                      "series" = $4
                  )
                  AND t5."kind"::text IS NOT NULL
                GROUP BY
                  1
                ORDER BY
                  2 DESC,
                  1 ASC
                LIMIT
                  $5
              ) t4
          ),
          'tracks',
          (
            SELECT
              coalesce(
                json_agg(
                  json_build_object('value', t6."value", 'count', t6."count")
                  ORDER BY
                    t6."count" DESC,
                    t6."value" ASC
                ),
                '[]'::json
              )
            FROM
              (
                SELECT
                  t7."track" AS value,
                  count(*)::int AS count
                FROM
                  "Talk" t7
                WHERE
                  t7."conferenceId" IN (
                    SELECT
                      "id"
                    FROM
                      "Conference"
                    WHERE
                      "series" = $6
                  )
                  AND t7."track" IS NOT NULL
                GROUP BY
                  1
                ORDER BY
                  2 DESC,
                  1 ASC
                LIMIT
                  $7
              ) t6
          )
        )
      ),
      'kubecon',
      json_build_object(
        'facets',
        json_build_object(
          'organisations',
          (
            SELECT
              coalesce(
                json_agg(
                  json_build_object(
                    'organisation',
                    (
                      SELECT
                        json_build_object('name', t10."name")
                      FROM
                        "Organisation" t10
                      WHERE
                        t10."id" = t9."value"
                    ),
                    'count',
                    t9."count"
                  )
                  ORDER BY
                    t9."count" DESC,
                    t9."value" ASC
                ),
                '[]'::json
              )
            FROM
              (
                SELECT
                  g."organisationId" AS value,
                  count(DISTINCT t11."id")::int AS count
                FROM
                  "Talk" t11
                  JOIN "TalkSpeaker" g ON g."talkId" = t11."id"
                WHERE
                  t11."conferenceId" = (
                    SELECT
                      "id"
                    FROM
                      "Conference"
                    WHERE
                      "slug" = $8
                  )
                  AND g."organisationId" IS NOT NULL
                GROUP BY
                  1
                ORDER BY
                  2 DESC,
                  1 ASC
                LIMIT
                  $9
              ) t9
          )
        )
      ),
      'organisations',
      (
        SELECT
          json_build_object(
            'edges',
            coalesce(
              json_agg(
                json_build_object('count', t12."$k0"::int, 'node', json_build_object('name', t12."name"))
                ORDER BY
                  t12."$n" ASC
              ) FILTER (
                WHERE
                  t12."$n" <= $10::int
              ),
              '[]'::json
            )
          )
        FROM
          (
            SELECT
              t12.*,
              row_number() OVER () AS "$n"
            FROM
              (
                SELECT
                  t12."id",
                  t12."name",
                  (
                    SELECT
                      count(DISTINCT s."talkId")
                    FROM
                      "TalkSpeaker" s
                      JOIN "Talk" t ON t."id" = s."talkId"
                    WHERE
                      s."organisationId" = t12."id"
                      AND t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $11
                        )
                      )
                  ) AS "$k0"
                FROM
                  "Organisation" t12
                WHERE
                  t12."id" IN (
                    SELECT
                      s."organisationId"
                    FROM
                      "TalkSpeaker" s
                      JOIN "Talk" t ON t."id" = s."talkId"
                    WHERE
                      t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $12
                        )
                      )
                  )
                ORDER BY
                  (
                    SELECT
                      count(DISTINCT s."talkId")
                    FROM
                      "TalkSpeaker" s
                      JOIN "Talk" t ON t."id" = s."talkId"
                    WHERE
                      s."organisationId" = t12."id"
                      AND t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $13
                        )
                      )
                  ) DESC NULLS LAST,
                  t12."name" ASC NULLS LAST,
                  t12."id" ASC NULLS LAST
                LIMIT
                  $14::int + 1
              ) t12
          ) t12
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
