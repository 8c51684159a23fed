-- ConferenceDashboard as one statement. Bound at each request: $slug.
-- Parameters:
--   $1 = 5
--   $2 = 20
--   $3 = 20
--   $4 = 10
--   $5 = 10
--   $6 = 20
--   $7 = 20
--   $8 = $slug
--   $9 = "KubeCon + CloudNativeCon Europe"
--   $10 = "KubeCon + CloudNativeCon Europe"
--   $11 = 20
SELECT
  (
    json_build_object(
      'conference',
      (
        SELECT
          json_build_object(
            'name',
            t0."name",
            'startsOn',
            to_char(t0."startsOn", 'YYYY-MM-DD'),
            'endsOn',
            to_char(t0."endsOn", 'YYYY-MM-DD'),
            'format',
            t0."format",
            'reactionCounts',
            (
              SELECT
                coalesce(
                  json_agg(
                    json_build_object('kind', t1."kind", 'count', t1."count")
                    ORDER BY
                      t1."$n"
                  ),
                  '[]'::json
                )
              FROM
                (
                  SELECT
                    t2.*,
                    row_number() OVER () AS "$n"
                  FROM
                    (
                      SELECT
                        t."conferenceId" AS "$parent",
                        r."kind",
                        count(*)::int AS "count"
                      FROM
                        "Reaction" r
                        JOIN "Talk" t ON t."id" = r."talkId"
                      WHERE
                        t."conferenceId" = t0."id"
                      GROUP BY
                        1,
                        2
                      ORDER BY
                        1,
                        3 DESC,
                        r."kind"::text
                    ) t2
                ) t1
            ),
            'talks',
            (
              SELECT
                json_build_object(
                  'totalCount',
                  (
                    SELECT
                      count(*)::int
                    FROM
                      "Talk" t4
                    WHERE
                      t4."conferenceId" = t0."id"
                  ),
                  'facets',
                  json_build_object(
                    'tracks',
                    (
                      SELECT
                        coalesce(
                          json_agg(
                            json_build_object('value', t5."value", 'count', t5."count")
                            ORDER BY
                              t5."count" DESC,
                              t5."value" ASC
                          ),
                          '[]'::json
                        )
                      FROM
                        (
                          SELECT
                            t6."track" AS value,
                            count(*)::int AS count
                          FROM
                            "Talk" t6
                          WHERE
                            t6."conferenceId" = t0."id"
                            AND t6."track" IS NOT NULL
                          GROUP BY
                            1
                          ORDER BY
                            2 DESC,
                            1 ASC
                          LIMIT
                            $1
                        ) t5
                    ),
                    'days',
                    (
                      SELECT
                        coalesce(
                          json_agg(
                            json_build_object('day', t7."value", 'count', t7."count")
                            ORDER BY
                              t7."value" ASC
                          ),
                          '[]'::json
                        )
                      FROM
                        (
                          SELECT
                            t8."day" AS value,
                            count(*)::int AS count
                          FROM
                            "Talk" t8
                          WHERE
                            t8."conferenceId" = t0."id"
                            AND t8."day" IS NOT NULL
                          GROUP BY
                            1
                          ORDER BY
                            1 ASC
                          LIMIT
                            $2
                        ) t7
                    ),
                    'kinds',
                    (
                      SELECT
                        coalesce(
                          json_agg(
                            json_build_object('kind', t9."value", 'count', t9."count")
                            ORDER BY
                              t9."count" DESC,
                              t9."value" ASC
                          ),
                          '[]'::json
                        )
                      FROM
                        (
                          SELECT
                            t10."kind"::text AS value,
                            count(*)::int AS count
                          FROM
                            "Talk" t10
                          WHERE
                            t10."conferenceId" = t0."id"
                            AND t10."kind"::text IS NOT NULL
                          GROUP BY
                            1
                          ORDER BY
                            2 DESC,
                            1 ASC
                          LIMIT
                            $3
                        ) t9
                    )
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'count',
                        t3."$k0"::int,
                        'node',
                        json_build_object(
                          'title',
                          t3."title",
                          'day',
                          t3."day",
                          'reactions',
                          json_build_object(
                            'totalCount',
                            (
                              SELECT
                                count(*)::int
                              FROM
                                "Reaction" t12
                              WHERE
                                t12."talkId" = t3."id"
                            )
                          ),
                          'topics',
                          (
                            SELECT
                              coalesce(
                                json_agg(
                                  json_build_object('name', t13."name")
                                  ORDER BY
                                    t13."name" ASC NULLS LAST,
                                    t13."id" ASC NULLS LAST
                                ),
                                '[]'::json
                              )
                            FROM
                              "Topic" t13
                            WHERE
                              t13."id" IN (
                                SELECT
                                  "B"
                                FROM
                                  "_TalkToTopic"
                                WHERE
                                  "A" = t3."id"
                              )
                          )
                        )
                      )
                      ORDER BY
                        t3."$n" ASC
                    ) FILTER (
                      WHERE
                        t3."$n" <= $4::int
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
                        t3."title",
                        t3."day",
                        (
                          SELECT
                            count(*)
                          FROM
                            "Reaction" o
                          WHERE
                            o."talkId" = t3."id"
                        ) AS "$k0"
                      FROM
                        "Talk" t3
                      WHERE
                        t3."conferenceId" = t0."id"
                      ORDER BY
                        (
                          SELECT
                            count(*)
                          FROM
                            "Reaction" o
                          WHERE
                            o."talkId" = t3."id"
                        ) DESC NULLS LAST,
                        t3."title" ASC NULLS LAST,
                        t3."id" ASC NULLS LAST
                      LIMIT
                        $5::int + 1
                    ) t3
                ) t3
            ),
            'organisations',
            (
              SELECT
                json_build_object(
                  'totalCount',
                  (
                    SELECT
                      count(*)::int
                    FROM
                      "Organisation" t15
                    WHERE
                      (
                        t15."id" = ANY (
                          ARRAY(
                            SELECT
                              ps."organisationId"
                            FROM
                              "Talk" pt
                              JOIN "TalkSpeaker" ps ON ps."talkId" = pt."id"
                            WHERE
                              pt."conferenceId" = t0."id"
                              AND ps."organisationId" IS NOT NULL
                          )
                        )
                        OR t15."id" = ANY (
                          ARRAY(
                            SELECT
                              pr."organisationId"
                            FROM
                              "Talk" pt
                              JOIN "Reaction" pr ON pr."talkId" = pt."id"
                            WHERE
                              pt."conferenceId" = t0."id"
                              AND pr."organisationId" IS NOT NULL
                          )
                        )
                      )
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object('count', t14."$k0"::int, 'node', json_build_object('name', t14."name", 'kind', t14."kind"))
                      ORDER BY
                        t14."$n" ASC
                    ) FILTER (
                      WHERE
                        t14."$n" <= $6::int
                    ),
                    '[]'::json
                  )
                )
              FROM
                (
                  SELECT
                    t14.*,
                    row_number() OVER () AS "$n"
                  FROM
                    (
                      SELECT
                        t14."id",
                        t14."name",
                        t14."kind",
                        (
                          SELECT
                            count(DISTINCT s."talkId")
                          FROM
                            "TalkSpeaker" s
                            JOIN "Talk" t ON t."id" = s."talkId"
                          WHERE
                            s."organisationId" = t14."id"
                            AND t."conferenceId" IN (t0."id")
                        ) AS "$k0"
                      FROM
                        "Organisation" t14
                      WHERE
                        (
                          t14."id" = ANY (
                            ARRAY(
                              SELECT
                                ps."organisationId"
                              FROM
                                "Talk" pt
                                JOIN "TalkSpeaker" ps ON ps."talkId" = pt."id"
                              WHERE
                                pt."conferenceId" = t0."id"
                                AND ps."organisationId" IS NOT NULL
                            )
                          )
                          OR t14."id" = ANY (
                            ARRAY(
                              SELECT
                                pr."organisationId"
                              FROM
                                "Talk" pt
                                JOIN "Reaction" pr ON pr."talkId" = pt."id"
                              WHERE
                                pt."conferenceId" = t0."id"
                                AND pr."organisationId" IS NOT NULL
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
                            s."organisationId" = t14."id"
                            AND t."conferenceId" IN (t0."id")
                        ) DESC NULLS LAST,
                        t14."name" ASC NULLS LAST,
                        t14."id" ASC NULLS LAST
                      LIMIT
                        $7::int + 1
                    ) t14
                ) t14
            )
          )
        FROM
          "Conference" t0
        WHERE
          t0."slug" = $8
        LIMIT
          1
      ),
      'series',
      json_build_object(
        'totalCount',
        (
          SELECT
            count(*)::int
          FROM
            "Talk" t17
          WHERE
            t17."conferenceId" IN (
              SELECT
                "id"
              FROM
                "Conference"
              WHERE
                "series" = $9
            )
        ),
        'facets',
        json_build_object(
          'years',
          (
            SELECT
              coalesce(
                json_agg(
                  json_build_object('year', t18."value", 'count', t18."count")
                  ORDER BY
                    t18."value" ASC
                ),
                '[]'::json
              )
            FROM
              (
                SELECT
                  gc."year" AS value,
                  count(*)::int AS count
                FROM
                  "Talk" t19
                  JOIN "Conference" gc ON gc."id" = t19."conferenceId"
                WHERE
                  t19."conferenceId" IN (
                    SELECT
                      "id"
                    FROM
                      "Conference"
                    WHERE
                      "series" = $10
                  )
                  AND gc."year" IS NOT NULL
                GROUP BY
                  1
                ORDER BY
                  1 ASC
                LIMIT
                  $11
              ) t18
          )
        )
      )
    )
  )::text AS data
