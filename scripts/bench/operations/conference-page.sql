-- ConferencePage as one statement.
-- Parameters:
--   $1 = 20
--   $2 = 20
--   $3 = "fosdem-2026"
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
                        'startsAt',
                        to_char(t1."startsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        'speakers',
                        (
                          SELECT
                            coalesce(
                              json_agg(
                                json_build_object(
                                  'person',
                                  (
                                    SELECT
                                      json_build_object('name', t3."name")
                                    FROM
                                      "Person" t3
                                    WHERE
                                      t3."id" = t2."personId"
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
                        t1."title",
                        t1."startsAt"
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
        FROM
          "Conference" t0
        WHERE
          t0."slug" = $3
        LIMIT
          1
      )
    )
  )::text AS data
