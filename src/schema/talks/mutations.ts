// Writing talks: create, update and delete, and the speaker list (add, remove, keep positions 1..n).
import type { z } from 'zod';
import { builder } from '../../builder.js';
import { talkRecord } from '../../dataset/format.js';
import { apiSource } from '../../dataset/sources.js';
import { talkRows } from '../../db/changes.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors.js';
import { TalkKindEnum } from '../enums.js';
import {
  adminWrites,
  cascade,
  changed,
  checked,
  checkPeriod,
  committed,
  type Db,
  deleteNode,
  deletePayload,
  existingId,
  existingIdIfGiven,
  existingIds,
  fieldsOf,
  found,
  type InputFieldBuilder,
  inputId,
  isoInstant,
  notNull,
  type PayloadFieldBuilder,
  row,
  slugOrFrom,
  writes,
} from '../mutation-support.js';
import { speakers, talks } from '../tables.js';
import { Speaker, Talk } from './index.js';

const talkInputFields = (t: InputFieldBuilder) => ({
  externalId: t.string({ description: 'The identifier the source schedule gives the talk; re-imports match on it.' }),
  subtitle: t.string(),
  abstract: t.string(),
  track: t.string(),
  room: t.string(),
  language: t.string(),
  day: t.int({ description: 'Day of the conference, the first day being 1.' }),
  startsAt: t.field({ type: 'DateTime' }),
  endsAt: t.field({ type: 'DateTime' }),
  scheduleUrl: t.string(),
  slidesUrl: t.string(),
  recordingUrl: t.string(),
});

const talkRules = talkRecord.omit({ speakers: true, topics: true }).partial();
type TalkFields = Omit<z.input<typeof talkRules>, 'startsAt' | 'endsAt'> & { startsAt?: Date | null; endsAt?: Date | null };

/** Validates with the dataset rules and returns Prisma data; fields left out stay undefined. */
function talkData(fields: TalkFields) {
  const record = checked(talkRules, { ...fields, startsAt: isoInstant(fields.startsAt), endsAt: isoInstant(fields.endsAt) });
  return { ...record, startsAt: fields.startsAt, endsAt: fields.endsAt };
}

/** The talk a write changed, read back with the caller's selection. */
const changedTalk = changed('talk', Talk, talks, 'talkId');

builder.relayMutationField(
  'createTalk',
  {
    inputFields: (t) => ({
      conferenceId: t.globalID({ required: true }),
      title: t.string({ required: true }),
      slug: t.string({ description: 'Unique within the conference. Defaults to one made from the title.' }),
      kind: t.field({ type: TalkKindEnum, required: true, defaultValue: 'TALK' }),
      ...talkInputFields(t),
      topicIds: t.globalIDList({ required: true, defaultValue: [], description: 'The topics the talk covers.' }),
    }),
  },
  {
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { conferenceId, topicIds, ...fields } = fieldsOf(input);
      const data = talkData({ ...fields, slug: slugOrFrom(fields.slug, fields.title, 'title') });
      checkPeriod('startsAt', 'endsAt', fields);
      const topics = await existingIds(prisma, 'Topic', topicIds, 'topicIds');
      const conference = await existingId(prisma, 'Conference', conferenceId, 'conferenceId');
      const created = await committed(
        prisma,
        (tx) =>
          tx.talk.create({
            data: { ...data, slug: data.slug!, title: data.title!, conferenceId: conference, topics: { connect: topics.map((id) => ({ id })) } },
            select: { id: true },
          }),
        ({ id }, db) => talkRows(db, [id], 'CREATED'),
      );
      return { talkId: created.id };
    },
  },
  { outputFields: changedTalk },
);

builder.relayMutationField(
  'updateTalk',
  {
    inputFields: (t) => ({
      id: t.globalID({ required: true }),
      conferenceId: t.globalID({ description: 'Moves the talk to another conference. Leave out to keep.' }),
      title: t.string({ description: 'Leave out to keep.' }),
      slug: t.string({ description: 'Leave out to keep.' }),
      kind: t.field({ type: TalkKindEnum, description: 'Leave out to keep.' }),
      ...talkInputFields(t),
      topicIds: t.globalIDList({ description: 'Replaces the talk’s topics; [] removes them all. Leave out to keep.' }),
    }),
  },
  {
    ...writes,
    resolve: async (_root, { input }, { prisma }) => {
      const { id: globalId, conferenceId, topicIds, ...fields } = fieldsOf(input);
      const data = talkData({ ...fields, title: notNull(fields.title, 'title'), slug: notNull(fields.slug, 'slug'), kind: notNull(fields.kind, 'kind') });
      const id = inputId('Talk', globalId, 'id');
      const stored = found(await prisma.talk.findUnique({ where: { id }, select: { startsAt: true, endsAt: true } }), 'Talk');
      checkPeriod('startsAt', 'endsAt', fields, stored);
      const conference = await existingIdIfGiven(prisma, 'Conference', notNull(conferenceId, 'conferenceId'), 'conferenceId');
      const topicList = notNull(topicIds, 'topicIds');
      const topics = topicList && (await existingIds(prisma, 'Topic', topicList, 'topicIds'));
      await committed(
        prisma,
        (tx) =>
          tx.talk.update({
            where: { id },
            data: { ...data, conferenceId: conference, topics: topics && { set: topics.map((topicId) => ({ id: topicId })) } },
            select: { id: true },
          }),
        (_updated, db) => talkRows(db, [id], 'UPDATED'),
      );
      return { talkId: id };
    },
  },
  { outputFields: changedTalk },
);

