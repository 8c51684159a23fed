-- TopOrganisations as one statement.
-- Parameters:
--   $1 = "kubecon-cloudnativecon-europe-2026"
--   $2 = 10
--   $3 = "kubecon-cloudnativecon-europe-2026"
--   $4 = "kubecon-cloudnativecon-europe-2026"
--   $5 = "kubecon-cloudnativecon-europe-2026"
--   $6 = 10
--   $7 = "kubecon-cloudnativecon-europe-2026"
SELECT
  (
    json_build_object(
      'organisations',
      (
        SELECT
          json_build_object(
            'totalCount',
            (
              SELECT
                count(*)::int
              FROM
                "Organisation" t1
              WHERE
                t1."id" IN (
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
                          "slug" = $1
                      )
                    )
                )
            ),
            'edges',
            coalesce(
              json_agg(
                json_build_object('count', t0."$k0"::int, 'node', json_build_object('name', t0."name", 'kind', t0."kind"))
                ORDER BY
                  t0."$n" ASC
              ) FILTER (
                WHERE
                  t0."$n" <= $2::int
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
                  t0."name",
                  t0."kind",
                  (
                    SELECT
                      count(DISTINCT s."talkId")
                    FROM
                      "TalkSpeaker" s
                      JOIN "Talk" t ON t."id" = s."talkId"
                    WHERE
                      s."organisationId" = t0."id"
                      AND t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $3
                        )
                      )
                  ) AS "$k0"
                FROM
                  "Organisation" t0
                WHERE
                  t0."id" IN (
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
                            "slug" = $4
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
                      s."organisationId" = t0."id"
                      AND t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $5
                        )
                      )
                  ) DESC NULLS LAST,
                  t0."name" ASC NULLS LAST,
                  t0."id" ASC NULLS LAST
                LIMIT
                  $6::int + 1
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
      "slug" = $7
  ) AS "$missing0"
