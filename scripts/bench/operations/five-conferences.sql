-- FiveConferences as one statement.
-- Parameters:
--   $1 = 50
--   $2 = 50
--   $3 = 5
--   $4 = 5
SELECT
  (
    json_build_object(
      'conferences',
      (
        SELECT
          json_build_object(
            'nodes',
            coalesce(
              json_agg(
                json_build_object(
                  'id',
                  rtrim(translate(encode(convert_to('Conference:' || t0."id", 'UTF8'), 'base64'), '+/', '-_'), '='),
                  'name',
                  t0."name",
                  'startsOn',
                  to_char(t0."startsOn", 'YYYY-MM-DD'),
                  'talks',
                  (
                    SELECT
                      json_build_object(
                        'nodes',
                        coalesce(
                          json_agg(
                            json_build_object(
                              'id',
                              rtrim(translate(encode(convert_to('Talk:' || t1."id", 'UTF8'), 'base64'), '+/', '-_'), '='),
                              'title',
                              t1."title",
                              'speakers',
                              (
                                SELECT
                                  coalesce(
                                    json_agg(
                                      json_build_object(
                                        'person',
                                        (
                                          SELECT
                                            json_build_object(
                                              'name',
                                              t3."name",
                                              'affiliations',
                                              (
                                                SELECT
                                                  coalesce(
                                                    json_agg(
                                                      json_build_object(
                                                        'jobTitle',
                                                        t4."jobTitle",
                                                        'organisation',
                                                        (
                                                          SELECT
                                                            json_build_object('name', t5."name")
                                                          FROM
                                                            "Organisation" t5
                                                          WHERE
                                                            t5."id" = t4."organisationId"
                                                        )
                                                      )
                                                      ORDER BY
                                                        t4."startedOn" DESC NULLS FIRST,
                                                        t4."organisationId" ASC NULLS LAST,
                                                        t4."id" ASC NULLS LAST
                                                    ),
                                                    '[]'::json
                                                  )
                                                FROM
                                                  "Affiliation" t4
                                                WHERE
                                                  t4."personId" = t3."id"
                                              )
                                            )
                                          FROM
                                            "Person" t3
                                          WHERE
                                            t3."id" = t2."personId"
                                        ),
                                        'organisation',
                                        (
                                          SELECT
                                            json_build_object('name', t6."name")
                                          FROM
                                            "Organisation" t6
                                          WHERE
                                            t6."id" = t2."organisationId"
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
                              t1."$n" <= $1::int
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
                            ORDER BY
                              t1."day" ASC NULLS LAST,
                              t1."startsAt" ASC NULLS LAST,
                              t1."title" ASC NULLS LAST,
                              t1."id" ASC NULLS LAST
                            LIMIT
                              $2::int + 1
                          ) t1
                      ) t1
                  )
                )
                ORDER BY
                  t0."$n" ASC
              ) FILTER (
                WHERE
                  t0."$n" <= $3::int
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
                  t0."startsOn"
                FROM
                  "Conference" t0
                ORDER BY
                  t0."startsOn" DESC NULLS LAST,
                  t0."id" DESC NULLS FIRST
                LIMIT
                  $4::int + 1
              ) t0
          ) t0
      )
    )
  )::text AS data
