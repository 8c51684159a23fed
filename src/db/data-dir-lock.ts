// One process at a time per embedded data folder. PGlite is PostgreSQL in single-user mode: two
// processes on one folder each keep their own buffers and write over each other's pages, which
// lost rows and broke indexes in practice (a server and an import side by side). PostgreSQL guards
// its data directory with postmaster.pid; PGlite has no such guard, so talkgraph keeps its own
// lock file in the folder, naming the process that holds it.
import { closeSync, openSync, readFileSync, realpathSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { UnavailableError } from '../errors.js';

export const lockFileName = 'talkgraph.lock';

/** What the lock file says about the process that holds the folder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command line, e.g. "talkgraph serve". */
  command: string;
  since: string;
  /** Where a server holding the folder answers, so others can send it their writes. */
  url?: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Adds facts to the lock file (a server's URL once it listens). */
  describe(facts: Pick<LockHolder, 'url'>): void;
  release(): void;
}

/** Folders this process holds, by real path: a second open in the same process is refused too. */
const heldHere = new Map<string, LockHolder>();

function commandLine(): string {
  const [, script, ...args] = process.argv;
  const name = script ? basename(script).replace(/\.(mjs|js|ts)$/, '') : 'node';
  return [name, ...args].join(' ').slice(0, 200);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A holder that can no longer be running: a process of this machine that has ended (a crash,
 * kill -9), or this very pid when this process does not hold it (a container restarted with the
 * same pid). A holder on another machine (a shared volume) is never presumed gone.
 */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return true;
  return !isAlive(holder.pid);
}

export function describeHolder(holder: LockHolder): string {
  const facts = [`process ${holder.pid}`, holder.host !== hostname() ? `on ${holder.host}` : '', `"${holder.command}"`, holder.url ? `serving ${holder.url}` : '', `since ${holder.since}`];
  return facts.filter(Boolean).join(' ');
}

export class DataDirInUseError extends UnavailableError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${holder ? describeHolder(holder) : 'another process'}. ` +
        'Only one process may open it at a time. Stop that process first' +
        (holder?.url ? `, or send the change to it (an import goes through the importDataset mutation at ${holder.url}, with an admin token)` : '') +
        `; to serve and import at the same time, use a PostgreSQL server (DATABASE_URL). If no such process runs, delete ${join(dataDir, lockFileName)}.`,
    );
  }
}

/** Takes the folder's lock or throws DataDirInUseError naming the holder. `dataDir` must exist. */
export function lockDataDir(dataDir: string): DataDirLock {
  const real = realpathSync(dataDir);
  const path = join(real, lockFileName);
  const here = heldHere.get(real);
  if (here) throw new DataDirInUseError(dataDir, here);
  const holder: LockHolder = { pid: process.pid, host: hostname(), command: commandLine(), since: new Date().toISOString() };
  // Two tries: the second follows the removal of a stale lock. Should two processes remove the
  // same stale lock at once, only one of them creates the new file (O_EXCL); the other fails.
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, JSON.stringify(holder));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(path);
      if (attempt > 0 || !current || !isStale(current)) throw new DataDirInUseError(dataDir, current);
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; the next try settles who gets it.
      }
    }
  }
  heldHere.set(real, holder);
  const releaseAtExit = () => release();
  process.once('exit', releaseAtExit);
  let released = false;
  function release() {
    if (released) return;
    released = true;
    heldHere.delete(real);
    process.removeListener('exit', releaseAtExit);
    // Only remove our own lock: after a forced takeover the file may name someone else.
    if (readHolder(path)?.pid === holder.pid) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  }
  return {
    path,
    describe(facts) {
      Object.assign(holder, facts);
      try {
        writeFileSync(path, JSON.stringify(holder));
      } catch {
        // The lock still holds; only the description is missing.
      }
    },
    release,
  };
}
