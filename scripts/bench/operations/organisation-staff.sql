-- OrganisationStaff as one statement.
-- Parameters:
--   $1 = 10
--   $2 = 10
--   $3 = 20
--   $4 = 20
--   $5 = 10
--   $6 = 10
SELECT
  (
    json_build_object(
      'organisations',
      (
        SELECT
          json_build_object(
            'nodes',
            coalesce(
              json_agg(
                json_build_object(
                  'id',
                  rtrim(translate(encode(convert_to('Organisation:' || t0."id", 'UTF8'), 'base64'), '+/', '-_'), '='),
                  'name',
                  t0."name",
                  'staff',
                  (
                    SELECT
                      json_build_object(
                        'nodes',
                        coalesce(
                          json_agg(
                            json_build_object(
                              'jobTitle',
                              t1."jobTitle",
                              'person',
                              (
                                SELECT
                                  json_build_object(
                                    'name',
                                    t2."name",
                                    'reactions',
                                    (
                                      SELECT
                                        json_build_object(
                                          'nodes',
                                          coalesce(
                                            json_agg(
                                              json_build_object(
                                                'kind',
                                                t3."kind",
                                                'summary',
                                                t3."summary",
                                                'talk',
                                                (
                                                  SELECT
                                                    json_build_object(
                                                      'title',
                                                      t4."title",
                                                      'conference',
                                                      (
                                                        SELECT
                                                          json_build_object('name', t5."name")
                                                        FROM
                                                          "Conference" t5
                                                        WHERE
                                                          t5."id" = t4."conferenceId"
                                                      )
                                                    )
                                                  FROM
                                                    "Talk" t4
                                                  WHERE
                                                    t4."id" = t3."talkId"
                                                )
                                              )
                                              ORDER BY
                                                t3."$n" ASC
                                            ) FILTER (
                                              WHERE
                                                t3."$n" <= $1::int
                                            ),
                                            '[]'::json
                                          )
                                        )
                                      FROM
                                        (
                                          SELECT
                                            t3.*,
                                            row_number() OVER () AS "$n"
                                          FROM
                                            (
                                              SELECT
                                                t3."id",
                                                t3."kind",
                                                t3."summary",
                                                t3."talkId"
                                              FROM
                                                "Reaction" t3
                                              WHERE
                                                t3."personId" = t2."id"
                                              ORDER BY
                                                t3."createdAt" ASC NULLS LAST,
                                                t3."id" ASC NULLS LAST
                                              LIMIT
                                                $2::int + 1
                                            ) t3
                                        ) t3
                                    )
                                  )
                                FROM
                                  "Person" t2
                                WHERE
                                  t2."id" = t1."personId"
                              )
                            )
                            ORDER BY
                              t1."$n" ASC
                          ) FILTER (
                            WHERE
                              t1."$n" <= $3::int
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
                              t1."jobTitle",
                              t1."personId"
                            FROM
                              "Affiliation" t1
                            WHERE
                              t1."organisationId" = t0."id"
                            ORDER BY
                              (
                                SELECT
                                  o."name"
                                FROM
                                  "Person" o
                                WHERE
                                  o."id" = t1."personId"
                              ) ASC NULLS LAST,
                              t1."id" ASC NULLS LAST
                            LIMIT
                              $4::int + 1
                          ) t1
                      ) t1
                  )
                )
                ORDER BY
                  t0."$n" ASC
              ) FILTER (
                WHERE
                  t0."$n" <= $5::int
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
                  (
                    SELECT
                      count(DISTINCT s."talkId")
                    FROM
                      "TalkSpeaker" s
                      JOIN "Talk" t ON t."id" = s."talkId"
                    WHERE
                      s."organisationId" = t0."id"
                  ) AS "$k0"
                FROM
                  "Organisation" t0
                ORDER BY
                  (
                    SELECT
                      count(DISTINCT s."talkId")
                    FROM
                      "TalkSpeaker" s
                      JOIN "Talk" t ON t."id" = s."talkId"
                    WHERE
                      s."organisationId" = t0."id"
                  ) DESC NULLS LAST,
                  t0."name" ASC NULLS LAST,
                  t0."id" ASC NULLS LAST
                LIMIT
                  $6::int + 1
              ) t0
          ) t0
      )
    )
  )::text AS data
