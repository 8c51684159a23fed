-- RegularSpeakers as one statement.
-- Parameters:
--   $1 = "fosdem-2024"
--   $2 = "fosdem-2025"
--   $3 = "fosdem-2026"
--   $4 = 5
--   $5 = 5
--   $6 = 20
--   $7 = "fosdem-2024"
--   $8 = "fosdem-2025"
--   $9 = "fosdem-2026"
--   $10 = "fosdem-2024"
--   $11 = "fosdem-2025"
--   $12 = "fosdem-2026"
--   $13 = "fosdem-2024"
--   $14 = "fosdem-2025"
--   $15 = "fosdem-2026"
--   $16 = 20
--   $17 = "fosdem-2024"
--   $18 = "fosdem-2025"
--   $19 = "fosdem-2026"
SELECT
  (
    json_build_object(
      'people',
      (
        SELECT
          json_build_object(
            'totalCount',
            (
              SELECT
                count(*)::int
              FROM
                "Person" t1
              WHERE
                t1."id" IN (
                  SELECT
                    s."personId"
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
                AND t1."id" IN (
                  SELECT
                    s."personId"
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
                          "slug" = $2
                      )
                    )
                )
                AND t1."id" IN (
                  SELECT
                    s."personId"
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
                          "slug" = $3
                      )
                    )
                )
            ),
            'edges',
            coalesce(
              json_agg(
                json_build_object(
                  'count',
                  t0."$k0"::int,
                  'node',
                  json_build_object(
                    'name',
                    t0."name",
                    'conferences',
                    (
                      SELECT
                        json_build_object(
                          'edges',
                          coalesce(
                            json_agg(
                              json_build_object('count', t2."$k1"::int, 'node', json_build_object('name', t2."name"))
                              ORDER BY
                                t2."$n" ASC
                            ) FILTER (
                              WHERE
                                t2."$n" <= $4::int
                            ),
                            '[]'::json
                          )
                        )
                      FROM
                        (
                          SELECT
                            t2.*,
                            row_number() OVER () AS "$n"
                          FROM
                            (
                              SELECT
                                t2."id",
                                t2."name",
                                (
                                  SELECT
                                    count(DISTINCT s."talkId")
                                  FROM
                                    "TalkSpeaker" s
                                    JOIN "Talk" t ON t."id" = s."talkId"
                                  WHERE
                                    s."personId" = t0."id"
                                    AND t."conferenceId" = t2."id"
                                ) AS "$k1"
                              FROM
                                "Conference" t2
                              WHERE
                                t2."id" IN (
                                  SELECT
                                    t."conferenceId"
                                  FROM
                                    "TalkSpeaker" s
                                    JOIN "Talk" t ON t."id" = s."talkId"
                                  WHERE
                                    s."personId" = t0."id"
                                )
                              ORDER BY
                                t2."startsOn" DESC NULLS LAST,
                                (
                                  SELECT
                                    count(DISTINCT s."talkId")
                                  FROM
                                    "TalkSpeaker" s
                                    JOIN "Talk" t ON t."id" = s."talkId"
                                  WHERE
                                    s."personId" = t0."id"
                                    AND t."conferenceId" = t2."id"
                                ) ASC NULLS LAST,
                                t2."id" ASC NULLS LAST
                              LIMIT
                                $5::int + 1
                            ) t2
                        ) t2
                    )
                  )
                )
                ORDER BY
                  t0."$n" ASC
              ) FILTER (
                WHERE
                  t0."$n" <= $6::int
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
                      s."personId" = t0."id"
                      AND t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $7
                        ),
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $8
                        ),
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $9
                        )
                      )
                  ) AS "$k0"
                FROM
                  "Person" t0
                WHERE
                  t0."id" IN (
                    SELECT
                      s."personId"
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
                            "slug" = $10
                        )
                      )
                  )
                  AND t0."id" IN (
                    SELECT
                      s."personId"
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
                            "slug" = $11
                        )
                      )
                  )
                  AND t0."id" IN (
                    SELECT
                      s."personId"
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
                            "slug" = $12
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
                      s."personId" = t0."id"
                      AND t."conferenceId" IN (
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $13
                        ),
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $14
                        ),
                        (
                          SELECT
                            "id"
                          FROM
                            "Conference"
                          WHERE
                            "slug" = $15
                        )
                      )
                  ) DESC NULLS LAST,
                  t0."name" ASC NULLS LAST,
                  t0."id" ASC NULLS LAST
                LIMIT
                  $16::int + 1
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
      "slug" = $17
  ) AS "$missing0",
  NOT EXISTS (
    SELECT
      1
    FROM
      "Conference"
    WHERE
      "slug" = $18
  ) AS "$missing1",
  NOT EXISTS (
    SELECT
      1
    FROM
      "Conference"
    WHERE
      "slug" = $19
  ) AS "$missing2"
