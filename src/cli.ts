// The `talkgraph` command. Each subcommand parses its own options, prints what it did, and exits
// non-zero with a message on stderr that says what to change when it cannot.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
// What a command needs is imported when it runs, so `serve` starts without the importers, the
// article reader or the migration engine in memory.
import type { Database } from './db/client.js';
import type { LoadSummary } from './db/load-dataset.js';
import { COLUMN_FIELDS, type ScheduleFormat, scheduleFormats } from './importers/formats.js';
import { TalkgraphError } from './errors.js';
import { explainFailure } from './cli-failures.js';
import { articleFormats, type ArticleFormat } from './articles/reader.js';
import type { Scope, Server } from './remote.js';
import type { ArticleProposal } from './articles/proposal.js';
import type { ApplyResult } from './articles/apply.js';
import type { EachOutcome } from './articles/feed.js';

interface Command {
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  allowPositionals?: boolean;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<void>;
}

const databaseHelp = `Database: DATABASE_URL=postgresql://... selects a PostgreSQL server; without it, the embedded
database in TALKGRAPH_DATA_DIR (default .data/pglite in the project) is used. While talkgraph serve
holds that folder, import, ingest-article and apply-proposal send their work to the server; set
TALKGRAPH_TOKEN to one of its tokens (admin scope for import, write for the article commands).`;

