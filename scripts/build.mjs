// Compiles src/ to dist/ with esbuild: types stripped file by file, nothing bundled, so dist/
// mirrors src/ and every path a module resolves from import.meta.dirname stays right. The
// talkgraph command runs dist/ with plain Node: compiling TypeScript at each start through a
// loader cost two seconds and tens of megabytes of a server's memory.
//
// `node scripts/build.mjs` builds; bin/talkgraph.mjs calls ensureBuilt(), which rebuilds only when
// a source file is newer than the last build, so edits need no build step of their own.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src');
const outDir = join(root, 'dist');
const stamp = join(outDir, '.built');

function sources(dir = sourceDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export async function build() {
  // Imported here: a start that finds dist/ up to date should not carry esbuild in its memory.
  const { buildSync } = await import('esbuild');
  const files = sources();
  // Built beside dist/ and swapped in, so a process that is running from dist/ never sees half of it.
  const fresh = `${outDir}.${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  buildSync({
    entryPoints: files,
    outdir: fresh,
    outbase: sourceDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  mkdirSync(fresh, { recursive: true });
  writeFileSync(join(fresh, '.built'), `${files.length} files\n`);
  const old = `${outDir}.old.${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(fresh, outDir);
  rmSync(old, { recursive: true, force: true });
  return files.length;
}

const lockFile = join(root, '.dist.lock');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `work` while holding .dist.lock, so processes started together build once, not all at once. */
async function whileLocked(work) {
  for (const started = Date.now(); ; sleep(50)) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      // A lock older than a minute belongs to a build that died.
      if (existsSync(lockFile) && Date.now() - statSync(lockFile).mtimeMs > 60_000) unlinkSync(lockFile);
      if (Date.now() - started > 120_000) throw new Error(`Waited two minutes for ${lockFile}; remove it if no build is running.`);
    }
  }
  try {
    return await work();
  } finally {
    unlinkSync(lockFile);
  }
}

/** Rebuilds dist/ when it is missing or older than any file under src/. */
export async function ensureBuilt() {
  const fresh = () => existsSync(stamp) && !sources().some((file) => statSync(file).mtimeMs > statSync(stamp).mtimeMs);
  if (fresh()) return false;
  return whileLocked(async () => {
    if (fresh()) return false; // another process built it while this one waited
    await build();
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const count = await build();
  console.log(`Compiled ${count} files from ${relative(root, sourceDir)}/ to ${relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms`);
}
