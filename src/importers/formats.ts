// The names of the import formats and of the CSV column fields: what the command's help and its
// option checks need, without loading the importers themselves.

export type ScheduleFormat = 'talkgraph' | 'frab-xml' | 'c3voc-json' | 'sched-ics' | 'sched-jsonl' | 'sessionize-json' | 'pretalx-json' | 'csv';

export const scheduleFormats: readonly ScheduleFormat[] = [
  'talkgraph',
  'frab-xml',
  'c3voc-json',
  'sched-ics',
  'sched-jsonl',
  'sessionize-json',
  'pretalx-json',
  'csv',
];

/** What --columns can map, with the alternative spellings it accepts. */
export const COLUMN_FIELDS = {
  title: [],
  id: [],
  abstract: ['description'],
  speakers: [],
  organisation: ['organization', 'company'],
  jobTitle: ['jobtitle', 'job-title'],
  date: [],
  starts: ['start'],
  ends: ['end'],
  duration: [],
  room: [],
  track: [],
  kind: ['type'],
  language: [],
  url: [],
  slides: [],
  recording: [],
  topics: ['tags'],
} as const satisfies Record<string, readonly string[]>;

