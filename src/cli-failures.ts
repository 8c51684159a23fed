// What the talkgraph command prints when a command fails for a reason the user can fix: one line
// that says what is wrong and what to do. Only a failure this cannot explain gets a stack trace,
// since that one is a bug to report.
import { TalkgraphError } from './errors.js';
import { isConnectionLost } from './db/connection-errors.js';

const fileProblems: Record<string, string> = {
  ENOENT: 'there is no such file or folder; check the path',
  EISDIR: 'it is a folder; name a file in it (a shell pattern such as folder/*.xml names them all)',
  ENOTDIR: 'a part of the path is not a folder; check the path',
  EACCES: 'permission denied; check who may read or write it',
  EPERM: 'the operation is not permitted; check who may read or write it',
  ELOOP: 'the path loops through symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open at once; raise the limit (ulimit -n) or name fewer files',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

/** The one line to print for `error`, or undefined when it is unexpected. */
export function explainFailure(error: unknown): string | undefined {
  if (error instanceof TalkgraphError) return error.message;
  const { code, path, syscall } = (error ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return (error as Error).message;
  if (typeof code === 'string' && fileProblems[code] && typeof syscall === 'string') {
    const action = syscall === 'open' || syscall === 'read' || syscall === 'scandir' ? 'cannot read' : 'cannot use';
    // Reading a folder fails in read(), after open() succeeded, and Node does not name the path then.
    return `${action} ${typeof path === 'string' ? path : 'the file'}: ${fileProblems[code]}.`;
  }
  if (isConnectionLost(error)) {
    return 'the connection to the database was lost during the command; check that the database runs, then run the command again (each file is imported in one transaction, so nothing was half-written).';
  }
  return undefined;
}
