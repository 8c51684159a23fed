-- PersonConnections as one statement. Bound at each request: $slug.
-- Parameters:
--   $1 = 20
--   $2 = 20
--   $3 = 20
--   $4 = 20
--   $5 = 20
--   $6 = 20
--   $7 = $slug
SELECT
  (
    json_build_object(
      'person',
      (
        SELECT
          json_build_object(
            'id',
            rtrim(translate(encode(convert_to('Person:' || t0."id", 'UTF8'), 'base64'), '+/', '-_'), '='),
            'name',
            t0."name",
            'affiliations',
            (
              SELECT
                coalesce(
                  json_agg(
                    json_build_object(
                      'jobTitle',
                      t1."jobTitle",
                      'organisation',
                      (
                        SELECT
                          json_build_object('name', t2."name", 'kind', t2."kind")
                        FROM
                          "Organisation" t2
                        WHERE
                          t2."id" = t1."organisationId"
                      )
                    )
                    ORDER BY
                      t1."startedOn" DESC NULLS FIRST,
                      t1."organisationId" ASC NULLS LAST,
                      t1."id" ASC NULLS LAST
                  ),
                  '[]'::json
                )
              FROM
                "Affiliation" t1
              WHERE
                t1."personId" = t0."id"
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
                      "TalkSpeaker" t4
                    WHERE
                      t4."personId" = t0."id"
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'node',
                        json_build_object(
                          'organisation',
                          (
                            SELECT
                              json_build_object('name', t5."name")
                            FROM
                              "Organisation" t5
                            WHERE
                              t5."id" = t3."organisationId"
                          ),
                          'talk',
                          (
                            SELECT
                              json_build_object(
                                'title',
                                t6."title",
                                'conference',
                                (
                                  SELECT
                                    json_build_object('name', t7."name")
                                  FROM
                                    "Conference" t7
                                  WHERE
                                    t7."id" = t6."conferenceId"
                                )
                              )
                            FROM
                              "Talk" t6
                            WHERE
                              t6."id" = t3."talkId"
                          )
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
                        t3."organisationId",
                        t3."talkId"
                      FROM
                        "TalkSpeaker" t3
                      WHERE
                        t3."personId" = t0."id"
                      ORDER BY
                        (
                          SELECT
                            o."startsAt"
                          FROM
                            "Talk" o
                          WHERE
                            o."id" = t3."talkId"
                        ) DESC NULLS LAST,
                        t3."id" ASC NULLS LAST
                      LIMIT
                        $2::int + 1
                    ) t3
                ) t3
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
                      "Reaction" t9
                    WHERE
                      t9."personId" = t0."id"
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'node',
                        json_build_object(
                          'kind',
                          t8."kind",
                          'talk',
                          (
                            SELECT
                              json_build_object('title', t10."title")
                            FROM
                              "Talk" t10
                            WHERE
                              t10."id" = t8."talkId"
                          )
                        )
                      )
                      ORDER BY
                        t8."$n" ASC
                    ) FILTER (
                      WHERE
                        t8."$n" <= $3::int
                    ),
                    '[]'::json
                  )
                )
              FROM
                (
                  SELECT
                    t8.*,
                    row_number() OVER () AS "$n"
                  FROM
                    (
                      SELECT
                        t8."id",
                        t8."kind",
                        t8."talkId"
                      FROM
                        "Reaction" t8
                      WHERE
                        t8."personId" = t0."id"
                      ORDER BY
                        t8."createdAt" ASC NULLS LAST,
                        t8."id" ASC NULLS LAST
                      LIMIT
                        $4::int + 1
                    ) t8
                ) t8
            ),
            'articles',
            (
              SELECT
                coalesce(
                  json_agg(
                    json_build_object(
                      'title',
                      t11."title",
                      'publisher',
                      (
                        SELECT
                          json_build_object('name', t12."name")
                        FROM
                          "Organisation" t12
                        WHERE
                          t12."id" = t11."publisherId"
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
                                "Reaction" t14
                              WHERE
                                t14."articleId" = t11."id"
                            ),
                            'edges',
                            coalesce(
                              json_agg(
                                json_build_object(
                                  'node',
                                  json_build_object(
                                    'kind',
                                    t13."kind",
                                    'person',
                                    (
                                      SELECT
                                        json_build_object('name', t15."name")
                                      FROM
                                        "Person" t15
                                      WHERE
                                        t15."id" = t13."personId"
                                    ),
                                    'talk',
                                    (
                                      SELECT
                                        json_build_object('title', t16."title")
                                      FROM
                                        "Talk" t16
                                      WHERE
                                        t16."id" = t13."talkId"
                                    )
                                  )
                                )
                                ORDER BY
                                  t13."$n" ASC
                              ) FILTER (
                                WHERE
                                  t13."$n" <= $5::int
                              ),
                              '[]'::json
                            )
                          )
                        FROM
                          (
                            SELECT
                              t13.*,
                              row_number() OVER () AS "$n"
                            FROM
                              (
                                SELECT
                                  t13."id",
                                  t13."kind",
                                  t13."personId",
                                  t13."talkId"
                                FROM
                                  "Reaction" t13
                                WHERE
                                  t13."articleId" = t11."id"
                                ORDER BY
                                  t13."createdAt" ASC NULLS LAST,
                                  t13."id" ASC NULLS LAST
                                LIMIT
                                  $6::int + 1
                              ) t13
                          ) t13
                      )
                    )
                    ORDER BY
                      t11."publishedOn" DESC NULLS LAST,
                      t11."id" ASC NULLS LAST
                  ),
                  '[]'::json
                )
              FROM
                "Article" t11
              WHERE
                t11."id" IN (
                  SELECT
                    "articleId"
                  FROM
                    "ArticleAuthor"
                  WHERE
                    "personId" = t0."id"
                )
            )
          )
        FROM
          "Person" t0
        WHERE
          t0."slug" = $7
        LIMIT
          1
      )
    )
  )::text AS data
