// The tables the read path selects from, and the GraphQL type each one's rows become. A leaf
// module, so the domain modules can refer to each other's tables without import cycles.
import type {
  Affiliation as AffiliationRow,
  Article as ArticleRow,
  Conference as ConferenceRow,
  Organisation as OrganisationRow,
  Person as PersonRow,
  Reaction as ReactionRow,
  Talk as TalkRow,
  TalkSpeaker as SpeakerRow,
  Topic as TopicRow,
} from '../generated/prisma/client.js';
import { table } from '../read/plan.js';

export type { AffiliationRow, ArticleRow, ConferenceRow, OrganisationRow, PersonRow, ReactionRow, SpeakerRow, TalkRow, TopicRow };

export const conferences = table<ConferenceRow>('Conference');
export const talks = table<TalkRow>('Talk');
export const speakers = table<SpeakerRow>('TalkSpeaker', 'Speaker');
export const people = table<PersonRow>('Person');
export const organisations = table<OrganisationRow>('Organisation');
export const affiliations = table<AffiliationRow>('Affiliation');
export const reactions = table<ReactionRow>('Reaction');
export const articles = table<ArticleRow>('Article');
export const topics = table<TopicRow>('Topic');

/** The node types, by GraphQL name: what node(id:) can load. */
export const nodeTables = {
  Conference: conferences,
  Talk: talks,
  Person: people,
  Organisation: organisations,
  Affiliation: affiliations,
  Reaction: reactions,
  Article: articles,
  Topic: topics,
} as const;

export const allTables = [conferences, talks, speakers, people, organisations, affiliations, reactions, articles, topics];
