-- TalkReactions as one statement. Bound at each request: $conference, $talk.
-- Parameters:
--   $1 = 20
--   $2 = 20
--   $3 = $talk
--   $4 = $conference
SELECT
  (
    json_build_object(
      'talk',
      (
        SELECT
          json_build_object(
            'title',
            t0."title",
            'speakers',
            (
              SELECT
                coalesce(
                  json_agg(
                    json_build_object(
                      'person',
                      (
                        SELECT
                          json_build_object('name', t2."name")
                        FROM
                          "Person" t2
                        WHERE
                          t2."id" = t1."personId"
                      ),
                      'organisation',
                      (
                        SELECT
                          json_build_object('name', t3."name")
                        FROM
                          "Organisation" t3
                        WHERE
                          t3."id" = t1."organisationId"
                      )
                    )
                    ORDER BY
                      t1."position" ASC NULLS LAST,
                      t1."id" ASC NULLS LAST
                  ),
                  '[]'::json
                )
              FROM
                "TalkSpeaker" t1
              WHERE
                t1."talkId" = t0."id"
            ),
            'reactions',
            (
              SELECT
                json_build_object(
                  'totalCount',
                  (
                    SELECT
                      count(*)::int
                    FROM
                      "Reaction" t5
                    WHERE
                      t5."talkId" = t0."id"
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'node',
                        json_build_object(
                          'kind',
                          t4."kind",
                          'summary',
                          t4."summary",
                          'person',
                          (
                            SELECT
                              json_build_object('name', t6."name")
                            FROM
                              "Person" t6
                            WHERE
                              t6."id" = t4."personId"
                          ),
                          'organisation',
                          (
                            SELECT
                              json_build_object('name', t7."name")
                            FROM
                              "Organisation" t7
                            WHERE
                              t7."id" = t4."organisationId"
                          ),
                          'source',
                          (
                            SELECT
                              json_build_object(
                                'title',
                                t8."title",
                                'seriesPart',
                                t8."seriesPart",
                                'authors',
                                (
                                  SELECT
                                    coalesce(
                                      json_agg(
                                        json_build_object('name', t9."name")
                                        ORDER BY
                                          (
                                            SELECT
                                              o."position"
                                            FROM
                                              "ArticleAuthor" o
                                            WHERE
                                              o."articleId" = t8."id"
                                              AND o."personId" = t9."id"
                                          ) ASC NULLS LAST,
                                          t9."id" ASC NULLS LAST
                                      ),
                                      '[]'::json
                                    )
                                  FROM
                                    "Person" t9
                                  WHERE
                                    t9."id" IN (
                                      SELECT
                                        "personId"
                                      FROM
                                        "ArticleAuthor"
                                      WHERE
                                        "articleId" = t8."id"
                                    )
                                )
                              )
                            FROM
                              "Article" t8
                            WHERE
                              t8."id" = t4."articleId"
                          )
                        )
                      )
                      ORDER BY
                        t4."$n" ASC
                    ) FILTER (
                      WHERE
                        t4."$n" <= $1::int
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
                        t4."kind",
                        t4."summary",
                        t4."personId",
                        t4."organisationId",
                        t4."articleId"
                      FROM
                        "Reaction" t4
                      WHERE
                        t4."talkId" = t0."id"
                      ORDER BY
                        t4."createdAt" ASC NULLS LAST,
                        t4."id" ASC NULLS LAST
                      LIMIT
                        $2::int + 1
                    ) t4
                ) t4
            )
          )
        FROM
          "Talk" t0
        WHERE
          t0."slug" = $3
          AND t0."conferenceId" = (
            SELECT
              "id"
            FROM
              "Conference"
            WHERE
              "slug" = $4
          )
        LIMIT
          1
      )
    )
  )::text AS data
