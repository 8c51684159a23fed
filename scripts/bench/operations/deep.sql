-- Deep as one statement.
-- Parameters:
--   $1 = 3
--   $2 = 3
--   $3 = 5
--   $4 = 5
--   $5 = 10
--   $6 = ["KEYNOTE"]
--   $7 = 10
--   $8 = "kubecon-cloudnativecon-europe-2026"
SELECT
  (
    json_build_object(
      'conference',
      (
        SELECT
          json_build_object(
            'name',
            t0."name",
            'talks',
            (
              SELECT
                json_build_object(
                  'nodes',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'title',
                        t1."title",
                        'speakers',
                        (
                          SELECT
                            coalesce(
                              json_agg(
                                json_build_object(
                                  'organisation',
                                  (
                                    SELECT
                                      json_build_object(
                                        'name',
                                        t3."name",
                                        'staff',
                                        (
                                          SELECT
                                            json_build_object(
                                              'nodes',
                                              coalesce(
                                                json_agg(
                                                  json_build_object(
                                                    'person',
                                                    (
                                                      SELECT
                                                        json_build_object(
                                                          'name',
                                                          t5."name",
                                                          'reactions',
                                                          (
                                                            SELECT
                                                              json_build_object(
                                                                'nodes',
                                                                coalesce(
                                                                  json_agg(
                                                                    json_build_object(
                                                                      'kind',
                                                                      t6."kind",
                                                                      'talk',
                                                                      (
                                                                        SELECT
                                                                          json_build_object(
                                                                            'title',
                                                                            t7."title",
                                                                            'conference',
                                                                            (
                                                                              SELECT
                                                                                json_build_object('name', t8."name")
                                                                              FROM
                                                                                "Conference" t8
                                                                              WHERE
                                                                                t8."id" = t7."conferenceId"
                                                                            )
                                                                          )
                                                                        FROM
                                                                          "Talk" t7
                                                                        WHERE
                                                                          t7."id" = t6."talkId"
                                                                      )
                                                                    )
                                                                    ORDER BY
                                                                      t6."$n" ASC
                                                                  ) FILTER (
                                                                    WHERE
                                                                      t6."$n" <= $1::int
                                                                  ),
                                                                  '[]'::json
                                                                )
                                                              )
                                                            FROM
                                                              (
                                                                SELECT
                                                                  t6.*,
                                                                  row_number() OVER () AS "$n"
                                                                FROM
                                                                  (
                                                                    SELECT
                                                                      t6."id",
                                                                      t6."kind",
                                                                      t6."talkId"
                                                                    FROM
                                                                      "Reaction" t6
                                                                    WHERE
                                                                      t6."personId" = t5."id"
                                                                    ORDER BY
                                                                      t6."createdAt" ASC NULLS LAST,
                                                                      t6."id" ASC NULLS LAST
                                                                    LIMIT
                                                                      $2::int + 1
                                                                  ) t6
                                                              ) t6
                                                          )
                                                        )
                                                      FROM
                                                        "Person" t5
                                                      WHERE
                                                        t5."id" = t4."personId"
                                                    )
                                                  )
                                                  ORDER BY
                                                    t4."$n" ASC
                                                ) FILTER (
                                                  WHERE
                                                    t4."$n" <= $3::int
                                                ),
                                                '[]'::json
                                              )
                                            )
                                          FROM
                                            (
                                              SELECT
                                                t4.*,
                                                row_number() OVER () AS "$n"
                                              FROM
                                                (
                                                  SELECT
                                                    t4."id",
                                                    t4."personId"
                                                  FROM
                                                    "Affiliation" t4
                                                  WHERE
                                                    t4."organisationId" = t3."id"
                                                  ORDER BY
                                                    (
                                                      SELECT
                                                        o."name"
                                                      FROM
                                                        "Person" o
                                                      WHERE
                                                        o."id" = t4."personId"
                                                    ) ASC NULLS LAST,
                                                    t4."id" ASC NULLS LAST
                                                  LIMIT
                                                    $4::int + 1
                                                ) t4
                                            ) t4
                                        )
                                      )
                                    FROM
                                      "Organisation" t3
                                    WHERE
                                      t3."id" = t2."organisationId"
                                  )
                                )
                                ORDER BY
                                  t2."position" ASC NULLS LAST,
                                  t2."id" ASC NULLS LAST
                              ),
                              '[]'::json
                            )
                          FROM
                            "TalkSpeaker" t2
                          WHERE
                            t2."talkId" = t1."id"
                        )
                      )
                      ORDER BY
                        t1."$n" ASC
                    ) FILTER (
                      WHERE
                        t1."$n" <= $5::int
                    ),
                    '[]'::json
                  )
                )
              FROM
                (
                  SELECT
                    t1.*,
                    row_number() OVER () AS "$n"
                  FROM
                    (
                      SELECT
                        t1."id",
                        t1."title"
                      FROM
                        "Talk" t1
                      WHERE
                        t1."conferenceId" = t0."id"
                        AND t1."kind" = ANY ($6::text[]::"TalkKind" [])
                      ORDER BY
                        t1."day" ASC NULLS LAST,
                        t1."startsAt" ASC NULLS LAST,
                        t1."title" ASC NULLS LAST,
                        t1."id" ASC NULLS LAST
                      LIMIT
                        $7::int + 1
                    ) t1
                ) t1
            )
          )
        FROM
          "Conference" t0
        WHERE
          t0."slug" = $8
        LIMIT
          1
      )
    )
  )::text AS data
