// The model's enums as GraphQL enums, with the descriptions from schema.prisma.
import { builder } from '../builder.js';
import { ConferenceFormat, OrganisationKind, type ReactionKind, TalkKind } from '../generated/prisma/enums.js';

export const ConferenceFormatEnum = builder.enumType(ConferenceFormat, {
  name: 'ConferenceFormat',
  description: 'How attendees took part in a conference.',
});

export const TalkKindEnum = builder.enumType(TalkKind, { name: 'TalkKind', description: 'What sort of session a talk was.' });

export const OrganisationKindEnum = builder.enumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What sort of body an organisation is.',
});

export const ReactionKindEnum = builder.enumType('ReactionKind', {
  description: 'How a person responded to a talk. HIGHLIGHT and DAY_HIGHLIGHT both mark a talk as highlighted.',
  values: {
    HIGHLIGHT: { description: 'The person singled the talk out as a highlight.' },
    DAY_HIGHLIGHT: { description: 'The person nominated the talk as their highlight of the day.' },
    RECOMMENDATION: { description: 'The person recommends watching the talk.' },
    TAKEAWAY: { description: 'The person reported a lesson or idea they took from the talk.' },
    CRITIQUE: { description: 'The person disagreed with or criticised the talk.' },
    MENTION: { description: 'The talk was mentioned without a judgement.' },
  } satisfies Record<ReactionKind, { description: string }>,
});
