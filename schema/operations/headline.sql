-- MaxKelsenHighlights as one statement.
-- Parameters:
--   $1 = ["HIGHLIGHT","DAY_HIGHLIGHT"]
--   $2 = 20
--   $3 = ["HIGHLIGHT","DAY_HIGHLIGHT"]
--   $4 = 20
--   $5 = "max-kelsen"
SELECT
  (
    json_build_object(
      'organisation',
      (
        SELECT
          json_build_object(
            'name',
            t0."name",
            'reactions',
            (
              SELECT
                json_build_object(
                  'totalCount',
                  (
                    SELECT
                      count(*)::int
                    FROM
                      "Reaction" t2
                    WHERE
                      t2."id" = ANY (
                        ARRAY(
                          SELECT
                            rs."id"
                          FROM
                            "Reaction" rs
                          WHERE
                            rs."organisationId" = t0."id"
                          UNION
                          SELECT
                            rr."id"
                          FROM
                            "Affiliation" ro
                            JOIN "Reaction" rr ON rr."personId" = ro."personId"
                            LEFT JOIN "Talk" rt ON rt."id" = rr."talkId"
                            LEFT JOIN "Conference" rc ON rc."id" = rt."conferenceId"
                            LEFT JOIN "Article" ra ON ra."id" = rr."articleId"
                          WHERE
                            ro."organisationId" = t0."id"
                            AND (
                              (
                                ro."startedOn" IS NULL
                                AND ro."endedOn" IS NULL
                              )
                              OR (
                                COALESCE(
                                  (rt."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc."timeZone", 'UTC'))::date,
                                  rc."startsOn" + (rt."day" - 1),
                                  ra."publishedOn",
                                  rc."startsOn"
                                ) IS NULL
                                OR COALESCE(
                                  (rt."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc."timeZone", 'UTC'))::date,
                                  rc."startsOn" + (rt."day" - 1),
                                  ra."publishedOn",
                                  rc."startsOn"
                                ) BETWEEN COALESCE(ro."startedOn", '-infinity'::date) AND COALESCE(ro."endedOn", 'infinity'::date)
                              )
                            )
                        )
                      )
                      AND t2."kind" = ANY ($1::text[]::"ReactionKind" [])
                  ),
                  'edges',
                  coalesce(
                    json_agg(
                      json_build_object(
                        'node',
                        json_build_object(
                          'kind',
                          t1."kind",
                          'summary',
                          t1."summary",
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
                              t3."id" = t1."personId"
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
                                              json_build_object('name', t9."name")
                                            FROM
                                              "Person" t9
                                            WHERE
                                              t9."id" = t8."personId"
                                          ),
                                          'organisation',
                                          (
                                            SELECT
                                              json_build_object('name', t10."name")
                                            FROM
                                              "Organisation" t10
                                            WHERE
                                              t10."id" = t8."organisationId"
                                          )
                                        )
                                        ORDER BY
                                          t8."position" ASC NULLS LAST,
                                          t8."id" ASC NULLS LAST
                                      ),
                                      '[]'::json
                                    )
                                  FROM
                                    "TalkSpeaker" t8
                                  WHERE
                                    t8."talkId" = t6."id"
                                )
                              )
                            FROM
                              "Talk" t6
                            WHERE
                              t6."id" = t1."talkId"
                          ),
                          'source',
                          (
                            SELECT
                              json_build_object('title', t11."title")
                            FROM
                              "Article" t11
                            WHERE
                              t11."id" = t1."articleId"
                          )
                        )
                      )
                      ORDER BY
                        t1."$n" ASC
                    ) FILTER (
                      WHERE
                        t1."$n" <= $2::int
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
                        t1."kind",
                        t1."summary",
                        t1."personId",
                        t1."talkId",
                        t1."articleId"
                      FROM
                        "Reaction" t1
                      WHERE
                        t1."id" = ANY (
                          ARRAY(
                            SELECT
                              rs."id"
                            FROM
                              "Reaction" rs
                            WHERE
                              rs."organisationId" = t0."id"
                            UNION
                            SELECT
                              rr."id"
                            FROM
                              "Affiliation" ro
                              JOIN "Reaction" rr ON rr."personId" = ro."personId"
                              LEFT JOIN "Talk" rt ON rt."id" = rr."talkId"
                              LEFT JOIN "Conference" rc ON rc."id" = rt."conferenceId"
                              LEFT JOIN "Article" ra ON ra."id" = rr."articleId"
                            WHERE
                              ro."organisationId" = t0."id"
                              AND (
                                (
                                  ro."startedOn" IS NULL
                                  AND ro."endedOn" IS NULL
                                )
                                OR (
                                  COALESCE(
                                    (rt."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc."timeZone", 'UTC'))::date,
                                    rc."startsOn" + (rt."day" - 1),
                                    ra."publishedOn",
                                    rc."startsOn"
                                  ) IS NULL
                                  OR COALESCE(
                                    (rt."startsAt" AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(rc."timeZone", 'UTC'))::date,
                                    rc."startsOn" + (rt."day" - 1),
                                    ra."publishedOn",
                                    rc."startsOn"
                                  ) BETWEEN COALESCE(ro."startedOn", '-infinity'::date) AND COALESCE(ro."endedOn", 'infinity'::date)
                                )
                              )
                          )
                        )
                        AND t1."kind" = ANY ($3::text[]::"ReactionKind" [])
                      ORDER BY
                        t1."createdAt" ASC NULLS LAST,
                        t1."id" ASC NULLS LAST
                      LIMIT
                        $4::int + 1
                    ) t1
                ) t1
            )
          )
        FROM
          "Organisation" t0
        WHERE
          t0."slug" = $5
        LIMIT
          1
      )
    )
  )::text AS data
