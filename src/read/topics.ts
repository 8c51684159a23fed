// The SQL of topics: who spoke on a topic, and topics by how many talks cover them.
import type { Sql } from '../db/sql.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Speaking } from './speaking.js';
import { asc, byCount, col, type OrderKey } from './statements.js';

/** Speaker roles on talks that cover the topic (the topic's id is `topic`). Prisma's link table: "A" is the talk, "B" the topic. */
const onTopic = (topic: Sql) => Prisma.sql`FROM "TalkSpeaker" s JOIN "_TalkToTopic" tt ON tt."A" = s."talkId" WHERE tt."B" = ${topic}`;

/** Topic.people and Topic.organisations: who spoke on the topic, most talks on it first. */
export function spokeOnTopic(speaking: Speaking) {
  const by = Prisma.raw(`"${speaking}"`);
  return {
    where: (row: Sql, topic: Sql) => Prisma.sql`${col(row, 'id')} IN (SELECT s.${by} ${onTopic(topic)})`,
    orderBy: (): OrderKey[] => [byCount((row, topic) => Prisma.sql`(SELECT count(DISTINCT s."talkId") ${onTopic(topic)} AND s.${by} = ${col(row, 'id')})`), asc('name')],
  };
}

/** Topics by how many talks cover them, most first. */
export const mostTalks = (): OrderKey[] => [byCount((row) => Prisma.sql`(SELECT count(*) FROM "_TalkToTopic" WHERE "B" = ${col(row, 'id')})`), asc('name')];
