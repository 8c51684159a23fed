// Importing a file: parse it into a dataset (src/importers), then load that dataset in one
// transaction (./load-dataset.ts). A file with any bad record writes nothing.
import { open } from 'node:fs/promises';
import { ImportError, TalkgraphError } from '../errors.js';
import { MAX_CONTENT_BYTES } from '../importers/common.js';
import { type ParseOptions, parseSchedule, type ScheduleFormat } from '../importers/index.js';
import { type LoadOptions, type LoadSummary, loadValidDataset, type WriteTarget } from './load-dataset.js';

/** What to load and how (LoadOptions), and how to read the file (ParseOptions: file name, format, zone, conference, CSV columns). */
export interface ImportOptions extends LoadOptions, ParseOptions {}

export interface ImportResult {
  file: string;
  format: ScheduleFormat;
  summary: LoadSummary;
  warnings: string[];
  skipped: number;
}

/**
 * Imports a schedule's content through the app's Prisma client (the importDataset mutation) or
 * straight into an open database (the import command; see ./write-transaction.ts).
 */
export async function importSchedule(target: WriteTarget, content: string, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseSchedule(content, options);
  try {
    // A schedule describes its talks; what it says about people only fills in blanks.
    const summary = await loadValidDataset(target, parsed.dataset, { ...options, fillBlanksOnly: parsed.format !== 'talkgraph' });
    return { file: options.file, format: parsed.format, summary, warnings: parsed.warnings, skipped: parsed.skipped };
  } catch (error) {
    if (error instanceof TalkgraphError && !(error instanceof ImportError)) {
      // The loader names the dataset path (e.g. articles[0].reactions[2].talk); keep it as the field.
      throw new ImportError(options.file, undefined, error.field, error.message.replace(/^[^:]*: /, ''));
    }
    throw error;
  }
}

/**
 * Whether a load changed talks, after which the database's statistics are worth refreshing with
 * ANALYZE: the planner's estimates, and the common words Talk.similar skips, come from them, and
 * the embedded database has no autovacuum to run it.
 */
export const changedTalks = (summary: Pick<LoadSummary, 'talks'>): boolean => summary.talks.created + summary.talks.updated + summary.talks.removed > 0;

/** Reads and imports one file (see readImportFile and importSchedule). */
export async function importFile(target: WriteTarget, path: string, options: Omit<ImportOptions, 'file'> = {}): Promise<ImportResult> {
  return importSchedule(target, await readImportFile(path), { ...options, file: path });
}

const fileProblems: Record<string, string> = {
  ENOENT: 'there is no such file; check the path',
  ENOTDIR: 'a part of the path is not a folder; check the path',
  EACCES: 'it cannot be read (permission denied); check who may read it',
  EPERM: 'it cannot be read (not permitted); check who may read it',
  ELOOP: 'the path loops through symbolic links',
};

/** Checks that `path` names a file that can be read, before anything is imported; an ImportError says why not. */
export async function checkImportFile(path: string): Promise<void> {
  const handle = await openForImport(path);
  await handle.close();
}

async function openForImport(path: string) {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const problem = fileProblems[(error as NodeJS.ErrnoException).code ?? ''];
    if (problem) throw new ImportError(path, undefined, undefined, problem);
    throw error;
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    throw new ImportError(path, undefined, undefined, 'it is a folder; name the files in it (a shell pattern such as folder/*.xml names them all)');
  }
  if (stat.isFile() && stat.size > MAX_CONTENT_BYTES) {
    await handle.close();
    throw tooLarge(path, `${(stat.size / 2 ** 20).toFixed(1)} MiB`);
  }
  return handle;
}

const tooLarge = (path: string, size: string) =>
  new ImportError(path, undefined, undefined, `the file is ${size}; at most ${MAX_CONTENT_BYTES / 2 ** 20} MiB can be imported`);

/**
 * A file's content as text, read with a cap: a regular file over MAX_CONTENT_BYTES is refused by its
 * size, and no more than the cap is read of anything else (a device such as /dev/zero, a pipe, a
 * file that grows while read), so an oversized input is refused after 64 MiB rather than read
 * whole. Folders and missing files are refused by name.
 */
export async function readImportFile(path: string): Promise<string> {
  const handle = await openForImport(path);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One byte more than the cap tells a file of exactly the cap from a larger one.
      const buffer = Buffer.allocUnsafe(Math.min(1 << 20, MAX_CONTENT_BYTES + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_CONTENT_BYTES) throw tooLarge(path, `larger than ${MAX_CONTENT_BYTES / 2 ** 20} MiB`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}
