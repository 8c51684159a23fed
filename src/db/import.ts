// Importing a file: parse it into a dataset (src/importers), then load that dataset in one
// transaction (./load-dataset.ts). A file with any bad record writes nothing.
import type { PrismaClient } from '../generated/prisma/client.js';
import { ImportError, TalkgraphError } from '../errors.js';
import { type ParseOptions, parseSchedule, type ScheduleFormat } from '../importers/index.js';
import { type LoadOptions, type LoadSummary, loadValidDataset } from './load-dataset.js';

/** What to load and how (LoadOptions), and how to read the file (ParseOptions: file name, format, zone, conference, CSV columns). */
export interface ImportOptions extends LoadOptions, ParseOptions {}

export interface ImportResult {
  file: string;
  format: ScheduleFormat;
  summary: LoadSummary;
  warnings: string[];
  skipped: number;
}

export async function importSchedule(prisma: PrismaClient, content: string, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseSchedule(content, options);
  try {
    // A schedule describes its talks; what it says about people only fills in blanks.
    const summary = await loadValidDataset(prisma, parsed.dataset, { ...options, fillBlanksOnly: parsed.format !== 'talkgraph' });
    return { file: options.file, format: parsed.format, summary, warnings: parsed.warnings, skipped: parsed.skipped };
  } catch (error) {
    if (error instanceof TalkgraphError && !(error instanceof ImportError)) {
      // The loader names the dataset path (e.g. articles[0].reactions[2].talk); keep it as the field.
      throw new ImportError(options.file, undefined, error.field, error.message.replace(/^[^:]*: /, ''));
    }
    throw error;
  }
}
