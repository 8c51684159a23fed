// Growing the graph through the API: the importDataset mutation takes what `talkgraph import`
// takes (a schedule file's content) and reports what it created, updated and left unchanged.
import { builder } from '../builder.js';
import { changedTalks, importSchedule } from '../db/import.js';
import { type EntityCounts, type LoadedEntity, loadedEntities } from '../db/load-dataset.js';
import { scheduleFormats } from '../importers/index.js';
import { adminWrites } from './mutation-support.js';

const ScheduleFormatEnum = builder.enumType('ScheduleFormat', {
  description: 'A file format talkgraph imports.',
  values: {
    talkgraph: { value: 'talkgraph', description: 'talkgraph dataset JSON (schema/talkgraph-dataset.schema.json).' },
    frab_xml: { value: 'frab-xml', description: 'Pentabarf / frab / pretalx / C3VOC schedule XML (FOSDEM, CCC).' },
    c3voc_json: { value: 'c3voc-json', description: 'C3VOC schedule JSON, as frab and pretalx export it.' },
    sched_ics: { value: 'sched-ics', description: 'Sched iCalendar, as KubeCon publishes its programme.' },
    sched_jsonl: { value: 'sched-jsonl', description: 'Sched sessions as JSON lines (url, title, description, eventTypes, eventDate).' },
    sessionize_json: { value: 'sessionize-json', description: 'Sessionize API "All Data" JSON (sessions, speakers, categories, rooms).' },
    pretalx_json: { value: 'pretalx-json', description: 'pretalx REST API results: talks, speakers, or both in one {event, talks, speakers} object.' },
    csv: { value: 'csv', description: 'CSV with a column mapping (columns).' },
  } satisfies Record<string, { value: (typeof scheduleFormats)[number]; description: string }>,
});

const EntityCountsType = builder.objectRef<EntityCounts & { entity: LoadedEntity }>('ImportedEntityCounts').implement({
  description: 'What an import did to one kind of record.',
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'e.g. talks, people, speakers.' }),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    removed: t.exposeInt('removed', { description: 'Entries dropped from lists the file replaces (a talk’s speakers).' }),
  }),
});

builder.relayMutationField(
  'importDataset',
  {
    inputFields: (t) => ({
      content: t.string({ required: true, description: 'The whole file, as text.' }),
      format: t.field({ type: ScheduleFormatEnum, description: 'Leave out to detect it from the content.' }),
      fileName: t.string({ description: 'Shown in error messages. Default "upload".' }),
      timeZone: t.string({ description: 'IANA zone for local times when the file names none.' }),
      conference: t.string({ description: 'The conference’s name, for files that do not name it (Sessionize, CSV, a pretalx talk list).' }),
      columns: t.string({ description: 'CSV: what each column holds, e.g. "title=Session,speakers=Presenters,starts=Start".' }),
      separator: t.string({ description: 'CSV: what separates several speakers, organisations or topics in a cell. Default ";".' }),
    }),
  },
  {
    ...adminWrites,
    description: 'Imports a schedule in one transaction: a file with a bad record changes nothing.',
    resolve: async (_root, { input }, { prisma }) => {
      const result = await importSchedule(prisma, input.content, {
        file: input.fileName ?? 'upload',
        format: input.format ?? undefined,
        timeZone: input.timeZone ?? undefined,
        conference: input.conference ?? undefined,
        columns: input.columns ?? undefined,
        separator: input.separator ?? undefined,
      });
      if (changedTalks(result.summary)) await prisma.$executeRawUnsafe('ANALYZE');
      return result;
    },
  },
  {
    outputFields: (t) => ({
      format: t.field({ type: ScheduleFormatEnum, resolve: (result) => result.format }),
      counts: t.field({
        type: [EntityCountsType],
        description: 'Per kind of record, in load order; kinds the file does not touch are left out.',
        resolve: (result) =>
          loadedEntities
            .map((entity) => ({ entity, ...result.summary[entity] }))
            .filter((c) => c.created + c.updated + c.unchanged + c.removed > 0),
      }),
      skipped: t.exposeInt('skipped', { description: 'Entries that are not talks (breaks, registration) and were left out.' }),
      warnings: t.exposeStringList('warnings'),
    }),
  },
);
