-- TopicTalks as one statement. Bound at each request: $topic.
-- Parameters:
--   $1 = 20
--   $2 = 20
--   $3 = $topic
SELECT
  (
    json_build_object(
      'topic',
      (
        SELECT
          json_build_object(
            'name',
            t0."name",
            'talks',
            (
              SELECT
                json_build_object(
                  'totalCount',
                  (
                    SELECT
                      count(*)::int
                    FROM
                      "Talk" t2
                    WHERE
                      t2."id" IN (
                        SELECT
                          "A"
                        FROM
                          "_TalkToTopic"
                        WHERE
                          "B" = t0."id"
                      )
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'node',
                        json_build_object(
                          'title',
                          t1."title",
                          'conference',
                          (
                            SELECT
                              json_build_object('name', t3."name", 'year', t3."year")
                            FROM
                              "Conference" t3
                            WHERE
                              t3."id" = t1."conferenceId"
                          ),
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
                                    ),
                                    'organisation',
                                    (
                                      SELECT
                                        json_build_object('name', t6."name")
                                      FROM
                                        "Organisation" t6
                                      WHERE
                                        t6."id" = t4."organisationId"
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
                              t4."talkId" = t1."id"
                          )
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
                        t1."title",
                        t1."conferenceId"
                      FROM
                        "Talk" t1
                      WHERE
                        t1."id" IN (
                          SELECT
                            "A"
                          FROM
                            "_TalkToTopic"
                          WHERE
                            "B" = t0."id"
                        )
                      ORDER BY
                        (
                          SELECT
                            o."startsOn"
                          FROM
                            "Conference" o
                          WHERE
                            o."id" = t1."conferenceId"
                        ) DESC NULLS LAST,
                        t1."day" ASC NULLS LAST,
                        t1."startsAt" ASC NULLS LAST,
                        t1."id" ASC NULLS LAST
                      LIMIT
                        $2::int + 1
                    ) t1
                ) t1
            )
          )
        FROM
          "Topic" t0
        WHERE
          t0."slug" = $3
        LIMIT
          1
      )
    )
  )::text AS data