builder.relayMutationField(
  'deleteTalk',
  { inputFields: (t) => ({ id: t.globalID({ required: true }) }) },
  {
    ...adminWrites,
    description: 'Deletes a talk with its speaker roles and the reactions to it; its topics stay.',
    resolve: (_root, { input }, { prisma }) =>
      deleteNode(prisma, 'Talk', input.id, async (tx, id) => [
        cascade('Speaker', await tx.talkSpeaker.count({ where: { talkId: id } })),
        cascade('Reaction', await tx.reaction.count({ where: { talkId: id } })),
        cascade('Topic', await tx.topic.count({ where: { talks: { some: { id } } } }), 'UNLINKED'),
      ]),
  },
  deletePayload,
);

/**
 * Marks the talk as changed. The row lock this takes makes concurrent speaker edits of one talk
 * wait for each other, so positions stay 1..n; returns how many speakers the talk has.
 */
async function lockSpeakerList(tx: Db, talkId: number): Promise<number> {
  await tx.talk.update({ where: { id: talkId }, data: { updatedAt: new Date() }, select: { id: true } });
  return tx.talkSpeaker.count({ where: { talkId } });
}

/** After a speaker at `position` leaves, the ones after them move up so positions stay 1..n. */
export function closeSpeakerGap(tx: Db, talkId: number, position: number) {
  return tx.talkSpeaker.updateMany({ where: { talkId, position: { gt: position } }, data: { position: { decrement: 1 } } });
}

builder.relayMutationField(
  'addSpeaker',
  {
    inputFields: (t) => ({
      talkId: t.globalID({ required: true }),
      personId: t.globalID({ required: true }),
      organisationId: t.globalID({ description: 'The organisation the person represented when giving the talk.' }),
      position: t.int({ description: 'Place in the speaker list, starting at 1; the speakers from there on move one down. Default: last.' }),
    }),
  },
  {
    ...writes,
    description: 'Adds a person to a talk’s speakers. The organisation given is recorded with this API token as its source (Speaker.organisationSource).',
    resolve: (_root, { input }, { prisma, viewer }) =>
      committed(
        prisma,
        async (tx) => {
          const talkId = await existingId(tx, 'Talk', input.talkId, 'talkId');
          const personId = await existingId(tx, 'Person', input.personId, 'personId');
          const organisationId = await existingIdIfGiven(tx, 'Organisation', input.organisationId, 'organisationId');
          const speakerCount = await lockSpeakerList(tx, talkId);
          const position = input.position ?? speakerCount + 1;
          if (position < 1 || position > speakerCount + 1) {
            throw new InvalidInputError(
              `input.position: the talk has ${speakerCount} speaker(s), so a new one can go at 1 to ${speakerCount + 1}.`,
              'input.position',
            );
          }
          if (await tx.talkSpeaker.findUnique({ where: { talkId_personId: { talkId, personId } }, select: { id: true } })) {
            throw new ConflictError(
              'input.personId: this person already speaks at the talk; to change their place or organisation, remove them and add them again.',
              'input.personId',
            );
          }
          await tx.talkSpeaker.updateMany({ where: { talkId, position: { gte: position } }, data: { position: { increment: 1 } } });
          // The organisation is a hand entry, sourced like a role recorded through the API; none, no source.
          const organisationSource = organisationId == null ? undefined : apiSource(viewer.tokenName);
          const speaker = await tx.talkSpeaker.create({ data: { talkId, personId, organisationId, organisationSource, position }, select: { id: true } });
          return { talkId, personId, speakerId: speaker.id };
        },
        async ({ talkId, personId }, db) => [...(await talkRows(db, [talkId], 'UPDATED')), row('Person', 'UPDATED', personId)],
      ),
  },
  {
    outputFields: (t) => ({
      ...changedTalk(t),
      ...changed('speaker', Speaker, speakers, 'speakerId', 'The speaker role just added.')(t),
    }),
  },
);

builder.relayMutationField(
  'removeSpeaker',
  {
    inputFields: (t) => ({
      talkId: t.globalID({ required: true }),
      personId: t.globalID({ required: true }),
    }),
  },
  {
    ...writes,
    description: 'Removes a person from a talk’s speakers; the ones after them move up.',
    resolve: (_root, { input }, { prisma }) =>
      committed(
        prisma,
        async (tx) => {
          const talkId = await existingId(tx, 'Talk', input.talkId, 'talkId');
          const personId = await existingId(tx, 'Person', input.personId, 'personId');
          await lockSpeakerList(tx, talkId);
          const speaker = await tx.talkSpeaker.findUnique({ where: { talkId_personId: { talkId, personId } }, select: { id: true, position: true } });
          if (!speaker) throw new NotFoundError('input.personId: this person is not a speaker of the talk.', 'input.personId');
          await tx.talkSpeaker.delete({ where: { id: speaker.id } });
          await closeSpeakerGap(tx, talkId, speaker.position);
          return { talkId, personId };
        },
        async ({ talkId, personId }, db) => [...(await talkRows(db, [talkId], 'UPDATED')), row('Person', 'UPDATED', personId)],
      ),
  },
  { outputFields: changedTalk },
);