async function withDatabase<T>(run: (db: Database) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('./db/client.js');
  const db = await openDatabase();
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs `local` on the database; when `talkgraph serve` holds the embedded folder and published its
 * URL, runs `remote` against that server instead (src/remote.ts), so the command need not wait.
 */
async function withDatabaseOrServer<T>(
  command: string,
  scope: Scope,
  local: (db: Database) => Promise<T>,
  remote: (server: Server) => Promise<T>,
): Promise<T> {
  const { openDatabase } = await import('./db/client.js');
  let db: Database;
  try {
    db = await openDatabase();
  } catch (error) {
    const { serverHolding } = await import('./remote.js');
    const server = serverHolding(error, command, scope);
    if (!server) throw error;
    console.error(`talkgraph: the embedded database is in use by ${server.label}; sending the work to it.`);
    return remote(server);
  }
  try {
    return await local(db);
  } finally {
    await db.close();
  }
}

/** A mutation's per-entity counts as the summary the local commands print. */
function summaryOf(counts: unknown): LoadSummary {
  const summary: Partial<LoadSummary> = {};
  for (const { entity, ...c } of counts as Array<{ entity: keyof LoadSummary; created: number; updated: number; unchanged: number; removed: number }>) summary[entity] = c;
  return summary as LoadSummary;
}

const countsSelection = 'counts { entity created updated unchanged removed }';

function addSummary(total: Partial<LoadSummary>, add: LoadSummary): void {
  for (const [entity, counts] of Object.entries(add) as Array<[keyof LoadSummary, LoadSummary[keyof LoadSummary]]>) {
    const sum = (total[entity] ??= { created: 0, updated: 0, unchanged: 0, removed: 0 });
    for (const key of ['created', 'updated', 'unchanged', 'removed'] as const) sum[key] += counts[key];
  }
}

export function formatSummary(summary: LoadSummary): string {
  const rows = Object.entries(summary).filter(([, c]) => c.created + c.updated + c.unchanged + c.removed > 0);
  if (rows.length === 0) return '  (nothing in the dataset)';
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows
    .map(
      ([name, c]) =>
        `  ${name.padEnd(width)}  ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.removed ? `, ${c.removed} removed` : ''}`,
    )
    .join('\n');
}

const commands: Record<string, Command> = {
  serve: {
    summary: 'serve the GraphQL API and GraphiQL (migrates, and seeds an empty graph, first)',
    usage: `talkgraph serve

Environment: PORT (default 4000), HOST (default 127.0.0.1), TALKGRAPH_TOKENS (API tokens,
"<name>:<scope>[+<scope>]:<secret>,..."; scopes read, write, admin), TALKGRAPH_OPEN_READS=off
(reads need a token too), TALKGRAPH_INTROSPECTION=off, TALKGRAPH_SEED=off (never seed).`,
    async run() {
      const { serve } = await import('./server.js');
      await serve();
    },
  },
  migrate: {
    summary: 'apply pending migrations from prisma/migrations',
    usage: 'talkgraph migrate',
    async run() {
      await withDatabase(async (db) => {
        const { migrate } = await import('./db/migrations.js');
        const applied = await migrate(db);
        console.log(
          applied.length > 0
            ? `Applied ${applied.length} migration(s) to ${db.label}:\n${applied.map((name) => `  ${name}`).join('\n')}`
            : `${db.label} is up to date; no migration to apply.`,
        );
      });
    },
  },
  migration: {
    summary: 'write a new migration from the changes in prisma/schema.prisma',
    usage: 'talkgraph migration --name <what_changed>',
    options: { name: { type: 'string', short: 'n' } },
    async run({ values }) {
      if (typeof values.name !== 'string') {
        throw new TalkgraphError('INVALID_INPUT', 'Give the migration a name: talkgraph migration --name add_talk_language');
      }
      const { createMigration } = await import('./db/migrations.js');
      const created = await createMigration(values.name);
      if (!created) {
        console.log('prisma/schema.prisma matches the migration history; no migration written.');
        return;
      }
      console.log(`Wrote ${created.path}:\n\n${created.sql}\n\nApply it with: npm run db:migrate`);
    },
  },
  status: {
    summary: 'say whether the database, the migration history and schema.prisma agree',
    usage: 'talkgraph status',
    async run() {
      await withDatabase(async (db) => {
        const { migrationStatus } = await import('./db/migrations.js');
        const status = await migrationStatus(db);
        const lines = [`${db.label}: ${status.migrations.length} migration(s) in prisma/migrations.`];
        if (status.pending.length) lines.push(`Not applied yet (run npm run db:migrate): ${status.pending.join(', ')}`);
        if (status.unknown.length) lines.push(`Applied to the database but missing from prisma/migrations: ${status.unknown.join(', ')}`);
        if (status.failed.length) lines.push(`Failed (fix the database by hand, then re-run): ${status.failed.join(', ')}`);
        if (status.edited.length) lines.push(`Edited after being applied (restore the original files): ${status.edited.join(', ')}`);
        if (status.unmigratedChanges) {
          lines.push('prisma/schema.prisma has changes no migration holds (run npm run db:migration -- --name <name>):');
          lines.push(status.unmigratedChanges);
        }
        if (status.upToDate) lines.push('Database, migration history and schema.prisma agree.');
        console.log(lines.join('\n'));
        if (!status.upToDate) process.exitCode = 1;
      });
    },
  },
  import: {
    summary: 'import schedules (talkgraph JSON, frab/Pentabarf XML, C3VOC JSON, Sched iCalendar and JSON lines, Sessionize, pretalx, CSV) into the graph',
    usage: `talkgraph import <file>... [--format talkgraph|frab-xml|c3voc-json|sched-ics|sched-jsonl|sessionize-json|pretalx-json|csv]
    [--time-zone <IANA zone>] [--conference <name>] [--columns <field>=<column>,...] [--separator <text>]

Each file is detected by its content and loaded in one transaction: a file with a bad record
writes nothing, and the error names the file, the record and the field. Files are imported in
the order given; the import stops at the first file that fails (the files before it stay
imported). Importing a file again changes nothing; a newer version of a schedule updates its
talks in place.

  --time-zone   the zone of local times in files that name none (Sched JSON lines,
                Sessionize and CSV need it when they have times), e.g. Europe/London
  --conference  the conference's name for files that do not name it (Sessionize, CSV, a pretalx
                talk list); for Sched JSON lines and pretalx it replaces the name read from the
                file. A name without a year gets the year of the file's first session, so
                --conference "DDD Melbourne" serves several editions at once
  --columns     CSV (and makes a file CSV): what each column holds, as <field>=<header> pairs:
                --columns "id=ID,title=Session,speakers=Presenters,organisation=Company,starts=Start"
                Fields: ${Object.keys(COLUMN_FIELDS).join(', ')}.
                Quote a header that contains a comma: abstract="Summary, long"
  --separator   CSV: what separates several speakers, organisations or topics in a cell (default ";")`,
    options: {
      format: { type: 'string', short: 'f' },
      'time-zone': { type: 'string' },
      conference: { type: 'string', short: 'c' },
      columns: { type: 'string' },
      separator: { type: 'string' },
    },
    allowPositionals: true,
    async run({ values, positionals }) {
      if (positionals.length === 0) throw new TalkgraphError('INVALID_INPUT', 'Name at least one file: talkgraph import <file>...');
      const format = values.format as string | undefined;
      if (format !== undefined && !(scheduleFormats as readonly string[]).includes(format)) {
        throw new TalkgraphError('INVALID_INPUT', `--format must be one of ${scheduleFormats.join(', ')} (got "${format}").`);
      }
      const { changedTalks, checkImportFile, importFile, readImportFile } = await import('./db/import.js');
      // Every path is checked before anything is imported, so a mistyped one does not leave the import half done.
      for (const file of positionals) await checkImportFile(file);
      const printTotal = (total: Partial<LoadSummary>, started: number) => {
        if (positionals.length > 1) {
          console.log(`All ${positionals.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s:\n${formatSummary(total as LoadSummary)}`);
        }
      };
      const remote = async (server: Server) => {
        const { runMutation } = await import('./remote.js');
        const started = performance.now();
        const total: Partial<LoadSummary> = {};
        for (const file of positionals) {
          const fileStarted = performance.now();
          const result = await runMutation(server, {
            command: 'import',
            scope: 'admin',
            field: 'importDataset',
            selection: `{ format skipped warnings ${countsSelection} }`,
            input: {
              content: await readImportFile(file),
              fileName: file,
              format: format?.replaceAll('-', '_'),
              timeZone: values['time-zone'],
              conference: values.conference,
              columns: values.columns,
              separator: values.separator,
            },
          });
          const summary = summaryOf(result.counts);
          addSummary(total, summary);
          const seconds = ((performance.now() - fileStarted) / 1000).toFixed(1);
          const skipped = result.skipped as number;
          console.log(`${file} (${String(result.format).replaceAll('_', '-')}, ${seconds} s${skipped ? `, ${skipped} non-talk entries skipped` : ''}):\n${formatSummary(summary)}`);
          for (const warning of result.warnings as string[]) console.log(`  warning: ${warning}`);
        }
        printTotal(total, started);
      };
      await withDatabaseOrServer('import', 'admin', async (db) => {
        const { migrate } = await import('./db/migrations.js');
        await migrate(db);
        const started = performance.now();
        const total: Partial<LoadSummary> = {};
        for (const [index, file] of positionals.entries()) {
          const fileStarted = performance.now();
          const progress = (step: string, counts: { created: number; updated: number; unchanged: number }) =>
            process.stderr.write(`\r  [${index + 1}/${positionals.length}] ${basename(file)}: ${step} (${counts.created + counts.updated + counts.unchanged})`.padEnd(72));
          const result = await importFile(db, file, {
            format: format as ScheduleFormat | undefined,
            timeZone: values['time-zone'] as string | undefined,
            conference: values.conference as string | undefined,
            columns: values.columns as string | undefined,
            separator: values.separator as string | undefined,
            onProgress: process.stderr.isTTY ? progress : undefined,
          });
          if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(80) + '\r');
          addSummary(total, result.summary);
          const seconds = ((performance.now() - fileStarted) / 1000).toFixed(1);
          console.log(`${file} (${result.format}, ${seconds} s${result.skipped ? `, ${result.skipped} non-talk entries skipped` : ''}):\n${formatSummary(result.summary)}`);
          for (const warning of result.warnings) console.log(`  warning: ${warning}`);
        }
        if (total.talks && changedTalks({ talks: total.talks })) await db.sql.run('ANALYZE', []);
        printTotal(total, started);
      }, remote);
    },
  },
  explain: {
    summary: 'run a query operation and show the SQL it ran: rows returned, time and table rows read per statement',
    usage: `talkgraph explain <file.graphql> [--variables '{"slug": "fosdem-2026"}'] [--operation <name>] [--quiet]

Runs the operation through the API in this process, on the configured database, and prints each
SQL statement the read path sent with its parameters, the rows it returned, its time and the table
rows it read inside the database (EXPLAIN ANALYZE, which runs it once more). The answer is printed
first unless --quiet. Queries only: mutations are refused. Over HTTP, an admin token and the header
"x-talkgraph-explain: statements" (or "analyze") put the same list in the response's extensions.sql.`,
    options: { variables: { type: 'string' }, operation: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' } },
    allowPositionals: true,
    async run({ values, positionals }) {
      if (positionals.length !== 1) throw new TalkgraphError('INVALID_INPUT', 'Name one file holding a GraphQL query: talkgraph explain <file.graphql>');
      let variables: Record<string, unknown> | undefined;
      try {
        variables = values.variables ? (JSON.parse(values.variables as string) as Record<string, unknown>) : undefined;
      } catch (error) {
        throw new TalkgraphError('INVALID_INPUT', `--variables must be a JSON object: ${(error as Error).message}`);
      }
      const source = readFileSync(positionals[0], 'utf8');
      await withDatabase(async (db) => {
        const { explainOperation, formatExplained } = await import('./explain.js');
        const { body, statements } = await explainOperation(db, source, { variables, operationName: values.operation as string | undefined });
        if (!values.quiet) console.log(JSON.stringify(body, null, 2), '\n');
        console.log(formatExplained(statements));
        if (body.errors?.length) process.exitCode = 1;
      });
    },
  },
  export: {
    summary: 'write the graph, or one conference, as talkgraph JSON',
    usage: 'talkgraph export [--conference <slug>] [--output <file>]    (default: standard output)',
    options: { conference: { type: 'string', short: 'c' }, output: { type: 'string', short: 'o' } },
    async run({ values }) {
      await withDatabase(async (db) => {
        const { exportDataset } = await import('./db/export-dataset.js');
        const data = await exportDataset(db.prisma, { conference: values.conference as string | undefined });
        const text = `${JSON.stringify(data, null, 2)}\n`;
        if (typeof values.output === 'string') {
          writeFileSync(values.output, text);
          console.error(`Wrote ${data.conferences.length} conference(s), ${data.conferences.reduce((n, c) => n + (c.talks?.length ?? 0), 0)} talks, ${data.people.length} people to ${values.output}`);
        } else {
          process.stdout.write(text);
        }
      });
    },
  },
  'ingest-article': {
    summary: 'read a recap article and propose the reactions it records, for review (writes nothing)',
    usage: `talkgraph ingest-article <file or http(s) URL> [--conference <slug>] [--published-on YYYY-MM-DD] [--url <url>] [--format text|markdown|html] [--json]

Reads plain text, Markdown or HTML (from the extension, else the content) and matches the talks
it speaks about against one conference's programme (--conference, else the one the text names).
Prints the proposal for a person to read, or with --json the proposal itself: edit it (set
"accepted", write each accepted item's "summary" in your own words) and apply it with
talkgraph apply-proposal.

An RSS 2.0 or Atom feed (by its Content-Type or its root element; --format reads it as one
article instead) gives one proposal per post, newest first, at most 50 a run, leaving out posts
whose URL or slug is already an article in the graph; with --json, an array of proposals.`,
    options: {
      conference: { type: 'string', short: 'c' },
      'published-on': { type: 'string' },
      url: { type: 'string' },
      format: { type: 'string', short: 'f' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    async run({ values, positionals }) {
      if (positionals.length !== 1) throw new TalkgraphError('INVALID_INPUT', 'Name one article file: talkgraph ingest-article <file>');
      const format = values.format as string | undefined;
      if (format !== undefined && !(articleFormats as readonly string[]).includes(format)) {
        throw new TalkgraphError('INVALID_INPUT', `--format must be one of ${articleFormats.join(', ')} (got "${format}").`);
      }
      const [file] = positionals;
      const { readArticleSource } = await import('./articles/ingest.js');
      const source = await readArticleSource(file);
      const feeds = await import('./articles/feed.js');
      if (format === undefined && feeds.isFeed(source)) {
        if (values.url !== undefined || values['published-on'] !== undefined) {
          throw new TalkgraphError('INVALID_INPUT', `${file} is a feed, and each of its posts gives its own URL and date: leave out --url and --published-on.`);
        }
        const feed = feeds.readFeed(source.content, file, source.url);
        const conference = values.conference as string | undefined;
        const run = await withDatabaseOrServer(
          'ingest-article',
          'write',
          (db) => feeds.proposeFeed(feed, feeds.databaseBackend(db.prisma), { conference }),
          (server) => feeds.proposeFeed(feed, feeds.serverBackend(server), { conference }),
        );
        if (values.json) {
          process.stdout.write(`${JSON.stringify(run.proposed.map((entry) => entry.proposal), null, 2)}\n`);
          console.error(feeds.summariseFeedRun(run));
        } else console.log(feeds.formatFeedRun(run));
        if (run.skipped.some((entry) => entry.reason === 'failed')) process.exitCode = 1;
        return;
      }
      const options = {
        fileName: source.fileName,
        format: (format ?? source.format) as ArticleFormat | undefined,
        conference: values.conference as string | undefined,
        publishedOn: values['published-on'] as string | undefined,
        url: (values.url as string | undefined) ?? source.url,
      };
      const proposal = await withDatabaseOrServer(
        'ingest-article',
        'write',
        async (db) => {
          const { ingestArticle } = await import('./articles/ingest.js');
          return ingestArticle(db.prisma, source.content, options);
        },
        async (server) => {
          const { runMutation } = await import('./remote.js');
          const result = await runMutation(server, {
            command: 'ingest-article',
            scope: 'write',
            field: 'proposeReactions',
            selection: '{ proposal { json } }',
            input: { text: source.content, format: options.format?.toUpperCase(), conference: options.conference, publishedOn: options.publishedOn, url: options.url },
          });
          return JSON.parse((result.proposal as { json: string }).json) as ArticleProposal;
        },
      );
      const { formatProposal } = await import('./articles/report.js');
      if (values.json) process.stdout.write(`${JSON.stringify(proposal, null, 2)}\n`);
      else console.log(formatProposal(proposal));
    },
  },
  'apply-proposal': {
    summary: 'write the accepted reactions of a reviewed proposal in one transaction; applying it again changes nothing',
    usage: `talkgraph apply-proposal <file>

The file is a proposal from talkgraph ingest-article --json. Every accepted item needs a reactor
and a summary; a proposal with a problem writes nothing, and the error names the item. A file
holding an array (from a feed) applies each proposal in its own transaction: one that is refused
writes nothing and is reported, the others are applied; one with no accepted item is left out.`,
    allowPositionals: true,
    async run({ positionals }) {
      if (positionals.length !== 1) throw new TalkgraphError('INVALID_INPUT', 'Name one proposal file: talkgraph apply-proposal <file>');
      const [file] = positionals;
      let proposal: unknown;
      try {
        proposal = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new TalkgraphError('INVALID_INPUT', `${file} is not JSON: ${(error as Error).message}`);
      }
      const applyOne = async (apply: (proposal: unknown) => Promise<ApplyResult>) => {
        if (!Array.isArray(proposal)) return apply(proposal);
        const { applyEach } = await import('./articles/feed.js');
        return applyEach(proposal, apply);
      };
      const result = await withDatabaseOrServer(
        'apply-proposal',
        'write',
        async (db) => {
          const { migrate } = await import('./db/migrations.js');
          const { applyProposal } = await import('./articles/apply.js');
          await migrate(db);
          return applyOne((one) => applyProposal(db.prisma, one));
        },
        async (server) => {
          const { runMutation } = await import('./remote.js');
          return applyOne(async (one) => {
            const applied = await runMutation(server, {
              command: 'apply-proposal',
              scope: 'write',
              field: 'applyProposal',
              selection: `{ applied skipped ${countsSelection} }`,
              input: { proposalJson: JSON.stringify(one) },
            });
            // The server has checked the proposal, so its article's slug is there.
            const article = String((one as { article: { slug: string } }).article.slug);
            return { article, applied: applied.applied as number, skipped: applied.skipped as number, summary: summaryOf(applied.counts) };
          });
        },
      );
      const report = (done: ApplyResult, what: string) =>
        `Applied ${done.applied} accepted item(s) of ${what} to the article "${done.article}"${done.skipped ? ` (${done.skipped} not accepted, left out)` : ''}:\n${formatSummary(done.summary)}`;
      if (!Array.isArray(result)) {
        console.log(report(result, file));
        return;
      }
      for (const outcome of result) {
        const what = `proposal [${outcome.index}] of ${file} ("${outcome.title}")`;
        if (outcome.result) console.log(report(outcome.result, what));
        else if (outcome.leftOut) console.log(`Left out ${what}: ${outcome.leftOut}.`);
        else console.error(`talkgraph: ${what} wrote nothing: ${outcome.error!.message}`);
      }
      const count = (pick: (outcome: EachOutcome<ApplyResult>) => unknown) => result.filter(pick).length;
      const failed = count((o) => o.error);
      console.log(`${result.length} proposal(s): ${count((o) => o.result)} applied, ${count((o) => o.leftOut)} left out, ${failed} refused.`);
      if (failed) {
        throw new TalkgraphError('INVALID_INPUT', `${failed} of the ${result.length} proposals in ${file} were refused and wrote nothing; fix them and apply the file again (the others change nothing the second time).`);
      }
    },
  },
  operations: {
    summary: 'print the manifest of the example operations (hash → document text), for clients that call them by hash',
    usage: `talkgraph operations [--out <file>]

Writes a JSON object of sha256 hash → document text for every file of schema/operations, the
format graphql-codegen's client preset writes for persisted documents. A client sends
{"documentId": "<hash>"} instead of the text. --out writes it to a file instead of standard output.`,
    options: { out: { type: 'string', short: 'o' } },
    async run({ values }) {
      const { builtInManifest } = await import('./trusted-documents.js');
      const text = `${JSON.stringify(builtInManifest(), null, 2)}\n`;
      if (typeof values.out === 'string') {
        writeFileSync(values.out, text);
        console.log(`Wrote ${Object.keys(JSON.parse(text)).length} trusted documents to ${values.out}`);
      } else process.stdout.write(text);
    },
  },
  merge: {
    summary: 'merge two people or two organisations into one, keeping every talk, reaction, role and article',
    usage: `talkgraph merge person <keep-slug> <remove-slug>
talkgraph merge organisation <keep-slug> <remove-slug>

Moves every edge of the second onto the first in one transaction (an edge both had is kept once),
fills in what the first lacks, and keeps the second's name and slug as an alias, so imports that
meet it again find the first. talkgraph duplicates lists likely pairs.`,
    allowPositionals: true,
    async run({ positionals }) {
      const [kind, keep, remove] = positionals;
      if (positionals.length !== 3 || (kind !== 'person' && kind !== 'organisation')) {
        throw new TalkgraphError('INVALID_INPUT', 'Give what to merge and two slugs: talkgraph merge person|organisation <keep-slug> <remove-slug>');
      }
      await withDatabase(async (db) => {
        const { migrate } = await import('./db/migrations.js');
        const { mergeOrganisations, mergePeople } = await import('./db/identity.js');
        const { writeTransaction } = await import('./db/write-transaction.js');
        await migrate(db);
        const merge = kind === 'person' ? mergePeople : mergeOrganisations;
        const result = await writeTransaction(db, (tx) => merge(tx, keep, remove));
        console.log(
          `Merged ${kind} "${remove}" into "${keep}": ${result.moved} edge(s) moved, ${result.duplicatesDropped} duplicate(s) dropped; "${remove}" is now an alias of "${keep}".`,
        );
      });
    },
  },
  duplicates: {
    summary: 'list likely duplicate people and organisations (similar names, shared talks and organisations) to review before merging',
    usage: `talkgraph duplicates [--kind person|organisation] [--first <n>] [--json]

Pairs with similar names (trigram similarity), best first, with what they share. Nothing is
changed: apply a pair you agree with by talkgraph merge.`,
    options: { kind: { type: 'string' }, first: { type: 'string' }, json: { type: 'boolean' } },
    async run({ values }) {
      const kinds = values.kind === undefined ? (['PERSON', 'ORGANISATION'] as const) : values.kind === 'person' ? (['PERSON'] as const) : values.kind === 'organisation' ? (['ORGANISATION'] as const) : null;
      if (!kinds) throw new TalkgraphError('INVALID_INPUT', `--kind must be person or organisation (got "${String(values.kind)}").`);
      const first = values.first === undefined ? 50 : Number(values.first);
      if (!Number.isInteger(first) || first < 1) throw new TalkgraphError('INVALID_INPUT', `--first must be a whole number of at least 1 (got "${String(values.first)}").`);
      await withDatabase(async (db) => {
        const { migrate } = await import('./db/migrations.js');
        const { duplicatesStatement } = await import('./read/duplicates.js');
        await migrate(db);
        const all: Record<string, unknown[]> = {};
        for (const kind of kinds) {
          const rows = await db.sql.query<import('./read/duplicates.js').DuplicateRow>(duplicatesStatement(kind, first));
          all[kind] = rows;
          if (values.json) continue;
          console.log(`${kind === 'PERSON' ? 'People' : 'Organisations'}: ${rows.length} candidate pair(s)`);
          for (const row of rows) {
            const shared = [
              row.sharedTalks && `${row.sharedTalks} shared talk(s)`,
              row.sharedConferences && `${row.sharedConferences} shared conference(s)`,
              row.sharedOrganisations && `${row.sharedOrganisations} shared organisation(s)`,
              row.sharedPeople && `${row.sharedPeople} shared people`,
            ].filter(Boolean);
            console.log(
              `  ${row.score.toFixed(2)}  ${row.firstName} (${row.firstSlug}, ${row.firstTalks} talks) ~ ${row.secondName} (${row.secondSlug}, ${row.secondTalks} talks): name similarity ${row.similarity.toFixed(2)}${shared.length ? `, ${shared.join(', ')}` : ''}`,
            );
          }
        }
        if (values.json) console.log(JSON.stringify(all, null, 2));
      });
    },
  },
  seed: {
    summary: 'load the seed knowledge (prisma/seed/talkgraph.seed.json); running it again changes nothing',
    usage: 'talkgraph seed',
    async run() {
      await withDatabase(async (db) => {
        const { migrate } = await import('./db/migrations.js');
        const { seed } = await import('./db/seed.js');
        await migrate(db);
        const summary = await seed(db.prisma);
        console.log(`Seeded ${db.label}:\n${formatSummary(summary)}`);
      });
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'talkgraph: a GraphQL knowledge graph of conferences, talks and people',
    '',
    'Usage: talkgraph <command> [options]    (talkgraph <command> --help for details)',
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    databaseHelp,
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return;
  }
  const command = commands[name];
  if (!command) {
    throw new TalkgraphError('INVALID_INPUT', `Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.`);
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
  if (values.help) {
    console.log(`${command.usage}\n\n${command.summary}.\n\n${databaseHelp}`);
    return;
  }
  await command.run({ values, positionals });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const explained = explainFailure(error);
  if (explained) console.error(`talkgraph: ${explained}`);
  else console.error('talkgraph: unexpected failure:', error);
  process.exitCode = process.exitCode || 1;
});
