// One process at a time per embedded data folder. PGlite is PostgreSQL in single-user mode: two
// processes on one folder each keep their own buffers and write over each other's pages, which
// lost rows and broke indexes in practice (a server and an import side by side). PostgreSQL guards
// its data directory with postmaster.pid; PGlite has no such guard, so talkgraph keeps its own
// lock file in the folder, naming the process that holds it.
//
// A pid alone does not say whether its process runs: after kill -9 the process stays a zombie, and
// `kill(pid, 0)` finds it, until its parent reaps it, which a supervisor may do late or never.
// Node has no flock(), so the holder also listens on a Unix domain socket in the folder, named in
// the lock file. The kernel closes a process's sockets as it dies, before any reaping, so a
// newcomer whose connection is refused knows the holder is gone and takes the folder over; a live
// holder answers with its description. The socket's name is the holder's own (its pid and a random
// part), so a socket left by an earlier holder is never mistaken for the current one's. Where there
// is no socket (a path too long for one, Windows, a holder that has not listened yet), the pid
// decides, as before.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, realpathSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { UnavailableError } from '../errors.js';

export const lockFileName = 'talkgraph.lock';

/** The holder's socket: talkgraph.lock.<pid>.<random>.sock, beside the lock file. */
export const lockSocketPattern = /^talkgraph\.lock\.\d+\.[0-9a-f]+\.sock$/;

/** Longest socket path every platform with Unix sockets accepts (sun_path is 104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 103;

/** How long a newcomer waits for a live holder to describe itself on its socket. */
const DESCRIBE_TIMEOUT_MS = 1000;

/** What the lock file says about the process that holds the folder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command line, e.g. "talkgraph serve". */
  command: string;
  since: string;
  /** Where a server holding the folder answers, so others can send it their writes. */
  url?: string;
  /** The file name of the socket the holder listens on in the folder, when it has one. */
  socket?: string;
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

/** What the holder's socket says: it answered (with its description, when it gave one in time), it is gone, or nothing is known. */
type Probe = { state: 'alive'; holder?: LockHolder } | { state: 'dead' } | { state: 'unknown' };

function probeSocket(path: string): Promise<Probe> {
  return new Promise((resolve) => {
    let answer = '';
    let connected = false;
    const socket = connect(path);
    const finish = (probe: Probe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const described = (): Probe => {
      try {
        const holder = JSON.parse(answer) as LockHolder;
        return typeof holder.pid === 'number' ? { state: 'alive', holder } : { state: 'alive' };
      } catch {
        return { state: 'alive' };
      }
    };
    // A connection made is a holder alive, even one too busy to answer in time.
    const timer = setTimeout(() => finish(connected ? described() : { state: 'alive' }), DESCRIBE_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => (connected = true));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => finish(described()));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected) finish(described());
      // Refused: the file is there and nobody listens, so its process has died.
      else finish(error.code === 'ECONNREFUSED' ? { state: 'dead' } : { state: 'unknown' });
    });
  });
}

/**
 * Whether the holder still runs, and its own description when it gave one. A holder on another
 * machine (a shared volume) is never presumed gone. On this machine its socket decides; without
 * one, a holder is gone when its pid has ended, or is this very pid while this process does not
 * hold the folder (a container restarted with the same pid).
 */
async function holderState(folder: string, holder: LockHolder): Promise<Probe> {
  if (holder.host !== hostname()) return { state: 'alive' };
  if (holder.socket && lockSocketPattern.test(holder.socket)) {
    const probe = await probeSocket(join(folder, holder.socket));
    if (probe.state !== 'unknown') return probe;
  }
  if (holder.pid === process.pid) return { state: 'dead' };
  return isAlive(holder.pid) ? { state: 'alive' } : { state: 'dead' };
}

/** Listens on the holder's socket and answers each connection with the holder's description; null when it cannot. */
function listenAsHolder(path: string, holder: LockHolder): Promise<Server | null> {
  if (process.platform === 'win32' || Buffer.byteLength(path) > MAX_SOCKET_PATH) return Promise.resolve(null);
  return new Promise((resolve) => {
    const server = createServer((socket) => {
      socket.unref();
      socket.on('error', () => socket.destroy());
      socket.end(JSON.stringify(holder));
    });
    server.once('error', () => resolve(null));
    server.listen(path, () => {
      // The lock must not keep a process alive that is otherwise done.
      server.unref();
      resolve(server);
    });
  });
}

const removeFile = (path: string) => {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
};

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
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const real = realpathSync(dataDir);
  const path = join(real, lockFileName);
  const here = heldHere.get(real);
  if (here) throw new DataDirInUseError(dataDir, here);
  const socketName = `${lockFileName}.${process.pid}.${randomBytes(4).toString('hex')}.sock`;
  const socketPath = join(real, socketName);
  const holder: LockHolder = { pid: process.pid, host: hostname(), command: commandLine(), since: new Date().toISOString(), socket: socketName };
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
      const probe = current && attempt === 0 ? await holderState(real, current) : undefined;
      if (!current || probe?.state !== 'dead') throw new DataDirInUseError(dataDir, probe?.state === 'alive' && probe.holder ? probe.holder : current);
      if (current.socket && lockSocketPattern.test(current.socket)) removeFile(join(real, current.socket));
      // Someone else may have removed it first; the next try settles who gets it.
      removeFile(path);
    }
  }
  heldHere.set(real, holder);
  // Between the lock file and the socket, a newcomer finds no socket and asks about the pid: this one.
  const server = await listenAsHolder(socketPath, holder);
  const releaseAtExit = () => release();
  process.once('exit', releaseAtExit);
  let released = false;
  function writeDescription() {
    try {
      writeFileSync(path, JSON.stringify(holder));
    } catch {
      // The lock still holds; only the description is missing.
    }
  }
  if (!server) {
    delete holder.socket;
    writeDescription();
  }
  function release() {
    if (released) return;
    released = true;
    heldHere.delete(real);
    process.removeListener('exit', releaseAtExit);
    if (server) {
      server.close();
      removeFile(socketPath);
    }
    // Only remove our own lock: after a forced takeover the file may name someone else.
    if (readHolder(path)?.pid === holder.pid) removeFile(path);
  }
  return {
    path,
    describe(facts) {
      Object.assign(holder, facts);
      writeDescription();
    },
    release,
  };
}
